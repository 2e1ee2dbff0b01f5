package dev.alerting.ingest;

import static dev.alerting.ingest.IngestAsserts.id;
import static org.assertj.core.api.Assertions.assertThat;

import dev.alerting.testkit.EmbeddedKafka;
import dev.alerting.testkit.SampleProbe;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Map;

/**
 * The JSON push ITs' service: an embedded broker, metrics-ingest with small body and sample limits,
 * a client and a probe of the topic; and the JSON those ITs push and expect.
 */
final class JsonPushStack implements AutoCloseable {
  static final int BODY_LIMIT = 8192;
  static final int SAMPLE_LIMIT = 50;
  static final Duration WAIT = Duration.ofSeconds(30);

  final EmbeddedKafka kafka;
  final Vertx vertx;
  final PushClient client;
  final SampleProbe probe;
  final int partitions;
  final int port;

  private JsonPushStack() {
    kafka = EmbeddedKafka.start();
    vertx = Vertx.vertx();
    IngestConfig config =
        TestIngestConfig.of(
            kafka.bootstrapServers(),
            Map.of(
                IngestConfig.MAX_BODY_BYTES,
                String.valueOf(BODY_LIMIT),
                IngestConfig.MAX_SAMPLES,
                String.valueOf(SAMPLE_LIMIT)));
    partitions = config.kafka().partitions();
    IngestVerticle verticle = new IngestVerticle(config);
    vertx.deployVerticle(verticle).await();
    port = verticle.httpPort();
    client = new PushClient(vertx, port);
    probe = new SampleProbe(kafka.bootstrapServers());
  }

  static JsonPushStack start() {
    return new JsonPushStack();
  }

  /**
   * Pushes a marker after the rejected request and reads the topic up to it: nothing of {@code run}
   * may be there.
   */
  void assertNothingWritten(String run) {
    String marker = id();
    assertThat(client.push("[" + json("marker", marker, null, "1", null) + "]").statusCode())
        .isEqualTo(200);
    probe.await(s -> s.series().toString().contains(marker), 1, WAIT);
    assertThat(probe.drain()).noneMatch(s -> s.series().toString().contains(run));
  }

  /** The {@code errors} member of a 400 naming one sample. */
  static JsonArray errors(int index, String reason) {
    return new JsonArray().add(new JsonObject().put("index", index).put("reason", reason));
  }

  /** One sample as a push writes it, labelled with {@code run} and the optional extra labels. */
  static String json(String name, String run, String extraLabels, String value, Long timestamp) {
    String labels =
        "{\"run\":\"" + run + "\"" + (extraLabels == null ? "" : "," + extraLabels) + "}";
    return "{\"name\":\""
        + name
        + "\",\"labels\":"
        + labels
        + ",\"value\":"
        + value
        + (timestamp == null ? "" : ",\"timestamp\":" + timestamp)
        + "}";
  }

  @Override
  public void close() {
    probe.close();
    client.close();
    vertx.close().await();
    kafka.close();
  }
}
