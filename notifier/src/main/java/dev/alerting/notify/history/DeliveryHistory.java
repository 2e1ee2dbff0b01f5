package dev.alerting.notify.history;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Predicate;

/**
 * The most recent deliveries, newest first, bounded so a storm cannot grow it: an operator's view
 * of "did my page go out", not an audit log (the dead letters keep what failed).
 */
public final class DeliveryHistory {
  private final int capacity;
  private final Deque<DeliveryRecord> records = new ArrayDeque<>();

  public DeliveryHistory(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1");
    }
    this.capacity = capacity;
  }

  public synchronized void add(DeliveryRecord r) {
    records.addFirst(r);
    while (records.size() > capacity) {
      records.removeLast();
    }
  }

  /** Newest first, at most {@code limit}, those matching {@code filter}. */
  public synchronized List<DeliveryRecord> recent(Predicate<DeliveryRecord> filter, int limit) {
    List<DeliveryRecord> out = new ArrayList<>();
    for (DeliveryRecord r : records) {
      if (out.size() >= limit) {
        break;
      }
      if (filter.test(r)) {
        out.add(r);
      }
    }
    return out;
  }
}
