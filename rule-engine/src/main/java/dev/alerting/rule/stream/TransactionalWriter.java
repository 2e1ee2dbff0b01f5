package dev.alerting.rule.stream;

import dev.alerting.platform.kafka.KafkaSettings;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.kafka.client.producer.KafkaProducer;
import io.vertx.kafka.client.producer.KafkaProducerRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.InvalidTxnStateException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.TransactionalIdAuthorizationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rule engine's only writer of {@code alerts} and {@code rules.state}: each engine change goes
 * out as one Kafka transaction (its alert events, its checkpoint records, its position), so a crash
 * either shows all of it to read_committed readers or none of it, and the replay from the older
 * position emits the events exactly once. Its {@code transactional.id} is also the lease of the
 * active instance: {@link #claim} by a newly elected instance fences this one, whose next write
 * then fails with {@link Fenced} instead of splitting the work or overwriting the newer one's
 * checkpoint. Once {@link #close closed} (the term ended) it starts no transaction.
 *
 * <p>How long a committed write took is {@code rules_publish_duration_seconds}: {@code step="sent"}
 * until the broker acknowledged its records, {@code step="committed"} until the transaction
 * committed (what read_committed readers wait for), both from the write's start, its retries
 * included.
 */
public final class TransactionalWriter {
  private static final Logger LOG = LoggerFactory.getLogger(TransactionalWriter.class);
  private static final long RETRY_DELAY_MS = 1000;
  private static final long CLOSE_TIMEOUT_MS = 5_000;

  /** Another instance with the same transactional id took over; this one must stop writing. */
  public static final class Fenced extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Fenced(String transactionalId, Throwable cause) {
      super(
          "another rule-engine instance claimed transactional id '"
              + transactionalId
              + "' and took over; this instance stops consuming and writing",
          cause);
    }
  }

  private final Vertx vertx;
  private final String transactionalId;
  private final KafkaProducer<String, String> producer;
  private final Timer sentTimer;
  private final Timer committedTimer;
  private volatile boolean fenced;
  private boolean stopping;
  private Future<Void> closed;
  private Runnable onFenced = () -> {};

  public TransactionalWriter(
      Vertx vertx, KafkaSettings kafka, String transactionalId, MeterRegistry registry) {
    this.vertx = vertx;
    this.transactionalId = transactionalId;
    this.sentTimer = timer(registry, "sent");
    this.committedTimer = timer(registry, "committed");
    Map<String, String> config = kafka.producer("rule-engine");
    config.put("transactional.id", transactionalId);
    this.producer = KafkaProducer.create(vertx, config);
    // every failure reaches the write that caused it; without a handler Vert.x logs it again
    producer.exceptionHandler(e -> LOG.debug("producer: {}", e.toString()));
  }

  private static Timer timer(MeterRegistry registry, String step) {
    return Timer.builder("rules.publish.duration")
        .description(
            "One write of alert events and checkpoint records, from its start until its records"
                + " were acknowledged (sent) or its transaction committed (committed)")
        .tag("step", step)
        .publishPercentileHistogram()
        .minimumExpectedValue(Duration.ofNanos(100_000))
        .maximumExpectedValue(Duration.ofSeconds(30))
        .register(registry);
  }

  /**
   * Takes the lease: fences any older producer with the same transactional id and aborts its open
   * transaction. Call before reading the checkpoint, so nothing the older instance writes later can
   * be missed.
   */
  public Future<Void> claim() {
    return producer.initTransactions();
  }

  /** Called once, on this writer's context, when a newer instance fences it. */
  public void onFenced(Runnable handler) {
    this.onFenced = handler;
  }

  /** Whether a newer instance fenced this one. */
  public boolean fenced() {
    return fenced;
  }

  /**
   * Writes {@code records} in one transaction; retries the whole transaction on transient errors
   * until committed; fails with {@link Fenced} once another instance took over.
   */
  public Future<Void> write(List<KafkaProducerRecord<String, String>> records) {
    return write(records, System.nanoTime());
  }

  private Future<Void> write(List<KafkaProducerRecord<String, String>> records, long start) {
    if (fenced) {
      return Future.failedFuture(new Fenced(transactionalId, null));
    }
    if (stopping) {
      return Future.failedFuture(
          new IllegalStateException("writer closed: this instance's term as the active one ended"));
    }
    return producer
        .beginTransaction()
        .compose(v -> sendAndCommit(records, start))
        .recover(e -> retry(records, e, start));
  }

  /**
   * Hands the sends and the commit to the producer at once instead of committing after every send
   * was acknowledged: the Vert.x producer runs both on one ordered worker queue, so the commit
   * comes after the sends; Kafka's {@code commitTransaction} sends the waiting batches without
   * waiting for {@code linger.ms} and refuses to commit when any send of the transaction failed.
   * That saves the linger and two thread hops per write (issue 13, detection latency). A failed
   * send's error is the one reported, as before.
   */
  private Future<Void> sendAndCommit(
      List<KafkaProducerRecord<String, String>> records, long start) {
    long[] sentAt = {0};
    Future<Void> sent = sendAll(records).onSuccess(v -> sentAt[0] = System.nanoTime());
    Future<Void> committed = producer.commitTransaction();
    return Future.join(sent, committed)
        .transform(
            ar -> {
              if (sent.failed()) {
                return Future.failedFuture(sent.cause());
              }
              if (committed.succeeded()) {
                sentTimer.record(sentAt[0] - start, TimeUnit.NANOSECONDS);
                committedTimer.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
              }
              return committed;
            });
  }

  private Future<Void> sendAll(List<KafkaProducerRecord<String, String>> records) {
    List<Future<?>> sends = new ArrayList<>(records.size());
    records.forEach(r -> sends.add(producer.send(r)));
    return Future.all(sends).mapEmpty();
  }

  private Future<Void> retry(
      List<KafkaProducerRecord<String, String>> records, Throwable e, long start) {
    if (isFencing(e)) {
      if (!fenced) {
        fenced = true;
        LOG.error(new Fenced(transactionalId, e).getMessage());
        onFenced.run();
      }
      return Future.failedFuture(new Fenced(transactionalId, e));
    }
    if (stopping) {
      return Future.failedFuture(e);
    }
    LOG.warn("transaction not committed, aborting and retrying: {}", e.getMessage());
    return producer
        .abortTransaction()
        .recover(x -> isFencing(x) ? Future.failedFuture(x) : Future.succeededFuture())
        .compose(v -> vertx.timer(RETRY_DELAY_MS))
        .compose(t -> write(records, start), x -> retry(records, x, start));
  }

  /**
   * Whether this writer can write no more: another instance fenced it, or its transaction state was
   * taken from under it ({@code InvalidTxnStateException}: a claim that aborted the open
   * transaction during its commit), after which the producer stays in an error state and every
   * retry fails. Either way the term ends; a new one starts with a fresh producer from the
   * checkpoint, so nothing is lost or written twice.
   */
  static boolean isFencing(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof ProducerFencedException
          || t instanceof InvalidProducerEpochException
          || t instanceof InvalidTxnStateException
          || t instanceof TransactionalIdAuthorizationException
          || t instanceof Fenced
          || (t instanceof KafkaException
              && String.valueOf(t.getMessage()).contains("we are in an error state"))) {
        return true;
      }
    }
    return false;
  }

  /**
   * Closes within {@link #CLOSE_TIMEOUT_MS}: with the broker gone, a transactional producer's plain
   * close waits forever for the coordinator (seen stopping a stack after its broker was stopped);
   * what an unfinished transaction held is aborted by the broker and read again by the next
   * instance.
   */
  public Future<Void> close() {
    stopping = true;
    if (closed == null) {
      closed = producer.close(CLOSE_TIMEOUT_MS).recover(e -> Future.succeededFuture());
    }
    return closed;
  }
}
