package dev.alerting.ingest;

import static dev.alerting.ingest.IngestAsserts.id;
import static dev.alerting.ingest.IngestAsserts.problem;
import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.alerting.model.Labels;
import dev.alerting.model.sample.Sample;
import dev.alerting.platform.codec.SampleCodec;
import dev.alerting.platform.codec.SampleRecords;
import dev.alerting.testkit.EmbeddedKafka;
import dev.alerting.testkit.SampleProbe;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("metrics-ingest against a real broker")
class IngestIT {
  private static final int BODY_LIMIT = 8192;
  private static final int SAMPLE_LIMIT = 50;
  private static final Duration WAIT = Duration.ofSeconds(30);

  private static EmbeddedKafka kafka;
  private static Vertx vertx;
  private static PushClient client;
  private static SampleProbe probe;
  private static int partitions;
  private static int port;

  @BeforeAll
  static void start() {
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

  @AfterAll
  static void stop() {
    if (probe != null) {
      probe.close();
    }
    if (client != null) {
      client.close();
    }
    vertx.close().await();
    kafka.close();
  }

  @Test
  @DisplayName(
      "a valid push is answered 200 and its records are on the topic, keyed by series, in order")
  void validPush() {
    String run = id();
    long now = System.currentTimeMillis();
    Sample a1 =
        Sample.of("http_requests_total", Labels.of("run", run, "path", "/a"), 1, now - 2000);
    Sample a2 =
        Sample.of("http_requests_total", Labels.of("run", run, "path", "/a"), 2, now - 1000);
    Sample b1 =
        Sample.of("http_requests_total", Labels.of("run", run, "path", "/b"), 7.5, now - 1500);
    String body =
        "["
            + json("http_requests_total", run, "\"path\":\"/a\"", "1", now - 2000)
            + ","
            + json("http_requests_total", run, "\"path\":\"/b\"", "7.5", now - 1500)
            + ","
            + json("http_requests_total", run, "\"path\":\"/a\"", "2", now - 1000)
            + "]";

    HttpResponse<Buffer> r = client.push(body);

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.bodyAsJsonObject()).isEqualTo(new JsonObject().put("accepted", 3));
    assertThat(probe.await(s -> s.series().toString().contains(run), 3, WAIT))
        .containsExactlyInAnyOrder(a1, a2, b1);
    List<SampleProbe.Read> records =
        probe.records().stream()
            .filter(rec -> rec.samples().stream().anyMatch(s -> s.series().equals(a1.series())))
            .toList();
    // one record per partition the request touched: both samples of a series in one, in order,
    // on the partition a record keyed by its fingerprint would have taken
    assertThat(records).hasSize(1);
    assertThat(records.get(0).record().partition())
        .isEqualTo(
            BuiltInPartitioner.partitionForKey(
                SampleCodec.key(a1).getBytes(StandardCharsets.UTF_8), partitions));
    assertThat(SampleRecords.isProtobuf(records.get(0).record().headers())).isTrue();
    assertThat(records.get(0).samples().stream().filter(s -> s.series().equals(a1.series())))
        .containsExactly(a1, a2);
  }

