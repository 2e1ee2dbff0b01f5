package dev.alerting.ingest;

import static dev.alerting.ingest.IngestAsserts.assertNothingWritten;
import static dev.alerting.ingest.IngestAsserts.id;
import static dev.alerting.ingest.IngestAsserts.problem;
import static dev.alerting.ingest.IngestAsserts.samples;
import static org.assertj.core.api.Assertions.assertThat;

import dev.alerting.model.Labels;
import dev.alerting.model.sample.CounterResetHint;
import dev.alerting.model.sample.FloatHistogram;
import dev.alerting.model.sample.HistogramSpan;
import dev.alerting.model.sample.Sample;
import dev.alerting.platform.codec.SampleRecords;
import dev.alerting.testkit.EmbeddedKafka;
import dev.alerting.testkit.HistogramEncoder;
import dev.alerting.testkit.RequestV2Encoder;
import dev.alerting.testkit.SampleProbe;
import dev.alerting.testkit.WriteRequestEncoder;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("native histograms by remote write 1.0 and 2.0 against a real broker")
class HistogramIngestIT {
  private static final String V1 = "application/x-protobuf";
  private static final String V2 = "application/x-protobuf;proto=io.prometheus.write.v2.Request";

  private static EmbeddedKafka kafka;
  private static Vertx vertx;
  private static WebClient client;
  private static WebClient jsonClient;
  private static PushClient metrics;
  private static SampleProbe probe;

