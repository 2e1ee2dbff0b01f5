package dev.alerting.platform.trace;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigurationException;
import io.opentelemetry.sdk.resources.Resource;
import java.util.Map;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * The SDK of one service, configured by the standard {@code OTEL_*} variables (exporter, endpoint,
 * headers, sampler, batch sizes, resource attributes). Our defaults, which those variables
 * override: traces only (no OTel metrics or logs: metrics are on {@code /metrics}, logs on stdout),
 * OTLP over HTTP/protobuf (port 4318). {@code service.name} is always the service's own name, so
 * the four services of the one-process stack stay apart in a trace view. The SDK flushes on JVM
 * shutdown.
 */
final class TraceSdk {
  static final Map<String, String> DEFAULTS =
      Map.of(
          "otel.metrics.exporter", "none",
          "otel.logs.exporter", "none",
          "otel.exporter.otlp.protocol", "http/protobuf");

  private static final AttributeKey<String> SERVICE_NAME = AttributeKey.stringKey("service.name");

  /**
   * The SDK logs (export failures, dropped spans) through java.util.logging; its logger, held here
   * so its handler is kept, writes to SLF4J instead, so those lines are JSON like ours.
   */
  private static final java.util.logging.Logger SDK_LOG = routeSdkLogging();

  private TraceSdk() {}

  private static java.util.logging.Logger routeSdkLogging() {
    java.util.logging.Logger sdk = java.util.logging.Logger.getLogger("io.opentelemetry");
    sdk.setUseParentHandlers(false);
    sdk.addHandler(new SLF4JBridgeHandler());
    return sdk;
  }

  /**
   * Fails with a {@link ConfigurationException} naming the problem for a bad value, or for {@code
   * OTEL_EXPORTER_OTLP_PROTOCOL=grpc} (only the JDK's HTTP sender is on the classpath).
   */
  static OpenTelemetry fromEnvironment(String service) {
    try {
      return build(service);
    } catch (RuntimeException e) {
      throw new ConfigurationException("tracing (OTEL_* variables): " + reasons(e), e);
    }
  }

  /** The messages of the cause chain: the SDK wraps the telling one in a generic one. */
  private static String reasons(Throwable e) {
    java.util.List<String> seen = new java.util.ArrayList<>();
    for (Throwable t = e; t != null && seen.size() < 5; t = t.getCause()) {
      if (t.getMessage() != null && !seen.contains(t.getMessage())) {
        seen.add(t.getMessage());
      }
    }
    return String.join(": ", seen);
  }

  private static OpenTelemetry build(String service) {
    return AutoConfiguredOpenTelemetrySdk.builder()
        .addPropertiesSupplier(() -> DEFAULTS)
        .addResourceCustomizer(
            (resource, config) ->
                resource.merge(Resource.create(Attributes.of(SERVICE_NAME, service))))
        .build()
        .getOpenTelemetrySdk();
  }
}
