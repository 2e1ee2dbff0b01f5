package dev.alerting.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alerting.model.Labels;
import dev.alerting.model.alert.Alert;
import dev.alerting.model.alert.AlertStatus;
import dev.alerting.notify.stream.AlertStream;
import dev.alerting.platform.codec.AlertCodec;
import dev.alerting.platform.config.Settings;
import dev.alerting.platform.kafka.Topics;
import dev.alerting.testkit.EmbeddedKafka;
import dev.alerting.testkit.Eventually;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several notifier instances in one consumer group on one broker (3 partitions) run the same
 * timeline as one instance, with the first instance stopped between its two phases: the payloads
 * delivered (group, alerts) must be the same, none twice. The timeline has six groups, an
 * inhibition source muting half of them (its alert is on whatever partition its fingerprint hashes
 * to), and resolves sent after the instance is gone.
 */
@DisplayName("Several notifier instances notify as one")
class NotifierHaIT {
  private static final Duration WAIT = Duration.ofSeconds(90);
  private static final String ROUTING =
      """
      route:
        receiver: hook
        group_by: [alertname]
        group_wait: 3s
        group_interval: 1s
        repeat_interval: 1h
      receivers:
      - name: hook
        webhook_configs:
        - url: http://127.0.0.1:%d/hook
      inhibit_rules:
      - source_matchers: ['severity="critical"']
        target_matchers: ['severity="warning"']
        equal: [cluster]
      """;

  /** What one instance delivers for the timeline (the "one" run), sorted. */
  private static final List<String> EXPECTED =
      List.of(
          "g0: 1 2",
          "g1: -1 -2",
          "g1: 1 2",
          "g2: 1 2",
          "g3: -1 -2",
          "g3: 1 2",
          "g4: 1 2",
          "g5: -1 -2",
          "g5: 1 2",
          "src: -src",
          "src: src");

  private static EmbeddedKafka kafka;
  private static Vertx sinkVertx;
  private static Path routing;
  private static KafkaProducer<String, String> producer;
  private static final List<String> RECEIVED = new CopyOnWriteArrayList<>();
  private static Instant runStart = Instant.now();

  @BeforeAll
  static void start(@TempDir Path dir) throws Exception {
    kafka = EmbeddedKafka.start();
    sinkVertx = Vertx.vertx();
    HttpServer sink =
        sinkVertx
            .createHttpServer()
            .requestHandler(
                req ->
                    req.body()
                        .onSuccess(
                            b -> {
                              RECEIVED.add(describe(b.toJsonObject()));
                              req.response().end();
                            }))
            .listen(0)
            .await();
    routing = Files.writeString(dir.resolve("am.yml"), ROUTING.formatted(sink.actualPort()));
    producer =
        new KafkaProducer<>(
            Map.of("bootstrap.servers", kafka.bootstrapServers()),
            new StringSerializer(),
            new StringSerializer());
  }

  @AfterAll
  static void stop() {
    if (producer != null) {
      producer.close();
    }
    if (sinkVertx != null) {
      sinkVertx.close().await();
    }
    if (kafka != null) {
      kafka.close();
    }
  }

  /** "run/group: alerts" with resolved alerts prefixed '-'. */
  private static String describe(JsonObject body) {
    String alerts =
        body.getJsonArray("alerts").stream()
            .map(o -> (JsonObject) o)
            .map(
                a ->
                    (a.getString("status").equals("resolved") ? "-" : "")
                        + a.getJsonObject("labels").getString("id"))
            .sorted()
            .collect(Collectors.joining(" "));
    return body.getJsonObject("groupLabels").getString("alertname") + ": " + alerts;
  }

  private static void send(
      String run, String group, String id, String severity, String cluster, boolean firing)
      throws Exception {
    sendAsync(run, group, id, severity, cluster, firing).get();
  }

