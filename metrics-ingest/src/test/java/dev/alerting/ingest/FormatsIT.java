package dev.alerting.ingest;

import static dev.alerting.ingest.IngestAsserts.assertNothingWritten;
import static dev.alerting.ingest.IngestAsserts.id;
import static dev.alerting.ingest.IngestAsserts.problem;
import static dev.alerting.ingest.IngestAsserts.samples;
import static org.assertj.core.api.Assertions.assertThat;

import dev.alerting.model.Labels;
import dev.alerting.model.sample.Sample;
import dev.alerting.testkit.EmbeddedKafka;
import dev.alerting.testkit.SampleProbe;
import dev.alerting.testkit.WriteRequestEncoder;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("remote_write, text, Pushgateway and Influx pushes against a real broker")
class FormatsIT {
  private static final int BODY_LIMIT = 64 * 1024;

  private static EmbeddedKafka kafka;
  private static Vertx vertx;
  private static WebClient client;
  private static SampleProbe probe;

  @BeforeAll
  static void start() {
    kafka = EmbeddedKafka.start();
    vertx = Vertx.vertx();
    IngestVerticle verticle =
        new IngestVerticle(
            TestIngestConfig.of(
                kafka.bootstrapServers(),
                Map.of(IngestConfig.MAX_BODY_BYTES, String.valueOf(BODY_LIMIT))));
    vertx.deployVerticle(verticle).await();
    client =
        WebClient.create(
            vertx,
            new WebClientOptions().setDefaultHost("localhost").setDefaultPort(verticle.httpPort()));
    probe = new SampleProbe(kafka.bootstrapServers());
  }

  @AfterAll
  static void stop() {
    if (probe != null) {
      probe.close();
    }
    vertx.close().await();
    kafka.close();
  }

  @Test
  @DisplayName(
      "remote_write: 204, and every sample is on the topic with its labels, value and timestamp, stale marker included")
  void remoteWrite() {
    String run = id();
    long now = System.currentTimeMillis();
    double stale = Double.longBitsToDouble(Sample.STALE_NAN_BITS);
    byte[] body =
        new WriteRequestEncoder()
            .series(
                labels("__name__", "up", "job", "node", "run", run), 1, now - 2000, 0, now - 1000)
            .series(labels("__name__", "node_load1", "run", run), 0.25, now - 1500, stale, now)
            .snappy();

    HttpResponse<Buffer> r = remoteWrite(body).sendBuffer(Buffer.buffer(body)).await();

    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(204);
    List<Sample> samples = samples(probe, run, 4);
    assertThat(samples)
        .contains(
            Sample.of("up", Labels.of("job", "node", "run", run), 1, now - 2000),
            Sample.of("up", Labels.of("job", "node", "run", run), 0, now - 1000),
            Sample.of("node_load1", Labels.of("run", run), 0.25, now - 1500));
    assertThat(samples)
        .filteredOn(Sample::isStaleMarker)
        .singleElement()
        .satisfies(s -> assertThat(s.timestampMillis()).isEqualTo(now));
  }

  @Test
  @DisplayName(
      "remote_write: bad data is 400 naming the series, a missing snappy header 415; nothing is written")
  void remoteWriteErrors() {
    String run = id();
    long now = System.currentTimeMillis();
    byte[] body =
        new WriteRequestEncoder()
            .series(labels("__name__", "up", "run", run), 1, now)
            .series(labels("__name__", "9bad", "run", run), 1, now)
            .snappy();
    JsonObject p = problem(remoteWrite(body).sendBuffer(Buffer.buffer(body)).await(), 400);
    assertThat(p.getJsonArray("errors"))
        .isEqualTo(
            new JsonArray()
                .add(
                    new JsonObject()
                        .put("series", 1)
                        .put(
                            "reason", "metric name \"9bad\" must match [a-zA-Z_:][a-zA-Z0-9_:]*")));

    HttpResponse<Buffer> noSnappy =
        client
            .post(RemoteWritePaths.WRITE)
            .putHeader("Content-Type", "application/x-protobuf")
            .sendBuffer(Buffer.buffer(body))
            .await();
    assertThat(problem(noSnappy, 415).getString("detail"))
        .isEqualTo(
            "remote_write bodies must be snappy-compressed protobuf with Content-Encoding: snappy, got none");

    HttpResponse<Buffer> corrupt =
        remoteWrite(body).sendBuffer(Buffer.buffer(new byte[] {5, 0, 1})).await();
    assertThat(problem(corrupt, 400).getString("detail")).startsWith("snappy: ");
    assertNothingWritten(client, probe, run);
  }

