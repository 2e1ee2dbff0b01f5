package dev.alerting.ingest.influx;

import dev.alerting.ingest.sample.Batch;
import dev.alerting.ingest.sample.LineCursor;
import dev.alerting.ingest.sample.SampleLimits;
import dev.alerting.ingest.sample.Validation;
import dev.alerting.model.Labels;
import dev.alerting.platform.codec.LabelCache;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Reads Influx line protocol: {@code measurement[,tag=v...] field=v[,field=v...] [timestamp]}.
 * Field {@code value} becomes metric {@code measurement}, any other field {@code
 * measurement_field}; tags become labels. Floats, integers ({@code i}), unsigned ({@code u}) and
 * booleans (1/0) are samples; string fields cannot be, and are skipped and counted. Names are made
 * Prometheus-safe the way Telegraf's Prometheus output does: any other character becomes {@code _}.
 * Plainly written points are read straight from the bytes ({@link PlainPoints}); every other line
 * by the careful reader here.
 */
public final class LineProtocolParser {
  /** The {@link Validation.Valid#skipped()} kind of a string field. */
  public static final String SKIPPED_STRING_FIELD = "influx_string_field";

  private static final Pattern FLOAT =
      Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
  private static final Pattern INTEGER = Pattern.compile("[+-]?\\d+i");
  private static final Pattern UNSIGNED = Pattern.compile("\\d+u");
  private static final Pattern TIMESTAMP = Pattern.compile("-?\\d{1,19}");

  /**
   * How many checked label sets are kept (as the JSON path keeps); past it the cache starts over.
   */
  static final int CACHED_SERIES = 50_000;

  private final SampleLimits limits;
  private final LabelCache series = new LabelCache(CACHED_SERIES);

  public LineProtocolParser(SampleLimits limits) {
    this.limits = limits;
  }

  public Validation parse(byte[] body, Precision precision, long nowMillis) {
    Batch batch = new Batch(limits, "line", nowMillis, true);
    return LineCursor.eachLine(
        body,
        batch,
        new PlainPoints(batch, series, precision),
        (text, begin, end, line) -> new Line(text, begin, end).read(line, precision, batch));
  }

  /** The careful reader alone, on every line: what the plain path must agree with. */
  Validation parseCarefully(byte[] body, Precision precision, long nowMillis) {
    Batch batch = new Batch(limits, "line", nowMillis, true);
    return LineCursor.eachLine(
        body,
        batch,
        (text, begin, end, line) -> new Line(text, begin, end).read(line, precision, batch));
  }

