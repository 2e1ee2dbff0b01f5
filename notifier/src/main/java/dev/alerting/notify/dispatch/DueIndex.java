package dev.alerting.notify.dispatch;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.PriorityQueue;

/**
 * The aggregation groups ordered by when they are next due: a flush pass takes only the due ones
 * instead of scanning every group. Entries are never updated in place; a group whose due time
 * changed gets a fresh entry and its stale ones are dropped when they reach the head (an entry is
 * current while the group is still held, not sending, and still due at the entry's time).
 */
final class DueIndex {
  private record Entry(long at, long seq, AggregationGroup group) {}

  private final PriorityQueue<Entry> queue =
      new PriorityQueue<>(
          (a, b) -> a.at != b.at ? Long.compare(a.at, b.at) : Long.compare(a.seq, b.seq));
  private final Map<String, AggregationGroup> groups;
  private long seq;

  /** {@code groups} is the dispatcher's live map: a group no longer in it is never due. */
  DueIndex(Map<String, AggregationGroup> groups) {
    this.groups = groups;
  }

  /** Records the group's current due time, unless an entry for that time is queued already. */
  void schedule(AggregationGroup g) {
    if (g.sending() || g.scheduledAt() == g.nextFlushAt()) {
      return;
    }
    g.scheduledAt(g.nextFlushAt());
    queue.add(new Entry(g.nextFlushAt(), seq++, g));
  }

  /** Takes out every current entry due at or before {@code now}, earliest first. */
  List<AggregationGroup> takeDue(long now) {
    List<AggregationGroup> due = new ArrayList<>();
    while (!queue.isEmpty() && queue.peek().at <= now) {
      Entry e = queue.poll();
      if (current(e)) {
        e.group.scheduledAt(Long.MIN_VALUE);
        due.add(e.group);
      }
    }
    return due;
  }

  /** The earliest current due time, dropping stale entries on the way. */
  OptionalLong next() {
    while (!queue.isEmpty()) {
      Entry e = queue.peek();
      if (current(e)) {
        return OptionalLong.of(e.at);
      }
      queue.poll();
    }
    return OptionalLong.empty();
  }

  /** Forgets every entry and queues each held group afresh (after a reload or restore). */
  void rebuild() {
    queue.clear();
    for (AggregationGroup g : groups.values()) {
      g.scheduledAt(Long.MIN_VALUE);
      schedule(g);
    }
  }

  int size() {
    return queue.size();
  }

  private boolean current(Entry e) {
    AggregationGroup g = e.group;
    return !g.sending()
        && g.nextFlushAt() == e.at
        && g.scheduledAt() == e.at
        && groups.get(g.id()) == g;
  }
}
