package dev.alerting.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alerting.model.Labels;
import dev.alerting.platform.codec.AlertCodec;
import dev.alerting.platform.codec.SampleRecords;
import dev.alerting.platform.config.Settings;
import dev.alerting.platform.kafka.Topics;
import dev.alerting.testkit.HistogramEncoder;
import dev.alerting.testkit.RequestV2Encoder;
import dev.alerting.testkit.SampleProbe;
import dev.alerting.testkit.TopicProbe;
import dev.alerting.testkit.WriteRequestEncoder;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each push format end to end on one stack: a sample crossing a threshold, sent the way that
 * format's senders send it, is parsed, written to {@code metrics.samples} (in the default protobuf
 * form), and fires its rule on {@code alerts} with the labels the format defines.
 */
@DisplayName("every push format, end to end: parsed, on metrics.samples, and a rule fires")
class FormatsPipelineIT {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @TempDir static Path dir;
  private static WebhookSink hook;
  private static AlertingStack stack;
  private static TopicProbe alerts;
  private static SampleProbe samples;

  @BeforeAll
  static void start() throws Exception {
    hook = new WebhookSink();
    Path rules = dir.resolve("format-rules.yml");
    StringBuilder yaml = new StringBuilder("groups:\n  - name: formats\n    rules:\n");
    for (String metric :
        new String[] {
          "fmt_json",
          "fmt_remote_write",
          "fmt_text",
          "fmt_pushgateway",
          "fmt_influx",
          "fmt_influx_depth",
          "fmt_gzip",
          "fmt_rw_histogram",
          "fmt_rw2_histogram"
        }) {
      // native histograms are compared by their observation count
      String value = metric.endsWith("_histogram") ? "histogram_count(" + metric + ")" : metric;
      yaml.append("      - alert: Alert_")
          .append(metric)
          .append("\n        expr: ")
          .append(value)
          .append(" > 100\n");
    }
    Files.writeString(rules, yaml);
    Settings settings =
        StackFixture.settings(dir, hook.url(), Map.of("RULES_FILE", rules.toString()));
    stack = AlertingStack.start(settings, 0);
    alerts = new TopicProbe(stack.bootstrapServers(), Topics.ALERTS);
    samples = new SampleProbe(stack.bootstrapServers());
  }

  @AfterAll
  static void stop() throws Exception {
    alerts.close();
    samples.close();
    stack.close();
    hook.close();
  }

  /** One request as its sender makes it. */
  record Push(String method, String path, Map<String, String> headers, byte[] body) {
    static Push post(String path, String contentType, String body) {
      return new Push(
          "POST", path, Map.of("Content-Type", contentType), body.getBytes(StandardCharsets.UTF_8));
    }
  }

