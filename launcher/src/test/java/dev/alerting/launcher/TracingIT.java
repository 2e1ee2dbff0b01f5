package dev.alerting.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.alerting.platform.kafka.Topics;
import dev.alerting.platform.trace.TraceHeaders;
import dev.alerting.platform.trace.Tracing;
import dev.alerting.testkit.Eventually;
import dev.alerting.testkit.TopicProbe;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("One ingest request is one trace across the four services")
class TracingIT {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final AttributeKey<String> SERVICE = AttributeKey.stringKey("service.name");

  private final InMemorySpanExporter exported = InMemorySpanExporter.create();
  private final StackClient client = new StackClient();

  @AfterEach
  void backToEnvironment() {
    Tracing.install(null);
  }

  @Test
  // bounds the stack's start too: ~10 s on a quiet machine, over 60 s at load 40 on 2 cores
  @Timeout(180)
  @DisplayName(
      "a pushed threshold crossing gives one trace: ingest, Kafka, rule evaluation, routing,"
          + " notification, delivery and the opened incident")
  void oneTrace(@TempDir Path dir) throws Exception {
    // each service its own in-memory SDK (own service.name), one exporter for all
    Tracing.install(
        service ->
            OpenTelemetrySdk.builder()
                .setTracerProvider(
                    SdkTracerProvider.builder()
                        .setResource(Resource.create(Attributes.of(SERVICE, service)))
                        .addSpanProcessor(SimpleSpanProcessor.create(exported))
                        .build())
                .build());
    try (WebhookSink hook = new WebhookSink();
        AlertingStack stack =
            AlertingStack.start(StackFixture.settings(dir, hook.url(), Map.of()), 0);
        TopicProbe alerts = new TopicProbe(stack.bootstrapServers(), Topics.ALERTS)) {
      assertThat(
              client
                  .pushSample(
                      stack.url(Service.INGEST),
                      "e2e_queue_depth",
                      "{\"service\":\"checkout\"}",
                      250)
                  .status())
          .isEqualTo(200);

      SpanData request =
          Eventually.await(
              WAIT,
              "the ingest request's span",
              () ->
                  exported.getFinishedSpanItems().stream()
                      .filter(s -> s.getKind() == SpanKind.SERVER)
                      .findFirst()
                      .orElse(null));
      String traceId = request.getTraceId();
      assertThat(request.getName()).isEqualTo("POST /api/v1/samples");
      assertThat(request.getParentSpanContext().isValid())
          .as("the request starts the trace")
          .isFalse();

      // the alert event on Kafka carries the trace
      ConsumerRecord<String, String> firing =
          alerts.await(r -> r.value().contains("\"firing\""), 1, WAIT).get(0);
      assertThat(TraceHeaders.extract(firing.headers()).getTraceId()).isEqualTo(traceId);

      // every stage has ended its span in that trace
      List<SpanData> trace =
          Eventually.await(
              WAIT,
              "spans of ingest, rule engine, notifier and incident service in one trace",
              () -> {
                List<SpanData> spans = spansOf(traceId);
                Set<String> names =
                    spans.stream().map(SpanData::getName).collect(Collectors.toSet());
                return names.containsAll(
                        List.of(
                            "POST /api/v1/samples",
                            "metrics.samples publish",
                            "evaluate rules",
                            "route alert",
                            "notify hook",
                            "deliver webhook",
                            "apply alert event"))
                    ? spans
                    : null;
              });
      assertThat(trace.stream().map(s -> s.getResource().getAttribute(SERVICE)).distinct())
          .containsExactlyInAnyOrder(
              "metrics-ingest", "rule-engine", "notifier", "incident-service");
      assertConnected(trace);

      assertThat(span(trace, "evaluate rules").getAttributes().asMap().toString())
          .contains("E2EQueueBacklog");
      assertThat(
              span(trace, "deliver webhook")
                  .getAttributes()
                  .get(AttributeKey.stringKey("alerting.outcome")))
          .isEqualTo("[delivered]");
      SpanData incident = span(trace, "apply alert event");
      assertThat(incident.getAttributes().get(AttributeKey.stringKey("alerting.incident.action")))
          .isEqualTo("opened");
      JsonNode opened =
          client.get(stack.url(Service.INCIDENTS) + "/api/v1/incidents").body().path("items");
      assertThat(incident.getAttributes().get(AttributeKey.stringKey("alerting.incident.id")))
          .isEqualTo(opened.get(0).path("id").asText());
      assertThat(hook.deliveries("firing", StackFixture.ALERT)).hasSize(1);

      // a caller's traceparent is continued; a garbled one is ignored (new trace, still 200)
      String caller = "4bf92f3577b34da6a3ce929d0e0e4736";
      assertThat(push(stack, "00-" + caller + "-00f067aa0ba902b7-01")).isEqualTo(200);
      assertThat(push(stack, "00-garbled")).isEqualTo(200);
      Eventually.assertThat(
          WAIT,
          () -> {
            List<SpanData> requests =
                exported.getFinishedSpanItems().stream()
                    .filter(s -> s.getKind() == SpanKind.SERVER)
                    .toList();
            assertThat(requests).hasSize(3);
            assertThat(requests.get(1).getTraceId()).isEqualTo(caller);
            assertThat(requests.get(1).getParentSpanId()).isEqualTo("00f067aa0ba902b7");
            assertThat(requests.get(2).getParentSpanContext().isValid()).isFalse();
          });
    }
  }

  private static int push(AlertingStack stack, String traceparent) throws Exception {
    String body =
        "[{\"name\":\"e2e_queue_depth\",\"labels\":{\"service\":\"checkout\"},\"value\":260}]";
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create(stack.url(Service.INGEST) + "/api/v1/samples"))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .header("traceparent", traceparent)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }

  private List<SpanData> spansOf(String traceId) {
    return exported.getFinishedSpanItems().stream()
        .filter(s -> s.getTraceId().equals(traceId))
        .toList();
  }

  private static SpanData span(List<SpanData> trace, String name) {
    return trace.stream().filter(s -> s.getName().equals(name)).findFirst().orElseThrow();
  }

  /** One root (the request); every other span's parent is a span of the same trace. */
  private static void assertConnected(List<SpanData> trace) {
    Set<String> ids = trace.stream().map(SpanData::getSpanId).collect(Collectors.toSet());
    assertThat(trace.stream().filter(s -> !s.getParentSpanContext().isValid()))
        .extracting(SpanData::getName)
        .containsExactly("POST /api/v1/samples");
    for (SpanData s : trace) {
      if (s.getParentSpanContext().isValid()) {
        assertThat(ids).as("parent of " + s.getName()).contains(s.getParentSpanId());
      }
    }
    // the chain runs through every stage in order
    assertThat(parentName(trace, "metrics.samples publish")).isEqualTo("POST /api/v1/samples");
    assertThat(parentName(trace, "evaluate rules")).isEqualTo("metrics.samples publish");
    assertThat(parentName(trace, "route alert")).isEqualTo("evaluate rules");
    assertThat(parentName(trace, "notify hook")).isEqualTo("route alert");
    assertThat(parentName(trace, "deliver webhook")).isEqualTo("notify hook");
    assertThat(parentName(trace, "apply alert event")).isEqualTo("evaluate rules");
  }

  private static String parentName(List<SpanData> trace, String name) {
    String parent = span(trace, name).getParentSpanId();
    return trace.stream()
        .filter(s -> s.getSpanId().equals(parent))
        .map(SpanData::getName)
        .findFirst()
        .orElse("(none)");
  }
}
