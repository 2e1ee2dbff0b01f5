package dev.alerting.ingest.push;

import dev.alerting.model.sample.Sample;
import dev.alerting.platform.codec.SampleCodec;
import dev.alerting.platform.kafka.Topics;
import dev.alerting.platform.trace.TraceHeaders;
import dev.alerting.platform.trace.Tracing;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Writes a request's samples to {@link Topics#SAMPLES}, keyed by series fingerprint, and completes
 * only when the broker has acknowledged every record (acks=all, idempotent producer).
 *
 * <p>Not all-or-nothing: when one record fails or the deadline passes, others of the same batch may
 * already be (or later become) durable. The client retries the whole request and consumers tolerate
 * the duplicates; a transactional producer would close that gap.
 */
public final class SampleWriter {
  private final Vertx vertx;
  private final Producer<String, String> producer;
  private final Duration ackTimeout;
  private static final Header[] NO_HEADERS = {};
  private final Tracing tracing = Tracing.forService(PushTrace.SERVICE);

  public SampleWriter(Vertx vertx, Map<String, String> producerConfig, Duration ackTimeout) {
    this.vertx = vertx;
    this.ackTimeout = ackTimeout;
    Map<String, Object> props = new HashMap<>(producerConfig);
    // send() blocks while metadata is missing or the buffer is full; never longer than a request
    // may wait
    props.put("max.block.ms", String.valueOf(ackTimeout.toMillis()));
    // a request arrives as a burst of up to thousands of records: bigger batches mean fewer
    // produce round trips per request (the default 16 KiB holds ~100 samples)
    props.put("batch.size", String.valueOf(256 * 1024));
    this.producer = new KafkaProducer<>(props);
  }

  /** Sends every sample in order; succeeds with the count once all are acknowledged. */
  public Future<Integer> write(List<Sample> samples) {
    return write(samples, Span.getInvalid());
  }

  /**
   * As {@link #write(List)}, in a producer span under {@code request} (the push request's span)
   * whose {@code traceparent} every record carries, so the rule engine continues the trace.
   */
  public Future<Integer> write(List<Sample> samples, Span request) {
    if (samples.isEmpty()) {
      return Future.succeededFuture(0);
    }
    Span send = tracing.on() ? publishSpan(samples.size(), request) : Span.getInvalid();
    Context context = vertx.getOrCreateContext();
    Promise<Integer> acked = Promise.promise();
    long timer =
        vertx.setTimer(
            ackTimeout.toMillis(),
            id ->
                acked.tryFail(
                    new TimeoutException("Kafka did not acknowledge within " + ackTimeout)));
    // encoding and send() run on a worker: send() may block (metadata, full buffer); one thread
    // sends the whole batch, so records of one series stay in request order
    Header[] trace = tracing.on() ? traceHeaders(send) : NO_HEADERS;
    vertx
        .executeBlocking(() -> sendAll(samples, trace, context, acked), false)
        .onFailure(acked::tryFail);
    return acked
        .future()
        .onComplete(
            ar -> {
              vertx.cancelTimer(timer);
              if (ar.failed()) {
                send.setStatus(StatusCode.ERROR, ar.cause().getMessage());
              }
              send.end();
            });
  }

  private Span publishSpan(int count, Span request) {
    return tracing
        .span(Topics.SAMPLES + " publish", SpanKind.PRODUCER, request.getSpanContext())
        .setAttribute("messaging.system", "kafka")
        .setAttribute("messaging.destination.name", Topics.SAMPLES)
        .setAttribute("messaging.batch.message_count", (long) count)
        .startSpan();
  }

  /** The trace headers of every record of a request (none when tracing is off). */
  private static Header[] traceHeaders(Span send) {
    RecordHeaders headers = new RecordHeaders();
    TraceHeaders.inject(send, headers);
    return headers.toArray();
  }

  private Void sendAll(
      List<Sample> samples, Header[] trace, Context context, Promise<Integer> acked) {
    AtomicInteger pending = new AtomicInteger(samples.size());
    for (Sample s : samples) {
      ProducerRecord<String, String> record =
          new ProducerRecord<>(
              Topics.SAMPLES,
              null,
              SampleCodec.key(s),
              SampleCodec.encode(s),
              trace.length == 0 ? null : new RecordHeaders(trace));
      producer.send(
          record,
          (metadata, error) -> {
            if (error != null) {
              context.runOnContext(v -> acked.tryFail(error));
            } else if (pending.decrementAndGet() == 0) {
              context.runOnContext(v -> acked.tryComplete(samples.size()));
            }
          });
      if (acked.future().isComplete()) {
        break; // already failed or timed out: stop adding to what the client will retry anyway
      }
    }
    return null;
  }

  /** Flushes what is buffered and closes the producer, on a worker. */
  public Future<Void> close() {
    return vertx.executeBlocking(
        () -> {
          producer.flush();
          producer.close(Duration.ofSeconds(5));
          return null;
        });
  }
}
