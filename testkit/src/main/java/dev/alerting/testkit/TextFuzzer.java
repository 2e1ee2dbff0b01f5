package dev.alerting.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Random and mutated text for parser fuzz tests: a quarter random tokens, a quarter random
 * characters, half mutations of a seed (character edits, and line edits that keep YAML-like files
 * almost valid: drop, repeat or re-indent a line, replace a value with an awkward one). Every input
 * must parse or fail with the parser's own error; anything else fails the run naming the input.
 *
 * <p>{@code -Dfuzz.rounds=N} sets the inputs per parser (the CI form is each test's default),
 * {@code -Dfuzz.seed=N} the random seed; README, "Fuzzing", has the 1 000 000-input command.
 */
public final class TextFuzzer {
  /** YAML syntax pieces (indentation, list items, flow collections, quotes, anchors, comments). */
  public static final List<String> YAML_SYNTAX =
      List.of("  ", "- ", ": ", "\n", "'", "\"", "{", "}", "[", "]", ",", "#", "&a ", "*a");

  /** {@link #YAML_SYNTAX} followed by a config format's own keys and values. */
  public static List<String> yamlTokens(String... own) {
    List<String> all = new java.util.ArrayList<>(YAML_SYNTAX);
    all.addAll(List.of(own));
    return List.copyOf(all);
  }

  /** Values that parsers of durations, numbers, lists and YAML tend to trip over. */
  public static final List<String> AWKWARD_VALUES =
      List.of(
          "",
          "~",
          "null",
          "-1",
          "0",
          "1e400",
          "-0s",
          "99999999999999999999h",
          "1y",
          "5m5m",
          "[]",
          "{}",
          "[a, b",
          "'unterminated",
          "\"\\u00\"",
          "&anchor x",
          "*anchor",
          "!!binary AAAA",
          "!!float .nan",
          "<<: {a: 1}",
          "|\n  multi\n  line",
          "\t",
          "é\u0000\ud83d\ude00",
          "a=\"b\"",
          "{a=~\"(\"}",
          "http://",
          "2026-13-45T25:61",
          "Mars/Olympus");

  private final String what;
  private final List<String> seeds;
  private final List<String> tokens;
  private final Random random;

  public TextFuzzer(String what, List<String> seeds, List<String> tokens) {
    if (seeds.isEmpty() || tokens.isEmpty()) {
      throw new IllegalArgumentException("a fuzzer needs seeds and tokens");
    }
    this.what = what;
    this.seeds = List.copyOf(seeds);
    this.tokens = List.copyOf(tokens);
    this.random = new Random(Long.getLong("fuzz.seed", 20_261_203L) ^ what.hashCode());
  }

  /** {@code -Dfuzz.rounds}, or {@code ciDefault} when unset. */
  public static int rounds(int ciDefault) {
    return Integer.getInteger("fuzz.rounds", ciDefault);
  }

  /** What one run did: inputs tried, how many the parser accepted, and how fast. */
  public record Result(String what, int inputs, int accepted, long nanos) {
    public double perSecond() {
      return inputs * 1e9 / Math.max(1, nanos);
    }

    @Override
    public String toString() {
      return String.format(
          "FUZZ %s: %d inputs, %d accepted, %d rejected, %.0f inputs/s",
          what, inputs, accepted, inputs - accepted, perSecond());
    }
  }

  /**
   * Feeds {@code rounds} inputs to {@code parse}. An exception {@code rejection} accepts is the
   * parser's own verdict; any other throwable (a 500 at the API, a dead event loop, a stack
   * overflow) throws an {@link AssertionError} that quotes the input.
   */
  public Result run(int rounds, Consumer<String> parse, Predicate<Throwable> rejection) {
    long start = System.nanoTime();
    int accepted = 0;
    for (int i = 0; i < rounds; i++) {
      String input = next(i);
      try {
        parse.accept(input);
        accepted++;
      } catch (RuntimeException | StackOverflowError e) {
        if (!rejection.test(e)) {
          throw new AssertionError(
              what + " input " + i + " threw " + e + "; input:\n" + input + "\n(end of input)", e);
        }
      }
    }
    Result r = new Result(what, rounds, accepted, System.nanoTime() - start);
    System.out.println(r);
    return r;
  }

  String next(int i) {
    return switch (i % 4) {
      case 0 -> randomTokens();
      case 1 -> randomChars();
      default -> mutate(seeds.get(random.nextInt(seeds.size())));
    };
  }

  private String randomTokens() {
    StringBuilder sb = new StringBuilder();
    int n = random.nextInt(60);
    for (int k = 0; k < n; k++) {
      sb.append(tokens.get(random.nextInt(tokens.size())));
    }
    return sb.toString();
  }

  private String randomChars() {
    StringBuilder sb = new StringBuilder();
    int n = random.nextInt(160);
    for (int k = 0; k < n; k++) {
      sb.append((char) (random.nextInt(3) == 0 ? random.nextInt(0x3000) : 32 + random.nextInt(95)));
      if (random.nextInt(12) == 0) {
        sb.append('\n').append("  ".repeat(random.nextInt(4)));
      }
    }
    return sb.toString();
  }

  private String mutate(String seed) {
    String s = seed;
    int mutations = 1 + random.nextInt(6);
    for (int m = 0; m < mutations && !s.isEmpty(); m++) {
      s = random.nextBoolean() ? mutateLine(s) : mutateChars(s);
    }
    return s;
  }

  private String mutateChars(String s) {
    StringBuilder b = new StringBuilder(s);
    int at = random.nextInt(b.length());
    switch (random.nextInt(5)) {
      case 0 -> b.setCharAt(at, (char) (32 + random.nextInt(95)));
      case 1 -> b.deleteCharAt(at);
      case 2 -> b.insert(at, tokens.get(random.nextInt(tokens.size())));
      case 3 -> b.setLength(at);
      default -> {
        int len = Math.min(b.length() - at, 1 + random.nextInt(24));
        b.insert(at, b.substring(at, at + len));
      }
    }
    return b.toString();
  }

  private String mutateLine(String s) {
    List<String> lines = new ArrayList<>(List.of(s.split("\n", -1)));
    int at = random.nextInt(lines.size());
    String line = lines.get(at);
    switch (random.nextInt(5)) {
      case 0 -> lines.remove(at);
      case 1 -> lines.add(at, line);
      case 2 -> lines.set(at, "  ".repeat(random.nextInt(5)) + line.stripLeading());
      case 3 -> lines.add(at, lines.get(random.nextInt(lines.size())));
      default -> {
        int colon = line.indexOf(':');
        String value = AWKWARD_VALUES.get(random.nextInt(AWKWARD_VALUES.size()));
        lines.set(at, colon < 0 ? line + " " + value : line.substring(0, colon + 1) + " " + value);
      }
    }
    return String.join("\n", lines);
  }
}
