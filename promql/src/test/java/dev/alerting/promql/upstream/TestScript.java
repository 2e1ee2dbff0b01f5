package dev.alerting.promql.upstream;

import dev.alerting.model.Durations;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A promqltest file read into its commands, with the grammar of Prometheus's {@code
 * promql/promqltest}: {@code load <step>} blocks, {@code clear}, {@code eval[_fail|_warn|_info|
 * _ordered] instant [at <t>] <expr>} and {@code eval[_fail|_warn|_info] range from <t> to <t> step
 * <d> <expr>} followed by expected results and {@code expect ...} lines. A blank or comment line
 * ends a block, as upstream.
 */
record TestScript(List<Command> commands) {
  private static final Pattern LOAD = Pattern.compile("^load(?:_(with_nhcb))?\\s+(.+?)$");
  private static final Pattern INSTANT =
      Pattern.compile(
          "^eval(?:_(fail|warn|ordered|info))?\\s+instant\\s+(?:at\\s+(.+?))?\\s+(.+)$");
  private static final Pattern RANGE =
      Pattern.compile(
          "^eval(?:_(fail|warn|info))?\\s+range\\s+from\\s+(.+)\\s+to\\s+(.+)\\s+step\\s+(.+?)\\s+(.+)$");
  private static final Pattern EXPECT_RANGE =
      Pattern.compile("^expect range vector\\s+from\\s+(.+)\\s+to\\s+(.+)\\s+step\\s+(.+)$");
  private static final Pattern EXPECT =
      Pattern.compile(
          "^expect\\s+(ordered|fail|warn|no_warn|info|no_info)(?:\\s+(regex|msg):(.+))?$");

  /** One command of the file. */
  sealed interface Command permits Load, Clear, Eval {}

  /** Wipes the storage. */
  record Clear() implements Command {}

  /**
   * Series at {@code stepMillis} intervals from 0; {@code nhcb} also stores classic histograms as
   * native ones with custom buckets. {@code startTimestamps} is true when {@code @st} lines give
   * start timestamps, which we do not read.
   */
  record Load(long stepMillis, boolean nhcb, boolean startTimestamps, List<SeriesLine> series)
      implements Command {}

  /**
   * An evaluation and what it must give. For an instant eval {@code start == end}; {@code
   * rangeVector} holds the window of an {@code expect range vector} line.
   */
  record Eval(
      int line,
      String expr,
      boolean range,
      long start,
      long end,
      long step,
      boolean fail,
      boolean ordered,
      boolean annotationsExpected,
      OptionalDouble scalar,
      String string,
      Window rangeVector,
      List<SeriesLine> expected)
      implements Command {}

  /** The times of an expected range vector: {@code start + i * step} up to {@code end}. */
  record Window(long start, long end, long step) {}

