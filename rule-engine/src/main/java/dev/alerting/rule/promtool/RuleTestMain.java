package dev.alerting.rule.promtool;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code promtool test rules FILE...}: runs rule unit-test files, prints failures, exits 1 when any
 * fails.
 */
public final class RuleTestMain {
  private RuleTestMain() {}

  public static void main(String[] files) {
    System.exit(run(List.of(files), System.out));
  }

  /**
   * Runs every file, reporting as promtool does; returns the exit code (0 all passed, 1 otherwise).
   */
  public static int run(List<String> files, PrintStream out) {
    RuleTestRunner runner = new RuleTestRunner();
    int code = 0;
    for (String f : files) {
      out.println("Unit Testing:  " + f);
      RuleTestRunner.Result r = runner.run(Path.of(f));
      if (r.passed()) {
        out.println("  SUCCESS");
      } else {
        code = 1;
        out.println("  FAILED:");
        r.failures().forEach(out::println);
      }
      out.println();
    }
    return code;
  }
}
