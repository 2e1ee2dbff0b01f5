package dev.alerting.promql.notation;

import dev.alerting.model.sample.CounterResetHint;
import dev.alerting.model.sample.FloatHistogram;
import dev.alerting.model.sample.FloatHistogramBuilder;
import dev.alerting.model.sample.HistogramSpan;
import dev.alerting.promql.syntax.ParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads one native histogram written in Prometheus's test notation, the inside of {@code {{...}}}:
 * {@code schema}, {@code sum}, {@code count}, {@code z_bucket}, {@code z_bucket_w}, {@code
 * buckets}/{@code offset}, {@code n_buckets}/{@code n_offset}, {@code custom_values} and {@code
 * counter_reset_hint}. Each side's buckets become one span from its offset, as upstream's parser
 * builds them; empty braces are the empty histogram of schema 0.
 */
public final class HistogramLiteral {
  private HistogramLiteral() {}

  /** Parses the text between {@code {{} and {@code }}}; {@code position} is for errors. */
  public static FloatHistogram parse(String body, int position) {
    FloatHistogramBuilder b = FloatHistogram.builder();
    double[] positive = null;
    double[] negative = null;
    int offset = 0;
    int negativeOffset = 0;
    Set<String> seen = new HashSet<>();
    int i = 0;
    while (i < body.length()) {
      if (Character.isWhitespace(body.charAt(i))) {
        i++;
        continue;
      }
      int colon = body.indexOf(':', i);
      if (colon < 0) {
        throw new ParseException("histogram field without ':' in {{" + body + "}}", position);
      }
      String key = body.substring(i, colon).strip();
      if (!seen.add(key)) {
        throw new ParseException("duplicate histogram field " + key, position);
      }
      int valueStart = colon + 1;
      int valueEnd;
      String value;
      if (valueStart < body.length() && body.charAt(valueStart) == '[') {
        valueEnd = body.indexOf(']', valueStart);
        if (valueEnd < 0) {
          throw new ParseException("unclosed '[' in histogram field " + key, position);
        }
        value = body.substring(valueStart + 1, valueEnd);
        valueEnd++;
      } else {
        valueEnd = valueStart;
        while (valueEnd < body.length() && !Character.isWhitespace(body.charAt(valueEnd))) {
          valueEnd++;
        }
        value = body.substring(valueStart, valueEnd);
      }
      i = valueEnd;
      switch (key) {
        case "schema" -> b.schema((int) integer(value, position));
        case "sum" -> b.sum(number(value, position));
        case "count" -> b.count(number(value, position));
        case "z_bucket" -> b.zeroCount(number(value, position));
        case "z_bucket_w" -> b.zeroThreshold(number(value, position));
        case "buckets" -> positive = list(value, position);
        case "n_buckets" -> negative = list(value, position);
        case "offset" -> offset = (int) integer(value, position);
        case "n_offset" -> negativeOffset = (int) integer(value, position);
        case "custom_values" -> b.customValues(list(value, position));
        case "counter_reset_hint" -> b.counterResetHint(hint(value, position));
        default -> throw new ParseException("unknown histogram field " + key, position);
      }
    }
    if (positive != null && positive.length > 0) {
      b.positive(List.of(new HistogramSpan(offset, positive.length)), positive);
    }
    if (negative != null && negative.length > 0) {
      b.negative(List.of(new HistogramSpan(negativeOffset, negative.length)), negative);
    }
    try {
      return b.build();
    } catch (IllegalArgumentException e) {
      throw new ParseException(e.getMessage(), position);
    }
  }

  private static CounterResetHint hint(String value, int position) {
    try {
      return CounterResetHint.fromNotation(value);
    } catch (IllegalArgumentException e) {
      throw new ParseException(e.getMessage(), position);
    }
  }

  private static double[] list(String value, int position) {
    List<Double> out = new ArrayList<>();
    for (String item : value.strip().split("\\s+")) {
      if (!item.isEmpty()) {
        out.add(number(item, position));
      }
    }
    double[] a = new double[out.size()];
    for (int i = 0; i < a.length; i++) {
      a[i] = out.get(i);
    }
    return a;
  }

  private static long integer(String value, int position) {
    try {
      return Long.parseLong(value.startsWith("+") ? value.substring(1) : value);
    } catch (NumberFormatException e) {
      throw new ParseException("invalid integer \"" + value + "\" in a histogram", position);
    }
  }

  private static double number(String value, int position) {
    String l = value.toLowerCase();
    String unsigned = l.startsWith("+") || l.startsWith("-") ? l.substring(1) : l;
    double sign = l.startsWith("-") ? -1 : 1;
    if (unsigned.equals("inf")) {
      return sign * Double.POSITIVE_INFINITY;
    }
    if (unsigned.equals("nan")) {
      return Double.NaN;
    }
    try {
      return Double.parseDouble(value);
    } catch (NumberFormatException e) {
      throw new ParseException("invalid number \"" + value + "\" in a histogram", position);
    }
  }
}
