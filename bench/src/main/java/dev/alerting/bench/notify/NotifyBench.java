package dev.alerting.bench.notify;

import dev.alerting.bench.load.Machine;
import dev.alerting.launcher.broker.KafkaBroker;
import dev.alerting.model.Labels;
import dev.alerting.model.alert.Alert;
import dev.alerting.model.alert.AlertStatus;
import dev.alerting.notify.NotifierConfig;
import dev.alerting.notify.NotifierVerticle;
import dev.alerting.platform.codec.AlertCodec;
import dev.alerting.platform.config.Settings;
import dev.alerting.platform.kafka.Topics;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * {@code ./alerting bench notify [--alerts N]}: the notifier alone on an embedded broker. Phase 1
 * produces N distinct alerts in one burst to a route that holds them (group_wait 1h) and times
 * until all N groups exist: alerts routed and grouped per second. Phase 2 produces N more to a
 * route with a 10 ms group_wait and a local webhook sink, and times until the sink has N
 * notifications: notifications delivered per second.
 */
public final class NotifyBench {
  private static final Pattern GROUPS =
      Pattern.compile("(?m)^notifier_groups\\{[^}]*} ([0-9.eE+]+)");

  private NotifyBench() {}

  public static void run(String[] args) throws Exception {
    int n = 5000;
    for (int i = 0; i < args.length - 1; i++) {
      if (args[i].equals("--alerts")) {
        n = Integer.parseInt(args[i + 1]);
      }
    }
    Machine before = Machine.current();
    Vertx vertx = Vertx.vertx();
    AtomicLong received = new AtomicLong();
    HttpServer sink =
        vertx
            .createHttpServer()
            .requestHandler(
                req ->
                    req.end()
                        .onComplete(
                            v -> {
                              received.incrementAndGet();
                              req.response().setStatusCode(200).end();
                            }))
            .listen(0, "127.0.0.1")
            .await();
    Path dir = Files.createTempDirectory("notify-bench");
    try (KafkaBroker kafka = KafkaBroker.start(0, null)) {
      Path routing =
          Files.writeString(
              dir.resolve("alertmanager.yml"),
              """
              route:
                receiver: sink
                group_by: [alertname, instance]
                group_wait: 10ms
                group_interval: 1h
                repeat_interval: 1h
                routes:
                - {matchers: ['phase="route"'], receiver: sink, group_wait: 1h}
              receivers:
              - name: sink
                webhook_configs: [{url: 'http://127.0.0.1:%d/hook'}]
              """
                  .formatted(sink.actualPort()));
      NotifierVerticle notifier =
          new NotifierVerticle(
              NotifierConfig.from(
                  Settings.of(
                      Map.of(
                          "KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(),
                          "NOTIFIER_HTTP_PORT", "0",
                          "NOTIFIER_CONFIG", routing.toString()))));
      vertx.deployVerticle(notifier).await();
      try (KafkaProducer<String, String> producer =
          new KafkaProducer<>(
              Map.of("bootstrap.servers", kafka.bootstrapServers(), "linger.ms", "5"),
              new StringSerializer(),
              new StringSerializer())) {
        String metrics = "http://127.0.0.1:" + notifier.httpPort() + "/metrics";
        // warm-up: the same two bursts once, unmeasured, so the JIT has compiled the hot paths
        measure(producer, metrics, received, n, "warm", before);
        received.set(0);
        measure(producer, metrics, received, n, "", before);
      }
    } finally {
      vertx.close().await();
    }
    System.exit(0);
  }

  private static void measure(
      KafkaProducer<String, String> producer,
      String metrics,
      AtomicLong received,
      int n,
      String tag,
      Machine before)
      throws Exception {
    {
      {
        long start = groups(metrics);
        long t0 = System.nanoTime();
        long c0 = cpuNanos();
        burst(producer, n, "route", tag);
        long groups;
        do {
          groups = groups(metrics);
          progress(t0, "groups " + groups + " of " + (start + n));
          Thread.sleep(20);
        } while (groups < start + n && System.nanoTime() - t0 < 300_000_000_000L);
        double routed = n / ((System.nanoTime() - t0) / 1e9);
        double routeCpu = (cpuNanos() - c0) / 1e3 / n;

        long t1 = System.nanoTime();
        long c1 = cpuNanos();
        burst(producer, n, "deliver", tag);
        while (received.get() < n && System.nanoTime() - t1 < 300_000_000_000L) {
          progress(t1, "notifications " + received.get() + " of " + n);
          Thread.sleep(10);
        }
        double seconds = (System.nanoTime() - t1) / 1e9;
        double deliverCpu = (cpuNanos() - c1) / 1e3 / n;
        Machine after = Machine.current();
        if (!tag.isEmpty()) {
          System.out.printf("warm-up done: %d notifications in %.2f s%n", received.get(), seconds);
          return;
        }
        System.out.printf(
            "%d alerts routed and grouped at %.0f alerts/s (%.0f µs CPU each, producer and broker"
                + " included); %d notifications delivered in %.2f s: %.0f notifications/s (%.0f µs"
                + " CPU each, sink included)%n",
            n, routed, routeCpu, received.get(), seconds, received.get() / seconds, deliverCpu);
        System.out.printf(
            "| %s | %s | `./alerting bench notify --alerts %d` | %.0f alerts/s, %.0f µs CPU/alert |"
                + " %.0f notifications/s, %.0f µs CPU/notification | %d cores, load %.2f before,"
                + " %.2f after |%n",
            Instant.now().toString().substring(0, 10),
            after.commit(),
            n,
            routed,
            routeCpu,
            received.get() / seconds,
            deliverCpu,
            after.cores(),
            before.loadAverage(),
            after.loadAverage());
      }
    }
  }

  private static long lastProgress;

  private static void progress(long since, String what) {
    long now = System.nanoTime();
    if (now - lastProgress > 5_000_000_000L) {
      lastProgress = now;
      System.out.printf("  %.0f s: %s%n", (now - since) / 1e9, what);
    }
  }

  /** CPU time of this whole process (broker, notifier, sink): stable under a shared machine. */
  private static long cpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean)
            java.lang.management.ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  private static void burst(
      KafkaProducer<String, String> producer, int n, String phase, String tag) {
    Instant now = Instant.now();
    for (int i = 0; i < n; i++) {
      Alert a =
          new Alert(
              AlertStatus.FIRING,
              Labels.of("alertname", "Bench" + tag, "instance", "i" + i, "phase", phase),
              Map.of("summary", "bench " + i),
              now,
              null,
              "");
      producer.send(new ProducerRecord<>(Topics.ALERTS, a.fingerprint(), AlertCodec.encode(a)));
    }
    producer.flush();
  }

  // One client, HTTP/1.1 and a deadline: a fresh default client per scrape (h2c upgrade each time)
  // once left the measured run waiting on a reply for ten minutes.
  private static final HttpClient SCRAPER =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  private static long groups(String metricsUrl) throws Exception {
    String body;
    try {
      body =
          SCRAPER
              .send(
                  HttpRequest.newBuilder(URI.create(metricsUrl))
                      .timeout(java.time.Duration.ofSeconds(10))
                      .build(),
                  HttpResponse.BodyHandlers.ofString())
              .body();
    } catch (java.net.http.HttpTimeoutException e) {
      return 0;
    }
    Matcher m = GROUPS.matcher(body);
    return m.find() ? (long) Double.parseDouble(m.group(1)) : 0;
  }
}
