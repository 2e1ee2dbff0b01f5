package dev.alerting.incident.lifecycle;

import static dev.alerting.incident.lifecycle.Alerts.at;
import static dev.alerting.incident.lifecycle.Alerts.firing;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

@DisplayName("Incident lifecycle transitions")
class LifecycleTest {

  private static Incident open() {
    return ((Correlation.Opened) Correlation.apply(Optional.empty(), firing(at(0)), at(1)))
        .incident()
        .withId(3);
  }

  private static final UnaryOperator<Incident> OPEN = i -> i;
  private static final UnaryOperator<Incident> ACKED =
      i -> Lifecycle.acknowledge(i, "alice", at(2)).incident();
  private static final UnaryOperator<Incident> RESOLVED =
      i -> Lifecycle.resolve(i, "alice", null, at(3)).incident();

  enum Action {
    ACKNOWLEDGE,
    RESOLVE,
    ASSIGN_BOB,
    ASSIGN_ALICE
  }

  record Case(
      String name,
      UnaryOperator<Incident> from,
      Action action,
      IncidentStatus status,
      boolean changed,
      String newEntryType) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> cases() {
    return Stream.of(
        new Case(
            "acknowledging an open incident acknowledges it",
            OPEN,
            Action.ACKNOWLEDGE,
            IncidentStatus.ACKNOWLEDGED,
            true,
            TimelineEntry.ACKNOWLEDGED),
        new Case(
            "acknowledging again changes nothing",
            ACKED,
            Action.ACKNOWLEDGE,
            IncidentStatus.ACKNOWLEDGED,
            false,
            null),
        new Case(
            "acknowledging a resolved incident is a conflict",
            RESOLVED,
            Action.ACKNOWLEDGE,
            null,
            false,
            null),
        new Case(
            "resolving an open incident resolves it",
            OPEN,
            Action.RESOLVE,
            IncidentStatus.RESOLVED,
            true,
            TimelineEntry.RESOLVED),
        new Case(
            "resolving an acknowledged incident resolves it",
            ACKED,
            Action.RESOLVE,
            IncidentStatus.RESOLVED,
            true,
            TimelineEntry.RESOLVED),
        new Case(
            "resolving again changes nothing",
            RESOLVED,
            Action.RESOLVE,
            IncidentStatus.RESOLVED,
            false,
            null),
        new Case(
            "assigning an open incident sets the assignee",
            OPEN,
            Action.ASSIGN_BOB,
            IncidentStatus.OPEN,
            true,
            TimelineEntry.ASSIGNED),
        new Case(
            "assigning an acknowledged incident keeps its status",
            ACKED,
            Action.ASSIGN_BOB,
            IncidentStatus.ACKNOWLEDGED,
            true,
            TimelineEntry.ASSIGNED),
        new Case(
            "assigning a resolved incident is a conflict",
            RESOLVED,
            Action.ASSIGN_BOB,
            null,
            false,
            null));
  }

  private static Transition run(Action a, Incident i) {
    return switch (a) {
      case ACKNOWLEDGE -> Lifecycle.acknowledge(i, "carol", at(10));
      case RESOLVE -> Lifecycle.resolve(i, "carol", "fixed the pool", at(10));
      case ASSIGN_BOB -> Lifecycle.assign(i, "bob", "carol", at(10));
      case ASSIGN_ALICE -> Lifecycle.assign(i, "alice", "carol", at(10));
    };
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  @DisplayName("lifecycle action")
  void table(Case c) {
    Incident before = c.from().apply(open());
    if (c.status() == null) {
      assertThatThrownBy(() -> run(c.action(), before))
          .isInstanceOf(TransitionConflict.class)
          .hasMessageContaining("incident 3 is resolved");
      return;
    }
    Transition t = run(c.action(), before);

    assertThat(t.changed()).isEqualTo(c.changed());
    assertThat(t.incident().status()).isEqualTo(c.status());
    if (!c.changed()) {
      assertThat(t.incident()).isEqualTo(before);
      return;
    }
    assertThat(t.incident().timeline()).hasSize(before.timeline().size() + 1);
    TimelineEntry last = t.incident().timeline().get(t.incident().timeline().size() - 1);
    assertThat(last.type()).isEqualTo(c.newEntryType());
    assertThat(last.actor()).isEqualTo("carol");
    assertThat(last.at()).isEqualTo(at(10));
  }

  @Test
  @DisplayName("acknowledge and resolve stamp their times; resolve keeps the caller's message")
  void stampsTimes() {
    Incident acked = Lifecycle.acknowledge(open(), "alice", at(2)).incident();
    Incident resolved = Lifecycle.resolve(acked, "bob", "fixed the pool", at(4)).incident();

    assertThat(acked.acknowledgedAt()).isEqualTo(at(2));
    assertThat(resolved.resolvedAt()).isEqualTo(at(4));
    assertThat(resolved.acknowledgedAt()).isEqualTo(at(2));
    assertThat(resolved.timeline().get(2).message()).isEqualTo("fixed the pool");
  }

  @Test
  @DisplayName("assigning the same person twice writes one timeline entry")
  void assignIdempotent() {
    Incident once = Lifecycle.assign(open(), "alice", "bob", at(2)).incident();
    Transition twice = Lifecycle.assign(once, "alice", "bob", at(3));

    assertThat(once.assignee()).isEqualTo("alice");
    assertThat(twice.changed()).isFalse();
    assertThat(twice.incident().timeline()).hasSize(2);
    assertThat(run(Action.ASSIGN_BOB, once).incident().assignee()).isEqualTo("bob");
  }
}
