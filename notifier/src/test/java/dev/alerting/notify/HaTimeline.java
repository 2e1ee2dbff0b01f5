package dev.alerting.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alerting.model.Labels;
import dev.alerting.model.alert.Alert;
import dev.alerting.model.alert.AlertStatus;
import dev.alerting.notify.stream.AlertStream;
import dev.alerting.platform.codec.AlertCodec;
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

/**
 * The world of {@link NotifierHaIT}'s timelines: one broker, a webhook sink recording each payload
 * as "run_group: alerts", a producer of alert events, and what the timelines wait for and read
 * (consumer group members, every instance's groups, the notification log).
 */
final class HaTimeline implements AutoCloseable {
  static final Duration WAIT = Duration.ofSeconds(90);
  static final String ROUTING =
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
  static final List<String> EXPECTED =
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

  private static final List<String> GROUPS = List.of("g0", "g1", "g2", "g3", "g4", "g5", "src");

  private final List<String> received = new CopyOnWriteArrayList<>();
  private final EmbeddedKafka kafka;
  private final Vertx sinkVertx;
  private final Path routing;
  private final KafkaProducer<String, String> producer;
  private Instant runStart = Instant.now();

  private HaTimeline(Path dir) throws Exception {
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
                              received.add(describe(b.toJsonObject()));
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

  /** Starts the broker, the sink and the producer; the routing file goes in {@code dir}. */
  static HaTimeline start(Path dir) throws Exception {
    return new HaTimeline(dir);
  }

  /**
   * Alerts sent from now on start now, so group_wait gathers both alerts of a group into its first
   * payload (one that started longer than group_wait ago is flushed at once, as in Alertmanager).
   */
  void startRun() {
    runStart = Instant.now();
  }

  /** Flushes the alert events sent so far. */
  void flush() {
    producer.flush();
  }

  /** "run/group: alerts" with resolved alerts prefixed '-'. */
  static String describe(JsonObject body) {
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

  void send(String run, String group, String id, String severity, String cluster, boolean firing)
      throws Exception {
    sendAsync(run, group, id, severity, cluster, firing).get();
  }

  /**
   * Sends the run's alerts firing: the inhibition source on cluster c0, and two warnings in each of
   * six groups, the even ones on c0 (inhibited by the source), the odd ones on c1.
   */
  void fireAll(String run) throws Exception {
    send(run, "src", "src", "critical", "c0", true);
    for (int g = 0; g < 6; g++) {
      for (String id : List.of("1", "2")) {
        send(run, "g" + g, id, "warning", "c" + (g % 2), true);
      }
    }
  }

  /**
   * Resolves both alerts of a warning group at once: sent one by one, they sit on two partitions of
   * alerts that may be read apart, and a group_interval tick between them splits the resolve into
   * two notifications (as Alertmanager would), which the timelines' comparison does not expect.
   */
  void resolveGroup(String run, String group, String cluster) throws Exception {
    List<java.util.concurrent.Future<?>> both = new ArrayList<>();
    for (String id : List.of("1", "2")) {
      both.add(sendAsync(run, group, id, "warning", cluster, false));
    }
    flush();
    for (java.util.concurrent.Future<?> f : both) {
      f.get();
    }
  }

  java.util.concurrent.Future<?> sendAsync(
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
  List<String> payloads(String run) {
    return received.stream()
        .filter(p -> p.startsWith(run + "_"))
        .map(p -> p.substring(run.length() + 1))
        .sorted()
        .toList();
  }

  void awaitMembers(int n) {
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
  String get(int port, String path) {
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

  Map<String, String> env() {
    return Map.of(
        "KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(),
        "NOTIFIER_HTTP_PORT", "0",
        "NOTIFIER_CONFIG", routing.toString());
  }

  /**
   * Waits until the {@code notifier} group (the routers) has forwarded and committed every event on
   * {@code alerts}: after a failover, with fresh events sent to every partition, the live members
   * are then reading every partition, so events sent together are forwarded together instead of one
   * partition's waiting for its new owner to start fetching it.
   */
  void awaitRouted() {
    AlertOffsets.awaitCommitted(kafka.bootstrapServers(), WAIT);
  }

  /** Waits until the instance on {@code port} owns every group of the run (restored, if moved). */
  void awaitOwnsAll(String run, int port) {
    Eventually.assertThat(
        WAIT,
        () -> {
          String owned = get(port, "/api/v1/groups");
          for (String g : GROUPS) {
            assertThat(owned).as("groups owned on port %d", port).contains(run + "_" + g + "\"");
          }
        });
  }

  /**
   * Every instance's {@code /api/v2/alerts/groups} lists every group of the run (seven, inhibited
   * ones included), whichever instance owns it.
   */
  void awaitAllGroups(String run, int port) {
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

  /**
   * The broker fails a silent member over after the group's session timeout; the embedded broker
   * allows 6 s at least ({@code group.consumer.min.session.timeout.ms}), so the notifier groups get
   * that, with 1 s heartbeats, before the kill run.
   */
  void shortSessions() throws Exception {
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
  java.util.Set<String> loggedGroups() {
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

  /**
   * Waits until the instance holds none of the run's resolved groups (their last flush settled).
   */
  void awaitResolvedGroupsDropped(String run, int port) {
    Eventually.assertThat(
        WAIT,
        () ->
            assertThat(get(port, "/api/v1/groups"))
                .doesNotContain(run + "_src\"", run + "_g1\"", run + "_g3\"", run + "_g5\""));
  }

  @Override
  public void close() {
    producer.close();
    sinkVertx.close().await();
    kafka.close();
  }
}
