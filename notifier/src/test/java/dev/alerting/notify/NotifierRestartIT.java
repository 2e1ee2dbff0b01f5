package dev.alerting.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alerting.model.Labels;
import dev.alerting.model.alert.Alert;
import dev.alerting.model.alert.AlertStatus;
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
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Restarts of the notifier, graceful and {@code kill -9} of a child JVM, as timelines: every
 * payload a group sends is recorded at the webhook as its alerts ({@code id} label, resolved ones
 * prefixed with '-'), and the whole sequence must equal what one uninterrupted notifier sends.
 */
@DisplayName("Notifier restarts keep the notification state")
class NotifierRestartIT {
  private static final Duration WAIT = Duration.ofSeconds(90);
  private static final long REPEAT_MS = 5000;
  private static final String ROUTING =
      """
      route:
        receiver: hook
        group_by: [alertname]
        group_wait: 200ms
        group_interval: 500ms
        repeat_interval: 5s
      receivers:
      - name: hook
        webhook_configs:
        - url: http://127.0.0.1:%d/hook
      """;

  /** One payload: when it arrived, its group's alertname and its alerts. */
  private record Payload(long at, String group, String alerts) {}

  private static EmbeddedKafka kafka;
  private static Vertx vertx;
  private static HttpServer sink;
  private static Path routing;
  private static KafkaProducer<String, String> producer;
  private static final List<Payload> RECEIVED = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void start(@TempDir Path dir) throws Exception {
    kafka = EmbeddedKafka.start();
    vertx = Vertx.vertx();
    sink =
        vertx
            .createHttpServer()
            .requestHandler(
                req ->
                    req.body()
                        .onSuccess(
                            b -> {
                              RECEIVED.add(payload(b.toJsonObject()));
                              req.response().end();
                            }))
            .listen(0)
            .await();
    routing =
        Files.writeString(dir.resolve("alertmanager.yml"), ROUTING.formatted(sink.actualPort()));
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
    if (vertx != null) {
      vertx.close().await();
    }
    if (kafka != null) {
      kafka.close();
    }
  }

  private static Payload payload(JsonObject body) {
    String alerts =
        body.getJsonArray("alerts").stream()
            .map(o -> (JsonObject) o)
            .map(
                a ->
                    (a.getString("status").equals("resolved") ? "-" : "")
                        + a.getJsonObject("labels").getString("id"))
            .sorted()
            .collect(Collectors.joining(" "));
    return new Payload(
        System.currentTimeMillis(),
        body.getJsonObject("groupLabels").getString("alertname"),
        alerts);
  }

  private static List<Payload> payloads(String group) {
    return RECEIVED.stream().filter(p -> p.group().equals(group)).toList();
  }

  private static List<String> sequence(String group) {
    return payloads(group).stream().map(Payload::alerts).toList();
  }

  private static Map<String, String> env() {
    return Map.of(
        "KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(),
        "NOTIFIER_HTTP_PORT", "0",
        "NOTIFIER_CONFIG", routing.toString());
  }

  private static String deployInProcess() {
    return vertx
        .deployVerticle(new NotifierVerticle(NotifierConfig.from(Settings.of(env()))))
        .await();
  }

  private static final Instant STARTED = Instant.now().minusSeconds(60);

  private static void send(String name, String id, boolean firing) throws Exception {
    Labels l = Labels.of("alertname", name, "id", id);
    Alert a =
        new Alert(
            firing ? AlertStatus.FIRING : AlertStatus.RESOLVED,
            l,
            Map.of(),
            STARTED,
            firing ? null : Instant.now(),
            "");
    producer.send(new ProducerRecord<>(Topics.ALERTS, a.fingerprint(), AlertCodec.encode(a))).get();
  }

  private static void awaitPayload(String group, String alerts) {
    Eventually.assertThat(WAIT, () -> assertThat(sequence(group)).contains(alerts));
  }

  private static void awaitPayloads(String group, int n) {
    Eventually.assertThat(WAIT, () -> assertThat(payloads(group)).hasSizeGreaterThanOrEqualTo(n));
  }

  @Test
  @DisplayName(
      "graceful restart: no firing alert re-sent early, repeat_interval kept, resolves while down"
          + " and after delivered once")
  void graceful() throws Exception {
    String g = "Graceful";
    String first = deployInProcess();
    send(g, "1", true);
    send(g, "2", true);
    awaitPayloads(g, 1);
    vertx.undeploy(first).await();

    String second = deployInProcess();
    awaitPayloads(g, 2);
    List<Payload> p = payloads(g);
    assertThat(p.get(1).at() - p.get(0).at())
        .as("the repeat comes repeat_interval after the first notification, not at restart")
        .isGreaterThanOrEqualTo(REPEAT_MS - 300);
    vertx.undeploy(second).await();

    send(g, "1", false);
    String third = deployInProcess();
    awaitPayloads(g, 3);
    send(g, "2", false);
    awaitPayloads(g, 4);
    vertx.undeploy(third).await();
    assertThat(sequence(g)).containsExactly("1 2", "1 2", "-1 2", "-2");
  }

  @Test
  @DisplayName(
      "kill -9 of a child JVM once its state is durable: the resolve sent while it was dead is"
          + " delivered once, nothing sent twice")
  void killed(@TempDir Path dir) throws Exception {
    String g = "Killed";
    try (ChildNotifier child = ChildNotifier.start(env(), dir.resolve("child-1.log"))) {
      send(g, "1", true);
      send(g, "2", true);
      awaitPayloads(g, 1);
      awaitCommitted();
    } // closing kills it: SIGKILL
    send(g, "1", false);
    try (ChildNotifier again = ChildNotifier.start(env(), dir.resolve("child-2.log"))) {
      // The new child gets the partitions once the dead one's session expires; meanwhile the
      // group it restored keeps repeating on schedule.
      awaitPayload(g, "-1 2");
      send(g, "2", false);
      awaitPayload(g, "-2");
      List<String> seq = sequence(g);
      assertThat(seq.stream().distinct()).containsExactly("1 2", "-1 2", "-2");
      assertThat(seq).containsOnlyOnce("-1 2", "-2");
      List<Payload> p = payloads(g);
      for (int i = 1; i < p.size(); i++) {
        if (p.get(i).alerts().equals(p.get(i - 1).alerts())) {
          assertThat(p.get(i).at() - p.get(i - 1).at())
              .as("an unchanged group repeats only after repeat_interval, across the kill too")
              .isGreaterThanOrEqualTo(REPEAT_MS - 300);
        }
      }
    }
  }

  /** Waits until the notifier group has committed every alert event (its effects are durable). */
  private static void awaitCommitted() {
    AlertOffsets.awaitCommitted(kafka.bootstrapServers(), WAIT);
  }
}
