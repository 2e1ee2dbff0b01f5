package dev.alerting.incident.store;

import dev.alerting.incident.config.OnCallConfig;
import dev.alerting.incident.lifecycle.Correlation;
import dev.alerting.incident.lifecycle.GroupKey;
import dev.alerting.incident.lifecycle.Incident;
import dev.alerting.incident.lifecycle.IncidentStatus;
import dev.alerting.model.alert.Alert;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Applies a poll's alert events inside one transaction with set-based reads and writes: one
 * statement holds the batch's alert groups against other instances ({@link Dialect#lockGroups}),
 * one learns which events are new, three find and lock the incidents their fingerprints and groups
 * lead to, the pure core then decides event by event in memory (so an alert joining an incident
 * opened earlier in the same batch joins it), and {@link IncidentWrites} saves the result with one
 * statement per table. Only an event that resolves an incident writes early: stopping its
 * escalation and sending the resolve to everyone paged read what is stored.
 */
final class AlertBatch {
  private final Connection c;
  private final OnCallConfig cfg;
  private final Escalations escalations;
  private final Instant now;
  private final IncidentWrites writes;
  private final Map<String, Tracked> byFingerprint = new HashMap<>();
  private final Map<String, Tracked> byGroup = new HashMap<>();
  private int created;

  private AlertBatch(
      Connection c, Dialect dialect, OnCallConfig cfg, Escalations escalations, Instant now) {
    this.c = c;
    this.cfg = cfg;
    this.escalations = escalations;
    this.now = now;
    this.writes = new IncidentWrites(dialect);
  }

  /** The outcome of each event, in order; a redelivered or repeated event is a duplicate. */
  static List<Correlation.Outcome> apply(
      Connection c,
      Dialect dialect,
      OnCallConfig cfg,
      Escalations escalations,
      List<Alert> alerts,
      Instant now)
      throws SQLException {
    return new AlertBatch(c, dialect, cfg, escalations, now).run(dialect, alerts);
  }

  private List<Correlation.Outcome> run(Dialect dialect, List<Alert> alerts) throws SQLException {
    Map<String, String> events = new LinkedHashMap<>();
    List<String> keys = new ArrayList<>();
    List<String> groupKeys = new ArrayList<>();
    for (Alert a : alerts) {
      String key = JdbcIncidentStore.eventKey(a);
      keys.add(key);
      events.putIfAbsent(key, a.fingerprint());
      groupKeys.add(GroupKey.of(a.labels(), cfg.groupBy(a.labels())));
    }
    // First, before any row is read or locked: another instance's batch on one of these groups
    // commits before this one looks for the groups' incidents (and sees what it opened).
    dialect.lockGroups(c, groupKeys);
    Set<String> fresh = CorrelationRows.recordEvents(c, dialect, events, now);
    Set<String> fingerprints = new HashSet<>();
    Set<String> groups = new HashSet<>();
    for (int k = 0; k < alerts.size(); k++) {
      if (fresh.contains(keys.get(k))) {
        fingerprints.add(alerts.get(k).fingerprint());
        groups.add(groupKeys.get(k));
      }
    }
    load(fingerprints, groups);
    List<Supplier<Correlation.Outcome>> outcomes = new ArrayList<>();
    for (int k = 0; k < alerts.size(); k++) {
      // The first delivery of a key in the batch applies it; any later one is a duplicate.
      outcomes.add(
          fresh.remove(keys.get(k))
              ? one(alerts.get(k), groupKeys.get(k))
              : () -> new Correlation.Ignored(Correlation.Reason.DUPLICATE));
    }
    writes.flush(c);
    return outcomes.stream().map(Supplier::get).toList();
  }

  /** Finds and locks the latest incident of every fingerprint and group in the batch. */
  private void load(Set<String> fingerprints, Set<String> groups) throws SQLException {
    if (fingerprints.isEmpty()) {
      return;
    }
    Map<String, Long> withFingerprint = CorrelationRows.latestWith(c, fingerprints);
    Map<String, Long> ofGroup = CorrelationRows.latestInGroups(c, groups);
    Set<Long> ids = new HashSet<>(withFingerprint.values());
    ids.addAll(ofGroup.values());
    Map<Long, Tracked> byId = new HashMap<>();
    for (Incident i : IncidentRows.lockAll(c, ids, false)) {
      byId.put(i.id(), writes.track(Tracked.loaded(i)));
    }
    withFingerprint.forEach((fp, id) -> put(byFingerprint, fp, byId.get(id)));
    ofGroup.forEach((group, id) -> put(byGroup, group, byId.get(id)));
  }

  private static void put(Map<String, Tracked> index, String key, Tracked t) {
    if (t != null) {
      index.put(key, t);
    }
  }

  /** Applies one new event in memory; the outcome is read after the flush, when ids are known. */
  private Supplier<Correlation.Outcome> one(Alert alert, String groupKey) throws SQLException {
    Tracked latest = byFingerprint.get(alert.fingerprint());
    boolean latestActive = latest != null && latest.current.status().isActive();
    Tracked group = latestActive || !alert.isFiring() ? null : byGroup.get(groupKey);
    Correlation.Outcome outcome =
        Correlation.apply(
            current(latest), current(group), alert, now, cfg.grouping().reopenWindow());
    if (outcome instanceof Correlation.Opened opened) {
      Tracked t = writes.track(Tracked.created(opened.incident(), groupKey, ++created));
      escalations.policyFor(t.current).ifPresent(p -> t.restartEscalation(p, now));
      writes.changed(t, null, t.current);
      holds(alert, t);
      byGroup.put(groupKey, t);
      Incident made = t.current;
      return () -> new Correlation.Opened(made.withId(t.id()));
    }
    if (outcome instanceof Correlation.Reopened reopened) {
      Incident before = group.current;
      group.current = reopened.incident();
      escalations.policyFor(group.current).ifPresent(p -> group.restartEscalation(p, now));
      writes.changed(group, before, group.current);
      holds(alert, group);
      Incident made = group.current;
      return () -> new Correlation.Reopened(made.withId(group.id()));
    }
    if (outcome instanceof Correlation.Updated updated) {
      Tracked t = latestActive ? latest : group != null ? group : latest;
      Incident before = t.current;
      Incident after = updated.incident();
      if (before.status() != after.status() && after.status() != IncidentStatus.OPEN) {
        // Stopping the chain and sending resolves read the stored pages and escalation row.
        writes.flush(c);
        before = t.current;
        after = escalations.transitioned(c, before, after.withId(t.id()), now);
      }
      t.current = after;
      writes.changed(t, before, after);
      holds(alert, t);
      Incident made = after;
      return () -> new Correlation.Updated(made.withId(t.id()), updated.autoResolved());
    }
    return () -> outcome;
  }

  /** {@code t} now holds the alert; it is the alert's latest incident unless a newer one does. */
  private void holds(Alert alert, Tracked t) {
    Tracked known = byFingerprint.get(alert.fingerprint());
    if (known == null || known.rank <= t.rank) {
      byFingerprint.put(alert.fingerprint(), t);
    }
  }

  private static Optional<Incident> current(Tracked t) {
    return t == null ? Optional.empty() : Optional.of(t.current);
  }
}
