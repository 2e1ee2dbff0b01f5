package dev.alerting.incident.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.alerting.incident.lifecycle.Correlation;
import dev.alerting.incident.lifecycle.Incident;
import dev.alerting.incident.lifecycle.IncidentStatus;
import dev.alerting.incident.lifecycle.Lifecycle;
import dev.alerting.incident.lifecycle.TimelineEntry;
import dev.alerting.incident.lifecycle.TransitionConflict;
import dev.alerting.model.Labels;
import dev.alerting.model.alert.Alert;
import dev.alerting.model.alert.AlertStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * What every incident store must do, run once per database (H2 and PostgreSQL) by a subclass that
 * supplies {@link #settings()}. Each test uses its own alert names, so tests share one schema.
 */
abstract class IncidentStoreContract {
  private static final Instant T0 = Instant.parse("2025-03-01T08:00:00.123456789Z");
  private static IncidentStore store;

  /** A fresh, empty database for this run. */
  abstract StoreSettings settings();

  IncidentStore store() {
    if (store == null) {
      store = JdbcIncidentStore.open(settings());
    }
    return store;
  }

  @AfterAll
  static void closeStore() {
    if (store != null) {
      store.close();
      store = null;
    }
  }

  private static Instant at(int minutes) {
    return T0.plusSeconds(60L * minutes);
  }

  private static Alert firing(String name, String severity, Instant startsAt) {
    return firing(name, name, severity, startsAt);
  }

  private static Alert firing(String name, String group, String severity, Instant startsAt) {
    return new Alert(
        AlertStatus.FIRING,
        Labels.of("alertname", name, "severity", severity, "group", group),
        Map.of("summary", name + " summary"),
        startsAt,
        null,
        "http://rules/" + name);
  }

  private static Alert resolved(Alert firing, Instant endsAt) {
    return new Alert(
        AlertStatus.RESOLVED, firing.labels(), firing.annotations(), firing.startsAt(), endsAt, "");
  }

  private Incident open(Alert alert) {
    return ((Correlation.Opened) store().applyAlert(alert, at(1))).incident();
  }

  @Test
  @DisplayName("a firing alert opens an incident that reads back exactly as the core built it")
  void roundTrip() {
    Alert a = firing("RoundTrip", "critical", at(0));

    Incident opened = open(a);

    assertThat(opened.id()).isPositive();
    assertThat(store().find(opened.id())).contains(opened);
    assertThat(opened.title()).isEqualTo("RoundTrip: RoundTrip summary");
    assertThat(opened.alerts().get(0).startsAt())
        .isEqualTo(Instant.parse("2025-03-01T08:00:00.123456Z"));
  }

  @Test
  @DisplayName("the same event delivered twice changes nothing the second time")
  void redeliveryIsANoOp() {
    Alert a = firing("Redelivered", "warning", at(0));
    Incident opened = open(a);

    Correlation.Outcome again = store().applyAlert(a, at(2));

    assertThat(again).isEqualTo(new Correlation.Ignored(Correlation.Reason.DUPLICATE));
    assertThat(store().find(opened.id())).contains(opened);
    assertThat(store().list(byName("Redelivered")).total()).isEqualTo(1);
  }

  @Test
  @DisplayName(
      "an incident's alerts read back as the core holds them while some join, change and resolve"
          + " across batches (rows written per change, not rewritten)")
  void growingIncidentReadsBack() {
    Alert a = firing("Grow", "warning", at(0));
    Alert b = firing("Grow", "warning", at(1));
    Alert c = firing("Grow", "warning", at(2));
    Alert d = firing("Grow", "warning", at(3));
    b = withLabel(b, "pod", "b");
    c = withLabel(c, "pod", "c");
    d = withLabel(d, "pod", "d");
    Incident opened = open(a);

    store().applyAlerts(List.of(b, c), at(2));
    List<Correlation.Outcome> last =
        store().applyAlerts(List.of(resolved(a, at(4)), d, withEnd(c, at(30))), at(5));

    Incident core = ((Correlation.Updated) last.get(2)).incident();
    Incident stored = store().find(opened.id()).orElseThrow();
    assertThat(stored).isEqualTo(core);
    assertThat(stored.alerts())
        .extracting(x -> x.labels().get("pod"), x -> x.status())
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(null, AlertStatus.RESOLVED),
            org.assertj.core.groups.Tuple.tuple("b", AlertStatus.FIRING),
            org.assertj.core.groups.Tuple.tuple("c", AlertStatus.FIRING),
            org.assertj.core.groups.Tuple.tuple("d", AlertStatus.FIRING));
    assertThat(stored.alerts().get(2).endsAt())
        .isEqualTo(at(30).truncatedTo(java.time.temporal.ChronoUnit.MICROS));
  }

  private static Alert withLabel(Alert a, String name, String value) {
    return new Alert(
        a.status(),
        a.labels().with(name, value),
        a.annotations(),
        a.startsAt(),
        a.endsAt(),
        a.generatorUrl());
  }

  /** A repeat of a firing alert with its expected end (a new event key). */
  private static Alert withEnd(Alert a, Instant endsAt) {
    return new Alert(
        a.status(), a.labels(), a.annotations(), a.startsAt(), endsAt, a.generatorUrl());
  }

  @Test
  @DisplayName(
      "a resolved alert auto-resolves the incident; a firing after the reopen window opens a new one")
  void resolveAndRefire() {
    Alert a = firing("Refire", "warning", at(0));
    Incident first = open(a);

    Correlation.Outcome r = store().applyAlert(resolved(a, at(5)), at(6));
    // the default reopen window is 30m: 35 minutes after the resolution is a new incident
    Incident second =
        ((Correlation.Opened) store().applyAlert(firing("Refire", "warning", at(40)), at(41)))
            .incident();

    assertThat(r).isInstanceOf(Correlation.Updated.class);
    Incident resolvedOne = store().find(first.id()).orElseThrow();
    assertThat(resolvedOne.status()).isEqualTo(IncidentStatus.RESOLVED);
    assertThat(resolvedOne.resolvedAt()).isEqualTo(Instant.parse("2025-03-01T08:06:00.123456Z"));
    assertThat(resolvedOne.timeline())
        .last()
        .extracting(TimelineEntry::type, TimelineEntry::actor, TimelineEntry::message)
        .containsExactly("resolved", "system", "alert resolved");
    assertThat(resolvedOne.alerts().get(0).status()).isEqualTo(AlertStatus.RESOLVED);
    assertThat(second.id()).isNotEqualTo(first.id());
    assertThat(store().list(byName("Refire")).items())
        .extracting(Incident::id)
        .containsExactly(second.id(), first.id());
  }

  @Test
  @DisplayName(
      "acknowledge is saved once; acknowledging a resolved incident is a conflict that changes nothing")
  void acknowledgeAndConflict() {
    Incident i = open(firing("Ack", "critical", at(0)));

    store().change(i.id(), x -> Lifecycle.acknowledge(x, "alice", at(2)));
    store().change(i.id(), x -> Lifecycle.acknowledge(x, "alice", at(3)));
    Incident acked = store().find(i.id()).orElseThrow();
    store().change(i.id(), x -> Lifecycle.resolve(x, "bob", "done", at(4)));
    Incident resolved = store().find(i.id()).orElseThrow();

    assertThat(acked.status()).isEqualTo(IncidentStatus.ACKNOWLEDGED);
    assertThat(acked.timeline()).hasSize(2);
    assertThatThrownBy(() -> store().change(i.id(), x -> Lifecycle.acknowledge(x, "carol", at(5))))
        .isInstanceOf(TransitionConflict.class);
    assertThat(store().find(i.id())).contains(resolved);
    assertThat(resolved.timeline())
        .extracting(TimelineEntry::type)
        .containsExactly("opened", "acknowledged", "resolved");
  }

  @Test
  @DisplayName("changing an incident that does not exist answers empty")
  void missing() {
    assertThat(store().change(999_999, x -> Lifecycle.acknowledge(x, "a", at(0)))).isEmpty();
    assertThat(store().find(999_999)).isEmpty();
  }

  @Test
  @DisplayName("listing filters by status, severity, assignee and labels, and pages newest first")
  void listing() {
    Incident a = open(firing("ListA", "ListX", "critical", at(0)));
    Incident b = open(firing("ListB", "ListX", "warning", at(0)));
    Incident c = open(firing("ListC", "ListX", "critical", at(0)));
    store().change(b.id(), x -> Lifecycle.assign(x, "list-owner", "lead", at(2)));
    store().change(c.id(), x -> Lifecycle.resolve(x, "lead", null, at(2)));
    List<IncidentQuery.LabelFilter> mine = List.of(new IncidentQuery.LabelFilter("group", "ListX"));

    IncidentPage critical = store().list(query(List.of(), List.of("critical"), null, mine, 50, 0));
    IncidentPage open =
        store().list(query(List.of(IncidentStatus.OPEN), List.of(), null, mine, 50, 0));
    IncidentPage openOrAcked =
        store()
            .list(
                query(
                    List.of(IncidentStatus.OPEN, IncidentStatus.ACKNOWLEDGED),
                    List.of(),
                    null,
                    mine,
                    50,
                    0));
    IncidentPage owned = store().list(query(List.of(), List.of(), "list-owner", List.of(), 50, 0));
    IncidentPage both =
        store()
            .list(
                query(
                    List.of(),
                    List.of(),
                    null,
                    List.of(mine.get(0), new IncidentQuery.LabelFilter("alertname", "ListB")),
                    50,
                    0));
    IncidentPage page2 = store().list(query(List.of(), List.of(), null, mine, 1, 1));

    assertThat(critical.items()).extracting(Incident::id).containsExactly(c.id(), a.id());
    assertThat(critical.total()).isEqualTo(2);
    assertThat(open.items()).extracting(Incident::id).containsExactly(b.id(), a.id());
    assertThat(openOrAcked.total()).isEqualTo(2);
    assertThat(owned.items()).extracting(Incident::id).containsExactly(b.id());
    assertThat(both.items()).extracting(Incident::id).containsExactly(b.id());
    assertThat(page2.items()).extracting(Incident::id).containsExactly(b.id());
    assertThat(page2.total()).isEqualTo(3);
    assertThat(page2.limit()).isEqualTo(1);
    assertThat(page2.offset()).isEqualTo(1);
  }

  @Test
  @DisplayName("migrating again is a no-op and the database answers a ping")
  void migrationsAreIdempotent() {
    store();
    assertThat(Migrations.migrate(settings()))
        .isEqualTo(Migrations.migrate(settings()))
        .isEqualTo(4);
    store().ping();
  }

  private static IncidentQuery byName(String name) {
    return query(
        List.of(),
        List.of(),
        null,
        List.of(new IncidentQuery.LabelFilter("alertname", name)),
        50,
        0);
  }

  private static IncidentQuery query(
      List<IncidentStatus> statuses,
      List<String> severities,
      String assignee,
      List<IncidentQuery.LabelFilter> labels,
      int limit,
      int offset) {
    return new IncidentQuery(statuses, severities, assignee, labels, limit, offset);
  }
}
