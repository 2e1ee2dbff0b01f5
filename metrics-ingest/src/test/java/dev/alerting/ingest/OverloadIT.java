package dev.alerting.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alerting.model.sample.Sample;
import dev.alerting.testkit.EmbeddedKafka;
import dev.alerting.testkit.Eventually;
import dev.alerting.testkit.SampleProbe;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.PoolOptions;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A timeline under overload: clients push as fast as they can (they ignore Retry-After, more of
 * them than {@code INGEST_MAX_INFLIGHT_REQUESTS}); at t1 the broker stops, at t2 it comes back on
 * the same port and data directory. Every sample carries a unique id, so the topic can be audited.
 */
@DisplayName("metrics-ingest when Kafka goes away under load")
class OverloadIT {
  private static final Logger LOG = LoggerFactory.getLogger(OverloadIT.class);
  private static final int CAP = 4;
  private static final int CLIENTS = 16;
  private static final int BATCH = 100;
  private static final Duration ACK_TIMEOUT = Duration.ofSeconds(2);
  private static final Duration WAIT = Duration.ofSeconds(90);

  /**
   * A client-side request interval contains the server's by at most network and scheduling slack at
   * each end; shrinking it by this much leaves a sub-interval of the time the server held the
   * request, so overlaps of shrunk intervals never exceed the server's real concurrency.
   */
  private static final long SLACK_NANOS = Duration.ofMillis(400).toNanos();

  /**
   * TRANSITION: sent in one phase and answered in another, or sent while the broker was stopping.
   */
  private enum Phase {
    UP,
    TRANSITION,
    DOWN,
    RECOVERED
  }

  /** One answered push: when the client sent it and got the answer, in which phase, with what. */
  private record Exchange(
      Phase phase, long sent, long answered, int status, String retryAfter, List<String> ids) {}

  private final AtomicReference<Phase> phase = new AtomicReference<>(Phase.UP);
  private final ConcurrentLinkedQueue<Exchange> exchanges = new ConcurrentLinkedQueue<>();
  private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
  private final AtomicLong nextRequest = new AtomicLong();
  private final AtomicBoolean running = new AtomicBoolean(true);

  @Test
  @DisplayName(
      "refuses with 429/503 and Retry-After while Kafka is down, caps requests in flight, and after "
          + "recovery every acknowledged sample is on the topic exactly once")
  void brokerOutage(@TempDir Path dir) throws Exception {
    int kafkaPort = freePort();
    Path data = Files.createDirectories(dir.resolve("kafka"));
    EmbeddedKafka kafka = EmbeddedKafka.start(kafkaPort, data);
    Vertx vertx = Vertx.vertx();
    try {
      IngestVerticle verticle =
          new IngestVerticle(
              TestIngestConfig.of(
                  kafka.bootstrapServers(),
                  Map.of(
                      IngestConfig.ACK_TIMEOUT,
                      ACK_TIMEOUT.toSeconds() + "s",
                      IngestConfig.RETRY_AFTER,
                      "1s",
                      IngestConfig.MAX_INFLIGHT,
                      String.valueOf(CAP))));
      vertx.deployVerticle(verticle).await();
      WebClient client =
          WebClient.create(
              vertx,
              new WebClientOptions()
                  .setDefaultHost("localhost")
                  .setDefaultPort(verticle.httpPort()),
              new PoolOptions().setHttp1MaxSize(CLIENTS));
      List<Future<Void>> loops = new ArrayList<>();
      for (int i = 0; i < CLIENTS; i++) {
        Promise<Void> done = Promise.promise();
        loop(client, done);
        loops.add(done.future());
      }

      // t0: healthy — pushes are acknowledged
      awaitCount(Phase.UP, 200, 20);
      long heapBefore = heapAfterGc();

      // t1: the broker stops; the service keeps answering, without taking more than CAP requests at
      // once
      phase.set(Phase.TRANSITION);
      kafka.close();
      kafka = null;
      phase.set(Phase.DOWN);
      awaitCount(Phase.DOWN, 503, 3 * CAP);
      awaitCount(Phase.DOWN, 429, 20);
      long heapGrowth = heapAfterGc() - heapBefore;

      // t2: the same broker (port, data, cluster id) comes back; pushes are acknowledged again
      phase.set(Phase.RECOVERED);
      kafka = EmbeddedKafka.start(kafkaPort, data);
      awaitCount(Phase.RECOVERED, 200, 20);
      running.set(false);
      Future.all(loops).await();

      List<Exchange> down = exchanges.stream().filter(e -> e.phase() == Phase.DOWN).toList();
      assertThat(down)
          .allSatisfy(
              e -> {
                assertThat(e.status()).as("status while the broker is down").isIn(429, 503);
                assertThat(e.retryAfter()).as("Retry-After on %d", e.status()).isEqualTo("1");
              });
      assertThat(exchanges)
          .allSatisfy(
              e -> {
                assertThat(e.status()).isIn(200, 429, 503);
                if (e.status() != 200) {
                  assertThat(e.retryAfter()).as("Retry-After on %d", e.status()).isEqualTo("1");
                }
              });
      assertThat(maxOverlap(down.stream().filter(e -> e.status() != 429).toList()))
          .as("requests held at once while Kafka is down")
          .isLessThanOrEqualTo(CAP);
      // a generous bound: with the cap, the outage holds at most CAP small bodies plus the
      // producer's
      // buffer (32 MiB), where admitting every request would hold hundreds of MiB (15k+ bodies are
      // refused
      // in a typical run); what is measured is the live heap after a full GC, broker and clients
      // included
      assertThat(heapGrowth).as("live heap growth during the outage").isLessThan(192L << 20);

      Map<String, Integer> onTopic = countIds(kafka.bootstrapServers());
      // the suite's JSON log encoder does not interpolate arguments: format here
      LOG.info(
          String.format(
              "OVERLOAD answers by phase/status %s; %d samples acknowledged, %d distinct ids on the "
                  + "topic; at most %d requests held at once while down; live heap growth %d MiB",
              tally(),
              acknowledged.size(),
              onTopic.size(),
              maxOverlap(down.stream().filter(e -> e.status() != 429).toList()),
              heapGrowth >> 20));
      List<String> notExactlyOnce =
          acknowledged.stream().filter(id -> onTopic.getOrDefault(id, 0) != 1).toList();
      assertThat(acknowledged).hasSizeGreaterThan(40 * BATCH);
      assertThat(notExactlyOnce)
          .as(
              "acknowledged samples not on the topic exactly once (of %d acknowledged)",
              acknowledged.size())
          .isEmpty();
    } finally {
      running.set(false);
      vertx.close().await();
      if (kafka != null) {
        kafka.close();
      }
    }
  }