  static Stream<Arguments> formats() {
    long now = System.currentTimeMillis();
    return Stream.of(
        Arguments.of(
            "JSON",
            Push.post(
                "/api/v1/samples",
                "application/json",
                "[{\"name\":\"fmt_json\",\"labels\":{\"src\":\"json\"},\"value\":500}]"),
            200,
            "fmt_json",
            Map.of("src", "json")),
        Arguments.of(
            "remote_write 1.0 (protobuf, snappy)",
            new Push(
                "POST",
                "/api/v1/write",
                Map.of(
                    "Content-Type", "application/x-protobuf",
                    "Content-Encoding", "snappy",
                    "X-Prometheus-Remote-Write-Version", "0.1.0"),
                new WriteRequestEncoder()
                    .series(Map.of("__name__", "fmt_remote_write", "src", "rw"), 500, now)
                    .snappy()),
            204,
            "fmt_remote_write",
            Map.of("src", "rw")),
        Arguments.of(
            "remote_write 1.0 native histogram (histogram_count over 100)",
            new Push(
                "POST",
                "/api/v1/write",
                Map.of(
                    "Content-Type", "application/x-protobuf",
                    "Content-Encoding", "snappy",
                    "X-Prometheus-Remote-Write-Version", "0.1.0"),
                new WriteRequestEncoder()
                    .histogramSeries(
                        Map.of("__name__", "fmt_rw_histogram", "src", "rwh"), histogram500(now))
                    .snappy()),
            204,
            "fmt_rw_histogram",
            Map.of("src", "rwh")),
        Arguments.of(
            "remote_write 2.0 native histogram (histogram_count over 100)",
            new Push(
                "POST",
                "/api/v1/write",
                Map.of(
                    "Content-Type", "application/x-protobuf;proto=io.prometheus.write.v2.Request",
                    "Content-Encoding", "snappy",
                    "X-Prometheus-Remote-Write-Version", "2.0.0"),
                new RequestV2Encoder()
                    .series(
                        Map.of("__name__", "fmt_rw2_histogram", "src", "rw2h"),
                        new double[0],
                        histogram500(now))
                    .snappy()),
            204,
            "fmt_rw2_histogram",
            Map.of("src", "rw2h")),
        Arguments.of(
            "text exposition with an extra label",
            Push.post(
                "/api/v1/import/prometheus?extra_label=env=prod",
                "text/plain",
                "# TYPE fmt_text gauge\nfmt_text{kind=\"a\"} 500\n"),
            204,
            "fmt_text",
            Map.of("kind", "a", "env", "prod")),
        Arguments.of(
            "Pushgateway grouping key",
            new Push(
                "PUT",
                "/metrics/job/nightly/instance/batch-1",
                Map.of("Content-Type", "text/plain"),
                "fmt_pushgateway 500\n".getBytes(StandardCharsets.UTF_8)),
            200,
            "fmt_pushgateway",
            Map.of("job", "nightly", "instance", "batch-1")),
        Arguments.of(
            "Influx line protocol, field value",
            Push.post(
                "/api/v2/write?precision=ms",
                "text/plain",
                "fmt_influx,host=h1 value=500,depth=500 " + now + "\n"),
            204,
            "fmt_influx",
            Map.of("host", "h1")),
        Arguments.of(
            "Influx line protocol, another field becomes measurement_field",
            Push.post(
                "/write?precision=ms", "text/plain", "fmt_influx,host=h2 depth=500 " + now + "\n"),
            204,
            "fmt_influx_depth",
            Map.of("host", "h2")),
        Arguments.of(
            "gzip-encoded text",
            new Push(
                "POST",
                "/api/v1/import/prometheus",
                Map.of("Content-Type", "text/plain", "Content-Encoding", "gzip"),
                gzip("fmt_gzip{z=\"1\"} 500\n")),
            204,
            "fmt_gzip",
            Map.of("z", "1")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("formats")
  void crossingFiresItsRule(
      String format, Push push, int status, String metric, Map<String, String> labels)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(stack.url(Service.INGEST) + push.path()))
            .method(push.method(), HttpRequest.BodyPublishers.ofByteArray(push.body()));
    push.headers().forEach(request::header);

    HttpResponse<String> answer = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());

    assertThat(answer.statusCode()).as("%s answered %s", format, answer.body()).isEqualTo(status);
    Map<String, String> expected = new java.util.TreeMap<>(labels);
    expected.put("alertname", "Alert_" + metric);
    Labels alertLabels = Labels.of(expected);
    var fired =
        alerts.await(rec -> AlertCodec.decode(rec.value()).labels().equals(alertLabels), 1, WAIT);
    assertThat(AlertCodec.decode(fired.get(0).value()).isFiring()).isTrue();
    // the sample went through metrics.samples in the default form: a remote-write WriteRequest
    samples.await(s -> s.name().equals(metric), 1, WAIT);
    assertThat(samples.records())
        .filteredOn(r -> r.samples().stream().anyMatch(s -> s.name().equals(metric)))
        .allSatisfy(r -> assertThat(SampleRecords.isProtobuf(r.record().headers())).isTrue())
        .isNotEmpty();
  }

  /** An integer histogram of 500 observations: 20 at zero, 480 in bucket 1 of schema 0. */
  private static HistogramEncoder histogram500(long now) {
    return HistogramEncoder.integer(500, 900, 0)
        .zero(0.001, 20)
        .positive(new int[] {1, 1}, 480)
        .timestamp(now);
  }

  private static byte[] gzip(String body) {
    ByteArrayOutputStream zipped = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(zipped)) {
      gz.write(body.getBytes(StandardCharsets.UTF_8));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return zipped.toByteArray();
  }
}