  @BeforeAll
  static void start() {
    kafka = EmbeddedKafka.start();
    vertx = Vertx.vertx();
    IngestVerticle verticle =
        new IngestVerticle(TestIngestConfig.of(kafka.bootstrapServers(), Map.of()));
    vertx.deployVerticle(verticle).await();
    IngestVerticle json =
        new IngestVerticle(
            TestIngestConfig.of(
                kafka.bootstrapServers(), Map.of(IngestConfig.SAMPLES_ENCODING, "json")));
    vertx.deployVerticle(json).await();
    client = client(verticle.httpPort());
    jsonClient = client(json.httpPort());
    metrics = new PushClient(vertx, verticle.httpPort());
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

  private static WebClient client(int port) {
    return WebClient.create(
        vertx, new WebClientOptions().setDefaultHost("localhost").setDefaultPort(port));
  }

  private static HttpResponse<Buffer> post(WebClient to, String type, byte[] body) {
    return to.post("/api/v1/write")
        .putHeader("Content-Type", type)
        .putHeader("Content-Encoding", "snappy")
        .sendBuffer(Buffer.buffer(body))
        .await();
  }

  /** An integer histogram of schema 0 with 1 zero observation and buckets 2, 3 (count 6). */
  private static HistogramEncoder integer(long t) {
    return HistogramEncoder.integer(6, 8.5, 0)
        .zero(0.001, 1)
        .positive(new int[] {1, 2}, 2, 1)
        .resetHint(2)
        .timestamp(t);
  }

  private static FloatHistogram integerAsFloats() {
    return FloatHistogram.builder()
        .zeroThreshold(0.001)
        .zeroCount(1)
        .count(6)
        .sum(8.5)
        .positive(List.of(new HistogramSpan(1, 2)), new double[] {2, 3})
        .counterResetHint(CounterResetHint.NOT_COUNTER_RESET)
        .build();
  }

  @Test
  @DisplayName(
      "remote write 1.0: integer and float histograms are on the topic as histogram samples; counted")
  void v1() {
    String run = id();
    long now = System.currentTimeMillis();
    double before = metrics.metric("ingest_histograms_accepted_total");
    byte[] body =
        new WriteRequestEncoder()
            .series(Map.of("__name__", "up", "run", run), 1, now)
            .histogramSeries(
                Map.of("__name__", "rpc_seconds", "run", run),
                integer(now - 1000),
                HistogramEncoder.floats(2.5, Double.NaN, -53)
                    .positive(new int[] {0, 1, 1, 1}, 1, 1.5)
                    .customValues(0.1, 1)
                    .resetHint(3)
                    .timestamp(now))
            .snappy();

    HttpResponse<Buffer> r = post(client, V1, body);

    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(204);
    assertThat(r.getHeader("X-Prometheus-Remote-Write-Samples-Written"))
        .as("1.0 answers carry no 2.0 headers")
        .isNull();
    Labels series = Labels.of("__name__", "rpc_seconds", "run", run);
    FloatHistogram custom =
        FloatHistogram.builder()
            .schema(-53)
            .count(2.5)
            .sum(Double.NaN)
            .positive(
                List.of(new HistogramSpan(0, 1), new HistogramSpan(1, 1)), new double[] {1, 1.5})
            .customValues(new double[] {0.1, 1})
            .counterResetHint(CounterResetHint.GAUGE)
            .build();
    assertThat(samples(probe, run, 3))
        .containsExactlyInAnyOrder(
            new Sample(Labels.of("__name__", "up", "run", run), 1, now),
            Sample.histogram(series, integerAsFloats(), now - 1000),
            Sample.histogram(series, custom, now));
    assertThat(metrics.metric("ingest_histograms_accepted_total") - before).isEqualTo(2);
  }

  @Test
  @DisplayName(
      "remote write 1.0: an invalid histogram is 400 naming series and problem; none written")
  void v1Invalid() {
    String run = id();
    long now = System.currentTimeMillis();
    byte[] body =
        new WriteRequestEncoder()
            .histogramSeries(Map.of("__name__", "ok_seconds", "run", run), integer(now))
            .histogramSeries(
                Map.of("__name__", "bad_seconds", "run", run),
                HistogramEncoder.integer(5, 1, 0).positive(new int[] {0, 2}, 3, -4).timestamp(now))
            .snappy();

    JsonObject p = problem(post(client, V1, body), 400);

    assertThat(p.getJsonArray("errors"))
        .isEqualTo(
            new JsonArray()
                .add(
                    new JsonObject()
                        .put("series", 1)
                        .put(
                            "reason",
                            "histogram 0: positive side has a bucket with a negative count")));
    assertNothingWritten(client, probe, run);
  }

  @Test
  @DisplayName(
      "remote write 2.0: 204 with the samples, histograms and exemplars written; on the topic")
  void v2() {
    String run = id();
    long now = System.currentTimeMillis();
    byte[] body =
        new RequestV2Encoder()
            .series(Map.of("__name__", "up", "run", run), new double[] {1, now - 1000, 0, now})
            .series(Map.of("__name__", "rpc_seconds", "run", run), new double[0], integer(now))
            .snappy();

    HttpResponse<Buffer> r = post(client, V2, body);

    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(204);
    assertThat(r.getHeader("X-Prometheus-Remote-Write-Samples-Written")).isEqualTo("2");
    assertThat(r.getHeader("X-Prometheus-Remote-Write-Histograms-Written")).isEqualTo("1");
    assertThat(r.getHeader("X-Prometheus-Remote-Write-Exemplars-Written")).isEqualTo("0");
    Labels up = Labels.of("__name__", "up", "run", run);
    assertThat(samples(probe, run, 3))
        .containsExactlyInAnyOrder(
            new Sample(up, 1, now - 1000),
            new Sample(up, 0, now),
            Sample.histogram(
                Labels.of("__name__", "rpc_seconds", "run", run), integerAsFloats(), now));
  }

  @Test
  @DisplayName("remote write 2.0: a 400 says 0 written; an unknown proto is 415 naming both")
  void v2Refusals() {
    String run = id();
    long now = System.currentTimeMillis();
    byte[] body =
        new RequestV2Encoder()
            .series(Map.of("__name__", "up", "run", run), new double[] {1, now})
            .series(Map.of("__name__", "9bad", "run", run), new double[] {1, now})
            .snappy();

    HttpResponse<Buffer> bad = post(client, V2, body);
    JsonObject p = problem(bad, 400);
    assertThat(p.getJsonArray("errors").getJsonObject(0).getInteger("series")).isEqualTo(1);
    assertThat(bad.getHeader("X-Prometheus-Remote-Write-Samples-Written")).isEqualTo("0");
    assertThat(bad.getHeader("X-Prometheus-Remote-Write-Histograms-Written")).isEqualTo("0");

    HttpResponse<Buffer> unknown =
        post(client, "application/x-protobuf;proto=io.prometheus.write.v3.Request", body);
    assertThat(problem(unknown, 415).getString("detail"))
        .isEqualTo(
            "proto=io.prometheus.write.v3.Request is not supported: send"
                + " proto=prometheus.WriteRequest (remote write 1.0, also when proto is absent)"
                + " or proto=io.prometheus.write.v2.Request (remote write 2.0)");
    assertNothingWritten(client, probe, run);
  }

  @Test
  @DisplayName(
      "with the JSON sample form, a histogram still goes as a protobuf record to its series' partition")
  void jsonEncoding() {
    String run = id();
    long now = System.currentTimeMillis();
    Labels series = Labels.of("__name__", "rpc_seconds", "run", run);
    byte[] body =
        new WriteRequestEncoder()
            .series(series.asMap(), 3, now - 2000)
            .histogramSeries(series.asMap(), integer(now - 1000))
            .snappy();

    HttpResponse<Buffer> r = post(jsonClient, V1, body);

    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(204);
    assertThat(samples(probe, run, 2))
        .containsExactly(
            new Sample(series, 3, now - 2000),
            Sample.histogram(series, integerAsFloats(), now - 1000));
    List<SampleProbe.Read> reads =
        probe.records().stream()
            .filter(read -> read.samples().stream().anyMatch(s -> s.series().equals(series)))
            .toList();
    assertThat(reads).hasSize(2);
    assertThat(SampleRecords.isProtobuf(reads.get(0).record().headers())).isFalse();
    assertThat(SampleRecords.isProtobuf(reads.get(1).record().headers())).isTrue();
    assertThat(reads.get(1).record().partition()).isEqualTo(reads.get(0).record().partition());
  }
}
