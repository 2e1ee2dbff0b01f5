package dev.alerting.promql.notation;

import dev.alerting.model.Labels;
import dev.alerting.model.Matcher;
import dev.alerting.model.sample.FloatHistogram;
import dev.alerting.model.sample.Sample;
import dev.alerting.promql.ast.Expr;
import dev.alerting.promql.ast.VectorSelector;
import dev.alerting.promql.histogram.HistogramArithmetic;
import dev.alerting.promql.syntax.ParseException;
import dev.alerting.promql.syntax.Parser;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * promtool's {@code input_series} notation: {@code series: 'up{job="a"}'} and {@code values: '0
 * 1+2x3 _ _x2 stale'}. Step {@code i} is at {@code start + i * interval}; {@code _} leaves a step
 * empty and {@code stale} writes a staleness marker. Native histograms are written {@code
 * {{schema:0 count:2 buckets:[1 1]}}} ({@link HistogramLiteral}), repeated with {@code {{...}}x3}
 * or grown with {@code {{a}}+{{b}}x3} (and {@code -}) as in Prometheus's test notation.
 */
public final class SeriesNotation {
  private SeriesNotation() {}

  /**
   * One expanded value at step index {@code index}: a float, or a native histogram when {@code
   * histogram} is not null (its {@code value} is then 0).
   */
  public record Step(int index, double value, FloatHistogram histogram) {
    public Step(int index, double value) {
      this(index, value, null);
    }

    public boolean isStale() {
      return histogram == null && Double.doubleToRawLongBits(value) == Sample.STALE_NAN_BITS;
    }

    public boolean isHistogram() {
      return histogram != null;
    }
  }

  /** Expands the values notation; errors carry the 0-based position of the offending item. */
  public static List<Step> parseValues(String text) {
    List<Step> out = new ArrayList<>();
    int index = 0;
    int pos = 0;
    while (pos < text.length()) {
      if (Character.isWhitespace(text.charAt(pos))) {
        pos++;
        continue;
      }
      int start = pos;
      while (pos < text.length() && !Character.isWhitespace(text.charAt(pos))) {
        if (text.startsWith("{{", pos)) {
          int close = text.indexOf("}}", pos);
          if (close < 0) {
            throw new ParseException("unclosed {{ in series values", pos);
          }
          pos = close + 2;
        } else {
          pos++;
        }
      }
      String item = text.substring(start, pos);
      index =
          item.startsWith("{{")
              ? histogramItem(item, start, index, out)
              : item(item, start, index, out);
    }
    return out;
  }

  private static int item(String item, int position, int index, List<Step> out) {
    if (item.equals("_")) {
      return index + 1;
    }
    if (item.equals("stale")) {
      out.add(new Step(index, Double.longBitsToDouble(Sample.STALE_NAN_BITS)));
      return index + 1;
    }
    // promtool reads "0x10" as 0 repeated 10 times, not as hex, so no hex numbers here.
    int x = item.lastIndexOf('x');
    if (x < 0) {
      out.add(new Step(index, number(item, position)));
      return index + 1;
    }
    int times = count(item.substring(x + 1), position + x + 1);
    String head = item.substring(0, x);
    if (head.equals("_")) {
      return index + times;
    }
    int op = operatorIndex(head);
    double value = number(op < 0 ? head : head.substring(0, op), position);
    double increment = op < 0 ? 0 : number(head.substring(op + 1), position + op + 1);
    if (op >= 0 && head.charAt(op) == '-') {
      increment = -increment;
    }
    out.add(new Step(index++, value));
    for (int i = 0; i < times; i++) {
      // Cumulative addition, as promtool does, so fractional increments round identically.
      value += increment;
      out.add(new Step(index++, value));
    }
    return index;
  }

  /** {@code {{a}}}, {@code {{a}}xN}, {@code {{a}}+{{b}}xN} or {@code {{a}}-{{b}}xN}. */
  private static int histogramItem(String item, int position, int index, List<Step> out) {
    int close = item.indexOf("}}");
    FloatHistogram base = HistogramLiteral.parse(item.substring(2, close), position);
    String rest = item.substring(close + 2);
    if (rest.isEmpty()) {
      out.add(new Step(index, 0, base));
      return index + 1;
    }
    FloatHistogram increment = null;
    double sign = 1;
    if (rest.startsWith("+{{") || rest.startsWith("-{{")) {
      sign = rest.charAt(0) == '-' ? -1 : 1;
      int end = rest.indexOf("}}");
      increment = HistogramLiteral.parse(rest.substring(3, end), position);
      rest = rest.substring(end + 2);
    }
    if (!rest.startsWith("x")) {
      throw new ParseException("invalid histogram series item \"" + item + "\"", position);
    }
    int times = count(rest.substring(1), position);
    FloatHistogram current = base;
    out.add(new Step(index++, 0, current));
    for (int i = 0; i < times; i++) {
      if (increment != null) {
        current =
            sign > 0
                ? HistogramArithmetic.add(current, increment)
                : HistogramArithmetic.subtract(current, increment);
      }
      out.add(new Step(index++, 0, current));
    }
    return index;
  }

  /** The + or - separating base from increment: not a leading sign and not an exponent sign. */
  private static int operatorIndex(String head) {
    for (int i = 1; i < head.length(); i++) {
      char c = head.charAt(i);
      char prev = head.charAt(i - 1);
      if ((c == '+' || c == '-') && prev != 'e' && prev != 'E') {
        return i;
      }
    }
    return -1;
  }

  private static int count(String s, int position) {
    try {
      int n = Integer.parseInt(s);
      if (n < 0) {
        throw new NumberFormatException();
      }
      return n;
    } catch (NumberFormatException e) {
      throw new ParseException("invalid repetition count \"" + s + "\" in series values", position);
    }
  }

  private static double number(String s, int position) {
    String l = s.toLowerCase();
    String unsigned = l.startsWith("+") || l.startsWith("-") ? l.substring(1) : l;
    double sign = l.startsWith("-") ? -1 : 1;
    try {
      if (unsigned.equals("inf")) {
        return sign * Double.POSITIVE_INFINITY;
      }
      if (unsigned.equals("nan")) {
        return Double.NaN;
      }
      if (!unsigned.matches("[0-9]*\\.?[0-9]*(e[+-]?[0-9]+)?")
          || unsigned.isEmpty()
          || unsigned.equals(".")) {
        throw new NumberFormatException();
      }
      return sign * Double.parseDouble(unsigned);
    } catch (NumberFormatException e) {
      throw new ParseException("invalid value \"" + s + "\" in series values", position);
    }
  }

  /**
   * Parses a series description such as {@code up{job="a"}} into its label set (equality matchers
   * only).
   */
  public static Labels parseLabels(String text) {
    String trimmed = text == null ? "" : text.trim();
    if (trimmed.isEmpty() || trimmed.replace(" ", "").equals("{}")) {
      return Labels.empty();
    }
    Expr e = Parser.parse(text);
    if (!(e instanceof VectorSelector vs) || vs.offsetMillis() != 0) {
      throw new ParseException(
          "series must be a metric name with optional {label=\"value\"} pairs", 0);
    }
    Map<String, String> labels = new TreeMap<>();
    for (Matcher m : vs.matchers()) {
      if (m.type() != Matcher.Type.EQ) {
        throw new ParseException(
            "series labels must use \"=\", got \"" + m.type().symbol() + "\"", 0);
      }
      labels.put(m.name(), m.value());
    }
    return Labels.of(labels);
  }
}
