package dev.alerting.incident.store;

import dev.alerting.incident.config.OnCallConfig;
import dev.alerting.incident.config.OnCallUser;
import dev.alerting.incident.escalation.DueStep;
import dev.alerting.incident.escalation.EscalationPolicy;
import dev.alerting.incident.escalation.Pager;
import dev.alerting.incident.lifecycle.Incident;
import dev.alerting.incident.lifecycle.IncidentAlert;
import dev.alerting.incident.lifecycle.IncidentStatus;
import dev.alerting.incident.lifecycle.Paging;
import dev.alerting.incident.oncall.Schedule;
import dev.alerting.incident.oncall.Shift;
import dev.alerting.model.alert.Alert;
import dev.alerting.model.alert.AlertStatus;
import dev.alerting.model.page.PageRequest;
import dev.alerting.platform.codec.PageCodec;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Runs escalations inside the store's transactions: starts a chain when an incident opens, fires
 * due steps (pages written to the outbox in the same transaction as the step's advance), and stops
 * the chain on acknowledge or resolve, sending the resolve to everyone paged.
 */
final class Escalations {
  /** The most alerts a page carries; the incident has them all. */
  private static final int MAX_PAGE_ALERTS = 50;

  private final Supplier<OnCallConfig> config;
  private final Dialect dialect;

  Escalations(Supplier<OnCallConfig> config, Dialect dialect) {
    this.config = config;
    this.dialect = dialect;
  }

  /** The policy a new incident follows, if any. */
  Optional<EscalationPolicy> policyFor(Incident incident) {
    return config.get().policyFor(incident.labels());
  }

  /**
   * Applies what a transition means for paging: acknowledging or resolving stops the chain, and
   * resolving sends the resolve to everyone paged. Answers {@code after} with the timeline lines.
   */
  Incident transitioned(Connection c, Incident before, Incident after, Instant now)
      throws SQLException {
    if (before.status() == after.status() || after.status() == IncidentStatus.OPEN) {
      return after;
    }
    Incident next = after;
    if (EscalationRows.delete(c, after.id())) {
      next = Paging.stopped(next, after.status().wire(), now);
    }
    if (after.status() == IncidentStatus.RESOLVED) {
      List<String> whom = new ArrayList<>();
      for (String[] paged : PageRows.paged(c, after.id())) {
        PageRequest resolve =
            request(
                after.id() + ":resolve:" + now.toEpochMilli() + ":" + paged[0] + "@" + paged[1],
                next,
                PageRequest.Kind.RESOLVE,
                paged[0],
                paged[1],
                0,
                now);
        PageRows.insert(c, row(resolve));
        whom.add(paged[0].isEmpty() ? paged[1] : paged[0]);
      }
      if (!whom.isEmpty()) {
        next = Paging.resolveSent(next, whom, now);
      }
    }
    return next;
  }

  /**
   * Fires up to {@code limit} due steps with set-based writes (pages, chain advances, incident
   * changes: one statement each); answers how many fired. An incident an API call holds right now
   * is left for the next tick, so a tick never waits for a lock.
   */
  int fireDue(Connection c, Instant now, int limit) throws SQLException {
    OnCallConfig cfg = config.get();
    List<EscalationRows.Row> claimed = EscalationRows.claimDue(c, now, limit);
    if (claimed.isEmpty()) {
      return 0;
    }
    Map<Long, Incident> locked = new HashMap<>();
    List<Long> ids = claimed.stream().map(EscalationRows.Row::incidentId).toList();
    for (Incident i : IncidentRows.lockAll(c, ids, true)) {
      locked.put(i.id(), i);
    }
    Pager.Directory directory = directory(c, cfg);
    IncidentWrites writes = new IncidentWrites(dialect);
    List<PageRows.Row> pages = new ArrayList<>();
    List<EscalationRows.Row> advanced = new ArrayList<>();
    List<Long> ended = new ArrayList<>();
    int fired = 0;
    for (EscalationRows.Row row : claimed) {
      Incident incident = locked.get(row.incidentId());
      if (incident == null) {
        continue;
      }
      Optional<EscalationPolicy> policy = cfg.policy(row.policy());
      Optional<DueStep> due = policy.flatMap(p -> p.due(row.position(), row.startedAt()));
      if (!incident.status().isActive() || due.isEmpty()) {
        ended.add(row.incidentId());
        continue;
      }
      Pager.Fired fire = Pager.fire(due.get(), directory);
      for (Pager.Page p : fire.pages()) {
        String id =
            incident.id()
                + ":"
                + row.startedAt().toEpochMilli()
                + ":"
                + row.position()
                + ":"
                + p.user()
                + "@"
                + p.receiver();
        pages.add(
            row(
                request(
                    id,
                    incident,
                    PageRequest.Kind.TRIGGER,
                    p.user(),
                    p.receiver(),
                    due.get().number(),
                    now)));
      }
      Incident after = Paging.stepFired(incident, row.policy(), due.get(), fire, now);
      Optional<DueStep> next = policy.get().due(row.position() + 1, row.startedAt());
      if (next.isPresent()) {
        advanced.add(
            new EscalationRows.Row(
                row.incidentId(),
                row.policy(),
                row.startedAt(),
                row.position() + 1,
                next.get().dueAt()));
      } else {
        ended.add(row.incidentId());
        after = Paging.exhausted(after, row.policy(), now);
      }
      Tracked t = writes.track(Tracked.loaded(incident));
      t.current = after;
      writes.changed(t, incident, after);
      fired++;
    }
    PageRows.insertAll(c, pages);
    EscalationRows.advanceAll(c, advanced);
    EscalationRows.deleteAll(c, ended);
    writes.flush(c);
    return fired;
  }

  private static Pager.Directory directory(Connection c, OnCallConfig cfg) {
    Map<String, Schedule> withOverrides = new HashMap<>();
    return new Pager.Directory() {
      @Override
      public Optional<String> receiverOf(String user) {
        return Optional.ofNullable(cfg.users().get(user)).map(OnCallUser::receiver);
      }

      @Override
      public Optional<String> onCall(String name, Instant at) {
        Schedule s = withOverrides.computeIfAbsent(name, n -> load(c, cfg, n));
        return s == null ? Optional.empty() : s.onCall(at).map(Shift::user);
      }
    };
  }

  private static Schedule load(Connection c, OnCallConfig cfg, String name) {
    Schedule s = cfg.schedules().get(name);
    if (s == null) {
      return null;
    }
    try {
      return s.withOverrides(OverrideRows.forSchedule(c, name));
    } catch (SQLException e) {
      throw new StoreException("cannot read overrides of " + name + ": " + e.getMessage(), e);
    }
  }

  private static PageRequest request(
      String pageId,
      Incident i,
      PageRequest.Kind kind,
      String user,
      String receiver,
      int step,
      Instant now) {
    List<Alert> alerts = new ArrayList<>();
    for (IncidentAlert a : i.alerts().subList(0, Math.min(MAX_PAGE_ALERTS, i.alerts().size()))) {
      Map<String, String> annotations = new HashMap<>(a.annotations());
      annotations.put("incident_id", Long.toString(i.id()));
      annotations.put("incident_title", i.title());
      if (!user.isEmpty()) {
        annotations.put("paged_user", user);
      }
      boolean resolve = kind == PageRequest.Kind.RESOLVE;
      AlertStatus status = resolve ? AlertStatus.RESOLVED : AlertStatus.FIRING;
      Instant endsAt = resolve ? (a.endsAt() != null && !a.isFiring() ? a.endsAt() : now) : null;
      alerts.add(new Alert(status, a.labels(), annotations, a.startsAt(), endsAt, ""));
    }
    return new PageRequest(
        pageId, i.id(), kind, user, receiver, i.title(), i.severity(), step, alerts, now);
  }

  private static PageRows.Row row(PageRequest r) {
    return new PageRows.Row(
        r.pageId(),
        r.incidentId(),
        r.kind().wire(),
        r.user(),
        r.receiver(),
        r.step(),
        r.createdAt(),
        PageCodec.encode(r));
  }
}
