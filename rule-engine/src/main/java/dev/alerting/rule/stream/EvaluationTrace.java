package dev.alerting.rule.stream;

import dev.alerting.model.alert.Alert;
import dev.alerting.platform.kafka.Topics;
import dev.alerting.platform.trace.Causes;
import dev.alerting.platform.trace.TraceHeaders;
import dev.alerting.platform.trace.Tracing;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.vertx.core.AsyncResult;
import io.vertx.kafka.client.consumer.KafkaConsumerRecords;
import io.vertx.kafka.client.producer.KafkaProducerRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.kafka.common.header.Header;

/**
 * The rule engine's span: one per engine change that emitted alert events, from the start of the
 * evaluation to the commit of the transaction that carries the events. Its parent is the trace of
 * the samples of that poll ({@link Causes}: one ingest request stays one trace; a poll mixing
 * several requests links to them); a change without samples (a clock tick firing a {@code for} or
 * resolving a stale series, a rule reload) starts a trace. Each alert event record carries the
 * span's {@code traceparent}.
 */
final class EvaluationTrace {
  static final String SERVICE = "rule-engine";
  private static final AttributeKey<List<String>> ALERTNAMES =
      AttributeKey.stringArrayKey("alerting.alertnames");
  private static final int MAX_NAMES = 10;

  /** A poll's trace contexts, its size and when its evaluation started. */
  record Batch(String trigger, List<SpanContext> causes, int samples, Instant start) {
    static final Batch CHANGE = new Batch("change", List.of(), 0, null);
  }

  private final Tracing tracing = Tracing.forService(SERVICE);

  /** Reads the trace headers of a poll; nothing when tracing is off. */
  Batch batch(KafkaConsumerRecords<String, ?> records) {
    if (!tracing.on()) {
      return Batch.CHANGE;
    }
    List<SpanContext> causes = new ArrayList<>();
    byte[] last = null;
    for (int i = 0; i < records.size(); i++) {
      Header h = records.recordAt(i).record().headers().lastHeader(TraceHeaders.TRACEPARENT);
      // the records of one push request carry one traceparent: parse it once
      if (h == null || Arrays.equals(h.value(), last)) {
        continue;
      }
      last = h.value();
      SpanContext c = TraceHeaders.extract(records.recordAt(i).record().headers());
      if (c.isValid()) {
        causes.add(c);
      }
    }
    return new Batch("samples", causes, records.size(), Instant.now());
  }

  /** The span of a change that emitted {@code events}; invalid when none or tracing is off. */
  Span start(Batch batch, List<Alert> events) {
    if (!tracing.on() || events.isEmpty()) {
      return Span.getInvalid();
    }
    SpanBuilder b =
        tracing
            .span("evaluate rules", SpanKind.CONSUMER, Causes.of(batch.causes()))
            .setAttribute("messaging.system", "kafka")
            .setAttribute("messaging.destination.name", Topics.ALERTS)
            .setAttribute("alerting.trigger", batch.trigger())
            .setAttribute("alerting.samples", (long) batch.samples())
            .setAttribute("alerting.alert_events", (long) events.size())
            .setAttribute(
                ALERTNAMES, events.stream().map(Alert::name).distinct().limit(MAX_NAMES).toList());
    if (batch.start() != null) {
      b.setStartTimestamp(batch.start());
    }
    return b.startSpan();
  }

  /** Puts the span's context on an alert event record. */
  static void inject(Span span, KafkaProducerRecord<String, String> record) {
    TraceHeaders.inject(span, record::addHeader);
  }

  /** Ends the span once the events' transaction committed or failed. */
  static void end(Span span, AsyncResult<?> written) {
    if (written.failed()) {
      span.setStatus(StatusCode.ERROR, String.valueOf(written.cause().getMessage()));
    }
    span.end();
  }
}
