package dev.alerting.incident.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.alerting.incident.config.OnCallConfig;
import dev.alerting.incident.config.OnCallConfigParser;
import dev.alerting.incident.lifecycle.Correlation;
import dev.alerting.incident.lifecycle.Incident;
import dev.alerting.incident.lifecycle.IncidentStatus;
import dev.alerting.incident.lifecycle.Lifecycle;
import dev.alerting.incident.lifecycle.TimelineEntry;
import dev.alerting.model.Labels;
import dev.alerting.model.alert.Alert;
import dev.alerting.model.alert.AlertStatus;
import dev.alerting.model.page.PageOutcome;
import dev.alerting.model.page.PageRequest;
import dev.alerting.platform.codec.PageCodec;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Grouping, reopening, merging and escalation on a real database, run per database by a subclass.
 * The clock is explicit: each test calls the store with the times it wants. Each test uses its own
 * alert names, so tests share one schema.
 */
abstract class OnCallStoreContract {
  private static final Instant T0 = Instant.parse("2026-05-04T10:00:00Z");
  private static final OnCallConfig CONFIG =
      OnCallConfigParser.parse(
          """
          users:
            - {name: alice, receiver: alice-pager}
            - {name: carol, receiver: carol-pager}
          schedules:
            - name: primary
              rotations: [{users: [alice], start: 2026-01-01T00:00, shift: 1d}]
          escalation_policies:
            - name: critical
              matchers: ['severity="critical"']
              steps:
                - {after: 0s, notify: [schedule/primary]}
                - {after: 5m, notify: [user/carol]}
          incidents:
            group_by: [alertname, service]
            reopen_window: 30m
          """,
          "test.yml");

  private static JdbcIncidentStore store;

  abstract StoreSettings settings();

  JdbcIncidentStore store() {
    if (store == null) {
      store = JdbcIncidentStore.open(settings(), () -> CONFIG, Clock.fixed(T0, ZoneOffset.UTC));
    }
    return store;
  }

