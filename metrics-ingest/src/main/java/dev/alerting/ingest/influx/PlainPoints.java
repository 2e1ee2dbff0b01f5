package dev.alerting.ingest.influx;

import dev.alerting.ingest.sample.Batch;
import dev.alerting.ingest.sample.FormatException;
import dev.alerting.ingest.sample.LineCursor;
import dev.alerting.ingest.sample.PlainNumbers;
import dev.alerting.model.Labels;
import dev.alerting.platform.codec.LabelCache;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * The fast path of {@link LineProtocolParser} for one body: reads a plainly written point ({@code
 * measurement[,tag=value...] field=number[,field=number...] [timestamp]}, printable ASCII, no
 * escapes, no string fields) straight from the bytes. The label set of each field is looked up by
 * the bytes of {@code measurement,tags field} in a cache of checked label sets, so a series sent
 * again costs no strings or maps. Any other line is declined, and the careful reader reads it and
 * words its problems; nothing of a declined line is added.
 */
final class PlainPoints implements LineCursor.PlainLine {
  private final Batch batch;
  private final LabelCache series;
  private final Precision precision;

  /** Begin and end of each tag's key and value, then of each field's key, in the line. */
  private int[] tags = new int[32];

  private int[] fields = new int[8];
  private double[] values = new double[4];
  private Labels[] labels = new Labels[4];
  private byte[] key = new byte[256];

  PlainPoints(Batch batch, LabelCache series, Precision precision) {
    this.batch = batch;
    this.series = series;
    this.precision = precision;
  }

  @Override
  public boolean read(byte[] b, int begin, int end, int line) {
    if (begin == end) {
      return true; // an empty line: the careful reader reads nothing either
    }
    int p = begin;
    if (b[p] == '#') {
      return false; // a comment
    }
    while (p < end && printable(b[p]) && b[p] != ',') {
      p++;
    }
    int measurementEnd = p;
    if (measurementEnd == begin) {
      return false;
    }
    int tagCount = 0;
    while (p < end && b[p] == ',') {
      int keyFrom = ++p;
      while (p < end && printable(b[p]) && b[p] != ',' && b[p] != '=') {
        p++;
      }
      int keyTo = p;
      if (keyTo == keyFrom || p == end || b[p] != '=') {
        return false;
      }
      if (keyTo - keyFrom >= 2 && b[keyFrom] == '_' && b[keyFrom + 1] == '_') {
        return false; // reserved (and __name__ would be replaced): the careful reader decides
      }
      int valueFrom = ++p;
      while (p < end && printable(b[p]) && b[p] != ',') {
        p++;
      }
      if (p == valueFrom) {
        return false;
      }
      tagCount = span(tagCount, keyFrom, keyTo, valueFrom, p);
    }
    int seriesEnd = p;
    if (p == end || b[p] != ' ') {
      return false;
    }
    while (p < end && (b[p] == ' ' || b[p] == '\t')) {
      p++;
    }
    int fieldCount = 0;
    do {
      int keyFrom = p;
      while (p < end && printable(b[p]) && b[p] != ',' && b[p] != '=' && b[p] != '"') {
        p++;
      }
      if (p == keyFrom || p == end || b[p] != '=') {
        return false;
      }
      int keyTo = p;
      int valueFrom = ++p;
      while (p < end && b[p] != ',' && b[p] != ' ') {
        p++;
      }
      double v = value(b, valueFrom, p);
      if (Double.isNaN(v) || repeated(b, keyFrom, keyTo, fieldCount)) {
        return false; // a string, an exotic number, a repeated key: the careful reader's
      }
      fieldCount = field(fieldCount, keyFrom, keyTo, v);
    } while (p < end && b[p] == ',' && ++p > 0);
    long timestamp = batch.nowMillis();
    int blanks = p;
    while (p < end && (b[p] == ' ' || b[p] == '\t')) {
      p++;
    }
    if (p > blanks && p < end) {
      int tsFrom = p;
      while (p < end && b[p] != ' ' && b[p] != '\t') {
        p++;
      }
      long ts = PlainNumbers.integer(b, tsFrom, p, false);
      if (ts == PlainNumbers.NOT_PLAIN) {
        return false;
      }
      try {
        timestamp = precision.toMillis(ts);
      } catch (FormatException e) {
        return false;
      }
      while (p < end && (b[p] == ' ' || b[p] == '\t')) {
        p++;
      }
    }
    if (p < end) {
      return false;
    }
    for (int f = 0; f < fieldCount; f++) {
      labels[f] = labels(b, begin, measurementEnd, seriesEnd, tagCount, f);
      if (labels[f] == null) {
        return false;
      }
    }
    for (int f = 0; f < fieldCount; f++) {
      batch.add(line, labels[f], values[f], timestamp);
    }
    return true;
  }