  @Test
  @DisplayName(
      "text format: gzip body, extra_label overrides, histogram series and special values arrive as sent")
  void textImport() throws IOException {
    String run = id();
    long now = System.currentTimeMillis();
    String text =
        """
        # HELP req Requests.
        # TYPE req histogram
        req_bucket{le="0.1",run="%s",job="body"} 3 %d
        req_bucket{le="+Inf",run="%s",job="body"} 5 %d
        req_count{run="%s",job="body"} 5 %d
        temp{run="%s",room="a \\"b\\""} -Inf %d
        """
            .formatted(run, now, run, now, run, now, run, now);

    HttpResponse<Buffer> r =
        client
            .post("/api/v1/import/prometheus")
            .addQueryParam("extra_label", "job=import")
            .addQueryParam("extra_label", "dc=eu")
            .putHeader("Content-Encoding", "gzip")
            .sendBuffer(Buffer.buffer(gzip(text.getBytes(StandardCharsets.UTF_8))))
            .await();

    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(204);
    assertThat(samples(probe, run, 4))
        .containsExactlyInAnyOrder(
            Sample.of(
                "req_bucket",
                Labels.of("le", "0.1", "run", run, "job", "import", "dc", "eu"),
                3,
                now),
            Sample.of(
                "req_bucket",
                Labels.of("le", "+Inf", "run", run, "job", "import", "dc", "eu"),
                5,
                now),
            Sample.of("req_count", Labels.of("run", run, "job", "import", "dc", "eu"), 5, now),
            Sample.of(
                "temp",
                Labels.of("run", run, "room", "a \"b\"", "dc", "eu", "job", "import"),
                Double.NEGATIVE_INFINITY,
                now));
  }

  @Test
  @DisplayName(
      "text format: each bad line is named with its number and reason, and nothing is written")
  void textErrors() {
    String run = id();
    HttpResponse<Buffer> r =
        client
            .post("/api/v1/import/prometheus")
            .sendBuffer(
                Buffer.buffer("ok{run=\"" + run + "\"} 1\nbad{run=\"" + run + "\" 1\nworse 1x\n"))
            .await();
    assertThat(problem(r, 400).getJsonArray("errors"))
        .isEqualTo(
            new JsonArray()
                .add(
                    new JsonObject()
                        .put("line", 2)
                        .put(
                            "reason",
                            "expected ',' or '}' after the value of label run at column "
                                + (12 + run.length())))
                .add(
                    new JsonObject()
                        .put("line", 3)
                        .put("reason", "value \"1x\" is not a number at column 7")));
    assertNothingWritten(client, probe, run);
  }

  @Test
  @DisplayName("a gzip body that inflates past INGEST_MAX_BODY_BYTES is 413 naming the limit")
  void gzipBomb() throws IOException {
    byte[] zeros = new byte[BODY_LIMIT * 20];
    byte[] bomb = gzip(zeros);
    assertThat(bomb.length).isLessThan(BODY_LIMIT);
    HttpResponse<Buffer> r =
        client
            .post("/api/v1/import/prometheus")
            .putHeader("Content-Encoding", "gzip")
            .sendBuffer(Buffer.buffer(bomb))
            .await();
    assertThat(problem(r, 413).getString("detail"))
        .isEqualTo(
            "the decompressed body exceeds the limit of "
                + BODY_LIMIT
                + " bytes (INGEST_MAX_BODY_BYTES)");
  }

