package dev.alerting.notify.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alerting.testkit.TextFuzzer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Random and mutated Alertmanager configurations: each loads or fails with {@link ConfigError} (the
 * notifier then refuses to start, or {@code /-/reload} keeps the old config and answers 400), never
 * with any other exception. 1 000 inputs (500 strict) in the normal build; {@code -Dfuzz.rounds=N}
 * for the long run (README, "Fuzzing").
 */
@DisplayName("the Alertmanager config loader under random and mutated input")
class ConfigFuzzTest {
  private static final int ROUNDS = TextFuzzer.rounds(1_000);
  private static final int STRICT_ROUNDS = TextFuzzer.rounds(500);

  /** Keys and fragments of the format, so random token runs reach past the YAML reader. */
  private static final List<String> TOKENS =
      TextFuzzer.yamlTokens(
          "route:\n",
          "  receiver: r\n",
          "receivers:\n",
          "  - name: r\n",
          "    webhook_configs:\n",
          "      - url: http://x\n",
          "group_by: [a]\n",
          "group_wait: 1s\n",
          "routes:\n",
          "  - matchers: ['a=\"b\"']\n",
          "matchers: ",
          "match_re: {a: '(.*'}\n",
          "continue: true\n",
          "mute_time_intervals: [t]\n",
          "active_time_intervals: [t]\n",
          "time_intervals:\n",
          "  - name: t\n",
          "    time_intervals:\n",
          "      - times: [{start_time: '09:00', end_time: '17:00'}]\n",
          "        weekdays: ['monday:friday']\n",
          "        days_of_month: ['-3:-1']\n",
          "        months: ['1:12']\n",
          "        years: ['2020:2030']\n",
          "        location: Europe/Berlin\n",
          "inhibit_rules:\n",
          "  - source_matchers: [a=b]\n",
          "    equal: [c]\n",
          "global:\n",
          "  resolve_timeout: 5m\n",
          "  smtp_smarthost: 'h:25'\n",
          "templates: ['*.tmpl']\n",
          "http_config:\n",
          "  bearer_token: t\n",
          "  tls_config: {insecure_skip_verify: true}\n",
          "slack_configs:\n",
          "pagerduty_configs:\n",
          "email_configs:\n",
          "opsgenie_configs:\n",
          "send_resolved: false\n",
          "0s",
          "-1m",
          "é");

  private static List<String> seeds() throws IOException {
    return List.of(
        Files.readString(Path.of("../deploy/alertmanager.yml")),
        Files.readString(Path.of("src/test/resources/seed-alertmanager.yml")),
        Files.readString(Path.of("src/test/resources/integrations/am-capture.yml")),
        Files.readString(Path.of("src/test/resources/integrations/am-derived.yml")),
        """
        global:
          resolve_timeout: 1m
        route:
          receiver: a
          group_by: ['...']
          routes:
            - matchers: ['team=~"db|web"', 'env!="dev"']
              receiver: b
              mute_time_intervals: [nights]
              active_time_intervals: [weekdays]
              group_interval: 10s
              routes:
                - match: {severity: page}
                  match_re: {service: 'api.*'}
                  receiver: a
                  continue: true
        receivers:
          - name: a
          - name: b
            webhook_configs:
              - url: http://localhost:1/x
                max_alerts: 3
                http_config: {basic_auth: {username: u, password: p}}
        inhibit_rules:
          - source_match: {severity: critical}
            target_match_re: {severity: 'warn.*'}
            equal: [alertname]
        time_intervals:
          - name: nights
            time_intervals:
              - times: [{start_time: '22:00', end_time: '24:00'}]
                location: Europe/Berlin
          - name: weekdays
            time_intervals:
              - weekdays: ['monday:friday']
                days_of_month: ['1', '-1']
                months: ['january:march']
                years: ['2024:2030']
        """);
  }

  @Test
  @Timeout(value = 10, unit = TimeUnit.MINUTES) // the long run; the CI form takes seconds
  @DisplayName("every config loads or fails with a ConfigError naming the problem")
  void lenient() throws IOException {
    TextFuzzer.Result r =
        new TextFuzzer("alertmanager config", seeds(), TOKENS)
            .run(ROUNDS, yaml -> ConfigLoader.parse(yaml, false), ConfigFuzzTest::ownError);
    assertThat(r.accepted()).as("some mutated seeds still load").isPositive();
  }

  @Test
  @Timeout(value = 10, unit = TimeUnit.MINUTES)
  @DisplayName("in strict mode (NOTIFIER_CONFIG_STRICT) the same holds")
  void strict() throws IOException {
    new TextFuzzer("alertmanager config strict", seeds(), TOKENS)
        .run(STRICT_ROUNDS, yaml -> ConfigLoader.parse(yaml, true), ConfigFuzzTest::ownError);
  }

  private static boolean ownError(Throwable e) {
    return e instanceof ConfigError && !e.getMessage().isBlank();
  }
}