  @Test
  @DisplayName("an empty array is accepted as zero samples")
  void emptyArray() {
    HttpResponse<Buffer> r = client.push("[]");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.bodyAsJsonObject()).isEqualTo(new JsonObject().put("accepted", 0));
  }

  @Test
  @DisplayName("malformed JSON is answered 400 with the parser's position and nothing is written")
  void malformedJson() {
    String run = id();
    HttpResponse<Buffer> r =
        client.push("[" + json("up", run, null, "1", null) + ",\n {\"name\": oops}]");
    JsonObject problem = problem(r, 400);
    assertThat(problem.getString("detail"))
        .startsWith("malformed JSON: Unrecognized token 'oops'")
        // Jackson 2.23 names the start of the bad token (2.18 named its end, column 16)
        .endsWith("at line 2, column 11");
    assertNothingWritten(run);
  }

  @Test
  @DisplayName(
      "a bad metric name is answered 400 naming the sample and nothing of the request is written")
  void badMetricName() {
    String run = id();
    HttpResponse<Buffer> r =
        client.push(
            "[" + json("up", run, null, "1", null) + "," + json("9x", run, null, "1", null) + "]");
    assertThat(problem(r, 400).getJsonArray("errors"))
        .isEqualTo(errors(1, "metric name \"9x\" must match [a-zA-Z_:][a-zA-Z0-9_:]*"));
    assertNothingWritten(run);
  }

  @Test
  @DisplayName("a reserved label name is answered 400 naming the sample and nothing is written")
  void badLabelName() {
    String run = id();
    HttpResponse<Buffer> r =
        client.push(
            "["
                + json("up", run, "\"__meta\":\"x\"", "1", null)
                + ","
                + json("up", run, null, "1", null)
                + "]");
    assertThat(problem(r, 400).getJsonArray("errors"))
        .isEqualTo(errors(0, "label name \"__meta\" is reserved (starts with __)"));
    assertNothingWritten(run);
  }

  @Test
  @DisplayName(
      "NaN as a string and a non-finite number are each answered 400 and nothing is written")
  void nonFiniteValues() {
    String run = id();
    HttpResponse<Buffer> r =
        client.push(
            "["
                + json("up", run, null, "\"NaN\"", null)
                + ","
                + json("up", run, null, "1", null)
                + ","
                + json("up", run, null, "1e400", null)
                + "]");
    JsonArray expected = errors(0, "value must be a finite number, got string \"NaN\"");
    expected.addAll(errors(2, "value must be a finite number, got Infinity"));
    assertThat(problem(r, 400).getJsonArray("errors")).isEqualTo(expected);
    assertNothingWritten(run);
  }

  @Test
  @DisplayName(
      "a body over INGEST_MAX_BODY_BYTES is answered 413 naming the limit and nothing is written")
  void oversizeBody() {
    String run = id();
    List<String> samples = new ArrayList<>();
    while (String.join(",", samples).length() <= BODY_LIMIT) {
      samples.add(json("up", run, null, "1", null));
    }
    HttpResponse<Buffer> r = client.push("[" + String.join(",", samples) + "]");
    assertThat(problem(r, 413).getString("detail"))
        .isEqualTo(
            "the body exceeds the limit of " + BODY_LIMIT + " bytes (INGEST_MAX_BODY_BYTES)");
    assertNothingWritten(run);
  }

  @Test
  @DisplayName(
      "a chunked body (no Content-Length) arriving in many pieces is read whole and written")
  void chunkedBody() {
    String run = id();
    List<String> samples = new ArrayList<>();
    while (String.join(",", samples).length() <= 5000) {
      String n = samples.size() + "-" + "x".repeat(40);
      samples.add(json("chunked", run, "\"n\":\"" + n + "\"", "1", null));
    }
    assertThat(samples).hasSizeLessThanOrEqualTo(SAMPLE_LIMIT);
    HttpResponse<Buffer> r = client.pushChunked("[" + String.join(",", samples) + "]", 700);
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    assertThat(r.bodyAsJsonObject()).isEqualTo(new JsonObject().put("accepted", samples.size()));
    assertThat(probe.await(s -> s.series().toString().contains(run), samples.size(), WAIT))
        .hasSize(samples.size());
  }

  @Test
  @DisplayName(
      "a client sending Expect: 100-continue is told to continue, then its push is written; any"
          + " other expectation is 417")
  void expectContinue() throws IOException {
    String run = id();
    byte[] body = ("[" + json("continued", run, null, "1", null) + "]").getBytes(UTF_8);
    try (Socket socket = new Socket("localhost", port)) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      BufferedReader in =
          new BufferedReader(new InputStreamReader(socket.getInputStream(), US_ASCII));
      out.write(headers(body.length, "100-continue"));
      out.flush();
      assertThat(in.readLine()).isEqualTo("HTTP/1.1 100 Continue");
      assertThat(in.readLine()).isEmpty();
      out.write(body);
      out.flush();
      assertThat(in.readLine()).isEqualTo("HTTP/1.1 200 OK");
    }
    assertThat(probe.await(s -> s.series().toString().contains(run), 1, WAIT)).hasSize(1);
    try (Socket socket = new Socket("localhost", port)) {
      socket.setSoTimeout(10_000);
      socket.getOutputStream().write(headers(body.length, "something-else"));
      socket.getOutputStream().flush();
      BufferedReader in =
          new BufferedReader(new InputStreamReader(socket.getInputStream(), US_ASCII));
      assertThat(in.readLine()).startsWith("HTTP/1.1 417");
    }
  }

  private static byte[] headers(int contentLength, String expect) {
    return ("POST /api/v1/samples HTTP/1.1\r\nHost: localhost\r\n"
            + "Content-Type: application/json\r\nContent-Length: "
            + contentLength
            + "\r\nExpect: "
            + expect
            + "\r\n\r\n")
        .getBytes(US_ASCII);
  }

  @Test
  @DisplayName(
      "a chunked body that grows past INGEST_MAX_BODY_BYTES is answered 413 naming the limit and"
          + " nothing is written")
  void oversizeChunkedBody() {
    String run = id();
    List<String> samples = new ArrayList<>();
    while (String.join(",", samples).length() <= BODY_LIMIT) {
      samples.add(json("up", run, null, "1", null));
    }
    HttpResponse<Buffer> r = client.pushChunked("[" + String.join(",", samples) + "]", 1000);
    assertThat(problem(r, 413).getString("detail"))
        .isEqualTo(
            "the body exceeds the limit of " + BODY_LIMIT + " bytes (INGEST_MAX_BODY_BYTES)");
    assertNothingWritten(run);
  }

  @Test
  @DisplayName(
      "more samples than INGEST_MAX_SAMPLES_PER_REQUEST is answered 400 naming the limit and nothing is written")
  void tooManySamples() {
    String run = id();
    String body =
        "["
            + String.join(
                ",", Collections.nCopies(SAMPLE_LIMIT + 1, json("up", run, null, "1", null)))
            + "]";
    HttpResponse<Buffer> r = client.push(body);
    assertThat(problem(r, 400).getString("detail"))
        .startsWith(
            "the request holds more than "
                + SAMPLE_LIMIT
                + " samples, the limit (INGEST_MAX_SAMPLES_PER_REQUEST)");
    assertNothingWritten(run);
  }

  @Test
  @DisplayName("a body that is not application/json is answered 415 and nothing is written")
  void wrongContentType() {
    String run = id();
    HttpResponse<Buffer> r =
        client.push("text/plain", "[" + json("up", run, null, "1", null) + "]");
    assertThat(problem(r, 415).getString("detail"))
        .isEqualTo("Content-Type must be application/json, got text/plain");
    assertNothingWritten(run);
  }

  @Test
  @DisplayName("readiness reports Kafka up")
  void ready() {
    HttpResponse<Buffer> r = client.get("/health/ready");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.bodyAsJsonObject().getJsonObject("checks").getString("kafka")).isEqualTo("UP");
  }

  @Test
  @DisplayName("/metrics counts accepted and rejected samples and requests by outcome")
  void metrics() {
    double accepted = client.metric("ingest_samples_accepted_total");
    double badName = client.metric("ingest_samples_rejected_total", "reason", "metric_name");
    double batch = client.metric("ingest_samples_rejected_total", "reason", "batch");
    double okRequests = client.metric("ingest_requests_total", "outcome", "accepted");
    double invalidRequests = client.metric("ingest_requests_total", "outcome", "invalid");
    double timed = client.metric("ingest_request_duration_seconds_count", "outcome", "accepted");
    String run = id();

    assertThat(
            client
                .push(
                    "["
                        + json("up", run, null, "1", null)
                        + ","
                        + json("up", run, null, "2", null)
                        + "]")
                .statusCode())
        .isEqualTo(200);
    assertThat(
            client
                .push(
                    "["
                        + json("9x", run, null, "1", null)
                        + ","
                        + json("up", run, null, "2", null)
                        + "]")
                .statusCode())
        .isEqualTo(400);

    assertThat(client.metric("ingest_samples_accepted_total") - accepted).isEqualTo(2);
    assertThat(client.metric("ingest_samples_rejected_total", "reason", "metric_name") - badName)
        .isEqualTo(1);
    assertThat(client.metric("ingest_samples_rejected_total", "reason", "batch") - batch)
        .isEqualTo(1);
    assertThat(client.metric("ingest_requests_total", "outcome", "accepted") - okRequests)
        .isEqualTo(1);
    assertThat(client.metric("ingest_requests_total", "outcome", "invalid") - invalidRequests)
        .isEqualTo(1);
    assertThat(
            client.metric("ingest_request_duration_seconds_count", "outcome", "accepted") - timed)
        .isEqualTo(1);
  }

  /**
   * Pushes a marker after the rejected request and reads the topic up to it: nothing of {@code run}
   * may be there.
   */
  private static void assertNothingWritten(String run) {
    String marker = id();
    assertThat(client.push("[" + json("marker", marker, null, "1", null) + "]").statusCode())
        .isEqualTo(200);
    probe.await(s -> s.series().toString().contains(marker), 1, WAIT);
    assertThat(probe.drain()).noneMatch(s -> s.series().toString().contains(run));
  }

  private static JsonArray errors(int index, String reason) {
    return new JsonArray().add(new JsonObject().put("index", index).put("reason", reason));
  }

  private static String json(
      String name, String run, String extraLabels, String value, Long timestamp) {
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
}