  PagingStore paging() {
    return store().paging();
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

  private static Alert alert(String name, String severity, String service, String instance, int m) {
    return new Alert(
        AlertStatus.FIRING,
        Labels.of(
            "alertname", name, "severity", severity, "service", service, "instance", instance),
        Map.of("summary", name + " on " + service, "runbook_url", "https://runbooks/" + name),
        at(m),
        null,
        "");
  }

  private static Alert resolved(Alert a, int m) {
    return new Alert(AlertStatus.RESOLVED, a.labels(), a.annotations(), a.startsAt(), at(m), "");
  }

  private Incident opened(Alert a, int m) {
    return ((Correlation.Opened) store().applyAlert(a, at(m))).incident();
  }

  /** Drains the outbox and answers what it published, decoded. */
  private List<PageRequest> drain(int m) {
    List<PageRequest> out = new ArrayList<>();
    paging()
        .drainOutbox(
            1000,
            at(m),
            records -> records.forEach(r -> out.add(PageCodec.decodeRequest(r.value()))));
    return out;
  }

  private List<PageRequest> drainFor(long incident, int m) {
    return drain(m).stream().filter(p -> p.incidentId() == incident).toList();
  }

  @Test
  @DisplayName("five alerts of one group key make one incident; another service makes another")
  void fiveAlertsOneIncident() {
    Incident first = opened(alert("Grouped", "warning", "web", "i1", 0), 0);
    for (int i = 2; i <= 5; i++) {
      assertThat(store().applyAlert(alert("Grouped", "warning", "web", "i" + i, i), at(i)))
          .isInstanceOf(Correlation.Updated.class);
    }
    Incident other = opened(alert("Grouped", "warning", "db", "i1", 6), 6);

    Incident grouped = store().find(first.id()).orElseThrow();
    assertThat(grouped.alerts()).hasSize(5);
    assertThat(other.id()).isNotEqualTo(first.id());
    assertThat(grouped.timeline().stream().filter(e -> e.type().equals("alert_attached")))
        .hasSize(4);
    assertThat(grouped.runbooks()).containsExactly("https://runbooks/Grouped");
  }

  @Test
  @DisplayName(
      "an alert flapping within the reopen window reopens its incident; after it, a new one")
  void flappingReopens() {
    Alert a = alert("Flapping", "warning", "web", "i1", 0);
    Incident first = opened(a, 0);
    store().applyAlert(resolved(a, 5), at(5));
    Alert again = alert("Flapping", "warning", "web", "i1", 10);

    Correlation.Outcome reopened = store().applyAlert(again, at(10));

    assertThat(reopened).isInstanceOf(Correlation.Reopened.class);
    Incident back = store().find(first.id()).orElseThrow();
    assertThat(back.status()).isEqualTo(IncidentStatus.OPEN);
    assertThat(back.resolvedAt()).isNull();
    assertThat(back.timeline()).extracting(TimelineEntry::type).contains("reopened");

    store().applyAlert(resolved(again, 12), at(12));
    Correlation.Outcome late =
        store().applyAlert(alert("Flapping", "warning", "web", "i1", 50), at(50));
    assertThat(late).isInstanceOf(Correlation.Opened.class);
    assertThat(((Correlation.Opened) late).incident().id()).isNotEqualTo(first.id());
  }

  @Test
  @DisplayName(
      "a 10 000-character label value and a long summary become an incident, cut, not refused")
  void hugeLabel() {
    String huge = "x".repeat(10_000);
    Alert a =
        new Alert(
            AlertStatus.FIRING,
            Labels.of("alertname", "Huge", "service", huge, "severity", huge),
            Map.of("summary", "s".repeat(5_000)),
            at(0),
            null,
            "");

    Incident i = opened(a, 0);

    Incident back = store().find(i.id()).orElseThrow();
    assertThat(back.labels().get("service")).hasSize(10_000);
    assertThat(back.title()).hasSize(1024).endsWith("…");
    assertThat(back.severity()).hasSize(256);
  }

  @Test
  @DisplayName(
      "a critical incident pages the on-call user at once and assigns them; carol after 5m, once")
  void escalates() {
    Incident i = opened(alert("Escalating", "critical", "web", "i1", 0), 0);

    assertThat(paging().fireDue(at(0), 100)).isGreaterThanOrEqualTo(1);
    List<PageRequest> first = drainFor(i.id(), 0);
    assertThat(first)
        .extracting(PageRequest::user, PageRequest::receiver, PageRequest::step)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("alice", "alice-pager", 1));
    assertThat(first.get(0).alerts().get(0).annotations()).containsEntry("paged_user", "alice");
    assertThat(store().find(i.id()).orElseThrow().assignee()).isEqualTo("alice");

    paging().fireDue(at(4), 100);
    assertThat(drainFor(i.id(), 4)).isEmpty();
    paging().fireDue(at(5), 100);
    assertThat(drainFor(i.id(), 5)).extracting(PageRequest::user).containsExactly("carol");
    paging().fireDue(at(60), 100);
    assertThat(drainFor(i.id(), 60)).isEmpty();

    Incident after = store().find(i.id()).orElseThrow();
    assertThat(after.timeline())
        .extracting(TimelineEntry::type)
        .containsSubsequence(
            "opened", "escalated", "paged", "assigned", "escalated", "paged", "escalation_ended");
  }

  @Test
  @DisplayName("acknowledging stops the chain; resolving sends the resolve to everyone paged")
  void acknowledgeAndResolve() {
    Incident acked = opened(alert("AckStops", "critical", "web", "i1", 0), 0);
    Incident resolved = opened(alert("ResolveNotifies", "critical", "web", "i1", 0), 0);
    paging().fireDue(at(0), 100);
    drain(0);

    store().change(acked.id(), x -> Lifecycle.acknowledge(x, "alice", at(1)));
    paging().fireDue(at(10), 100);
    assertThat(drainFor(acked.id(), 10)).isEmpty();

    store().change(resolved.id(), x -> Lifecycle.resolve(x, "carol", null, at(11)));
    List<PageRequest> resolves = drainFor(resolved.id(), 11);
    assertThat(resolves)
        .extracting(PageRequest::kind, PageRequest::user)
        .contains(
            org.assertj.core.groups.Tuple.tuple(PageRequest.Kind.RESOLVE, "alice"),
            org.assertj.core.groups.Tuple.tuple(PageRequest.Kind.RESOLVE, "carol"));
    assertThat(resolves.get(0).alerts()).allSatisfy(a -> assertThat(a.isFiring()).isFalse());
  }

