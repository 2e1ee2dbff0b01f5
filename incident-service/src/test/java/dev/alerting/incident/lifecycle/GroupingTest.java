package dev.alerting.incident.lifecycle;

import static dev.alerting.incident.lifecycle.Alerts.at;
import static org.assertj.core.api.Assertions.assertThat;

import dev.alerting.model.Labels;
import dev.alerting.model.alert.Alert;
import dev.alerting.model.alert.AlertStatus;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@DisplayName("Grouping alerts into incidents and reopening within the window")
class GroupingTest {
  private static final Duration WINDOW = Duration.ofMinutes(30);

  private static Alert alert(String instance, int startMinute) {
    return new Alert(
        AlertStatus.FIRING,
        Labels.of("alertname", "DiskFull", "instance", instance),
        Map.of(),
        at(startMinute),
        null,
        "");
  }

  private static Incident group() {
    return ((Correlation.Opened) Correlation.apply(Optional.empty(), alert("a", 0), at(0)))
        .incident()
        .withId(3);
  }

  private static Incident resolvedAt(int minute) {
    return Lifecycle.resolve(group(), "bob", null, at(minute)).incident();
  }

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of(
            "a new alert of an open group joins its incident",
            group(),
            alert("b", 1),
            2,
            Correlation.Updated.class,
            IncidentStatus.OPEN),
        Arguments.of(
            "a new alert of a group resolved 10m ago reopens it",
            resolvedAt(5),
            alert("b", 14),
            15,
            Correlation.Reopened.class,
            IncidentStatus.OPEN),
        Arguments.of(
            "exactly at the window's end still reopens",
            resolvedAt(5),
            alert("b", 34),
            35,
            Correlation.Reopened.class,
            IncidentStatus.OPEN),
        Arguments.of(
            "after the window a new incident opens",
            resolvedAt(5),
            alert("b", 35),
            36,
            Correlation.Opened.class,
            IncidentStatus.OPEN));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void groups(
      String name,
      Incident groupIncident,
      Alert event,
      int nowMinute,
      Class<? extends Correlation.Outcome> outcome,
      IncidentStatus status) {
    Correlation.Outcome o =
        Correlation.apply(
            Optional.empty(), Optional.of(groupIncident), event, at(nowMinute), WINDOW);

    assertThat(o).isInstanceOf(outcome);
    Incident after;
    if (o instanceof Correlation.Opened x) {
      after = x.incident();
    } else if (o instanceof Correlation.Reopened x) {
      after = x.incident();
    } else {
      after = ((Correlation.Updated) o).incident();
    }
    assertThat(after.status()).isEqualTo(status);
    if (!(o instanceof Correlation.Opened)) {
      assertThat(after.id()).isEqualTo(3);
      assertThat(after.alerts()).hasSize(2);
    }
  }

  @Test
  @DisplayName("a flapping alert (same fingerprint, new occurrence) reopens its own incident")
  void flapping() {
    Alert first = alert("a", 0);
    Incident resolved =
        ((Correlation.Updated)
                Correlation.apply(
                    Optional.of(group()),
                    new Alert(AlertStatus.RESOLVED, first.labels(), Map.of(), at(0), at(3), ""),
                    at(3)))
            .incident();

    Correlation.Outcome o =
        Correlation.apply(
            Optional.of(resolved), Optional.of(resolved), alert("a", 6), at(6), WINDOW);

    assertThat(o).isInstanceOf(Correlation.Reopened.class);
    Incident back = ((Correlation.Reopened) o).incident();
    assertThat(back.alerts()).hasSize(1);
    assertThat(back.alerts().get(0).startsAt()).isEqualTo(at(6));
    assertThat(back.timeline()).extracting(TimelineEntry::type).endsWith("reopened");
    assertThat(back.resolvedAt()).isNull();
  }

  @Test
  @DisplayName("the group key depends on the grouping labels only, and fits any value")
  void groupKey() {
    Labels a = Labels.of("alertname", "X", "service", "web", "instance", "1");
    Labels b = Labels.of("alertname", "X", "service", "web", "instance", "2");
    Labels huge = Labels.of("alertname", "X", "service", "w".repeat(10_000));

    assertThat(GroupKey.of(a, List.of("alertname", "service")))
        .isEqualTo(GroupKey.of(b, List.of("alertname", "service")))
        .isNotEqualTo(GroupKey.of(a, List.of("alertname", "instance")));
    assertThat(GroupKey.of(huge, List.of("service"))).hasSize(64);
  }
}
