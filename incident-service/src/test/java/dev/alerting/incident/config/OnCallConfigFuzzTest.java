package dev.alerting.incident.config;

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
 * Random and mutated on-call files: each loads or fails with {@link OnCallConfigError} (start-up
 * stops, a reload keeps the old config), never with any other exception. 1 000 inputs in the normal
 * build; {@code -Dfuzz.rounds=N} for the long run (README, "Fuzzing").
 */
@DisplayName("the on-call config parser under random and mutated input")
class OnCallConfigFuzzTest {
  private static final int ROUNDS = TextFuzzer.rounds(1_000);

  private static final List<String> TOKENS =
      TextFuzzer.yamlTokens(
          "users:\n",
          "  - name: u\n",
          "    receiver: r\n",
          "schedules:\n",
          "  - name: s\n",
          "    timezone: Europe/Berlin\n",
          "    rotations:\n",
          "      - users: [u]\n",
          "        start: 2026-03-29T02:30\n",
          "        shift: 1d\n",
          "        end: 2026-10-25T02:30\n",
          "escalation_policies:\n",
          "  - name: p\n",
          "    matchers: ['a=\"b\"']\n",
          "    steps:\n",
          "      - after: 0s\n",
          "        notify: [user/u, schedule/s]\n",
          "    repeat: 2\n",
          "    repeat_interval: 10m\n",
          "    group_by: [alertname]\n",
          "incidents:\n",
          "  reopen_window: 30m\n",
          "user/",
          "schedule/",
          "-1h",
          "1w",
          "é");

  @Test
  @Timeout(value = 10, unit = TimeUnit.MINUTES) // the long run; the CI form takes seconds
  @DisplayName("every file loads or fails with an OnCallConfigError naming file and line")
  void onCallFiles() throws IOException {
    List<String> seeds =
        List.of(
            Files.readString(Path.of("../deploy/oncall.yml")),
            """
            users:
              - {name: ann, receiver: a}
              - {name: ben, receiver: b}
            schedules:
              - name: follow
                timezone: America/New_York
                rotations:
                  - users: [ann, ben]
                    start: 2026-03-08T01:30
                    shift: 12h
                  - users: [ben]
                    start: 2026-03-08T00:00
                    shift: 1d
                    end: 2026-03-09T00:00
            escalation_policies:
              - name: all
                matchers: ['severity=~"crit.*"', 'team!="x"']
                group_by: [alertname, team]
                steps:
                  - {after: 0s, notify: [schedule/follow]}
                  - {after: 5m, notify: [user/ann, user/ben]}
                repeat: 3
                repeat_interval: 15m
            incidents:
              group_by: []
              reopen_window: 0s
            """);
    TextFuzzer.Result r =
        new TextFuzzer("on-call config", seeds, TOKENS)
            .run(
                ROUNDS,
                text -> OnCallConfigParser.parse(text, "fuzz.yml"),
                e -> e instanceof OnCallConfigError && e.getMessage().startsWith("fuzz.yml"));
    assertThat(r.accepted()).as("some mutated seeds still load").isPositive();
  }
}
