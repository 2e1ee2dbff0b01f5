package dev.alerting.notify.stream;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Alert events still held by aggregation groups, by ticket: an event's offset is finished only when
 * the last group holding it has settled it.
 */
final class HeldEvents {
  /** Where a held event was read. */
  record Event(int partition, long offset) {}

  private record Held(Event event, int groups) {}

  private final Map<Long, Held> held = new HashMap<>();
  private long nextTicket;

  /** A new ticket for the next event. */
  long ticket() {
    return nextTicket++;
  }

  /** {@code groups} (at least one) aggregation groups now hold the event under {@code ticket}. */
  void hold(long ticket, int partition, long offset, int groups) {
    held.put(ticket, new Held(new Event(partition, offset), groups));
  }

  /** One group settled {@code ticket}; the event when that was the last group holding it. */
  Event release(long ticket) {
    Held h = held.remove(ticket);
    if (h == null) {
      return null;
    }
    if (h.groups > 1) {
      held.put(ticket, new Held(h.event, h.groups - 1));
      return null;
    }
    return h.event;
  }

  /** Forgets the events of partitions now owned by another instance. */
  void forget(Set<Integer> partitions) {
    held.values().removeIf(h -> partitions.contains(h.event.partition()));
  }
}
