package dev.alerting.platform.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigurationException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@DisplayName("The SDK built from OTEL_* settings")
class TraceSdkTest {
  private static final List<String> PROPERTIES =
      List.of(
          "otel.exporter.otlp.endpoint", "otel.exporter.otlp.protocol", "otel.bsp.schedule.delay");

  @AfterEach
  void clear() {
    PROPERTIES.forEach(System::clearProperty);
  }

  /** What an OTLP collector received: path, content type, body. */
  private record Request(String path, String contentType, String body) {}

  @Test
  @Timeout(20)
  @DisplayName(
      "exports a span over OTLP HTTP/protobuf to the configured endpoint, named by service")
  void exportsOverOtlpHttp() throws Exception {
    List<Request> received = new CopyOnWriteArrayList<>();
    HttpServer collector = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    collector.createContext(
        "/",
        exchange -> {
          byte[] body = exchange.getRequestBody().readAllBytes();
          received.add(
              new Request(
                  exchange.getRequestURI().getPath(),
                  exchange.getRequestHeaders().getFirst("Content-Type"),
                  new String(body, StandardCharsets.ISO_8859_1)));
          exchange.sendResponseHeaders(200, -1);
          exchange.close();
        });
    collector.start();
    try {
      System.setProperty(
          "otel.exporter.otlp.endpoint", "http://127.0.0.1:" + collector.getAddress().getPort());
      assertThat(TraceSwitch.fromEnvironment().on()).isTrue();
      OpenTelemetry otel = TraceSdk.fromEnvironment("rule-engine");
      Span span = otel.getTracer("test").spanBuilder("evaluate rules").startSpan();
      span.end();
      OpenTelemetrySdk sdk = (OpenTelemetrySdk) otel;
      assertThat(sdk.getSdkTracerProvider().forceFlush().join(10, TimeUnit.SECONDS).isSuccess())
          .isTrue();
      sdk.shutdown().join(5, TimeUnit.SECONDS);

      assertThat(received).hasSize(1);
      Request r = received.get(0);
      assertThat(r.path()).isEqualTo("/v1/traces");
      assertThat(r.contentType()).isEqualTo("application/x-protobuf");
      assertThat(r.body()).contains("evaluate rules").contains("rule-engine");
    } finally {
      collector.stop(0);
    }
  }

  @Test
  @DisplayName("OTLP over gRPC is refused at start-up with a message, not at the first export")
  void grpcRefused() {
    System.setProperty("otel.exporter.otlp.endpoint", "http://127.0.0.1:4317");
    System.setProperty("otel.exporter.otlp.protocol", "grpc");
    assertThatThrownBy(() -> TraceSdk.fromEnvironment("notifier"))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("OTEL_")
        .satisfies(e -> assertThat(e.getMessage().toLowerCase()).contains("grpc"));
  }

  @Test
  @DisplayName("the SDK's defaults export traces only, over HTTP/protobuf")
  void defaults() {
    assertThat(TraceSdk.DEFAULTS)
        .containsAllEntriesOf(
            Map.of(
                "otel.metrics.exporter", "none",
                "otel.logs.exporter", "none",
                "otel.exporter.otlp.protocol", "http/protobuf"));
  }
}
