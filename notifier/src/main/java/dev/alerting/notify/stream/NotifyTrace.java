package dev.alerting.notify.stream;

import dev.alerting.model.alert.Alert;
import dev.alerting.notify.dispatch.Delivery;
import dev.alerting.notify.dispatch.Flush;
import dev.alerting.notify.receiver.Outcome;
import dev.alerting.platform.kafka.Topics;
import dev.alerting.platform.trace.Causes;
import dev.alerting.platform.trace.TraceHeaders;
import dev.alerting.platform.trace.Tracing;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.vertx.core.AsyncResult;
import io.vertx.kafka.client.consumer.KafkaConsumerRecord;
import io.vertx.kafka.client.producer.KafkaProducerRecord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The notifier's spans. Router stage: {@code route alert} per alert event, a child of the event's
 * {@code traceparent}, whose context the {@code notifier.groups} records carry. Owner stage: {@code
 * notify <receiver>} per group flush that delivers, a child of the trace of the events the flush
 * settles ({@link Causes}: a group's first notification continues its alert's trace; a flush of
 * events from several traces links to them), with one {@code deliver <integration>} client span per
 * integration.
 */
final class NotifyTrace {
  static final String SERVICE = "notifier";

  /**
   * Event contexts kept for flushes to come; old ones go first (their span becomes a new trace).
   */
  private static final int MAX_PENDING = 10_000;

  private final Tracing tracing = Tracing.forService(SERVICE);
  private final Map<Long, SpanContext> byTicket =
      new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, SpanContext> eldest) {
          return size() > MAX_PENDING;
        }
      };

  /** The routing span of one alert event; invalid when tracing is off. */
  Span route(KafkaConsumerRecord<String, String> record, Alert alert) {
    if (!tracing.on()) {
      return Span.getInvalid();
    }
    return tracing
        .span("route alert", SpanKind.CONSUMER, TraceHeaders.extract(record.record().headers()))
        .setAttribute("messaging.system", "kafka")
        .setAttribute("messaging.destination.name", Topics.ALERTS)
        .setAttribute("alerting.alertname", alert.name())
        .setAttribute("alerting.fingerprint", alert.fingerprint())
        .setAttribute("alerting.status", alert.status().wire())
        .startSpan();
  }

  /** Puts the span's context on a record for the owner stage. */
  static void inject(Span span, KafkaProducerRecord<String, String> record) {
    TraceHeaders.inject(span, record::addHeader);
  }

  static void inject(Span span, ProducerRecord<String, String> record) {
    TraceHeaders.inject(span, record.headers());
  }

  /** Remembers the trace of an event the owner stage holds under {@code ticket}. */
  void received(long ticket, KafkaConsumerRecord<String, String> record) {
    if (tracing.on()) {
      SpanContext c = TraceHeaders.extract(record.record().headers());
      if (c.isValid()) {
        byTicket.put(ticket, c);
      }
    }
  }

  /** The span of a flush that delivers; invalid when it delivers nothing or tracing is off. */
  Span flush(Flush f) {
    if (!tracing.on() || f.deliveries().isEmpty()) {
      return Span.getInvalid();
    }
    List<SpanContext> causes = new ArrayList<>();
    f.tickets().stream().sorted().forEach(t -> causes.add(byTicket.get(t)));
    return tracing
        .span("notify " + f.receiver().name(), SpanKind.INTERNAL, Causes.of(causes))
        .setAttribute("alerting.receiver", f.receiver().name())
        .setAttribute("alerting.group_key", f.groupKey())
        .setAttribute("alerting.alerts", (long) f.deliveries().get(0).alerts().size())
        .setAttribute("alerting.deliveries", (long) f.deliveries().size())
        .startSpan();
  }

  /** A delivery's client span under its flush's. */
  Span delivery(Span flush, Delivery d) {
    if (!flush.getSpanContext().isValid()) {
      return Span.getInvalid();
    }
    return tracing
        .span("deliver " + d.integration().name(), SpanKind.CLIENT, flush.getSpanContext())
        .setAttribute("alerting.integration", d.integration().name())
        .setAttribute("alerting.alerts", (long) d.alerts().size())
        .startSpan();
  }

  /** Ends a delivery span with its outcomes (error unless all were delivered). */
  static void delivered(Span span, AsyncResult<List<Outcome>> result) {
    if (!span.isRecording()) {
      return;
    }
    if (result.failed()) {
      span.setStatus(StatusCode.ERROR, String.valueOf(result.cause().getMessage()));
    } else {
      List<Outcome> outcomes = result.result();
      span.setAttribute(
          "alerting.outcome",
          outcomes.stream().map(o -> o.kind().name().toLowerCase()).distinct().toList().toString());
      if (!outcomes.stream().allMatch(o -> o.kind() == Outcome.Kind.DELIVERED)) {
        span.setStatus(StatusCode.ERROR, "not delivered");
      }
    }
    span.end();
  }

  /** Forgets the trace of an event every group has settled. */
  void settled(long ticket) {
    if (!byTicket.isEmpty()) {
      byTicket.remove(ticket);
    }
  }
}
