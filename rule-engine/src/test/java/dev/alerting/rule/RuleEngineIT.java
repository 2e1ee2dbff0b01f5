package dev.alerting.rule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alerting.model.Labels;
import dev.alerting.model.alert.Alert;
import dev.alerting.model.alert.AlertStatus;
import dev.alerting.model.sample.Sample;
import dev.alerting.platform.codec.AlertCodec;
import dev.alerting.platform.config.Settings;
import dev.alerting.platform.kafka.Topics;
import dev.alerting.rule.stream.SampleStream;
import dev.alerting.testkit.EmbeddedKafka;
import dev.alerting.testkit.Eventually;
import dev.alerting.testkit.SampleTopic;
import dev.alerting.testkit.TopicProbe;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Rule engine against a real broker")
class RuleEngineIT {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final String RULES =
      """
      groups:
      - name: it
        rules:
        - alert: ValueHigh
          expr: it_value{job="api"} > 80
          for: 0s
          labels:
            severity: critical
          annotations:
            summary: "{{ $labels.instance }} is at {{ $value }}"
        - alert: SlowBurn
          expr: it_slow > 10
          for: 1m
        - alert: ErrorRatioHigh
          expr: sum by (instance) (rate(it_requests_total{status_code=~"5.."}[5m])) / sum by (instance) (rate(it_requests_total[5m])) > 0.05
          for: 1m
          annotations:
            summary: "{{ $labels.instance }} fails {{ $value | humanizePercentage }} of requests"
      """;

  /**
   * Samples carry explicit timestamps ahead of wall-clock time, so the engine's wall-clock ticks
   * never overtake them and every assertion on event time is exact. Each test takes its own later
   * window, as the engine's clock only moves forward.
   */
  private static final AtomicLong WINDOW =
      new AtomicLong(Instant.now().plus(Duration.ofMinutes(10)).toEpochMilli());

  private static EmbeddedKafka kafka;
  private static Vertx vertx;
  private static RuleEngineVerticle verticle;
  private static KafkaProducer<String, byte[]> producer;
  private static TopicProbe alerts;
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final AtomicLong SENT = new AtomicLong();

  @BeforeAll
  static void start(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
    kafka = EmbeddedKafka.start();
    Path rules = Files.writeString(dir.resolve("rules.yml"), RULES);
    RuleEngineConfig config =
        RuleEngineConfig.from(
            Settings.of(
                Map.of(
                    "KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(),
                    "RULES_HTTP_PORT", "0",
                    "RULES_FILE", rules.toString(),
                    "RULES_TICK_INTERVAL", "200ms",
                    "RULES_EXTERNAL_URL", "http://rules.test:8081")));
    vertx = Vertx.vertx();
    verticle = new RuleEngineVerticle(config);
    vertx.deployVerticle(verticle).await();
    producer =
        new KafkaProducer<>(
            Map.of("bootstrap.servers", kafka.bootstrapServers()),
            new StringSerializer(),
            new ByteArraySerializer());
    alerts = new TopicProbe(kafka.bootstrapServers(), Topics.ALERTS);
  }