  static TestScript parse(String text) {
    List<String> lines = new ArrayList<>();
    for (String l : text.split("\n", -1)) {
      String t = l.strip();
      lines.add(t.startsWith("#") ? "" : t);
    }
    List<Command> out = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String l = lines.get(i);
      if (l.isEmpty()) {
        continue;
      }
      String word = l.split("[\\t ]+", 2)[0].toLowerCase();
      int blockEnd = blockEnd(lines, i);
      List<String> body = lines.subList(i + 1, blockEnd);
      if (word.equals("clear")) {
        out.add(new Clear());
        continue;
      } else if (word.startsWith("load")) {
        out.add(load(l, body));
      } else if (word.startsWith("eval")) {
        out.add(eval(i + 1, l, body));
      } else {
        throw new IllegalArgumentException("line " + (i + 1) + ": invalid command " + l);
      }
      i = blockEnd - 1;
    }
    return new TestScript(out);
  }

  private static int blockEnd(List<String> lines, int i) {
    int j = i + 1;
    while (j < lines.size() && !lines.get(j).isEmpty()) {
      j++;
    }
    return j;
  }

  private static Load load(String head, List<String> body) {
    Matcher m = LOAD.matcher(head);
    if (!m.matches()) {
      throw new IllegalArgumentException("invalid load command " + head);
    }
    List<SeriesLine> series = new ArrayList<>();
    boolean startTimestamps = false;
    for (String l : body) {
      String first = l.split("[\\t ]+", 2)[0];
      if (first.endsWith("@st")) {
        startTimestamps = true;
      } else {
        series.add(SeriesLine.parse(l));
      }
    }
    return new Load(millis(m.group(2)), m.group(1) != null, startTimestamps, series);
  }

  private static Eval eval(int lineNo, String head, List<String> body) {
    Matcher instant = INSTANT.matcher(head);
    Matcher range = RANGE.matcher(head);
    boolean isInstant = instant.matches();
    if (!isInstant && !range.matches()) {
      throw new IllegalArgumentException("line " + lineNo + ": invalid eval command " + head);
    }
    String mod = isInstant ? instant.group(1) : range.group(1);
    String expr = isInstant ? instant.group(3) : range.group(5);
    long start = isInstant ? millis(instant.group(2)) : millis(range.group(2));
    long end = isInstant ? start : millis(range.group(3));
    long step = isInstant ? 0 : millis(range.group(4));
    boolean fail = "fail".equals(mod);
    boolean ordered = "ordered".equals(mod);
    boolean annotations = "warn".equals(mod) || "info".equals(mod);
    OptionalDouble scalar = OptionalDouble.empty();
    String string = null;
    Window window = null;
    List<SeriesLine> expected = new ArrayList<>();
    for (String l : body) {
      if (fail && l.startsWith("expected_fail_")) {
        break;
      }
      Matcher er = EXPECT_RANGE.matcher(l);
      Matcher ex = EXPECT.matcher(l);
      if (er.matches()) {
        window = new Window(millis(er.group(1)), millis(er.group(2)), millis(er.group(3)));
      } else if (l.startsWith("expect string")) {
        string = unquote(l.substring("expect string".length()).strip());
      } else if (ex.matches()) {
        switch (ex.group(1)) {
          case "fail" -> fail = true;
          case "ordered" -> ordered = true;
          case "warn", "info" -> annotations = true;
          default -> {
            // no_warn and no_info hold: our engine emits no annotations.
          }
        }
      } else if (number(l).isPresent()) {
        scalar = number(l);
      } else {
        expected.add(SeriesLine.parse(l));
      }
    }
    return new Eval(
        lineNo,
        expr,
        !isInstant,
        start,
        end,
        step,
        fail,
        ordered,
        annotations,
        scalar,
        string,
        window,
        expected);
  }

  /** A bare number line: the expected scalar. */
  private static OptionalDouble number(String l) {
    try {
      if (l.matches("[+-]?(?i)(inf|nan)")) {
        return OptionalDouble.of(
            l.equalsIgnoreCase("nan")
                ? Double.NaN
                : l.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY);
      }
      if (l.matches("[+-]?0[xX][0-9a-fA-F]+")) {
        return OptionalDouble.of(Long.decode(l));
      }
      return OptionalDouble.of(Double.parseDouble(l));
    } catch (NumberFormatException e) {
      return OptionalDouble.empty();
    }
  }

  /** A Go string literal as upstream's {@code expect string} takes it (no escapes needed here). */
  private static String unquote(String s) {
    if (s.length() < 2) {
      throw new IllegalArgumentException("expect string needs a quoted literal: " + s);
    }
    return s.substring(1, s.length() - 1);
  }

  /** A Prometheus duration as epoch milliseconds from 0; upstream test times are offsets. */
  static long millis(String duration) {
    String d = duration.strip();
    if (d.startsWith("-")) {
      return -Durations.parse(d.substring(1)).toMillis();
    }
    return Durations.parse(d).toMillis();
  }
}
