package dev.alerting.notify.silence;

import dev.alerting.model.Labels;
import dev.alerting.model.Matcher;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The silences by id, indexed so that an alert is checked only against silences that can match it:
 * a silence with an equality matcher on a non-empty value can only match alerts carrying exactly
 * that label value, so it is filed under that pair; the rest (only regex or negative matchers) are
 * checked against every alert.
 */
final class SilenceIndex {
  private final Map<String, Silence> byId = new LinkedHashMap<>();
  private final Map<String, Map<String, Silence>> byLabel = new HashMap<>();
  private final Map<String, Silence> unindexed = new LinkedHashMap<>();

  Silence get(String id) {
    return byId.get(id);
  }

  Collection<Silence> all() {
    return byId.values();
  }

  int size() {
    return byId.size();
  }

  void put(Silence s) {
    remove(s.id());
    byId.put(s.id(), s);
    String key = indexKey(s);
    if (key == null) {
      unindexed.put(s.id(), s);
    } else {
      byLabel.computeIfAbsent(key, k -> new LinkedHashMap<>()).put(s.id(), s);
    }
  }

  void remove(String id) {
    Silence old = byId.remove(id);
    if (old == null) {
      return;
    }
    String key = indexKey(old);
    if (key == null) {
      unindexed.remove(id);
    } else {
      Map<String, Silence> bucket = byLabel.get(key);
      bucket.remove(id);
      if (bucket.isEmpty()) {
        byLabel.remove(key);
      }
    }
  }

  /** Ids of the silences muting now and matching the labels, in the order they were added. */
  List<String> matching(Labels labels, Predicate<Silence> mutingNow) {
    List<String> out = new ArrayList<>(0);
    for (Map.Entry<String, String> l : labels.asMap().entrySet()) {
      Map<String, Silence> bucket = byLabel.get(key(l.getKey(), l.getValue()));
      if (bucket != null) {
        collect(bucket.values(), labels, mutingNow, out);
      }
    }
    collect(unindexed.values(), labels, mutingNow, out);
    return out;
  }

  private static void collect(
      Collection<Silence> candidates,
      Labels labels,
      Predicate<Silence> mutingNow,
      List<String> out) {
    for (Silence s : candidates) {
      if (s.matches(labels) && mutingNow.test(s)) {
        out.add(s.id());
      }
    }
  }

  private static String indexKey(Silence s) {
    for (Matcher m : s.matchers()) {
      if (m.type() == Matcher.Type.EQ && !m.value().isEmpty()) {
        return key(m.name(), m.value());
      }
    }
    return null;
  }

  private static String key(String name, String value) {
    return name + '\u0000' + value;
  }
}