  private static java.util.concurrent.Future<?> sendAsync(
      String run, String group, String id, String severity, String cluster, boolean firing) {
    Labels l =
        Labels.of(
            "alertname", run + "_" + group, "id", id, "severity", severity, "cluster", cluster);
    Alert a =
        new Alert(
            firing ? AlertStatus.FIRING : AlertStatus.RESOLVED,
            l,
            Map.of(),
            runStart,
            firing ? null : Instant.now(),
            "");
    return producer.send(
        new ProducerRecord<>(Topics.ALERTS, a.fingerprint(), AlertCodec.encode(a)));
  }

  /** The payloads of one run, without its prefix, sorted. */
  private static List<String> payloads(String run) {
    return RECEIVED.stream()
        .filter(p -> p.startsWith(run + "_"))
        .map(p -> p.substring(run.length() + 1))
        .sorted()
        .toList();
  }

  private static void awaitMembers(int n) {
    try (Admin admin =
        Admin.create(Map.<String, Object>of("bootstrap.servers", kafka.bootstrapServers()))) {
      Eventually.assertThat(
          WAIT,
          () -> {
            try {
              for (var d :
                  admin
                      .describeConsumerGroups(
                          List.of(AlertStream.OWNER_GROUP_ID, AlertStream.GROUP_ID))
                      .all()
                      .get()
                      .values()) {
                assertThat(d.members()).as(d.groupId()).hasSize(n);
                assertThat(d.groupState().toString()).isEqualToIgnoringCase("stable");
              }
            } catch (Exception e) {
              throw new AssertionError(e);
            }
          });
    }
  }

  /** Body of a GET on an instance's API; an assertion error when it does not answer. */
  private static String get(int port, String path) {
    try {
      return java.net.http.HttpClient.newHttpClient()
          .send(
              java.net.http.HttpRequest.newBuilder(
                      java.net.URI.create("http://127.0.0.1:" + port + path))
                  .timeout(Duration.ofSeconds(5))
                  .build(),
              java.net.http.HttpResponse.BodyHandlers.ofString())
          .body();
    } catch (java.io.IOException | InterruptedException e) {
      throw new AssertionError(e);
    }
  }

  private static Map<String, String> env() {
    return Map.of(
        "KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(),
        "NOTIFIER_HTTP_PORT", "0",
        "NOTIFIER_CONFIG", routing.toString());
  }

  private static final List<String> GROUPS = List.of("g0", "g1", "g2", "g3", "g4", "g5", "src");

  /**
   * Every instance's {@code /api/v2/alerts/groups} lists every group of the run (seven, inhibited
   * ones included), whichever instance owns it.
   */
  private static void awaitAllGroups(String run, int port) {
    Eventually.assertThat(
        WAIT,
        () -> {
          List<String> groups =
              new io.vertx.core.json.JsonArray(get(port, "/api/v2/alerts/groups"))
                  .stream()
                      .map(o -> ((JsonObject) o).getJsonObject("labels").getString("alertname"))
                      .filter(name -> name.startsWith(run + "_"))
                      .map(name -> name.substring(run.length() + 1))
                      .sorted()
                      .toList();
          assertThat(groups).as("groups listed on port %d", port).isEqualTo(GROUPS);
        });
  }

