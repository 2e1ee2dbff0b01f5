package dev.alerting.incident.stream;

import dev.alerting.incident.IncidentMetrics;
import dev.alerting.incident.lifecycle.Correlation;
import dev.alerting.incident.store.IncidentStore;
import dev.alerting.model.alert.Alert;
import dev.alerting.platform.codec.AlertCodec;
import dev.alerting.platform.codec.CodecException;
import dev.alerting.platform.kafka.Topics;
import dev.alerting.platform.trace.TraceScope;
import io.opentelemetry.api.trace.Span;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.kafka.client.common.TopicPartition;
import io.vertx.kafka.client.consumer.KafkaConsumer;
import io.vertx.kafka.client.consumer.OffsetAndMetadata;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the alerts topic to the incident store through a {@link PollLoop}: one set-based
 * transaction per poll, event by event if that fails; a database failure rewinds to the first event
 * not applied, so no event is skipped or half-applied.
 */
public final class AlertConsumer {
  private static final Logger LOG = LoggerFactory.getLogger(AlertConsumer.class);

  private final IncidentStore store;
  private final IncidentMetrics metrics;
  private final Clock clock;
  private final IncidentTrace trace = new IncidentTrace();
  private final PollLoop loop;

  public AlertConsumer(
      Vertx vertx,
      KafkaConsumer<String, String> consumer,
      IncidentStore store,
      IncidentMetrics metrics,
      Clock clock,
      Duration backoff) {
    this.store = store;
    this.metrics = metrics;
    this.clock = clock;
    this.loop = new PollLoop(vertx, consumer, Topics.ALERTS, backoff, this::applyAll);
  }

  /** Subscribes and starts the loop; the future completes once subscribed. */
  public Future<Void> start() {
    return loop.start();
  }

  /** Finishes the batch in progress (applied and committed), then closes the consumer. */
  public Future<Void> stop() {
    return loop.stop();
  }

  /**
   * Runs on a worker: the whole poll in one transaction (one commit per poll, which is what makes a
   * burst fast); if that fails, record by record, so one bad event cannot hold back the others.
   */
  private PollLoop.Applied applyAll(List<ConsumerRecord<String, String>> records) {
    List<Alert> alerts = new ArrayList<>();
    List<Span> spans = new ArrayList<>();
    Map<TopicPartition, OffsetAndMetadata> done = new HashMap<>();
    for (ConsumerRecord<String, String> r : records) {
      decode(r)
          .ifPresent(
              a -> {
                alerts.add(a);
                spans.add(trace.start(r, a));
              });
      done.put(
          new TopicPartition(r.topic(), r.partition()),
          new OffsetAndMetadata(r.offset() + 1, null));
    }
    try {
      List<Correlation.Outcome> outcomes = store.applyAlerts(alerts, clock.instant());
      int opened = 0;
      for (int i = 0; i < alerts.size(); i++) {
        try (TraceScope logged = TraceScope.of(spans.get(i))) {
          counted(alerts.get(i), outcomes.get(i));
        }
        IncidentTrace.applied(spans.get(i), outcomes.get(i));
        opened += outcomes.get(i) instanceof Correlation.Opened ? 1 : 0;
      }
      if (opened > 0) {
        LOG.info("applied {} alert events: {} incidents opened", alerts.size(), opened);
      }
      return new PollLoop.Applied(done, Map.of());
    } catch (RuntimeException e) {
      IncidentTrace.failed(spans, e);
      LOG.warn("batch of {} alert events failed; applying them one by one", alerts.size(), e);
      return applyEach(records);
    }
  }

  /** Applies records in order, each in its own transaction; stops at the first failure. */
  private PollLoop.Applied applyEach(List<ConsumerRecord<String, String>> records) {
    Map<TopicPartition, OffsetAndMetadata> done = new HashMap<>();
    Map<TopicPartition, Long> rewind = new HashMap<>();
    Throwable failure = null;
    for (ConsumerRecord<String, String> r : records) {
      TopicPartition tp = new TopicPartition(r.topic(), r.partition());
      if (failure != null) {
        rewind.putIfAbsent(tp, r.offset());
        continue;
      }
      try {
        apply(r);
        done.put(tp, new OffsetAndMetadata(r.offset() + 1, null));
      } catch (RuntimeException e) {
        failure = e;
        rewind.put(tp, r.offset());
        LOG.warn(
            "cannot apply alert event {}-{}@{}; will retry",
            r.topic(),
            r.partition(),
            r.offset(),
            e);
      }
    }
    return new PollLoop.Applied(done, rewind);
  }

  private java.util.Optional<Alert> decode(ConsumerRecord<String, String> r) {
    try {
      return java.util.Optional.of(AlertCodec.decode(r.value() == null ? "" : r.value()));
    } catch (CodecException e) {
      // A record that can never decode is skipped for good, not retried: it would block its
      // partition.
      metrics.invalidEvent();
      LOG.warn(
          "skipping undecodable alert event {}-{}@{}: {}",
          r.topic(),
          r.partition(),
          r.offset(),
          e.getMessage());
      return java.util.Optional.empty();
    }
  }

  private void apply(ConsumerRecord<String, String> r) {
    java.util.Optional<Alert> decoded = decode(r);
    if (decoded.isPresent()) {
      Span span = trace.start(r, decoded.get());
      try {
        Correlation.Outcome outcome = store.applyAlert(decoded.get(), clock.instant());
        IncidentTrace.applied(span, outcome);
        counted(decoded.get(), outcome);
      } catch (RuntimeException e) {
        IncidentTrace.failed(List.of(span), e);
        throw e;
      }
    }
  }

  private void counted(Alert alert, Correlation.Outcome outcome) {
    metrics.event(alert.status().wire(), outcome);
    // One line per incident at debug: a burst opens thousands a second (info has the batch line).
    if (outcome instanceof Correlation.Opened o) {
      LOG.debug(
          "opened incident {} for alert {} ({})",
          o.incident().id(),
          alert.name(),
          alert.fingerprint());
    } else if (outcome instanceof Correlation.Updated u && u.autoResolved()) {
      LOG.info("resolved incident {}: alert {} resolved", u.incident().id(), alert.fingerprint());
    }
  }
}
