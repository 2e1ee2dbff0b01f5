package dev.alerting.incident.lifecycle;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.RandomAccess;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An incident's alerts: an immutable list that finds an alert by fingerprint without a scan. An
 * alert storm puts thousands of alerts in one incident and every event looks its alert up and
 * replaces or appends it (issue 13: those scans were half the incident service's CPU per event with
 * 10 000 alerts). The lists derived from one another by {@link #with} share one index of first
 * positions, which only grows: a fingerprint it lacks is in none of them, and a position it gives
 * is checked against the list (two lists derived from one older list may disagree; a scan settles
 * that rare case).
 */
final class AlertList extends AbstractList<IncidentAlert> implements RandomAccess {
  // Small lists are scanned: an index per single-alert incident would cost more than it saves.
  private static final int INDEXED_FROM = 16;
  private static final AlertList EMPTY = new AlertList(new IncidentAlert[0], null);

  private final IncidentAlert[] items;
  private final Map<String, Integer> index;

  private AlertList(IncidentAlert[] items, Map<String, Integer> index) {
    this.items = items;
    this.index = index;
  }

  /** {@code alerts} as an alert list (itself when it is one); nulls are refused. */
  static AlertList of(List<IncidentAlert> alerts) {
    if (alerts instanceof AlertList same) {
      return same;
    }
    if (alerts.isEmpty()) {
      return EMPTY;
    }
    IncidentAlert[] items = alerts.toArray(new IncidentAlert[0]);
    for (IncidentAlert a : items) {
      Objects.requireNonNull(a, "alert");
    }
    return new AlertList(items, items.length >= INDEXED_FROM ? indexOf(items) : null);
  }

  private static Map<String, Integer> indexOf(IncidentAlert[] items) {
    Map<String, Integer> index = new ConcurrentHashMap<>(items.length * 2);
    for (int k = 0; k < items.length; k++) {
      index.putIfAbsent(items[k].fingerprint(), k);
    }
    return index;
  }

  @Override
  public IncidentAlert get(int k) {
    return items[k];
  }

  @Override
  public int size() {
    return items.length;
  }

  /** The position of the first alert with {@code fingerprint}, or -1. */
  int find(String fingerprint) {
    if (index != null) {
      Integer at = index.get(fingerprint);
      if (at == null) {
        return -1;
      }
      if (at < items.length && items[at].fingerprint().equals(fingerprint)) {
        return at;
      }
    }
    for (int k = 0; k < items.length; k++) {
      if (items[k].fingerprint().equals(fingerprint)) {
        return k;
      }
    }
    return -1;
  }

  /** This list with {@code alert} replacing the one with its fingerprint, or appended. */
  AlertList with(IncidentAlert alert) {
    int at = find(alert.fingerprint());
    int size = at >= 0 ? items.length : items.length + 1;
    IncidentAlert[] next = Arrays.copyOf(items, size);
    next[at >= 0 ? at : items.length] = alert;
    if (index == null) {
      return new AlertList(next, size >= INDEXED_FROM ? indexOf(next) : null);
    }
    if (at < 0) {
      index.put(alert.fingerprint(), items.length);
    }
    return new AlertList(next, index);
  }
}
