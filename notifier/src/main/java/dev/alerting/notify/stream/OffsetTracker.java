package dev.alerting.notify.stream;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * Which offsets of each partition may be committed: records finish out of order (one waits for a
 * group_interval, the next was a duplicate), so the committable position is just past the last
 * record of the finished prefix. Offsets are taken in the order they were read, never by
 * arithmetic, as compaction and transaction markers leave gaps.
 */
public final class OffsetTracker {
  private final Map<Integer, TreeMap<Long, Boolean>> partitions = new HashMap<>();
  private final Map<Integer, Long> committable = new HashMap<>();

  public void track(int partition, long offset) {
    partitions.computeIfAbsent(partition, p -> new TreeMap<>()).put(offset, false);
  }

  /** Marks a record finished; unknown ones (a partition since revoked) are ignored. */
  public void finish(int partition, long offset) {
    TreeMap<Long, Boolean> p = partitions.get(partition);
    if (p == null || !p.containsKey(offset)) {
      return;
    }
    p.put(offset, true);
    Iterator<Map.Entry<Long, Boolean>> it = p.entrySet().iterator();
    while (it.hasNext()) {
      Map.Entry<Long, Boolean> e = it.next();
      if (!e.getValue()) {
        break;
      }
      committable.put(partition, e.getKey() + 1);
      it.remove();
    }
  }

  /** The next offset to commit per partition that advanced since the last call. */
  public Map<Integer, Long> takeCommittable() {
    Map<Integer, Long> out = Map.copyOf(committable);
    committable.clear();
    return out;
  }

  /** Records read but not finished, over all partitions. */
  public int inFlight() {
    return partitions.values().stream().mapToInt(Map::size).sum();
  }

  /** Drops a partition after a rebalance took it away: its records are another consumer's now. */
  public void forget(int partition) {
    partitions.remove(partition);
    committable.remove(partition);
  }
}
