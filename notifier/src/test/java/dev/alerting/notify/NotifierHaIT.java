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
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
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

  /** Runs the timeline with {@code n} instances and returns the payloads delivered. */
  private static List<String> run(String run, int n) throws Exception {
    List<Vertx> instances = new ArrayList<>();
    Map<String, String> env =
        Map.of(
            "KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(),
            "NOTIFIER_HTTP_PORT", "0",
            "NOTIFIER_CONFIG", routing.toString());
    for (int i = 0; i < n; i++) {
      Vertx v = Vertx.vertx();
      v.deployVerticle(new NotifierVerticle(NotifierConfig.from(Settings.of(env)))).await();
      instances.add(v);
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

  @Test
  @DisplayName(
      "one, two and three instances (the first stopped mid-scenario) deliver the same payloads,"
          + " each once")
  void sameAsOne() throws Exception {
    List<String> expected =
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
    assertThat(run("one", 1)).isEqualTo(expected);
    assertThat(run("two", 2)).isEqualTo(expected);
    assertThat(run("three", 3)).isEqualTo(expected);
  }
}
