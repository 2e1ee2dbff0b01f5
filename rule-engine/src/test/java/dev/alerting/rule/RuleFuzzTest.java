package dev.alerting.rule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alerting.rule.expr.ExpressionException;
import dev.alerting.rule.expr.PromQLParser;
import dev.alerting.rule.file.RuleFileException;
import dev.alerting.rule.file.RuleFileLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Random and mutated PromQL expressions and rule files: each must parse or fail with the parser's
 * own error (a 400 at the API), never with any other exception (a 500, or a dead event loop).
 * {@code -Dfuzz.rounds=N} sets the inputs per parser (CI form: 20 000 expressions, 1 000 files);
 * README, "Fuzzing", gives the long command.
 */
@DisplayName("PromQL and rule-file parsers under random and mutated input")
class RuleFuzzTest {
  private static final int ROUNDS = Integer.getInteger("fuzz.rounds", 20_000);
  // a rule file costs ~50 times an expression (it parses every rule and template in the seed), so
  // the CI form tries fewer; -Dfuzz.rounds sets both
  private static final int FILE_ROUNDS = Integer.getInteger("fuzz.rounds", 1_000);
  private static final long SEED = Long.getLong("fuzz.seed", 20_241_203L);

  private static final List<String> EXPRS =
      List.of(
          "sum by (job) (rate(http_requests_total{status=~\"5..\"}[5m])) / sum by (job)"
              + " (rate(http_requests_total[5m])) > 0.05",
          "histogram_quantile(0.99, sum by (le) (rate(x_bucket[5m]))) > 1",
          "absent(up{job=\"a\"} offset 1h) or vector(1) unless on(job) group_left(x) y",
          "label_replace(up, \"h\", \"$1\", \"instance\", \"(.*):(?P<port>\\\\d+)\") == bool 1",
          "-max_over_time(m[1h:5m] @ 100) * 2 ^ -3 % 4 atan2 5",
          "rate(x[5m * 2 + step()] @ end() offset -(1m + 30)) + on(a) group_left fill(0) y",
          "limitk(2, count_values by (a) (\"v\", sin(x))) > bool min_of(1, max_of(2h, pi()))",
          "topk(3, count without (a) (b{c!=\"d\",e!~\"f|g\"}))");
  private static final List<String> TOKENS =
      List.of(
          "(",
          ")",
          "[",
          "]",
          "{",
          "}",
          ",",
          "=~",
          "!~",
          "=",
          "!=",
          "\"",
          "'",
          "`",
          "5m",
          "1h",
          "offset",
          "@",
          "start()",
          "end()",
          "step()",
          "min_of",
          "fill",
          "fill_left",
          "count_values",
          "limitk",
          "sort_by_label",
          ":",
          "by",
          "without",
          "on",
          "ignoring",
          "group_left",
          "bool",
          "and",
          "or",
          "unless",
          "sum",
          "rate",
          "abs",
          "absent",
          "+",
          "-",
          "*",
          "/",
          "^",
          "%",
          "==",
          ">",
          "<",
          "@",
          ":",
          " ",
          "up",
          "x",
          "1e9",
          "NaN",
          "Inf",
          "0x1f",
          "\\",
          "\n",
          "#",
          "é");

  @Test
  @DisplayName("every expression parses or fails with a parse error")
  void promql() throws IOException {
    PromQLParser parser = new PromQLParser();
    fuzz(
        "promql",
        ROUNDS,
        seeds(EXPRS),
        text -> {
          try {
            assertThat(parser.parse(text)).isNotNull();
          } catch (ExpressionException expected) {
            assertThat(expected.getMessage()).isNotBlank();
          }
        });
  }

  @Test
  @DisplayName("every rule file loads or fails with a rule-file error")
  void ruleFiles() throws IOException {
    RuleFileLoader loader = RuleEngineConfig.ruleLoader();
    List<String> files = List.of(Files.readString(Path.of("src/test/resources/seed-rules.yml")));
    fuzz(
        "rule file",
        FILE_ROUNDS,
        files,
        text -> {
          try {
            assertThat(loader.parse(text, "fuzz.yml")).isNotNull();
          } catch (RuleFileException expected) {
            assertThat(expected.errors()).isNotEmpty();
          }
        });
  }

  private static List<String> seeds(List<String> exprs) {
    return exprs;
  }

  /** A quarter random tokens, a quarter random characters, half mutations of a seed. */
  private static void fuzz(String what, int rounds, List<String> seeds, Consumer<String> parse) {
    Random random = new Random(SEED ^ what.hashCode());
    long start = System.nanoTime();
    for (int i = 0; i < rounds; i++) {
      String input =
          switch (i % 4) {
            case 0 -> randomTokens(random);
            case 1 -> randomChars(random);
            default -> mutate(random, seeds.get(random.nextInt(seeds.size())));
          };
      try {
        parse.accept(input);
      } catch (RuntimeException | StackOverflowError e) {
        throw new AssertionError(what + " threw " + e + " on input: " + input, e);
      }
    }
    System.out.printf(
        "FUZZ %s: %d inputs, %.0f inputs/s%n",
        what, rounds, rounds * 1e9 / (System.nanoTime() - start));
  }

  private static String randomTokens(Random random) {
    StringBuilder sb = new StringBuilder();
    int n = random.nextInt(60);
    for (int k = 0; k < n; k++) {
      sb.append(TOKENS.get(random.nextInt(TOKENS.size())));
    }
    return sb.toString();
  }

  private static String randomChars(Random random) {
    StringBuilder sb = new StringBuilder();
    int n = random.nextInt(120);
    for (int k = 0; k < n; k++) {
      sb.append((char) (random.nextInt(3) == 0 ? random.nextInt(0x3000) : 32 + random.nextInt(95)));
    }
    return sb.toString();
  }

  private static String mutate(Random random, String seed) {
    StringBuilder b = new StringBuilder(seed);
    int mutations = 1 + random.nextInt(6);
    for (int m = 0; m < mutations && b.length() > 0; m++) {
      int at = random.nextInt(b.length());
      switch (random.nextInt(5)) {
        case 0 -> b.setCharAt(at, (char) (32 + random.nextInt(95)));
        case 1 -> b.deleteCharAt(at);
        case 2 -> b.insert(at, TOKENS.get(random.nextInt(TOKENS.size())));
        case 3 -> b.setLength(at);
        default -> {
          int len = Math.min(b.length() - at, 1 + random.nextInt(24));
          b.insert(at, b.substring(at, at + len));
        }
      }
    }
    return b.toString();
  }
}