  @Test
  @DisplayName("a reopened critical incident starts its escalation over and pages again")
  void reopenRestartsEscalation() {
    Alert a = alert("ReopenPages", "critical", "web", "i1", 0);
    Incident i = opened(a, 0);
    paging().fireDue(at(0), 100);
    assertThat(drainFor(i.id(), 0)).hasSize(1);
    store().applyAlert(resolved(a, 1), at(1));
    assertThat(drainFor(i.id(), 1))
        .extracting(PageRequest::kind)
        .containsOnly(PageRequest.Kind.RESOLVE);

    store().applyAlert(alert("ReopenPages", "critical", "web", "i1", 3), at(3));
    paging().fireDue(at(3), 100);

    assertThat(drainFor(i.id(), 3))
        .extracting(PageRequest::kind, PageRequest::user)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(PageRequest.Kind.TRIGGER, "alice"));
  }

  @Test
  @DisplayName(
      "a batch in one transaction: alerts of one group join one incident, a repeat is a duplicate")
  void batch() {
    Alert a = alert("Batched", "critical", "web", "i1", 0);
    List<Correlation.Outcome> out =
        store().applyAlerts(List.of(a, alert("Batched", "critical", "web", "i2", 0), a), at(0));

    assertThat(out.get(0)).isInstanceOf(Correlation.Opened.class);
    assertThat(out.get(1)).isInstanceOf(Correlation.Updated.class);
    assertThat(out.get(2)).isEqualTo(new Correlation.Ignored(Correlation.Reason.DUPLICATE));
    long id = ((Correlation.Opened) out.get(0)).incident().id();
    assertThat(store().find(id).orElseThrow().alerts()).hasSize(2);
  }

  @Test
  @DisplayName(
      "one batch opens, resolves and reopens an incident in order; the batch again changes nothing")
  void batchLifecycle() {
    Alert a = alert("BatchFlap", "critical", "web", "i1", 0);
    Alert again = alert("BatchFlap", "critical", "web", "i1", 3);
    List<Alert> batch =
        List.of(a, resolved(a, 2), again, alert("BatchFlap", "critical", "web", "i2", 3));

    List<Correlation.Outcome> out = store().applyAlerts(batch, at(3));

    assertThat(out.get(0)).isInstanceOf(Correlation.Opened.class);
    assertThat(out.get(1))
        .isInstanceOfSatisfying(
            Correlation.Updated.class, u -> assertThat(u.autoResolved()).isTrue());
    assertThat(out.get(2)).isInstanceOf(Correlation.Reopened.class);
    assertThat(out.get(3)).isInstanceOf(Correlation.Updated.class);
    long id = ((Correlation.Opened) out.get(0)).incident().id();
    assertThat(((Correlation.Reopened) out.get(2)).incident().id()).isEqualTo(id);
    Incident stored = store().find(id).orElseThrow();
    assertThat(stored.status()).isEqualTo(IncidentStatus.OPEN);
    assertThat(stored.alerts()).hasSize(2);
    assertThat(stored.timeline())
        .extracting(TimelineEntry::type)
        .containsSubsequence(
            "opened", "resolved", "escalation_ended", "reopened", "alert_attached");
    // the chain stopped by the resolve started over with the reopen: alice is paged once
    paging().fireDue(at(3), 100);
    assertThat(drainFor(id, 3))
        .extracting(PageRequest::kind, PageRequest::user)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(PageRequest.Kind.TRIGGER, "alice"));

    List<Correlation.Outcome> redelivered = store().applyAlerts(batch, at(4));

    assertThat(redelivered)
        .containsOnly(new Correlation.Ignored(Correlation.Reason.DUPLICATE))
        .hasSize(4);
    assertThat(store().find(id).orElseThrow().alerts()).isEqualTo(stored.alerts());
    assertThat(store().find(id).orElseThrow().status()).isEqualTo(IncidentStatus.OPEN);
  }

  @Test
  @DisplayName("a failed publish leaves the page in the outbox; an outcome is recorded once")
  void outboxAndOutcomes() {
    Incident i = opened(alert("Outbox", "critical", "web", "i1", 0), 0);
    paging().fireDue(at(0), 100);
    assertThatThrownBy(
            () ->
                paging()
                    .drainOutbox(
                        100,
                        at(0),
                        r -> {
                          throw new IllegalStateException("broker down");
                        }))
        .hasMessageContaining("broker down");
    List<PageRequest> pages = drainFor(i.id(), 1);
    assertThat(pages).hasSize(1);

    PageOutcome delivered =
        new PageOutcome(pages.get(0).pageId(), i.id(), PageOutcome.Result.DELIVERED, "", at(1));
    assertThat(paging().recordOutcome(delivered)).isTrue();
    assertThat(paging().recordOutcome(delivered)).isFalse();
    assertThat(store().find(i.id()).orElseThrow().timeline())
        .filteredOn(e -> e.type().equals("page_delivered"))
        .hasSize(1);
  }

  @Test
  @DisplayName("two instances firing at once never fire a step twice (FOR UPDATE SKIP LOCKED)")
  void concurrentTicks() throws Exception {
    List<Long> ids = new ArrayList<>();
    for (int k = 0; k < 20; k++) {
      ids.add(opened(alert("Concurrent" + k, "critical", "web", "i1", 0), 0).id());
    }
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Callable<Integer> tick = () -> paging().fireDue(at(0), 3);
      List<Future<Integer>> runs = new ArrayList<>();
      for (int k = 0; k < 30; k++) {
        runs.add(pool.submit(tick));
      }
      for (Future<Integer> f : runs) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }
    // H2 applies LIMIT before skipping locked rows, so a tick may find nothing while another
    // holds rows; one sweep afterwards fires what is left. Either way: each step exactly once.
    while (paging().fireDue(at(0), 100) > 0) {
      // keep sweeping
    }
    List<PageRequest> pages = drain(0);
    assertThat(pages.stream().filter(p -> ids.contains(p.incidentId())))
        .extracting(PageRequest::incidentId)
        .containsExactlyInAnyOrderElementsOf(ids);
  }

  @Test
  @DisplayName("merge moves the alerts and resolves the merged incident; notes go to the timeline")
  void mergeAndNotes() {
    Incident a = opened(alert("MergeA", "warning", "web", "i1", 0), 0);
    Incident b = opened(alert("MergeB", "warning", "web", "i1", 0), 0);

    Lifecycle.Merge m = store().merge(a.id(), b.id(), "alice", at(1)).orElseThrow();
    store().change(b.id(), x -> Lifecycle.note(x, "alice", "looking at the load balancer", at(2)));

    assertThat(m.source().status()).isEqualTo(IncidentStatus.RESOLVED);
    Incident into = store().find(b.id()).orElseThrow();
    assertThat(into.alerts()).hasSize(2);
    assertThat(into.timeline()).extracting(TimelineEntry::type).contains("merged", "note");
    // a later event of the merged alert goes to the incident it was merged into
    assertThat(store().applyAlert(resolved(alert("MergeA", "warning", "web", "i1", 0), 3), at(3)))
        .isInstanceOfSatisfying(
            Correlation.Updated.class, u -> assertThat(u.incident().id()).isEqualTo(b.id()));
    assertThatThrownBy(() -> store().merge(a.id(), b.id(), "alice", at(4)))
        .hasMessageContaining("resolved");
  }
}
