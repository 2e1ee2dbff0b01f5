package dev.alerting.launcher.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ./alerting}: the suite's front door. Subcommands parse their own options. */
@Command(
    name = "alerting",
    mixinStandardHelpOptions = true,
    versionProvider = AlertingCommand.Version.class,
    description = "A Kafka-native alerting suite: ingest, rule engine, notifier, incidents.",
    subcommands = {UpCommand.class, TestRulesCommand.class, CommandLine.HelpCommand.class},
    footer = {
      "",
      "Also:",
      "  bench [OPTIONS]      the load harness (./alerting bench --help)",
      "  bench jmh [ARGS]     the JMH benchmarks",
      "",
      "Relative paths are read from the directory you run ./alerting in."
    })
public final class AlertingCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "name a command, e.g. up");
  }

  /** Runs the command line; returns the process exit code (2 for usage errors). */
  public static int execute(String... args) {
    return new CommandLine(new AlertingCommand()).execute(args);
  }

  /** The version of the launcher jar (Maven's project version when built). */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = AlertingCommand.class.getPackage().getImplementationVersion();
      return new String[] {"alerting " + (v == null ? "0.1.0-SNAPSHOT" : v)};
    }
  }
}