  /** Runs the timeline with {@code n} instances and returns the payloads delivered. */
  private static List<String> run(String run, int n) throws Exception {
    List<Vertx> instances = new ArrayList<>();
    List<NotifierVerticle> notifiers = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Vertx v = Vertx.vertx();
      NotifierVerticle notifier = new NotifierVerticle(NotifierConfig.from(Settings.of(env())));
      v.deployVerticle(notifier).await();
      instances.add(v);
      notifiers.add(notifier);
    }
    try {
      awaitMembers(n);
      // Alerts start now, so group_wait gathers both alerts of a group into its first payload
      // (one that started longer than group_wait ago is flushed at once, as in Alertmanager).
      runStart = Instant.now();
      send(run, "src", "src", "critical", "c0", true);
      for (int g = 0; g < 6; g++) {
        for (String id : List.of("1", "2")) {
          send(run, "g" + g, id, "warning", "c" + (g % 2), true);
        }
      }
      // Groups on cluster c1 (odd) notify; those on c0 are inhibited by the source.
      Eventually.assertThat(WAIT, () -> assertThat(payloads(run)).hasSize(4));
      for (NotifierVerticle notifier : notifiers) {
        awaitAllGroups(run, notifier.httpPort());
      }
      if (n > 1) {
        instances.remove(0).close().await();
        awaitMembers(n - 1);
      }
      send(run, "src", "src", "critical", "c0", false);
      for (int g = 1; g < 6; g += 2) {
        // A group's two resolves go out together: sent one by one, they sit on two partitions of
        // alerts that may be read apart, and a group_interval tick between them splits the resolve
        // into two notifications (as Alertmanager would), which this comparison does not expect.
        List<java.util.concurrent.Future<?>> both = new ArrayList<>();
        for (String id : List.of("1", "2")) {
          both.add(sendAsync(run, "g" + g, id, "warning", "c1", false));
        }
        producer.flush();
        for (java.util.concurrent.Future<?> f : both) {
          f.get();
        }
      }
      // The source resolved: the even groups are no longer inhibited and notify.
      Eventually.assertThat(WAIT, () -> assertThat(payloads(run)).hasSize(11));
      return payloads(run);
    } finally {
      for (Vertx v : instances) {
        v.close().await();
      }
    }
  }

  /**
   * The broker fails a silent member over after the group's session timeout; the embedded broker
   * allows 6 s at least ({@code group.consumer.min.session.timeout.ms}), so the notifier groups get
   * that, with 1 s heartbeats, before the kill run.
   */
  private static void shortSessions() throws Exception {
    try (Admin admin =
        Admin.create(Map.<String, Object>of("bootstrap.servers", kafka.bootstrapServers()))) {
      Map<org.apache.kafka.common.config.ConfigResource, java.util.Collection<AlterConfigOp>> ops =
          new java.util.HashMap<>();
      for (String group : List.of(AlertStream.GROUP_ID, AlertStream.OWNER_GROUP_ID)) {
        ops.put(
            new org.apache.kafka.common.config.ConfigResource(
                org.apache.kafka.common.config.ConfigResource.Type.GROUP, group),
            List.of(
                new AlterConfigOp(
                    new ConfigEntry("consumer.session.timeout.ms", "6000"),
                    AlterConfigOp.OpType.SET),
                new AlterConfigOp(
                    new ConfigEntry("consumer.heartbeat.interval.ms", "1000"),
                    AlterConfigOp.OpType.SET)));
      }
      admin.incrementalAlterConfigs(ops).all().get();
    }
  }

  /** Group ids on the notification log with an entry (written only after a delivery). */
  private static java.util.Set<String> loggedGroups() {
    java.util.Set<String> keys = new java.util.HashSet<>();
    try (var consumer =
        new org.apache.kafka.clients.consumer.KafkaConsumer<String, String>(
            Map.<String, Object>of(
                "bootstrap.servers", kafka.bootstrapServers(), "isolation.level", "read_committed"),
            new org.apache.kafka.common.serialization.StringDeserializer(),
            new org.apache.kafka.common.serialization.StringDeserializer())) {
      var parts =
          consumer.partitionsFor(Topics.NOTIFICATIONS_LOG).stream()
              .map(p -> new org.apache.kafka.common.TopicPartition(p.topic(), p.partition()))
              .toList();
      consumer.assign(parts);
      consumer.seekToBeginning(parts);
      var ends = consumer.endOffsets(parts);
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (parts.stream().anyMatch(p -> consumer.position(p) < ends.get(p))
          && System.nanoTime() < deadline) {
        for (var r : consumer.poll(Duration.ofMillis(200))) {
          if (r.value() != null) {
            keys.add(r.key());
          }
        }
      }
    }
    return keys;
  }

  @Test
  @Timeout(value = 120, unit = java.util.concurrent.TimeUnit.SECONDS)
  @DisplayName(
      "two instances, one a child JVM killed with SIGKILL mid-scenario: the same payloads as one"
          + " instance, each once")
  void killedInstance(@TempDir Path dir) throws Exception {
    String run = "kill";
    shortSessions();
    Vertx v = Vertx.vertx();
    try (ChildNotifier child = ChildNotifier.start(env(), dir.resolve("child.log"))) {
      NotifierVerticle survivor = new NotifierVerticle(NotifierConfig.from(Settings.of(env())));
      v.deployVerticle(survivor).await();
      awaitMembers(2);
      runStart = Instant.now();
      send(run, "src", "src", "critical", "c0", true);
      for (int g = 0; g < 6; g++) {
        for (String id : List.of("1", "2")) {
          send(run, "g" + g, id, "warning", "c" + (g % 2), true);
        }
      }
      Eventually.assertThat(WAIT, () -> assertThat(payloads(run)).hasSize(4));
      awaitAllGroups(run, survivor.httpPort());
      awaitAllGroups(run, child.port());
      assertThat(get(child.port(), "/api/v1/groups"))
          .as("the child owns groups of the run, so killing it moves them")
          .contains(run + "_");
      // What was delivered is in the notification log before the kill (a kill between a delivery
      // and its log write re-sends that one notification: the documented at-least-once edge).
      Eventually.assertThat(
          WAIT,
          () -> {
            java.util.Set<String> logged = loggedGroups();
            for (String g : List.of("g1", "g3", "g5", "src")) {
              assertThat(logged).anyMatch(k -> k.contains("\"" + run + "_" + g + "\""));
            }
          });
      long killedAt = System.nanoTime();
      child.kill();
      // As in the graceful runs, the resolves follow the failover: sent while the dead member still
      // holds its partitions, two resolves of one group routed by different instances may reach
      // the new owner in two flushes ("-2 1", then "-1"), which one instance would send as one.
      awaitMembers(1);
      long failedOverMs = (System.nanoTime() - killedAt) / 1_000_000;
      send(run, "src", "src", "critical", "c0", false);
      for (int g = 1; g < 6; g += 2) {
        for (String id : List.of("1", "2")) {
          send(run, "g" + g, id, "warning", "c1", false);
        }
      }
      Eventually.assertThat(WAIT, () -> assertThat(payloads(run)).hasSize(11));
      System.out.printf(
          "NotifierHaIT: partitions moved %d ms after the SIGKILL, all 11 payloads after %d ms%n",
          failedOverMs, (System.nanoTime() - killedAt) / 1_000_000);
      assertThat(payloads(run)).isEqualTo(EXPECTED);
      // Nothing more can come: the survivor has settled and dropped every resolved group.
      awaitResolvedGroupsDropped(run, survivor.httpPort());
      assertThat(payloads(run)).isEqualTo(EXPECTED);
    } finally {
      v.close().await();
    }
  }

  /**
   * Waits until the instance holds none of the run's resolved groups (their last flush settled).
   */
  private static void awaitResolvedGroupsDropped(String run, int port) {
    Eventually.assertThat(
        WAIT,
        () ->
            assertThat(get(port, "/api/v1/groups"))
                .doesNotContain(run + "_src\"", run + "_g1\"", run + "_g3\"", run + "_g5\""));
  }

  @Test
  @DisplayName(
      "one, two and three instances (the first stopped mid-scenario) deliver the same payloads,"
          + " each once")
  void sameAsOne() throws Exception {
    assertThat(run("one", 1)).isEqualTo(EXPECTED);
    assertThat(run("two", 2)).isEqualTo(EXPECTED);
    assertThat(run("three", 3)).isEqualTo(EXPECTED);
  }
}
