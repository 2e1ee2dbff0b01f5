package dev.alerting.incident.escalation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.alerting.model.Labels;
import dev.alerting.model.MatcherParser;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@DisplayName("Escalation policies: what is due when, and whom a step pages")
class EscalationPolicyTest {
  private static final Instant T0 = Instant.parse("2026-05-04T10:00:00Z");

  /** The seeds' four levels: on-call engineer, team lead, engineering manager, CTO. */
  private static final EscalationPolicy FOUR_LEVELS =
      new EscalationPolicy(
          "critical",
          MatcherParser.parse("severity=\"critical\""),
          List.of(
              step("0s", "schedule/primary"),
              step("15m", "user/lead"),
              step("30m", "user/manager"),
              step("1h", "user/cto")),
          1,
          Duration.ofMinutes(30),
          List.of());

  private static Step step(String after, String... targets) {
    return new Step(
        dev.alerting.model.Durations.parse(after), Stream.of(targets).map(Target::parse).toList());
  }

  static Stream<Arguments> due() {
    return Stream.of(
        Arguments.of("the first step is due at once", 0, 0, 1, "2026-05-04T10:00:00Z"),
        Arguments.of("the second after 15m", 1, 0, 2, "2026-05-04T10:15:00Z"),
        Arguments.of("the fourth after 1h", 3, 0, 4, "2026-05-04T11:00:00Z"),
        Arguments.of(
            "the repeat starts 1h30m in (last step + repeat_interval)",
            4,
            1,
            1,
            "2026-05-04T11:30:00Z"),
        Arguments.of("the repeat's last step", 7, 1, 4, "2026-05-04T12:30:00Z"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void due(String name, int position, int round, int number, String at) {
    DueStep d = FOUR_LEVELS.due(position, T0).orElseThrow();

    assertThat(d.round()).isEqualTo(round);
    assertThat(d.number()).isEqualTo(number);
    assertThat(d.dueAt()).isEqualTo(Instant.parse(at));
  }

  @Test
  @DisplayName("after the last repeat nothing is due")
  void endOfChain() {
    assertThat(FOUR_LEVELS.due(8, T0)).isEmpty();
  }

  @Test
  @DisplayName("the first policy whose matchers match wins")
  void firstMatchWins() {
    EscalationPolicy any =
        new EscalationPolicy(
            "any", List.of(), List.of(step("0s", "user/x")), 0, Duration.ZERO, List.of());
    List<EscalationPolicy> policies = List.of(FOUR_LEVELS, any);

    assertThat(EscalationPolicy.first(policies, Labels.of("severity", "critical")))
        .map(EscalationPolicy::name)
        .contains("critical");
    assertThat(EscalationPolicy.first(policies, Labels.of("severity", "warning")))
        .map(EscalationPolicy::name)
        .contains("any");
    assertThat(EscalationPolicy.first(List.of(FOUR_LEVELS), Labels.of("severity", "info")))
        .isEmpty();
  }

  @Test
  @DisplayName("steps must not go back in time")
  void stepsInOrder() {
    assertThatThrownBy(
            () ->
                new EscalationPolicy(
                    "bad",
                    List.of(),
                    List.of(step("15m", "user/a"), step("5m", "user/b")),
                    0,
                    Duration.ZERO,
                    List.of()))
        .hasMessageContaining("steps[1].after");
  }

  static Stream<Arguments> pager() {
    return Stream.of(
        Arguments.of(
            "a schedule pages whoever is on call then, through their receiver",
            step("0s", "schedule/primary"),
            List.of("alice@alice-pager")),
        Arguments.of(
            "a user is paged through their receiver",
            step("0s", "user/bob"),
            List.of("bob@bob-pager")),
        Arguments.of(
            "a receiver is notified directly, with no user",
            step("0s", "receiver/team-slack"),
            List.of("@team-slack")),
        Arguments.of(
            "the same person named twice in a step is paged once",
            step("0s", "schedule/primary", "user/alice"),
            List.of("alice@alice-pager")),
        Arguments.of(
            "a schedule with nobody on call pages nobody",
            step("0s", "schedule/empty"),
            List.of()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void pager(String name, Step step, List<String> expected) {
    Map<String, String> receivers = Map.of("alice", "alice-pager", "bob", "bob-pager");
    Pager.Directory directory =
        new Pager.Directory() {
          @Override
          public Optional<String> receiverOf(String user) {
            return Optional.ofNullable(receivers.get(user));
          }

          @Override
          public Optional<String> onCall(String schedule, Instant at) {
            return schedule.equals("primary") ? Optional.of("alice") : Optional.empty();
          }
        };

    Pager.Fired fired = Pager.fire(new DueStep(0, 0, 1, step, T0), directory);

    assertThat(fired.pages()).extracting(p -> p.user() + "@" + p.receiver()).isEqualTo(expected);
    assertThat(fired.unreached()).hasSize(expected.isEmpty() ? 1 : 0);
  }
}
