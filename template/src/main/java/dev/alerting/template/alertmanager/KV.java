package dev.alerting.template.alertmanager;

import dev.alerting.template.GoMap;
import dev.alerting.template.GoType;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Alertmanager's {@code KV}: a {@code map[string]string} of labels or annotations with the methods
 * templates call ({@code .SortedPairs .Names .Values .Remove}). A missing key reads as "".
 */
@GoType("template.KV")
public final class KV implements GoMap {
  private final SortedMap<String, String> map;

  public KV(Map<String, String> map) {
    this.map = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(map));
  }

  @Override
  public SortedMap<String, String> entries() {
    return map;
  }

  /** The pairs sorted by name. */
  public Pairs sortedPairs() {
    List<Pair> pairs = new ArrayList<>(map.size());
    map.forEach((k, v) -> pairs.add(new Pair(k, v)));
    return new Pairs(pairs);
  }

  /** A copy without the given names. */
  public KV remove(List<String> keys) {
    Map<String, String> copy = new TreeMap<>(map);
    keys.forEach(copy::remove);
    return new KV(copy);
  }

  public StringSlice names() {
    return new StringSlice(new ArrayList<>(map.keySet()));
  }

  public StringSlice values() {
    Collection<String> v = map.values();
    return new StringSlice(new ArrayList<>(v));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof KV other && other.map.equals(map);
  }

  @Override
  public int hashCode() {
    return map.hashCode();
  }

  @Override
  public String toString() {
    return "KV" + map;
  }
}
