package dev.alerting.ingest;

import static dev.alerting.ingest.IngestAsserts.id;
import static dev.alerting.ingest.JsonPushStack.SAMPLE_LIMIT;
import static dev.alerting.ingest.JsonPushStack.WAIT;
import static dev.alerting.ingest.JsonPushStack.json;
import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.alerting.model.Labels;
import dev.alerting.model.sample.Sample;
import dev.alerting.platform.codec.SampleCodec;
import dev.alerting.platform.codec.SampleRecords;
import dev.alerting.testkit.SampleProbe;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * JSON pushes that are written: their records, chunked and 100-continue bodies, health, metrics.
 */
@DisplayName("metrics-ingest against a real broker")
class IngestIT {
  private static JsonPushStack stack;

  @BeforeAll
  static void start() {
    stack = JsonPushStack.start();
  }

  @AfterAll
  static void stop() {
    if (stack != null) {
      stack.close();
    }
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

    HttpResponse<Buffer> r = stack.client.push(body);

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.bodyAsJsonObject()).isEqualTo(new JsonObject().put("accepted", 3));
    assertThat(stack.probe.await(s -> s.series().toString().contains(run), 3, WAIT))
        .containsExactlyInAnyOrder(a1, a2, b1);
    List<SampleProbe.Read> records =
        stack.probe.records().stream()
            .filter(rec -> rec.samples().stream().anyMatch(s -> s.series().equals(a1.series())))
            .toList();
    // one record per partition the request touched: both samples of a series in one, in order,
    // on the partition a record keyed by its fingerprint would have taken
    assertThat(records).hasSize(1);
    assertThat(records.get(0).record().partition())
        .isEqualTo(
            BuiltInPartitioner.partitionForKey(
                SampleCodec.key(a1).getBytes(StandardCharsets.UTF_8), stack.partitions));
    assertThat(SampleRecords.isProtobuf(records.get(0).record().headers())).isTrue();
    assertThat(records.get(0).samples().stream().filter(s -> s.series().equals(a1.series())))
        .containsExactly(a1, a2);
  }

  @Test
  @DisplayName("an empty array is accepted as zero samples")
  void emptyArray() {
    HttpResponse<Buffer> r = stack.client.push("[]");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.bodyAsJsonObject()).isEqualTo(new JsonObject().put("accepted", 0));
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
    HttpResponse<Buffer> r = stack.client.pushChunked("[" + String.join(",", samples) + "]", 700);
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    assertThat(r.bodyAsJsonObject()).isEqualTo(new JsonObject().put("accepted", samples.size()));
    assertThat(stack.probe.await(s -> s.series().toString().contains(run), samples.size(), WAIT))
        .hasSize(samples.size());
  }

  @Test
  @DisplayName(
      "a client sending Expect: 100-continue is told to continue, then its push is written; any"
          + " other expectation is 417")
  void expectContinue() throws IOException {
    String run = id();
    byte[] body = ("[" + json("continued", run, null, "1", null) + "]").getBytes(UTF_8);
    try (Socket socket = new Socket("localhost", stack.port)) {
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
    assertThat(stack.probe.await(s -> s.series().toString().contains(run), 1, WAIT)).hasSize(1);
    try (Socket socket = new Socket("localhost", stack.port)) {
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
  @DisplayName("readiness reports Kafka up")
  void ready() {
    HttpResponse<Buffer> r = stack.client.get("/health/ready");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.bodyAsJsonObject().getJsonObject("checks").getString("kafka")).isEqualTo("UP");
  }

  @Test
  @DisplayName("/metrics counts accepted and rejected samples and requests by outcome")
  void metrics() {
    double accepted = stack.client.metric("ingest_samples_accepted_total");
    double badName = stack.client.metric("ingest_samples_rejected_total", "reason", "metric_name");
    double batch = stack.client.metric("ingest_samples_rejected_total", "reason", "batch");
    double okRequests = stack.client.metric("ingest_requests_total", "outcome", "accepted");
    double invalidRequests = stack.client.metric("ingest_requests_total", "outcome", "invalid");
    double timed =
        stack.client.metric("ingest_request_duration_seconds_count", "outcome", "accepted");
    String run = id();

    assertThat(
            stack
                .client
                .push(
                    "["
                        + json("up", run, null, "1", null)
                        + ","
                        + json("up", run, null, "2", null)
                        + "]")
                .statusCode())
        .isEqualTo(200);
    assertThat(
            stack
                .client
                .push(
                    "["
                        + json("9x", run, null, "1", null)
                        + ","
                        + json("up", run, null, "2", null)
                        + "]")
                .statusCode())
        .isEqualTo(400);

    assertThat(stack.client.metric("ingest_samples_accepted_total") - accepted).isEqualTo(2);
    assertThat(
            stack.client.metric("ingest_samples_rejected_total", "reason", "metric_name") - badName)
        .isEqualTo(1);
    assertThat(stack.client.metric("ingest_samples_rejected_total", "reason", "batch") - batch)
        .isEqualTo(1);
    assertThat(stack.client.metric("ingest_requests_total", "outcome", "accepted") - okRequests)
        .isEqualTo(1);
    assertThat(stack.client.metric("ingest_requests_total", "outcome", "invalid") - invalidRequests)
        .isEqualTo(1);
    assertThat(
            stack.client.metric("ingest_request_duration_seconds_count", "outcome", "accepted")
                - timed)
        .isEqualTo(1);
  }
}
