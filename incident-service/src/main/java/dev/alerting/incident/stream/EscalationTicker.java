package dev.alerting.incident.stream;

import dev.alerting.incident.IncidentMetrics;
import dev.alerting.incident.store.PagingStore;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every tick: fire the escalation steps that are due (timers live in the database, so a restart or
 * a second instance neither skips nor repeats one), then drain the page outbox to Kafka. One tick
 * at a time; the next is scheduled when the previous finished.
 */
public final class EscalationTicker {
  private static final Logger LOG = LoggerFactory.getLogger(EscalationTicker.class);
  private static final int BATCH = 500;

  private final Vertx vertx;
  private final PagingStore store;
  private final PagePublisher publisher;
  private final IncidentMetrics metrics;
  private final Clock clock;
  private final Duration tick;
  private final Promise<Void> stopped = Promise.promise();
  private volatile boolean stopping;

  public EscalationTicker(
      Vertx vertx,
      PagingStore store,
      PagePublisher publisher,
      IncidentMetrics metrics,
      Clock clock,
      Duration tick) {
    this.vertx = vertx;
    this.store = store;
    this.publisher = publisher;
    this.metrics = metrics;
    this.clock = clock;
    this.tick = tick;
  }

  public void start() {
    vertx.setTimer(tick.toMillis(), t -> run());
  }

  /** Lets the tick in progress finish, then stops. */
  public Future<Void> stop() {
    stopping = true;
    return stopped.future();
  }

  private void run() {
    if (stopping) {
      stopped.tryComplete();
      return;
    }
    vertx
        .executeBlocking(this::once, false)
        .onFailure(e -> LOG.warn("escalation tick failed; retrying next tick: {}", e.getMessage()))
        .onComplete(
            ar -> {
              if (stopping) {
                stopped.tryComplete();
              } else {
                vertx.setTimer(tick.toMillis(), t -> run());
              }
            });
  }

  private Void once() {
    int fired;
    do {
      fired = store.fireDue(clock.instant(), BATCH);
      metrics.stepsFired(fired);
    } while (fired == BATCH && !stopping);
    int published;
    do {
      published = store.drainOutbox(BATCH, clock.instant(), publisher);
      metrics.pagesPublished(published);
    } while (published == BATCH && !stopping);
    return null;
  }
}
