package dev.alerting.launcher.cli;

import dev.alerting.rule.promtool.RuleTestMain;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code ./alerting test-rules FILE...}: promtool-format rule unit tests on our engine. */
@Command(
    name = "test-rules",
    mixinStandardHelpOptions = true,
    description = {
      "Run Prometheus rule unit-test files (promtool format) against this engine.",
      "Prints a diff per failing case; exits 1 when any case fails."
    })
final class TestRulesCommand implements Callable<Integer> {
  @Parameters(arity = "1..*", paramLabel = "FILE", description = "rule unit-test files")
  List<String> files;

  CallerPaths paths = CallerPaths.fromEnvironment();

  @Override
  public Integer call() {
    // test files name their rule files relative to themselves, so absolute paths suffice
    return RuleTestMain.run(files.stream().map(paths::resolve).toList(), System.out);
  }
}
