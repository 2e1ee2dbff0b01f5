package dev.alerting.incident.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.alerting.incident.escalation.Target;
import dev.alerting.model.Labels;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@DisplayName("The on-call file")
class OnCallConfigParserTest {
  static final String CONTRACT =
      """
      users:
        - name: alice
          receiver: alice-pager
        - name: bob
          receiver: bob-pager
        - name: carol
          receiver: carol-pager
      schedules:
        - name: primary
          timezone: Europe/Berlin
          rotations:
            - users: [alice, bob]
              start: 2026-01-05T09:00
              shift: 1w
      escalation_policies:
        - name: critical
          matchers: ['severity="critical"']
          steps:
            - after: 0s
              notify: [schedule/primary]
            - after: 15m
              notify: [user/carol]
          repeat: 1
      """;

  @Test
  @DisplayName("the issue's example loads: users, a schedule, a policy with its steps")
  void contract() {
    OnCallConfig c = OnCallConfigParser.parse(CONTRACT, "oncall.yml");

    assertThat(c.users()).containsKeys("alice", "bob", "carol");
    assertThat(c.users().get("carol").receiver()).isEqualTo("carol-pager");
    assertThat(c.schedules().get("primary").onCall(Instant.parse("2026-01-12T08:00:00Z")))
        .hasValueSatisfying(s -> assertThat(s.user()).isEqualTo("bob"));
    assertThat(c.policies()).hasSize(1);
    assertThat(c.policies().get(0).steps().get(1).targets())
        .containsExactly(Target.parse("user/carol"));
    assertThat(c.policies().get(0).repeat()).isEqualTo(1);
    assertThat(c.policies().get(0).repeatInterval()).isEqualTo(Duration.ofMinutes(30));
    assertThat(c.policyFor(Labels.of("severity", "critical"))).isPresent();
    assertThat(c.policyFor(Labels.of("severity", "warning"))).isEmpty();
    assertThat(c.grouping()).isEqualTo(Grouping.DEFAULT);
    assertThat(c.groupBy(Labels.of("severity", "critical"))).containsExactly("alertname");
  }

  @Test
  @DisplayName("restrictions: weekdays 09:00–17:00 by a day range, a weekend by time of week")
  void restrictions() {
    OnCallConfig c =
        OnCallConfigParser.parse(
            """
            users: [{name: alice, receiver: a}, {name: bob, receiver: b}]
            schedules:
              - name: p
                timezone: Europe/Berlin
                rotations:
                  - users: [alice]
                    start: 2026-03-23T00:00
                    shift: 1w
                    restrictions:
                      - {days: [mon-wed, thu, Friday], from: "09:00", to: "17:00"}
                  - users: [bob]
                    start: 2026-03-23T00:00
                    shift: 1w
                    restrictions:
                      - {from: "fri 18:00", to: "mon 08:00"}
            """,
            "oncall.yml");

    var p = c.schedules().get("p");
    assertThat(p.rotations().get(0).restrictions()).hasSize(5);
    assertThat(p.onCall(Instant.parse("2026-03-27T08:00:00Z")).orElseThrow().user())
        .isEqualTo("alice");
    assertThat(p.onCall(Instant.parse("2026-03-27T16:30:00Z"))).isEmpty();
    assertThat(p.onCall(Instant.parse("2026-03-28T12:00:00Z")).orElseThrow().user())
        .isEqualTo("bob");
  }

  @Test
  @DisplayName("incident grouping is global and may be set per policy")
  void grouping() {
    OnCallConfig c =
        OnCallConfigParser.parse(
            """
            incidents:
              group_by: [alertname, cluster]
              reopen_window: 10m
            escalation_policies:
              - name: db
                matchers: ['team="db"']
                group_by: [service]
                steps: [{after: 0s, notify: [receiver/db-oncall]}]
            """,
            "f.yml");

    assertThat(c.grouping().reopenWindow()).isEqualTo(Duration.ofMinutes(10));
    assertThat(c.groupBy(Labels.of("team", "web"))).containsExactly("alertname", "cluster");
    assertThat(c.groupBy(Labels.of("team", "db"))).containsExactly("service");
  }

  @Test
  @DisplayName("an empty file is a valid configuration that pages nobody")
  void empty() {
    assertThat(OnCallConfigParser.parse("", "f.yml")).isEqualTo(OnCallConfig.empty());
  }

