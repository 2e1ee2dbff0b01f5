package dev.alerting.incident.lifecycle;

import static dev.alerting.incident.lifecycle.Alerts.at;
import static dev.alerting.incident.lifecycle.Alerts.firing;
import static dev.alerting.incident.lifecycle.Alerts.resolved;
import static org.assertj.core.api.Assertions.assertThat;

import dev.alerting.model.Labels;
import dev.alerting.model.alert.Alert;
import dev.alerting.model.alert.AlertStatus;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

@DisplayName("Correlation of alert events to incidents")
class CorrelationTest {

  /** The incident a first firing event opens, stored as id 7. */
  private static Incident opened() {
    return ((Correlation.Opened) Correlation.apply(Optional.empty(), firing(at(0)), at(1)))
        .incident()
        .withId(7);
  }

  private static Incident acknowledged() {
    return Lifecycle.acknowledge(opened(), "alice", at(2)).incident();
  }

  private static Incident autoResolved() {
    return ((Correlation.Updated)
            Correlation.apply(Optional.of(opened()), resolved(at(0), at(5)), at(6)))
        .incident();
  }

  private static Incident resolvedByHand() {
    return Lifecycle.resolve(opened(), "bob", null, at(3)).incident();
  }

  /** One row of the table: before, event, and what must come out. */
  record Case(
      String name,
      Incident latest,
      Alert event,
      Class<? extends Correlation.Outcome> outcome,
      IncidentStatus status,
      int timelineSize,
      String lastEntryType) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> cases() {
    return Stream.of(
        new Case(
            "a firing alert with no incident opens one",
            null,
            firing(at(0)),
            Correlation.Opened.class,
            IncidentStatus.OPEN,
            1,
            TimelineEntry.OPENED),
        new Case(
            "the same firing again changes nothing: no second incident, no timeline line",
            opened(),
            firing(at(0)),
            Correlation.Ignored.class,
            null,
            0,
            null),
        new Case(
            "a firing repeat with a new endsAt updates the alert without a timeline line",
            opened(),
            firing(at(0), at(9)),
            Correlation.Updated.class,
            IncidentStatus.OPEN,
            1,
            TimelineEntry.OPENED),
        new Case(
            "a firing alert on an acknowledged incident keeps it acknowledged",
            acknowledged(),
            firing(at(0), at(9)),
            Correlation.Updated.class,
            IncidentStatus.ACKNOWLEDGED,
            2,
            TimelineEntry.ACKNOWLEDGED),
        new Case(
            "a resolved alert auto-resolves its open incident",
            opened(),
            resolved(at(0), at(5)),
            Correlation.Updated.class,
            IncidentStatus.RESOLVED,
            2,
            TimelineEntry.RESOLVED),
        new Case(
            "a resolved alert auto-resolves its acknowledged incident",
            acknowledged(),
            resolved(at(0), at(5)),
            Correlation.Updated.class,
            IncidentStatus.RESOLVED,
            3,
            TimelineEntry.RESOLVED),
        new Case(
            "a resolved alert nobody knows changes nothing",
            null,
            resolved(at(0), at(5)),
            Correlation.Ignored.class,
            null,
            0,
            null),
        new Case(
            "a new firing after auto-resolution opens a new incident",
            autoResolved(),
            firing(at(10)),
            Correlation.Opened.class,
            IncidentStatus.OPEN,
            1,
            TimelineEntry.OPENED),
        new Case(
            "a new firing after resolution by hand opens a new incident",
            resolvedByHand(),
            firing(at(10)),
            Correlation.Opened.class,
            IncidentStatus.OPEN,
            1,
            TimelineEntry.OPENED),
        new Case(
            "a repeat of the firing a person resolved does not reopen it",
            resolvedByHand(),
            firing(at(0), at(9)),
            Correlation.Ignored.class,
            null,
            0,
            null),
        new Case(
            "the alert's end after resolution by hand is recorded without a timeline line",
            resolvedByHand(),
            resolved(at(0), at(5)),
            Correlation.Updated.class,
            IncidentStatus.RESOLVED,
            2,
            TimelineEntry.RESOLVED),
        new Case(
            "a resolved event of an older occurrence is stale",
            opened(),
            resolved(at(-30), at(-20)),
            Correlation.Ignored.class,
            null,
            0,
            null));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  @DisplayName("alert event on an incident")
  void table(Case c) {
    Correlation.Outcome out = Correlation.apply(Optional.ofNullable(c.latest()), c.event(), at(20));

    assertThat(out).isInstanceOf(c.outcome());
    Incident after =
        out instanceof Correlation.Opened o
            ? o.incident()
            : out instanceof Correlation.Updated u ? u.incident() : null;
    if (c.status() == null) {
      assertThat(after).isNull();
      return;
    }
    assertThat(after.status()).isEqualTo(c.status());
    assertThat(after.timeline()).hasSize(c.timelineSize());
    assertThat(after.timeline().get(after.timeline().size() - 1).type())
        .isEqualTo(c.lastEntryType());
    assertThat(after.alerts()).hasSize(1);
    assertThat(after.alerts().get(0).status()).isEqualTo(c.event().status());
    if (out instanceof Correlation.Opened) {
      assertThat(after.id()).isZero();
      assertThat(after.createdAt()).isEqualTo(at(20));
    }
  }

  @Test
  @DisplayName("auto-resolution writes 'alert resolved' by system at the processing time")
  void autoResolveEntry() {
    Correlation.Updated u =
        (Correlation.Updated)
            Correlation.apply(Optional.of(acknowledged()), resolved(at(0), at(5)), at(6));

    assertThat(u.autoResolved()).isTrue();
    assertThat(u.incident().resolvedAt()).isEqualTo(at(6));
    assertThat(u.incident().acknowledgedAt()).isEqualTo(at(2));
    assertThat(u.incident().timeline().get(2))
        .isEqualTo(new TimelineEntry(at(6), TimelineEntry.RESOLVED, "system", "alert resolved"));
  }

  @Test
  @DisplayName("a new incident takes its title, severity and labels from the alert")
  void newIncidentFields() {
    Incident i = opened();

    assertThat(i.title()).isEqualTo("HighLatency: p99 above 2s");
    assertThat(i.severity()).isEqualTo("critical");
    assertThat(i.labels()).isEqualTo(Alerts.LABELS);
    assertThat(i.alerts().get(0).fingerprint()).isEqualTo(Alerts.LABELS.fingerprintHex());
    assertThat(i.alerts().get(0).annotations()).containsEntry("summary", "p99 above 2s");
    assertThat(i.acknowledgedAt()).isNull();
    assertThat(i.resolvedAt()).isNull();
    assertThat(i.assignee()).isNull();
  }

  @Test
  @DisplayName("without a summary the title is the alert name, without severity it is 'none'")
  void titleAndSeverityDefaults() {
    Alert bare =
        new Alert(
            AlertStatus.FIRING, Labels.of("alertname", "DiskFull"), Map.of(), at(0), null, "");

    Incident i = ((Correlation.Opened) Correlation.apply(Optional.empty(), bare, at(1))).incident();

    assertThat(i.title()).isEqualTo("DiskFull");
    assertThat(i.severity()).isEqualTo("none");
  }

  @Test
  @DisplayName("times are kept to the microsecond, as the database stores them")
  void microsecondPrecision() {
    Instant nanos = Instant.parse("2025-01-01T10:00:00.123456789Z");
    Incident i =
        ((Correlation.Opened) Correlation.apply(Optional.empty(), firing(nanos), nanos)).incident();

    assertThat(i.createdAt()).isEqualTo(Instant.parse("2025-01-01T10:00:00.123456Z"));
    assertThat(i.alerts().get(0).startsAt())
        .isEqualTo(Instant.parse("2025-01-01T10:00:00.123456Z"));
  }
}
