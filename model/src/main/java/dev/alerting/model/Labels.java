package dev.alerting.model;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * An immutable, name-sorted label set. The metric name, when present, is the label {@code
 * __name__}, as in Prometheus.
 *
 * <p>{@link #fingerprint()} is the 64-bit FNV-1a hash Prometheus and Alertmanager use for label
 * sets, so our alert fingerprints equal Alertmanager's for the same labels.
 */
public final class Labels {
  public static final String METRIC_NAME = "__name__";
  public static final String ALERT_NAME = "alertname";

  private static final Pattern METRIC_NAME_RE = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
  private static final Pattern LABEL_NAME_RE = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
  private static final Labels EMPTY = new Labels(new TreeMap<>());
  private static final long FNV_OFFSET = 0xcbf29ce484222325L;
  private static final long FNV_PRIME = 0x100000001b3L;
  private static final byte SEPARATOR = (byte) 0xff;

  private final SortedMap<String, String> map;
  private long fingerprint;
  private boolean hashed;

  private Labels(SortedMap<String, String> map) {
    this.map = Collections.unmodifiableSortedMap(map);
  }

  public static Labels empty() {
    return EMPTY;
  }

  /** Copies the map; empty values are dropped, as Prometheus treats them as absent labels. */
  public static Labels of(Map<String, String> labels) {
    TreeMap<String, String> copy = new TreeMap<>();
    labels.forEach(
        (k, v) -> {
          Objects.requireNonNull(k, "label name");
          if (v != null && !v.isEmpty()) {
            copy.put(k, v);
          }
        });
    return copy.isEmpty() ? EMPTY : new Labels(copy);
  }

  /** Name/value pairs, e.g. {@code Labels.of("job", "api", "env", "prod")}. */
  public static Labels of(String... nameValuePairs) {
    if (nameValuePairs.length % 2 != 0) {
      throw new IllegalArgumentException("labels need name/value pairs");
    }
    TreeMap<String, String> m = new TreeMap<>();
    for (int i = 0; i < nameValuePairs.length; i += 2) {
      m.put(nameValuePairs[i], nameValuePairs[i + 1]);
    }
    return of(m);
  }

  public static boolean isValidMetricName(String name) {
    return name != null && METRIC_NAME_RE.matcher(name).matches();
  }

  /**
   * A label name users may set: the Prometheus syntax, and not reserved ({@code __} prefix is
   * reserved for internal use, {@code __name__} excepted).
   */
  public static boolean isValidLabelName(String name) {
    return name != null
        && LABEL_NAME_RE.matcher(name).matches()
        && (!name.startsWith("__") || name.equals(METRIC_NAME));
  }

  public String get(String name) {
    return map.get(name);
  }

  /** The value, or "" when absent: Prometheus semantics for a missing label. */
  public String getOrEmpty(String name) {
    return map.getOrDefault(name, "");
  }

  public String metricName() {
    return map.get(METRIC_NAME);
  }

  public boolean has(String name) {
    return map.containsKey(name);
  }

  public int size() {
    return map.size();
  }

  public boolean isEmpty() {
    return map.isEmpty();
  }

  public SortedMap<String, String> asMap() {
    return map;
  }

  public Labels with(String name, String value) {
    TreeMap<String, String> m = new TreeMap<>(map);
    if (value == null || value.isEmpty()) {
      m.remove(name);
    } else {
      m.put(name, value);
    }
    return m.isEmpty() ? EMPTY : new Labels(m);
  }

  public Labels without(String name) {
    if (!map.containsKey(name)) {
      return this;
    }
    TreeMap<String, String> m = new TreeMap<>(map);
    m.remove(name);
    return m.isEmpty() ? EMPTY : new Labels(m);
  }

  /** Labels of {@code other} override ours. */
  public Labels merge(Labels other) {
    if (other.isEmpty()) {
      return this;
    }
    TreeMap<String, String> m = new TreeMap<>(map);
    m.putAll(other.map);
    return new Labels(m);
  }

  /** FNV-1a 64 over sorted name, 0xff, value, 0xff — Prometheus's {@code LabelSet.Fingerprint}. */
  public long fingerprint() {
    if (!hashed) {
      long h = FNV_OFFSET;
      for (Map.Entry<String, String> e : map.entrySet()) {
        h = add(h, e.getKey());
        h = addByte(h, SEPARATOR);
        h = add(h, e.getValue());
        h = addByte(h, SEPARATOR);
      }
      fingerprint = h;
      hashed = true;
    }
    return fingerprint;
  }

  /** The fingerprint as 16 lower-case hex digits, as Alertmanager prints it. */
  public String fingerprintHex() {
    // String.format showed up in ingest profiles: it is called once per sample
    String hex = Long.toHexString(fingerprint());
    return "0".repeat(16 - hex.length()) + hex;
  }

  /** Hashes the UTF-8 bytes of {@code s}; ASCII (nearly every label) without encoding it first. */
  private static long add(long h, String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= 0x80) {
        // i is a character boundary, so the rest encodes to exactly the remaining UTF-8 bytes
        for (byte b : s.substring(i).getBytes(StandardCharsets.UTF_8)) {
          h = addByte(h, b);
        }
        return h;
      }
      h = addByte(h, (byte) c);
    }
    return h;
  }

  private static long addByte(long h, byte b) {
    return (h ^ (b & 0xff)) * FNV_PRIME;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof Labels other)
        || map.size() != other.map.size()
        || fingerprint() != other.fingerprint()) {
      return false;
    }
    // both maps are sorted by name: compare pairwise instead of one lookup per entry
    Iterator<Map.Entry<String, String>> mine = map.entrySet().iterator();
    Iterator<Map.Entry<String, String>> theirs = other.map.entrySet().iterator();
    while (mine.hasNext()) {
      Map.Entry<String, String> a = mine.next();
      Map.Entry<String, String> b = theirs.next();
      if (!a.getKey().equals(b.getKey()) || !a.getValue().equals(b.getValue())) {
        return false;
      }
    }
    return true;
  }

  @Override
  public int hashCode() {
    return Long.hashCode(fingerprint());
  }

  /** Prometheus notation: {@code name{a="1", b="2"}}. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    String name = metricName();
    if (name != null) {
      sb.append(name);
    }
    sb.append('{');
    boolean first = true;
    for (Map.Entry<String, String> e : map.entrySet()) {
      if (e.getKey().equals(METRIC_NAME)) {
        continue;
      }
      if (!first) {
        sb.append(", ");
      }
      first = false;
      sb.append(e.getKey()).append("=\"").append(escape(e.getValue())).append('"');
    }
    return sb.append('}').toString();
  }

  private static String escape(String v) {
    return v.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }
}