  /**
   * The checked label set of field {@code f} of the series {@code b[begin, seriesEnd)}, or null.
   */
  private Labels labels(
      byte[] b, int begin, int measurementEnd, int seriesEnd, int tagCount, int f) {
    int keyFrom = fields[2 * f];
    int keyTo = fields[2 * f + 1];
    int n = seriesEnd - begin + 1 + keyTo - keyFrom;
    if (key.length < n) {
      key = new byte[Math.max(n, 2 * key.length)];
    }
    System.arraycopy(b, begin, key, 0, seriesEnd - begin);
    key[seriesEnd - begin] = ' '; // the series text has none: the key is unambiguous
    System.arraycopy(b, keyFrom, key, seriesEnd - begin + 1, keyTo - keyFrom);
    Labels cached = series.find(key, 0, n);
    if (cached != null) {
      return cached;
    }
    // built as the careful reader builds it, and checked by the same rules
    Map<String, String> tagMap = new TreeMap<>();
    for (int t = 0; t < tagCount; t++) {
      int s = 4 * t;
      String name = LineProtocolParser.sanitize(ascii(b, tags[s], tags[s + 1]), false);
      if (tagMap.put(name, ascii(b, tags[s + 2], tags[s + 3])) != null) {
        return null;
      }
    }
    String metric = LineProtocolParser.sanitize(ascii(b, begin, measurementEnd), true);
    String field = ascii(b, keyFrom, keyTo);
    Map<String, String> all = new TreeMap<>(tagMap);
    all.put(
        Labels.METRIC_NAME,
        field.equals("value") ? metric : metric + "_" + LineProtocolParser.sanitize(field, true));
    Labels checked = batch.checkedLabels(all);
    if (checked != null) {
      series.put(key, 0, n, checked);
    }
    return checked;
  }

  /**
   * A field value as the careful reader reads it, for the plain spellings: booleans, integers
   * ({@code i}), unsigned ({@code u}) and decimals without exponent; NaN for anything else.
   */
  private static double value(byte[] b, int from, int to) {
    int n = to - from;
    if (n == 0) {
      return Double.NaN;
    }
    byte last = b[to - 1];
    if (n <= 5 && "tTeEfF".indexOf(last) >= 0) {
      switch (ascii(b, from, to)) {
        case "t", "T", "true", "True", "TRUE":
          return 1.0;
        case "f", "F", "false", "False", "FALSE":
          return 0.0;
        default:
          break;
      }
    }
    if (last == 'i' || last == 'u') {
      if (last == 'u' && n > 1 && (b[from] == '-' || b[from] == '+')) {
        return Double.NaN;
      }
      long v = PlainNumbers.integer(b, from, to - 1, true);
      return v == PlainNumbers.NOT_PLAIN ? Double.NaN : (double) v;
    }
    return PlainNumbers.decimal(b, from, to);
  }

  private boolean repeated(byte[] b, int keyFrom, int keyTo, int fieldCount) {
    for (int f = 0; f < fieldCount; f++) {
      if (Arrays.equals(b, keyFrom, keyTo, b, fields[2 * f], fields[2 * f + 1])) {
        return true;
      }
    }
    return false;
  }

  private int span(int tag, int keyFrom, int keyTo, int valueFrom, int valueTo) {
    int s = 4 * tag;
    if (tags.length < s + 4) {
      tags = Arrays.copyOf(tags, 2 * tags.length);
    }
    tags[s] = keyFrom;
    tags[s + 1] = keyTo;
    tags[s + 2] = valueFrom;
    tags[s + 3] = valueTo;
    return tag + 1;
  }

  private int field(int f, int keyFrom, int keyTo, double value) {
    if (values.length <= f) {
      values = Arrays.copyOf(values, 2 * values.length);
      labels = Arrays.copyOf(labels, 2 * labels.length);
      fields = Arrays.copyOf(fields, 2 * fields.length);
    }
    fields[2 * f] = keyFrom;
    fields[2 * f + 1] = keyTo;
    values[f] = value;
    return f + 1;
  }

  /** What plain series text and keys are made of: printable ASCII but the escape character. */
  private static boolean printable(byte c) {
    return c > ' ' && c < 0x7f && c != '\\';
  }

  private static String ascii(byte[] b, int from, int to) {
    return new String(b, from, to - from, StandardCharsets.ISO_8859_1);
  }
}
