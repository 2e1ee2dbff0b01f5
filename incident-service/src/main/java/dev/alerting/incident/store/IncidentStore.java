package dev.alerting.incident.store;

import dev.alerting.incident.lifecycle.Correlation;
import dev.alerting.incident.lifecycle.Incident;
import dev.alerting.incident.lifecycle.Lifecycle;
import dev.alerting.incident.lifecycle.Transition;
import dev.alerting.model.alert.Alert;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;

/** Durable incidents. Every method blocks and runs in one transaction of its own. */
public interface IncidentStore extends AutoCloseable {

  /**
   * Applies one alert event. The same event (fingerprint, status, startsAt, endsAt) applied again
   * changes nothing and answers {@code Ignored(DUPLICATE)}.
   */
  Correlation.Outcome applyAlert(Alert alert, Instant now);

  /**
   * Applies a batch of alert events in order, in one transaction (one commit for the batch); if any
   * fails, none of them is applied.
   */
  java.util.List<Correlation.Outcome> applyAlerts(java.util.List<Alert> alerts, Instant now);

  Optional<Incident> find(long id);

  IncidentPage list(IncidentQuery query);

  /**
   * Runs a lifecycle action on incident {@code id} with the row locked, and saves the result when
   * it changed anything. Empty when there is no such incident; a {@code TransitionConflict} thrown
   * by {@code action} leaves the incident as it was.
   */
  Optional<Transition> change(long id, Function<Incident, Transition> action);

  /**
   * Merges incident {@code id} into {@code into}; empty when either does not exist. A {@code
   * TransitionConflict} (either resolved) leaves both as they were.
   */
  Optional<Lifecycle.Merge> merge(long id, long into, String by, Instant now);

  /** Up to {@code limit} changes after {@code seq}, in order (the stream's feed). */
  java.util.List<IncidentEvent> eventsAfter(long seq, int limit);

  /** The sequence number of the latest change, 0 when there is none. */
  long lastEventSeq();

  /** Active (open or acknowledged) incidents per severity. */
  java.util.Map<String, Long> openBySeverity();

  /** Fails unless the database answers a trivial query. */
  void ping();

  @Override
  void close();
}
