package dev.alerting.promql.upstream;

import dev.alerting.model.Labels;
import dev.alerting.promql.notation.SeriesNotation;
import dev.alerting.promql.syntax.ParseException;
import java.util.List;

/**
 * One series line of a promqltest file, {@code metric{a="b"} 1+1x3 _ stale}: in a {@code load}
 * block the samples to store, in an {@code eval} block the expected points. {@code histogram} is
 * true when the values hold a native histogram ({@code {{...}}}). {@code problem} says why our
 * notation reader could not read the line (e.g. quoted UTF-8 label names), null when it could.
 */
record SeriesLine(
    Labels labels, List<SeriesNotation.Step> steps, boolean histogram, String problem) {

  static SeriesLine parse(String line) {
    int end = descriptorEnd(line);
    Labels labels;
    try {
      labels = SeriesNotation.parseLabels(line.substring(0, end));
    } catch (ParseException e) {
      return new SeriesLine(Labels.empty(), List.of(), false, e.reason() + " in " + line);
    }
    String values = line.substring(end).trim();
    try {
      List<SeriesNotation.Step> steps = SeriesNotation.parseValues(values);
      return new SeriesLine(
          labels, steps, steps.stream().anyMatch(SeriesNotation.Step::isHistogram), null);
    } catch (ParseException e) {
      return new SeriesLine(labels, List.of(), false, e.reason() + " in " + line);
    }
  }

  /**
   * Where the series descriptor ends: the first blank outside braces and quotes, so label values
   * may hold blanks.
   */
  private static int descriptorEnd(String line) {
    int depth = 0;
    char quote = 0;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quote != 0) {
        if (c == '\\') {
          i++;
        } else if (c == quote) {
          quote = 0;
        }
      } else if (c == '"' || c == '\'' || c == '`') {
        quote = c;
      } else if (c == '{') {
        depth++;
      } else if (c == '}') {
        depth--;
      } else if (depth == 0 && Character.isWhitespace(c)) {
        return i;
      }
    }
    return line.length();
  }
}