  /** One client: pushes a fresh batch as soon as the last one is answered, whatever the answer. */
  private void loop(WebClient client, Promise<Void> done) {
    if (!running.get()) {
      done.complete();
      return;
    }
    long request = nextRequest.incrementAndGet();
    List<String> ids = new ArrayList<>(BATCH);
    StringBuilder body = new StringBuilder("[");
    for (int i = 0; i < BATCH; i++) {
      String id = request + "-" + i;
      ids.add(id);
      body.append(i == 0 ? "" : ",")
          .append("{\"name\":\"overload_test\",\"labels\":{\"id\":\"")
          .append(id)
          .append("\",\"job\":\"overload\"},\"value\":")
          .append(i)
          .append('}');
    }
    Phase sentIn = phase.get();
    long sent = System.nanoTime();
    client
        .post("/api/v1/samples")
        .putHeader("Content-Type", "application/json")
        .sendBuffer(Buffer.buffer(body.append(']').toString()))
        .onComplete(
            ar -> {
              long answered = System.nanoTime();
              if (ar.succeeded()) {
                int status = ar.result().statusCode();
                if (status == 200) {
                  acknowledged.addAll(ids);
                }
                // a request counts for a phase only if it was sent and answered within it
                Phase p = sentIn == phase.get() ? sentIn : Phase.TRANSITION;
                // only acknowledged ids are audited; keeping refused ones would make the test's own
                // heap grow
                exchanges.add(
                    new Exchange(
                        p,
                        sent,
                        answered,
                        status,
                        ar.result().getHeader("Retry-After"),
                        status == 200 ? ids : List.of()));
              }
              loop(client, done);
            });
  }

  private void awaitCount(Phase p, int status, int count) {
    Eventually.await(
        WAIT,
        count + " answers " + status + " in phase " + p,
        () ->
            exchanges.stream().filter(e -> e.phase() == p && e.status() == status).count() >= count
                ? true
                : null);
  }

  private Map<String, Long> tally() {
    Map<String, Long> t = new java.util.TreeMap<>();
    exchanges.forEach(e -> t.merge(e.phase() + "/" + e.status(), 1L, Long::sum));
    return t;
  }

  /** The most intervals (each shrunk by the slack at both ends) that overlap at one instant. */
  private static int maxOverlap(List<Exchange> held) {
    List<long[]> edges = new ArrayList<>();
    for (Exchange e : held) {
      long from = e.sent() + SLACK_NANOS;
      long to = e.answered() - SLACK_NANOS;
      if (from < to) {
        edges.add(new long[] {from, 1});
        edges.add(new long[] {to, -1});
      }
    }
    edges.sort((a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
    int now = 0;
    int max = 0;
    for (long[] edge : edges) {
      now += (int) edge[1];
      max = Math.max(max, now);
    }
    return max;
  }

  private static Map<String, Integer> countIds(String bootstrap) {
    Map<String, Integer> counts = new HashMap<>();
    try (SampleProbe probe = new SampleProbe(bootstrap)) {
      for (Sample s : probe.drain()) {
        counts.merge(s.series().get("id"), 1, Integer::sum);
      }
    }
    return counts;
  }

  private static long heapAfterGc() {
    System.gc();
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  private static int freePort() throws java.io.IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
