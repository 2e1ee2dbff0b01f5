package dev.alerting.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alerting.platform.config.Settings;
import dev.alerting.testkit.EmbeddedKafka;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.PoolOptions;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A rough measurement, not a benchmark: pushes batches of 1000 samples for about ten seconds with a
 * few requests in flight and logs samples/s. Only correctness is asserted, never the rate.
 */
@DisplayName("metrics-ingest throughput (measured, not asserted)")
class IngestThroughputIT {
  private static final Logger LOG = LoggerFactory.getLogger(IngestThroughputIT.class);
  private static final int BATCH = 1000;
  private static final int CONCURRENCY = Integer.getInteger("ingest.concurrency", 4);
  private static final long DURATION_MS = 10_000;

  @Test
  @DisplayName("pushes batches of 1000 for ~10 s and every request is acknowledged")
  void measure() {
    try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
      Vertx vertx = Vertx.vertx();
      try {
        IngestVerticle verticle =
            new IngestVerticle(
                IngestConfig.from(
                    Settings.of(
                        Map.of(
                            "KAFKA_BOOTSTRAP_SERVERS",
                            kafka.bootstrapServers(),
                            IngestConfig.HTTP_PORT,
                            "0"))));
        vertx.deployVerticle(verticle).await();
        WebClient client =
            WebClient.create(
                vertx,
                new WebClientOptions()
                    .setDefaultHost("localhost")
                    .setDefaultPort(verticle.httpPort()),
                new PoolOptions().setHttp1MaxSize(CONCURRENCY));
        Buffer body = batch(System.currentTimeMillis());
        AtomicLong accepted = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        long start = System.nanoTime();
        long deadline = start + DURATION_MS * 1_000_000;
        Future<?>[] loops = new Future<?>[CONCURRENCY];
        for (int i = 0; i < CONCURRENCY; i++) {
          Promise<Void> done = Promise.promise();
          loop(client, body, deadline, accepted, failed, done);
          loops[i] = done.future();
        }
        Future.all(java.util.List.of(loops)).await();
        double seconds = (System.nanoTime() - start) / 1e9;
        // the suite's JSON log encoder does not interpolate arguments: format here
        LOG.info(
            String.format(
                "THROUGHPUT %d samples/s (%d samples in %.1f s, batches of %d, %d in flight, %d failed requests)",
                Math.round(accepted.get() / seconds),
                accepted.get(),
                seconds,
                BATCH,
                CONCURRENCY,
                failed.get()));
        assertThat(failed.get()).isZero();
        assertThat(accepted.get()).isPositive();
      } finally {
        vertx.close().await();
      }
    }
  }

  private static void loop(
      WebClient client,
      Buffer body,
      long deadline,
      AtomicLong accepted,
      AtomicLong failed,
      Promise<Void> done) {
    if (System.nanoTime() > deadline) {
      done.complete();
      return;
    }
    client
        .post("/api/v1/samples")
        .putHeader("Content-Type", "application/json")
        .sendBuffer(body)
        .onComplete(
            ar -> {
              if (ar.succeeded() && ar.result().statusCode() == 200) {
                accepted.addAndGet(ar.result().bodyAsJsonObject().getInteger("accepted"));
              } else {
                failed.incrementAndGet();
              }
              loop(client, body, deadline, accepted, failed, done);
            });
  }

  /** 1000 samples over 200 series of a realistic shape. */
  private static Buffer batch(long now) {
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < BATCH; i++) {
      if (i > 0) {
        sb.append(',');
      }
      sb.append(
              "{\"name\":\"http_requests_total\",\"labels\":{\"job\":\"api\",\"instance\":\"host-")
          .append(i % 200)
          .append(":9090\",\"path\":\"/v1/items\",\"code\":\"200\"},\"value\":")
          .append(i * 1.5)
          .append(",\"timestamp\":")
          .append(now - BATCH + i)
          .append('}');
    }
    return Buffer.buffer(sb.append(']').toString());
  }
}
