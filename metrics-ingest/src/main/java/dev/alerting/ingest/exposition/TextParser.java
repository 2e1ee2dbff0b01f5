package dev.alerting.ingest.exposition;

import dev.alerting.ingest.sample.Batch;
import dev.alerting.ingest.sample.FormatException;
import dev.alerting.ingest.sample.LineCursor;
import dev.alerting.ingest.sample.SampleLimits;
import dev.alerting.ingest.sample.Validation;
import dev.alerting.model.Labels;
import dev.alerting.platform.codec.LabelCache;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Reads the Prometheus text exposition format 0.0.4: HELP/TYPE lines and comments, sample lines
 * with escaped label values, NaN and infinities, optional millisecond timestamps. Histograms and
 * summaries arrive as their plain {@code _bucket}/{@code _sum}/{@code _count}/quantile series.
 * Every bad line is reported with its 1-based number and column; nothing is kept unless all are
 * good. Plainly written sample lines are read straight from the bytes ({@link PlainSampleLines});
 * every other line by the careful reader here.
 */
public final class TextParser {
  private static final Set<String> TYPES =
      Set.of("counter", "gauge", "histogram", "summary", "untyped");

  /**
   * How many checked label sets are kept (as the JSON path keeps); past it the cache starts over.
   */
  static final int CACHED_SERIES = 50_000;

  private final SampleLimits limits;
  private final LabelCache series = new LabelCache(CACHED_SERIES);

  public TextParser(SampleLimits limits) {
    this.limits = limits;
  }

  /**
   * Parses {@code body}; {@code overrides} (Pushgateway grouping labels, {@code extra_label}
   * parameters) replace labels of the same name on every sample; samples without a timestamp get
   * {@code nowMillis}.
   */
  public Validation parse(byte[] body, Map<String, String> overrides, long nowMillis) {
    Batch batch = new Batch(limits, "line", nowMillis, false);
    return LineCursor.eachLine(
        body,
        batch,
        new PlainSampleLines(batch, series, overrides),
        (text, begin, end, line) -> new LineReader(text, begin, end).read(line, overrides, batch));
  }

  /** The careful reader alone, on every line: what the plain path must agree with. */
  Validation parseCarefully(byte[] body, Map<String, String> overrides, long nowMillis) {
    Batch batch = new Batch(limits, "line", nowMillis, false);
    return LineCursor.eachLine(
        body,
        batch,
        (text, begin, end, line) -> new LineReader(text, begin, end).read(line, overrides, batch));
  }

  /** One line of the body; positions in errors are 1-based columns. */
  private static final class LineReader extends LineCursor {
    LineReader(String s, int begin, int end) {
      super(s, begin, end);
    }

    void read(int line, Map<String, String> overrides, Batch batch) {
      skipBlanks();
      if (pos == end) {
        return;
      }
      if (s.charAt(pos) == '#') {
        comment();
        return;
      }
      Map<String, String> labels = new HashMap<>();
      String name = word(true);
      if (name.isEmpty()) {
        throw error("expected a metric name");
      }
      labels.put(Labels.METRIC_NAME, name);
      if (pos < end && s.charAt(pos) == '{') {
        pos++;
        labels(labels);
      }
      if (!skipBlanks()) {
        throw error(
            pos == end ? "expected a value after the metric" : "expected a blank before the value");
      }
      String valueToken = token();
      Double value = NumberSyntax.value(valueToken);
      if (value == null) {
        throw notANumber(valueToken);
      }
      long timestamp = batch.nowMillis();
      if (skipBlanks() && pos < end) {
        String tsToken = token();
        Long ts = NumberSyntax.timestamp(tsToken);
        if (ts == null) {
          throw error("timestamp " + quote(tsToken) + " is not an integer of epoch milliseconds");
        }
        timestamp = ts;
        skipBlanks();
      }
      if (pos < end) {
        throw error(
            "unexpected " + quote(s.substring(pos, Math.min(end, pos + 16))) + " after the sample");
      }
      labels.putAll(overrides);
      batch.add(line, labels, value, timestamp);
    }

    private void comment() {
      pos++;
      skipBlanks();
      String keyword = word(false);
      if (!keyword.equals("HELP") && !keyword.equals("TYPE")) {
        return; // an ordinary comment
      }
      if (!skipBlanks()) {
        return; // "# HELPER" or a bare "# TYPE": not a directive
      }
      String metric = word(true);
      if (!Labels.isValidMetricName(metric)) {
        throw error("# " + keyword + " needs a valid metric name, got " + quote(metric));
      }
      if (keyword.equals("TYPE")) {
        skipBlanks();
        int from = pos;
        String type = token();
        skipBlanks();
        if (!TYPES.contains(type) || pos < end) {
          pos = from;
          throw error(
              "# TYPE of "
                  + metric
                  + " must be one of counter, gauge, histogram, summary, untyped; got "
                  + quote(s.substring(from, end)));
        }
      }
    }

    private void labels(Map<String, String> labels) {
      while (true) {
        skipBlanks();
        if (pos < end && s.charAt(pos) == '}') {
          pos++;
          return;
        }
        String name = word(false);
        if (name.isEmpty()) {
          throw error("expected a label name or '}'");
        }
        if (name.equals(Labels.METRIC_NAME)) {
          throw error("label name __name__ is reserved; the metric name goes before '{'");
        }
        skipBlanks();
        expect('=', "after label name " + name);
        skipBlanks();
        expect('"', "to open the value of label " + name);
        String value = quoted(name);
        if (labels.put(name, value) != null) {
          throw error("label " + name + " appears more than once");
        }
        skipBlanks();
        if (pos < end && s.charAt(pos) == ',') {
          pos++;
        } else if (pos >= end || s.charAt(pos) != '}') {
          throw error("expected ',' or '}' after the value of label " + name);
        }
      }
    }

    private String quoted(String label) {
      StringBuilder sb = new StringBuilder();
      while (pos < end) {
        char c = s.charAt(pos++);
        if (c == '"') {
          return sb.toString();
        }
        if (c == '\\') {
          if (pos == end) {
            break;
          }
          char e = s.charAt(pos++);
          switch (e) {
            case '\\' -> sb.append('\\');
            case '"' -> sb.append('"');
            case 'n' -> sb.append('\n');
            default -> {
              pos -= 2;
              throw error(
                  "invalid escape \\"
                      + e
                      + " in the value of label "
                      + label
                      + " (only \\\\, \\\" and \\n are allowed)");
            }
          }
        } else {
          sb.append(c);
        }
      }
      throw error("the value of label " + label + " is not closed with '\"'");
    }

    /** A run of name characters; {@code metric} also allows ':'. */
    private String word(boolean metric) {
      int from = pos;
      while (pos < end) {
        char c = s.charAt(pos);
        boolean ok =
            (c >= 'a' && c <= 'z')
                || (c >= 'A' && c <= 'Z')
                || (c >= '0' && c <= '9')
                || c == '_'
                || (metric && c == ':');
        if (!ok) {
          break;
        }
        pos++;
      }
      return s.substring(from, pos);
    }

    private FormatException notANumber(String token) {
      return new FormatException(
          "value "
              + quote(token)
              + " is not a number at column "
              + (pos - begin - token.length() + 1));
    }
  }

  private static String quote(String s) {
    String cut = s.length() > 64 ? s.substring(0, 64) + "..." : s;
    return "\"" + cut.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
  }
}
