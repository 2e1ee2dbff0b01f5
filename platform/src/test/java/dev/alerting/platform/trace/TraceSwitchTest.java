package dev.alerting.platform.trace;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@DisplayName("Tracing is off unless an exporter or endpoint is named")
class TraceSwitchTest {
  @ParameterizedTest(name = "{0} -> {1}")
  @MethodSource("cases")
  void decides(Map<String, String> vars, boolean on) {
    assertThat(TraceSwitch.of(vars).on()).isEqualTo(on);
  }

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of(Map.of(), false),
        Arguments.of(Map.of("OTEL_SERVICE_NAME", "x"), false),
        Arguments.of(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://tempo:4318"), true),
        Arguments.of(Map.of("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "http://j:4318/v1/traces"), true),
        Arguments.of(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", " "), false),
        Arguments.of(Map.of("OTEL_TRACES_EXPORTER", "otlp"), true),
        Arguments.of(Map.of("OTEL_TRACES_EXPORTER", "none"), false),
        Arguments.of(
            Map.of("OTEL_TRACES_EXPORTER", "none", "OTEL_EXPORTER_OTLP_ENDPOINT", "http://x:4318"),
            false),
        Arguments.of(
            Map.of("OTEL_SDK_DISABLED", "true", "OTEL_EXPORTER_OTLP_ENDPOINT", "http://x:4318"),
            false),
        Arguments.of(
            Map.of("OTEL_SDK_DISABLED", "false", "OTEL_EXPORTER_OTLP_ENDPOINT", "http://x:4318"),
            true));
  }
}
