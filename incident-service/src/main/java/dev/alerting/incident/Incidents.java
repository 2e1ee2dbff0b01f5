package dev.alerting.incident;

import dev.alerting.incident.lifecycle.Incident;
import dev.alerting.incident.lifecycle.Lifecycle;
import dev.alerting.incident.lifecycle.Transition;
import dev.alerting.incident.store.IncidentPage;
import dev.alerting.incident.store.IncidentQuery;
import dev.alerting.incident.store.IncidentStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.Optional;

/**
 * What the REST API can do with incidents, as futures: each call runs the blocking store on a
 * worker thread (unordered, so slow reads do not queue behind each other) and counts transitions.
 */
public final class Incidents {
  private final Vertx vertx;
  private final IncidentStore store;
  private final IncidentMetrics metrics;
  private final Clock clock;

  public Incidents(Vertx vertx, IncidentStore store, IncidentMetrics metrics, Clock clock) {
    this.vertx = vertx;
    this.store = store;
    this.metrics = metrics;
    this.clock = clock;
  }

  public Future<Optional<Incident>> find(long id) {
    return vertx.executeBlocking(() -> store.find(id), false);
  }

  public Future<IncidentPage> list(IncidentQuery query) {
    return vertx.executeBlocking(() -> store.list(query), false);
  }

  public Future<Optional<Transition>> acknowledge(long id, String by) {
    return change(id, i -> Lifecycle.acknowledge(i, by, clock.instant()))
        .onSuccess(
            t ->
                t.filter(Transition::changed)
                    .ifPresent(
                        x -> {
                          metrics.acknowledged();
                          metrics.acknowledgedAfter(
                              java.time.Duration.between(
                                  x.incident().createdAt(), x.incident().acknowledgedAt()));
                        }));
  }

  public Future<Optional<Transition>> resolve(long id, String by, String message) {
    return change(id, i -> Lifecycle.resolve(i, by, message, clock.instant()))
        .onSuccess(
            t ->
                t.filter(Transition::changed)
                    .ifPresent(
                        x -> {
                          metrics.resolvedByUser();
                          metrics.resolvedAfter(
                              java.time.Duration.between(
                                  x.incident().createdAt(), x.incident().resolvedAt()));
                        }));
  }

  public Future<Optional<Transition>> assign(long id, String assignee, String by) {
    return change(id, i -> Lifecycle.assign(i, assignee, by, clock.instant()));
  }

  public Future<Optional<Transition>> note(long id, String by, String text) {
    return change(id, i -> Lifecycle.note(i, by, text, clock.instant()));
  }

  /** Merges {@code id} into {@code into}; empty when either is missing. */
  public Future<Optional<Lifecycle.Merge>> merge(long id, long into, String by) {
    return vertx.executeBlocking(() -> store.merge(id, into, by, clock.instant()), false);
  }

  /** Refreshes the open-incidents gauge from the database. */
  public Future<Void> countOpen() {
    return vertx.executeBlocking(
        () -> {
          metrics.openBySeverity(store.openBySeverity());
          return null;
        },
        false);
  }

  /** Succeeds when the database answers. */
  public Future<Void> ping() {
    return vertx.executeBlocking(
        () -> {
          store.ping();
          return null;
        },
        false);
  }

  private Future<Optional<Transition>> change(
      long id, java.util.function.Function<Incident, Transition> action) {
    return vertx.executeBlocking(() -> store.change(id, action), false);
  }
}
