package dev.alerting.rule;

import dev.alerting.platform.service.ServiceMain;

/** Starts the rule engine from the environment (and {@code CONFIG_FILE}). */
public final class RuleEngineMain {
  private RuleEngineMain() {}

  public static void main(String[] args) {
    ServiceMain.run(
        "rule-engine", settings -> new RuleEngineVerticle(RuleEngineConfig.from(settings)));
  }
}