  /**
   * Telegraf's rule: characters a Prometheus name cannot hold become '_'; a leading digit gets one.
   */
  static String sanitize(String name, boolean metric) {
    StringBuilder sb = new StringBuilder(name.length() + 1);
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean ok =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || c == '_'
              || (metric && c == ':');
      sb.append(ok ? c : '_');
    }
    if (sb.length() > 0 && Character.isDigit(sb.charAt(0))) {
      sb.insert(0, '_');
    }
    return sb.toString();
  }

  /** One line; positions in errors are 1-based columns. */
  private static final class Line extends LineCursor {
    Line(String s, int begin, int end) {
      super(s, begin, end);
    }

    void read(int line, Precision precision, Batch batch) {
      skipBlanks();
      if (pos == end || s.charAt(pos) == '#') {
        return; // blank line or comment
      }
      String measurement = escaped(", ", ", ");
      if (measurement.isEmpty()) {
        throw error("missing measurement");
      }
      Map<String, String> tags = new TreeMap<>();
      while (pos < end && s.charAt(pos) == ',') {
        pos++;
        tag(tags);
      }
      if (!skipBlanks() || pos == end) {
        throw error(
            "missing fields: expected a blank then field=value after the measurement and tags");
      }
      Map<String, Double> fields = new LinkedHashMap<>();
      int strings = 0;
      do {
        String key = escaped(",= ", ",= ");
        if (key.isEmpty()) {
          throw error("missing field key");
        }
        expect('=', "after field key \"" + key + "\"");
        Double value = fieldValue(key);
        if (value == null) {
          strings++;
        } else {
          fields.put(key, value);
        }
      } while (pos < end && s.charAt(pos) == ',' && ++pos > 0);
      long timestamp = batch.nowMillis();
      if (skipBlanks() && pos < end) {
        int from = pos;
        String token = token();
        if (!TIMESTAMP.matcher(token).matches()) {
          pos = from;
          throw error("timestamp \"" + cut(token) + "\" is not an integer");
        }
        try {
          timestamp = precision.toMillis(Long.parseLong(token));
        } catch (NumberFormatException e) {
          pos = from;
          throw error("timestamp " + token + " is out of range");
        }
        skipBlanks();
      }
      if (pos < end) {
        throw error("unexpected \"" + cut(s.substring(pos, end)) + "\" after the fields");
      }
      for (int i = 0; i < strings; i++) {
        batch.skip(SKIPPED_STRING_FIELD);
      }
      String metric = sanitize(measurement, true);
      for (Map.Entry<String, Double> f : fields.entrySet()) {
        Map<String, String> labels = new TreeMap<>(tags);
        String field = f.getKey();
        labels.put(
            Labels.METRIC_NAME,
            field.equals("value") ? metric : metric + "_" + sanitize(field, true));
        batch.add(line, labels, f.getValue(), timestamp);
      }
    }

    private void tag(Map<String, String> tags) {
      String key = escaped(",= ", ",= ");
      if (key.isEmpty()) {
        throw error("missing tag key");
      }
      expect('=', "after tag key \"" + key + "\"");
      String value = escaped(", ", ",= ");
      if (value.isEmpty()) {
        throw error("missing value of tag \"" + key + "\"");
      }
      String name = sanitize(key, false);
      if (tags.put(name, value) != null) {
        throw error("tag \"" + key + "\" appears more than once (as label " + name + ")");
      }
    }

    /** A field's value as a sample value; null for a string field, which has no sample. */
    private Double fieldValue(String key) {
      if (pos < end && s.charAt(pos) == '"') {
        skipString(key);
        return null;
      }
      int from = pos;
      String token = escapedToken();
      if (token.isEmpty()) {
        throw error("missing value of field \"" + key + "\"");
      }
      switch (token) {
        case "t", "T", "true", "True", "TRUE":
          return 1.0;
        case "f", "F", "false", "False", "FALSE":
          return 0.0;
        default:
          break;
      }
      try {
        if (INTEGER.matcher(token).matches()) {
          return (double) Long.parseLong(token.substring(0, token.length() - 1));
        }
        if (UNSIGNED.matcher(token).matches()) {
          return Double.parseDouble(token.substring(0, token.length() - 1));
        }
      } catch (NumberFormatException e) {
        pos = from;
        throw error("integer value " + token + " of field \"" + key + "\" is out of range");
      }
      if (FLOAT.matcher(token).matches()) {
        double v = Double.parseDouble(token);
        if (Double.isFinite(v)) {
          return v;
        }
      }
      pos = from;
      throw error(
          "value \""
              + cut(token)
              + "\" of field \""
              + key
              + "\" is not a float, integer (i), "
              + "unsigned (u), boolean or string");
    }

    private void skipString(String key) {
      int from = pos;
      pos++;
      while (pos < end) {
        char c = s.charAt(pos++);
        if (c == '\\' && pos < end) {
          pos++;
        } else if (c == '"') {
          return;
        }
      }
      pos = from;
      throw error("string value of field \"" + key + "\" is not closed with '\"'");
    }

    /**
     * Reads up to an unescaped character of {@code stops}; a backslash before a character of {@code
     * escapable} stands for that character, before anything else for itself.
     */
    private String escaped(String stops, String escapable) {
      StringBuilder sb = new StringBuilder();
      while (pos < end) {
        char c = s.charAt(pos);
        if (c == '\\'
            && pos + 1 < end
            && (escapable.indexOf(s.charAt(pos + 1)) >= 0 || s.charAt(pos + 1) == '\\')) {
          sb.append(s.charAt(pos + 1));
          pos += 2;
          continue;
        }
        if (stops.indexOf(c) >= 0) {
          break;
        }
        sb.append(c);
        pos++;
      }
      return sb.toString();
    }

    private String escapedToken() {
      return escaped(", ", "");
    }
  }

  private static String cut(String s) {
    return s.length() > 32 ? s.substring(0, 32) + "..." : s;
  }
}
