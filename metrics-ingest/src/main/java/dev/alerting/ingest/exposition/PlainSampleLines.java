package dev.alerting.ingest.exposition;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.alerting.ingest.sample.Batch;
import dev.alerting.ingest.sample.LineCursor;
import dev.alerting.ingest.sample.PlainNumbers;
import dev.alerting.model.Labels;
import dev.alerting.platform.codec.LabelCache;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The fast path of {@link TextParser} for one body: reads a plainly written sample line ({@code
 * name{label="value",...} value [timestamp]}, no blanks inside the braces, no escapes; label values
 * in any UTF-8) straight from the bytes. Its label set is looked up by the bytes of {@code
 * name{...}} in a cache of checked label sets, so a series sent again costs no strings or maps. Any
 * other line (a comment, an escape, an invalid label, a timestamp of 19 digits, ...) is declined,
 * and the careful reader reads it and words its problems.
 */
final class PlainSampleLines implements LineCursor.PlainLine {
  private final Batch batch;
  private final LabelCache series;
  private final Map<String, String> overrides;

  /** The overrides as bytes appended to every cache key; null when there are none. */
  private final byte[] overrideKey;

  /** Begin and end of each label's name and value in the line being read. */
  private int[] spans = new int[32];

  private byte[] key = new byte[256];

  PlainSampleLines(Batch batch, LabelCache series, Map<String, String> overrides) {
    this.batch = batch;
    this.series = series;
    this.overrides = overrides;
    this.overrideKey = overrides.isEmpty() ? null : overrideKey(overrides);
  }

  @Override
  public boolean read(byte[] b, int begin, int end, int line) {
    if (begin == end) {
      return true; // an empty line: the careful reader reads nothing either
    }
    int p = begin;
    if (!nameStart(b[p], true)) {
      return false; // a comment, a blank, a bad name
    }
    while (p < end && nameChar(b[p], true)) {
      p++;
    }
    int nameEnd = p;
    int labels = 0;
    if (p < end && b[p] == '{') {
      p++;
      while (true) {
        if (p == end) {
          return false;
        }
        if (b[p] == '}') {
          p++;
          break;
        }
        int nameFrom = p;
        if (!nameStart(b[p], false)) {
          return false;
        }
        while (p < end && nameChar(b[p], false)) {
          p++;
        }
        int nameTo = p;
        if (nameTo - nameFrom >= 2 && b[nameFrom] == '_' && b[nameFrom + 1] == '_') {
          return false; // reserved: the careful reader words why
        }
        if (end - p < 2 || b[p] != '=' || b[p + 1] != '"') {
          return false;
        }
        p += 2;
        int valueFrom = p;
        while (p < end && b[p] != '"') {
          if (b[p] == '\\') {
            return false;
          }
          p++;
        }
        if (p == end) {
          return false;
        }
        span(labels++, nameFrom, nameTo, valueFrom, p);
        p++;
        if (p < end && b[p] == ',') {
          p++;
        } else if (p == end || b[p] != '}') {
          return false;
        }
      }
    }
    int seriesEnd = p;
    if (p == end || !blank(b[p])) {
      return false;
    }
    p = skipBlanks(b, p, end);
    int valueFrom = p;
    p = skipToken(b, p, end);
    if (p == valueFrom) {
      return false;
    }
    double value = PlainNumbers.decimal(b, valueFrom, p);
    if (Double.isNaN(value)) {
      Double spelled =
          NumberSyntax.value(new String(b, valueFrom, p - valueFrom, StandardCharsets.ISO_8859_1));
      if (spelled == null) {
        return false;
      }
      value = spelled;
    }
    long timestamp = batch.nowMillis();
    p = skipBlanks(b, p, end);
    if (p < end) {
      int tsFrom = p;
      p = skipToken(b, p, end);
      timestamp = PlainNumbers.integer(b, tsFrom, p, false);
      if (timestamp == PlainNumbers.NOT_PLAIN) {
        return false;
      }
      p = skipBlanks(b, p, end);
      if (p < end) {
        return false;
      }
    }
    Labels checked = labels(b, begin, nameEnd, seriesEnd, labels);
    if (checked == null) {
      return false;
    }
    batch.add(line, checked, value, timestamp);
    return true;
  }

  /** The checked label set of the series {@code b[begin, seriesEnd)}; null if not valid. */
  private Labels labels(byte[] b, int begin, int nameEnd, int seriesEnd, int count) {
    byte[] k = b;
    int from = begin;
    int to = seriesEnd;
    if (overrideKey != null) {
      k = key(b, begin, seriesEnd);
      from = 0;
      to = seriesEnd - begin + overrideKey.length;
    }
    Labels cached = series.find(k, from, to);
    if (cached != null) {
      return cached;
    }
    // built as the careful reader builds it, and checked by the same rules
    Map<String, String> labels = new HashMap<>();
    labels.put(Labels.METRIC_NAME, ascii(b, begin, nameEnd));
    for (int i = 0; i < count; i++) {
      int s = 4 * i;
      String name = ascii(b, spans[s], spans[s + 1]);
      String value = new String(b, spans[s + 2], spans[s + 3] - spans[s + 2], UTF_8);
      if (labels.put(name, value) != null) {
        return null;
      }
    }
    labels.putAll(overrides);
    Labels checked = batch.checkedLabels(labels);
    if (checked != null) {
      series.put(k, from, to, checked);
    }
    return checked;
  }

  private byte[] key(byte[] b, int from, int to) {
    int n = to - from + overrideKey.length;
    if (key.length < n) {
      key = new byte[Math.max(n, 2 * key.length)];
    }
    System.arraycopy(b, from, key, 0, to - from);
    System.arraycopy(overrideKey, 0, key, to - from, overrideKey.length);
    return key;
  }

  private void span(int label, int nameFrom, int nameTo, int valueFrom, int valueTo) {
    int s = 4 * label;
    if (spans.length < s + 4) {
      spans = Arrays.copyOf(spans, 2 * spans.length);
    }
    spans[s] = nameFrom;
    spans[s + 1] = nameTo;
    spans[s + 2] = valueFrom;
    spans[s + 3] = valueTo;
  }

  /**
   * The overrides in a form no plain series text contains (it starts with a zero byte, and each
   * string is length-prefixed), so keys with and without overrides never meet.
   */
  private static byte[] overrideKey(Map<String, String> overrides) {
    StringBuilder sb = new StringBuilder().append('\0');
    new TreeMap<>(overrides)
        .forEach(
            (name, value) ->
                sb.append(name.length())
                    .append(':')
                    .append(name)
                    .append(value.length())
                    .append(':')
                    .append(value));
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  static String ascii(byte[] b, int from, int to) {
    return new String(b, from, to - from, StandardCharsets.ISO_8859_1);
  }

  static boolean blank(byte c) {
    return c == ' ' || c == '\t';
  }

  static int skipBlanks(byte[] b, int p, int end) {
    while (p < end && blank(b[p])) {
      p++;
    }
    return p;
  }

  static int skipToken(byte[] b, int p, int end) {
    while (p < end && !blank(b[p])) {
      p++;
    }
    return p;
  }

  /** {@code [a-zA-Z_]}, and ':' in a metric name. */
  static boolean nameStart(byte c, boolean metric) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || (metric && c == ':');
  }

  static boolean nameChar(byte c, boolean metric) {
    return nameStart(c, metric) || (c >= '0' && c <= '9');
  }
}