  @Test
  @DisplayName(
      "Pushgateway: PUT with base64 grouping labels answers 200 and the grouping labels win")
  void pushgateway() {
    String run = id();
    long now = System.currentTimeMillis();
    HttpResponse<Buffer> r =
        client
            .put("/metrics/job/backup/path@base64/L3Zhci9kYg/run/" + run)
            .putHeader("Content-Type", "text/plain; version=0.0.4")
            .sendBuffer(
                Buffer.buffer(
                    "# TYPE last_success gauge\nlast_success{job=\"other\",path=\"x\"} 1.7e9 "
                        + now
                        + "\n"))
            .await();
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    assertThat(samples(probe, run, 1))
        .containsExactly(
            Sample.of(
                "last_success",
                Labels.of("job", "backup", "path", "/var/db", "run", run),
                1.7e9,
                now));

    HttpResponse<Buffer> delete = client.delete("/metrics/job/backup/run/" + run).send().await();
    assertThat(problem(delete, 501).getString("detail")).contains("is deferred");
    HttpResponse<Buffer> odd =
        client.post("/metrics/job/backup/instance").sendBuffer(Buffer.buffer("x 1\n")).await();
    assertThat(problem(odd, 400).getString("detail")).contains("odd number of segments");
  }

  @Test
  @DisplayName(
      "Influx v1 and v2: 204, fields become metrics at the given precision, strings are skipped")
  void influx() {
    String run = id();
    long nowSeconds = System.currentTimeMillis() / 1000;
    HttpResponse<Buffer> v1 =
        client
            .post("/write")
            .addQueryParam("db", "x")
            .addQueryParam("precision", "s")
            .sendBuffer(
                Buffer.buffer(
                    "cpu,run="
                        + run
                        + ",host=a value=0.5,idle=90i,msg=\"hi\" "
                        + nowSeconds
                        + "\n"))
            .await();
    HttpResponse<Buffer> v2 =
        client
            .post("/api/v2/write")
            .addQueryParam("bucket", "b")
            .addQueryParam("precision", "ms")
            .sendBuffer(
                Buffer.buffer("mem,run=" + run + " used=7u,ok=true " + nowSeconds * 1000 + "\n"))
            .await();

    assertThat(v1.statusCode()).as(v1.bodyAsString()).isEqualTo(204);
    assertThat(v2.statusCode()).as(v2.bodyAsString()).isEqualTo(204);
    long ts = nowSeconds * 1000;
    assertThat(samples(probe, run, 4))
        .containsExactlyInAnyOrder(
            Sample.of("cpu", Labels.of("run", run, "host", "a"), 0.5, ts),
            Sample.of("cpu_idle", Labels.of("run", run, "host", "a"), 90, ts),
            Sample.of("mem_used", Labels.of("run", run), 7, ts),
            Sample.of("mem_ok", Labels.of("run", run), 1, ts));

    HttpResponse<Buffer> bad =
        client
            .post("/api/v2/write")
            .addQueryParam("precision", "h")
            .sendBuffer(Buffer.buffer("m value=1\n"))
            .await();
    assertThat(problem(bad, 400).getString("detail"))
        .isEqualTo("precision \"h\" is not one of ns, us, ms, s (v1: n, u, ms, s)");
  }

  private static HttpRequest<Buffer> remoteWrite(byte[] ignored) {
    return client
        .request(HttpMethod.POST, RemoteWritePaths.WRITE)
        .putHeader("Content-Type", "application/x-protobuf")
        .putHeader("Content-Encoding", "snappy")
        .putHeader("X-Prometheus-Remote-Write-Version", "0.1.0");
  }

  /** The request paths of remote_write, as senders configure them. */
  private static final class RemoteWritePaths {
    static final String WRITE = "/api/v1/write";
  }

  private static Map<String, String> labels(String... kv) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return m;
  }

  static byte[] gzip(byte[] raw) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(raw);
    }
    return out.toByteArray();
  }
}
