package dev.alerting.model;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.BiConsumer;
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
  private static final Labels EMPTY = new Labels(new String[0]);
  private static final long FNV_OFFSET = 0xcbf29ce484222325L;
  private static final long FNV_PRIME = 0x100000001b3L;
  private static final byte SEPARATOR = (byte) 0xff;

  // Names and values alternating, sorted by name: a label set is this array and its hash, 24 bytes
  // with the object header (a TreeMap per series was most of the rule engine's memory per series;
  // the metric name and a "hashed" flag as fields cost 8 more per series held).
  private final String[] kv;
  // 0 until computed: a label set whose FNV hash is 0 recomputes it at each call, still correct.
  private long fingerprint;

  private Labels(String[] kv) {
    this.kv = kv;
  }

  private static Labels of(TreeMap<String, String> sorted) {
    if (sorted.isEmpty()) {
      return EMPTY;
    }
    String[] kv = new String[sorted.size() * 2];
    int i = 0;
    for (Map.Entry<String, String> e : sorted.entrySet()) {
      kv[i++] = e.getKey();
      kv[i++] = e.getValue();
    }
    return new Labels(kv);
  }

  /** The index of {@code name} in a sorted name/value array, or -1. */
  static int indexOf(String[] kv, String name) {
    int lo = 0;
    int hi = kv.length / 2 - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      int c = kv[2 * mid].compareTo(name);
      if (c < 0) {
        lo = mid + 1;
      } else if (c > 0) {
        hi = mid - 1;
      } else {
        return 2 * mid;
      }
    }
    return -1;
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
    return of(copy);
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
    return of((Map<String, String>) m);
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
    int i = indexOf(kv, name);
    return i < 0 ? null : kv[i + 1];
  }

  /** The value, or "" when absent: Prometheus semantics for a missing label. */
  public String getOrEmpty(String name) {
    String v = get(name);
    return v == null ? "" : v;
  }

  public String metricName() {
    // "__name__" sorts first unless a label name starts with an upper-case letter
    if (kv.length > 0 && METRIC_NAME.equals(kv[0])) {
      return kv[1];
    }
    return get(METRIC_NAME);
  }

  public boolean has(String name) {
    return indexOf(kv, name) >= 0;
  }

  public int size() {
    return kv.length / 2;
  }

  public boolean isEmpty() {
    return kv.length == 0;
  }

  /** The name of the {@code i}-th label in name order ({@code 0 <= i < size()}). */
  public String name(int i) {
    return kv[2 * i];
  }

  /** The value of the {@code i}-th label in name order ({@code 0 <= i < size()}). */
  public String value(int i) {
    return kv[2 * i + 1];
  }

  /**
   * Calls {@code action} with each name and value, sorted by name ({@code __name__} among them),
   * without the view and entries {@link #asMap()} allocates: for encoders on the ingest path.
   */
  public void forEach(BiConsumer<String, String> action) {
    for (int i = 0; i < kv.length; i += 2) {
      action.accept(kv[i], kv[i + 1]);
    }
  }

  /** A read-only sorted view (sub-maps are copies). */
  public SortedMap<String, String> asMap() {
    return new LabelsMap(kv);
  }

  public Labels with(String name, String value) {
    TreeMap<String, String> m = new TreeMap<>(asMap());
    if (value == null || value.isEmpty()) {
      m.remove(name);
    } else {
      m.put(name, value);
    }
    return of(m);
  }

  public Labels without(String name) {
    int i = indexOf(kv, name);
    if (i < 0) {
      return this;
    }
    if (kv.length == 2) {
      return EMPTY;
    }
    String[] out = new String[kv.length - 2];
    System.arraycopy(kv, 0, out, 0, i);
    System.arraycopy(kv, i + 2, out, i, kv.length - i - 2);
    return new Labels(out);
  }

  /** Labels of {@code other} override ours. */
  public Labels merge(Labels other) {
    if (other.isEmpty()) {
      return this;
    }
    TreeMap<String, String> m = new TreeMap<>(asMap());
    m.putAll(other.asMap());
    return of(m);
  }

  /** FNV-1a 64 over sorted name, 0xff, value, 0xff — Prometheus's {@code LabelSet.Fingerprint}. */
  public long fingerprint() {
    long h = fingerprint;
    if (h == 0) {
      h = FNV_OFFSET;
      for (String part : kv) {
        h = add(h, part);
        h = addByte(h, SEPARATOR);
      }
      fingerprint = h;
    }
    return h;
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
        || kv.length != other.kv.length
        || fingerprint() != other.fingerprint()) {
      return false;
    }
    for (int i = 0; i < kv.length; i++) {
      if (!kv[i].equals(other.kv[i])) {
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
    for (int i = 0; i < kv.length; i += 2) {
      if (kv[i].equals(METRIC_NAME)) {
        continue;
      }
      if (!first) {
        sb.append(", ");
      }
      first = false;
      sb.append(kv[i]).append("=\"").append(escape(kv[i + 1])).append('"');
    }
    return sb.append('}').toString();
  }

  private static String escape(String v) {
    return v.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }
}
