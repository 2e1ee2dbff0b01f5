package dev.alerting.incident.stream;

import dev.alerting.incident.lifecycle.Correlation;
import dev.alerting.model.alert.Alert;
import dev.alerting.platform.kafka.Topics;
import dev.alerting.platform.trace.TraceHeaders;
import dev.alerting.platform.trace.Tracing;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The incident service's span: {@code apply alert event} per alert event, a child of the event's
 * {@code traceparent}, from the start of its batch's transaction to its commit, naming the incident
 * it opened, reopened or updated (or why it was ignored).
 */
final class IncidentTrace {
  static final String SERVICE = "incident-service";

  private final Tracing tracing = Tracing.forService(SERVICE);

  /** Starts the span of one event; invalid when tracing is off. */
  Span start(ConsumerRecord<String, String> record, Alert alert) {
    if (!tracing.on()) {
      return Span.getInvalid();
    }
    return tracing
        .span("apply alert event", SpanKind.CONSUMER, TraceHeaders.extract(record.headers()))
        .setAttribute("messaging.system", "kafka")
        .setAttribute("messaging.destination.name", Topics.ALERTS)
        .setAttribute("alerting.alertname", alert.name())
        .setAttribute("alerting.fingerprint", alert.fingerprint())
        .setAttribute("alerting.status", alert.status().wire())
        .startSpan();
  }

  /** Ends the span with what the event did to which incident. */
  static void applied(Span span, Correlation.Outcome outcome) {
    if (!span.isRecording()) {
      return;
    }
    if (outcome instanceof Correlation.Opened o) {
      incident(span, "opened", o.incident().id());
    } else if (outcome instanceof Correlation.Reopened r) {
      incident(span, "reopened", r.incident().id());
    } else if (outcome instanceof Correlation.Updated u) {
      incident(span, u.autoResolved() ? "resolved" : "updated", u.incident().id());
    } else if (outcome instanceof Correlation.Ignored i) {
      span.setAttribute("alerting.incident.action", "ignored_" + i.reason().wire());
    }
    span.end();
  }

  /** Ends the spans of a batch whose transaction failed. */
  static void failed(List<Span> spans, RuntimeException e) {
    for (Span s : spans) {
      s.setStatus(StatusCode.ERROR, String.valueOf(e.getMessage()));
      s.end();
    }
  }

  private static void incident(Span span, String action, Object id) {
    span.setAttribute("alerting.incident.action", action);
    span.setAttribute("alerting.incident.id", String.valueOf(id));
  }
}