  static Stream<Arguments> errors() {
    String users = "users:\n  - name: alice\n    receiver: a\n";
    return Stream.of(
        Arguments.of("unknown top-level key", "userz: []\n", "f.yml:1: userz: unknown key"),
        Arguments.of(
            "user without receiver",
            "users:\n  - name: alice\n",
            "f.yml:2: users[0]: 'receiver' is required"),
        Arguments.of(
            "duplicate user",
            users + "  - name: alice\n    receiver: b\n",
            "f.yml:4: users[1]: user 'alice' is defined twice"),
        Arguments.of(
            "bad time zone",
            users + "schedules:\n  - name: p\n    timezone: Mars/Base\n    rotations: []\n",
            "f.yml:6: schedules[0].timezone: Unknown time-zone ID: Mars/Base"),
        Arguments.of(
            "rotation with an unknown user",
            users
                + "schedules:\n  - name: p\n    rotations:\n      - users: [alice, zed]\n"
                + "        start: 2026-01-05T09:00\n        shift: 1d\n",
            "f.yml:7: schedules[0].rotations[0].users[1]: unknown user 'zed'"),
        Arguments.of(
            "bad shift",
            users
                + "schedules:\n  - name: p\n    rotations:\n      - users: [alice]\n"
                + "        start: 2026-01-05T09:00\n        shift: weekly\n",
            "f.yml:9: schedules[0].rotations[0].shift: 'weekly' is not a duration"),
        Arguments.of(
            "bad start",
            users
                + "schedules:\n  - name: p\n    rotations:\n      - users: [alice]\n"
                + "        start: next monday\n        shift: 1d\n",
            "f.yml:8: schedules[0].rotations[0].start: Text 'next monday' could not be parsed"),
        Arguments.of(
            "bad matcher",
            "escalation_policies:\n  - name: c\n    matchers: ['severity=~\"(\"']\n"
                + "    steps: [{after: 0s, notify: [receiver/x]}]\n",
            "f.yml:3: escalation_policies[0].matchers[0]: invalid regex for label severity"),
        Arguments.of(
            "target of an unknown kind",
            "escalation_policies:\n  - name: c\n    steps:\n      - after: 0s\n"
                + "        notify: [team/x]\n",
            "f.yml:5: escalation_policies[0].steps[0].notify[0]: 'team' in 'team/x' is not one of"),
        Arguments.of(
            "target naming an unknown schedule",
            "escalation_policies:\n  - name: c\n    steps:\n      - after: 0s\n"
                + "        notify: [schedule/nope]\n",
            "f.yml:5: escalation_policies[0].steps[0].notify[0]: unknown schedule 'nope'"),
        Arguments.of(
            "steps out of order",
            "escalation_policies:\n  - name: c\n    steps:\n"
                + "      - {after: 10m, notify: [receiver/x]}\n"
                + "      - {after: 5m, notify: [receiver/y]}\n",
            "f.yml:2: escalation_policies[0]: steps[1].after must not be before"),
        Arguments.of(
            "restriction with a bad time",
            users
                + "schedules:\n  - name: p\n    rotations:\n      - users: [alice]\n"
                + "        start: 2026-01-05T09:00\n        shift: 1d\n        restrictions:\n"
                + "          - {from: '9am', to: '17:00'}\n",
            "f.yml:11: schedules[0].rotations[0].restrictions[0].from: '9am' is not a time of day"),
        Arguments.of(
            "restriction with an unknown day",
            users
                + "schedules:\n  - name: p\n    rotations:\n      - users: [alice]\n"
                + "        start: 2026-01-05T09:00\n        shift: 1d\n        restrictions:\n"
                + "          - {days: [mon-fry], from: '09:00', to: '17:00'}\n",
            "f.yml:11: schedules[0].rotations[0].restrictions[0].days[0]: 'fry' is not a day"),
        Arguments.of(
            "restriction mixing a time of day and a time of week",
            users
                + "schedules:\n  - name: p\n    rotations:\n      - users: [alice]\n"
                + "        start: 2026-01-05T09:00\n        shift: 1d\n        restrictions:\n"
                + "          - {from: 'fri 18:00', to: '09:00'}\n",
            "f.yml:11: schedules[0].rotations[0].restrictions[0]: from and to are both"),
        Arguments.of(
            "restriction of no length",
            users
                + "schedules:\n  - name: p\n    rotations:\n      - users: [alice]\n"
                + "        start: 2026-01-05T09:00\n        shift: 1d\n        restrictions:\n"
                + "          - {from: '09:00', to: '09:00'}\n",
            "f.yml:11: schedules[0].rotations[0].restrictions[0]: from and to are the same time"),
        Arguments.of(
            "restriction with days and a time of week",
            users
                + "schedules:\n  - name: p\n    rotations:\n      - users: [alice]\n"
                + "        start: 2026-01-05T09:00\n        shift: 1d\n        restrictions:\n"
                + "          - {days: [sat], from: 'fri 18:00', to: 'mon 09:00'}\n",
            "f.yml:11: schedules[0].rotations[0].restrictions[0]: days goes with a time of day"),
        Arguments.of(
            "restriction with an unknown key",
            users
                + "schedules:\n  - name: p\n    rotations:\n      - users: [alice]\n"
                + "        start: 2026-01-05T09:00\n        shift: 1d\n        restrictions:\n"
                + "          - {from: '09:00', to: '17:00', weekdays: true}\n",
            "f.yml:11: schedules[0].rotations[0].restrictions[0].weekdays: unknown key"),
        Arguments.of("not YAML", "users: [\n", "f.yml:2:"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void errors(String name, String yaml, String message) {
    assertThatThrownBy(() -> OnCallConfigParser.parse(yaml, "f.yml"))
        .isInstanceOf(OnCallConfigError.class)
        .hasMessageStartingWith(message.substring(0, message.indexOf(':') + 1))
        .hasMessageContaining(message);
  }

  @Test
  @DisplayName("a reload keeps the old configuration when the new file is bad")
  void reloadKeepsOld() throws Exception {
    java.nio.file.Path f = java.nio.file.Files.createTempFile("oncall", ".yml");
    java.nio.file.Files.writeString(f, CONTRACT);
    OnCallSource source = OnCallSource.load(java.util.Optional.of(f));
    java.nio.file.Files.writeString(f, "users: [{name: x}]\n");

    assertThatThrownBy(source::reload).hasMessageContaining("'receiver' is required");
    assertThat(source.get().users()).containsKeys("alice", "bob", "carol");

    java.nio.file.Files.writeString(f, "users: [{name: x, receiver: r}]\n");
    assertThat(source.reload().users()).containsOnlyKeys("x");
    java.nio.file.Files.delete(f);
  }
}
