package dev.alerting.ingest.push;

import dev.alerting.model.sample.Sample;
import dev.alerting.platform.codec.SampleCodec;
import dev.alerting.platform.codec.SampleRecords;
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
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
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
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Writes a request's samples to {@link Topics#SAMPLES} and completes only when the broker has
 * acknowledged every record (acks=all, idempotent producer). In the {@link SampleEncoding#PROTOBUF}
 * form a request becomes one record per partition it touches (a WriteRequest of the samples whose
 * series map there, see {@link SampleRecords}); in the {@link SampleEncoding#JSON} form, one record
 * per sample keyed by series fingerprint. Either way a series lands on the same partition, in
 * request order.
 *
 * <p>Not all-or-nothing: when one record fails or the deadline passes, others of the same batch may
 * already be (or later become) durable. The client retries the whole request and consumers tolerate
 * the duplicates; a transactional producer would close that gap.
 */
public final class SampleWriter {
  private final Vertx vertx;
  private final Producer<String, byte[]> producer;
  private final Duration ackTimeout;
  private final SampleEncoding encoding;
  private static final Header[] NO_HEADERS = {};
  private final Tracing tracing = Tracing.forService(PushTrace.SERVICE);

  public SampleWriter(
      Vertx vertx,
      Map<String, String> producerConfig,
      Duration ackTimeout,
      SampleEncoding encoding) {
    this.vertx = vertx;
    this.ackTimeout = ackTimeout;
    this.encoding = encoding;
    Map<String, Object> props = new HashMap<>(producerSettings(producerConfig, ackTimeout));
    props.put("value.serializer", ByteArraySerializer.class.getName());
    this.producer = new KafkaProducer<>(props);
  }

  /**
   * The ingest producer's settings: the shared producer settings ({@code producerConfig}) with the
   * ingest's own on top. Public so that the load harness's raw-Kafka baseline runs Kafka's own
   * producer with exactly these (docs/benchmarks.md, "Ingest and end to end").
   */
  public static Map<String, String> producerSettings(
      Map<String, String> producerConfig, Duration ackTimeout) {
    Map<String, String> props = new HashMap<>(producerConfig);
    // send() blocks while metadata is missing or the buffer is full; never longer than a request
    // may wait
    props.put("max.block.ms", String.valueOf(ackTimeout.toMillis()));
    // a request arrives as a burst of up to thousands of records: bigger batches mean fewer
    // produce round trips per request (the default 16 KiB holds ~100 samples)
    props.put("batch.size", String.valueOf(256 * 1024));
    // no linger: a push waits for its acknowledgement, so the shared 2 ms linger was 2 ms of every
    // push; under load, records still batch while earlier requests are in flight (issue 13,
    // docs/benchmarks.md "Issue 13, stop 21")
    props.put("linger.ms", "0");
    return props;
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
    // sends the whole batch, so records of one series stay in request order. Called on a worker
    // already (the push handler parses there), it sends from that thread.
    Header[] trace = tracing.on() ? traceHeaders(send) : NO_HEADERS;
    if (Context.isOnWorkerThread()) {
      try {
        sendAll(samples, trace, context, acked);
      } catch (RuntimeException e) {
        acked.tryFail(e);
      }
    } else {
      vertx
          .executeBlocking(() -> sendAll(samples, trace, context, acked), false)
          .onFailure(acked::tryFail);
    }
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
    List<ProducerRecord<String, byte[]>> records =
        encoding == SampleEncoding.PROTOBUF
            ? byPartition(samples, trace)
            : perSample(samples, trace, producer.partitionsFor(Topics.SAMPLES).size());
    AtomicInteger pending = new AtomicInteger(records.size());
    for (ProducerRecord<String, byte[]> record : records) {
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

  /**
   * One WriteRequest per partition the request's series map to, in partition order; no key (the
   * partition is explicit, and a record holds many series).
   */
  private List<ProducerRecord<String, byte[]>> byPartition(List<Sample> samples, Header[] trace) {
    // cached metadata after the first request; blocks (up to max.block.ms) only before that
    int partitions = producer.partitionsFor(Topics.SAMPLES).size();
    byte[][] values = SampleRecords.byPartition(samples, partitions);
    List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
    for (int p = 0; p < partitions; p++) {
      if (values[p] != null) {
        RecordHeaders headers = new RecordHeaders(trace);
        headers.add(SampleRecords.protobufHeader());
        records.add(new ProducerRecord<>(Topics.SAMPLES, p, (String) null, values[p], headers));
      }
    }
    return records;
  }

  /**
   * One JSON record per float sample; a native histogram, which the JSON form cannot carry, goes as
   * a one-sample WriteRequest to the partition its key would pick, so its series keeps its
   * partition and order whichever form a sample takes.
   */
  private static List<ProducerRecord<String, byte[]>> perSample(
      List<Sample> samples, Header[] trace, int partitions) {
    List<ProducerRecord<String, byte[]>> records = new ArrayList<>(samples.size());
    for (Sample s : samples) {
      if (s.isHistogram()) {
        SampleRecords one = new SampleRecords();
        one.add(s);
        RecordHeaders headers = new RecordHeaders(trace);
        headers.add(SampleRecords.protobufHeader());
        records.add(
            new ProducerRecord<>(
                Topics.SAMPLES,
                SampleRecords.partition(s.series(), partitions),
                SampleCodec.key(s),
                one.finish(),
                headers));
        continue;
      }
      records.add(
          new ProducerRecord<>(
              Topics.SAMPLES,
              null,
              SampleCodec.key(s),
              SampleCodec.encode(s).getBytes(StandardCharsets.UTF_8),
              trace.length == 0 ? null : new RecordHeaders(trace)));
    }
    return records;
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