  @AfterAll
  static void stop() {
    if (alerts != null) {
      alerts.close();
    }
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

  private static long nextWindow() {
    return WINDOW.getAndAdd(Duration.ofMinutes(10).toMillis());
  }

  /** With the sample's own time as broker time (see {@code EngineHarness#push}). */
  private static void push(Sample s) throws Exception {
    producer
        .send(SampleTopic.protobuf(s, SampleTopic.partitions(producer), s.timestampMillis()))
        .get();
    SENT.incrementAndGet();
  }

  private static JsonObject get(String path) {
    HttpResponse<String> r;
    try {
      r =
          HTTP.send(
              HttpRequest.newBuilder(URI.create("http://localhost:" + verticle.httpPort() + path))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new AssertionError("GET " + path + " failed", e);
    }
    assertThat(r.statusCode()).as(path).isEqualTo(200);
    return path.equals("/metrics")
        ? new JsonObject().put("text", r.body())
        : new JsonObject(r.body());
  }

  private static List<ConsumerRecord<String, String>> await(
      String alertname, String instance, AlertStatus status) {
    return alerts.await(
        r -> {
          Alert a = AlertCodec.decode(r.value());
          return a.name().equals(alertname)
              && instance.equals(a.labels().get("instance"))
              && a.status() == status;
        },
        1,
        WAIT);
  }

  @Test
  @DisplayName(
      "a for: 0s rule fires on a sample over the threshold and resolves when it drops back")
  void firesAndResolves() throws Exception {
    long t = nextWindow();
    push(Sample.of("it_value", Labels.of("job", "api", "instance", "i1"), 95, t));

    ConsumerRecord<String, String> fired = await("ValueHigh", "i1", AlertStatus.FIRING).get(0);
    Labels expected =
        Labels.of("alertname", "ValueHigh", "instance", "i1", "job", "api", "severity", "critical");
    assertThat(fired.key()).isEqualTo(expected.fingerprintHex());
    JsonObject json = new JsonObject(fired.value());
    assertThat(json.getJsonObject("labels").getMap()).isEqualTo(Map.copyOf(expected.asMap()));
    assertThat(json.getJsonObject("annotations").getString("summary")).isEqualTo("i1 is at 95");
    assertThat(json.getString("startsAt")).isEqualTo(Instant.ofEpochMilli(t).toString());
    assertThat(json.getString("endsAt")).isEqualTo(AlertCodec.ZERO_TIME);
    assertThat(json.getString("generatorURL"))
        .isEqualTo("http://rules.test:8081/graph?g0.expr=it_value%7Bjob%3D%22api%22%7D+%3E+80");
    assertThat(json.getString("fingerprint")).isEqualTo(fired.key());

    JsonObject body = get("/api/v1/alerts");
    assertThat(body.getString("status")).isEqualTo("success");
    JsonArray active = body.getJsonObject("data").getJsonArray("alerts");
    JsonObject apiAlert =
        active.stream()
            .map(JsonObject.class::cast)
            .filter(a -> "i1".equals(a.getJsonObject("labels").getString("instance")))
            .findFirst()
            .orElseThrow();
    assertThat(apiAlert.getString("state")).isEqualTo("firing");
    assertThat(apiAlert.getString("value")).isEqualTo("9.5e+01");
    assertThat(apiAlert.getString("activeAt")).isEqualTo(Instant.ofEpochMilli(t).toString());

    push(Sample.of("it_value", Labels.of("job", "api", "instance", "i1"), 50, t + 1000));

    ConsumerRecord<String, String> resolved = await("ValueHigh", "i1", AlertStatus.RESOLVED).get(0);
    assertThat(resolved.key()).isEqualTo(fired.key());
    Alert r = AlertCodec.decode(resolved.value());
    assertThat(r.startsAt()).isEqualTo(Instant.ofEpochMilli(t));
    assertThat(r.endsAt()).isEqualTo(Instant.ofEpochMilli(t + 1000));
  }

  @Test
  @DisplayName("a rule with for fires only once for has elapsed in event time")
  void firesAfterForInEventTime() throws Exception {
    long t = nextWindow();
    Labels series = Labels.of("instance", "slow-1");
    push(Sample.of("it_slow", series, 20, t));
    Eventually.assertThat(WAIT, () -> assertThat(slowBurnState()).isEqualTo("pending"));

    push(Sample.of("it_slow", series, 25, t + 59_000));
    awaitConsumed();
    assertThat(slowBurnState()).isEqualTo("pending");
    assertThat(alerts.drain())
        .noneMatch(r -> AlertCodec.decode(r.value()).name().equals("SlowBurn"));

    push(Sample.of("it_slow", series, 30, t + 60_000));

    Alert fired = AlertCodec.decode(await("SlowBurn", "slow-1", AlertStatus.FIRING).get(0).value());
    assertThat(fired.startsAt()).isEqualTo(Instant.ofEpochMilli(t));
    assertThat(slowBurnState()).isEqualTo("firing");
  }

  @Test
  @DisplayName(
      "a seed-style ratio of rates over several series fires once for has elapsed, from samples on metrics.samples")
  void ratioOfRatesFires() throws Exception {
    long t = nextWindow();
    Labels ok = Labels.of("instance", "web-1", "status_code", "200");
    Labels failed = Labels.of("instance", "web-1", "status_code", "500");
    // The two series may sit on different partitions, so the instant at which both are seen (the
    // alert's activeAt) depends on poll order; the last pair moves the clock past any of them +
    // for.
    for (int i = 0; i <= 10; i++) {
      long at = t + i * 30_000L;
      push(Sample.of("it_requests_total", ok, 90.0 * i, at));
      push(Sample.of("it_requests_total", failed, 10.0 * i, at));
    }

    Alert fired =
        AlertCodec.decode(await("ErrorRatioHigh", "web-1", AlertStatus.FIRING).get(0).value());

    assertThat(fired.startsAt())
        .isBetween(Instant.ofEpochMilli(t + 30_000), Instant.ofEpochMilli(t + 240_000));
    assertThat(fired.labels().asMap())
        .containsExactlyEntriesOf(
            Labels.of("alertname", "ErrorRatioHigh", "instance", "web-1").asMap());
    assertThat(fired.annotations()).containsEntry("summary", "web-1 fails 10% of requests");
  }

  @Test
  @DisplayName("undecodable records are skipped and counted, and consumed offsets get committed")
  void countsInvalidAndCommits() throws Exception {
    producer
        .send(
            new ProducerRecord<>(
                Topics.SAMPLES, "k", "{not json".getBytes(java.nio.charset.StandardCharsets.UTF_8)))
        .get();
    SENT.incrementAndGet();
    push(Sample.of("it_other", Labels.of("x", "y"), 1, nextWindow()));

    Eventually.assertThat(
        WAIT, () -> assertThat(metric("rules_samples_invalid_total")).isGreaterThanOrEqualTo(1));
    awaitConsumed();
    String text = get("/metrics").getString("text");
    assertThat(text)
        .contains("rules_evaluations_total")
        .contains("rules_alerts_emitted_total")
        .contains("rules_evaluations_refused_total{reason=\"series_limit\"");
  }

  @Test
  @DisplayName(
      "a late sample is counted as late and one older than the rules' retention is dropped as too_old, on /metrics")
  void countsLateAndTooOld() throws Exception {
    long t = nextWindow();
    Labels series = Labels.of("instance", "late-1");
    // a series a rule selects (it_slow > 10; these values stay below): others are not stored at all
    push(Sample.of("it_slow", series, 1, t + 400_000));
    awaitConsumed();
    double late = metric("rules_samples_late_total");
    double dropped = metric(TOO_OLD);

    // The rules read 5 m of history: 100 s behind the clock is late, 400 s behind is too old.
    push(Sample.of("it_slow", series, 2, t + 300_000));
    push(Sample.of("it_slow", series, 3, t));
    awaitConsumed();

    assertThat(metric("rules_samples_late_total") - late).isEqualTo(1);
    assertThat(metric(TOO_OLD) - dropped).isEqualTo(1);
    assertThat(get("/metrics").getString("text"))
        .contains("rules_samples_dropped_total{reason=\"too_old\"");
  }

  @Test
  @DisplayName("the rules API lists groups and rules in Prometheus's shape")
  void rulesApi() throws Exception {
    JsonObject body = get("/api/v1/rules");
    assertThat(body.getString("status")).isEqualTo("success");
    JsonObject group = body.getJsonObject("data").getJsonArray("groups").getJsonObject(0);
    assertThat(group.getString("name")).isEqualTo("it");
    JsonObject rule = group.getJsonArray("rules").getJsonObject(1);
    assertThat(rule.getString("name")).isEqualTo("SlowBurn");
    assertThat(rule.getString("query")).isEqualTo("it_slow > 10");
    assertThat(rule.getLong("duration")).isEqualTo(60);
    assertThat(rule.getString("type")).isEqualTo("alerting");
    assertThat(rule.getString("health")).isIn("ok", "unknown");
    assertThat(
            rule.containsKey("labels")
                && rule.containsKey("annotations")
                && rule.containsKey("state"))
        .isTrue();
  }

  /** Waits until the group has committed everything sent, i.e. every sample was processed. */
  private static void awaitConsumed() {
    Eventually.assertThat(
        WAIT,
        () -> {
          try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            Map<org.apache.kafka.common.TopicPartition, OffsetAndMetadata> offsets =
                admin
                    .listConsumerGroupOffsets(SampleStream.GROUP_ID)
                    .partitionsToOffsetAndMetadata()
                    .get();
            long committed = offsets.values().stream().mapToLong(OffsetAndMetadata::offset).sum();
            assertThat(committed).isEqualTo(SENT.get());
          } catch (Exception e) {
            throw new AssertionError(e);
          }
        });
  }

  private static final String TOO_OLD = "rules_samples_dropped_total{reason=\"too_old\"";

  private static double metric(String name) {
    return get("/metrics")
        .getString("text")
        .lines()
        .filter(l -> l.startsWith(name))
        .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
        .sum();
  }

  private static String slowBurnState() {
    return get("/api/v1/rules")
        .getJsonObject("data")
        .getJsonArray("groups")
        .getJsonObject(0)
        .getJsonArray("rules")
        .getJsonObject(1)
        .getString("state");
  }
}
