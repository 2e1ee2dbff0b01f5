package dev.alerting.platform.log;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.alerting.platform.codec.Json;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("JSON log lines")
class JsonLogEncoderTest {
  private final LoggerContext context = new LoggerContext();

  private JsonNode encode(String logger, Map<String, String> mdc, Throwable thrown)
      throws Exception {
    JsonLogEncoder encoder = new JsonLogEncoder();
    encoder.setServiceByLogger("dev.alerting.notify.=notifier, dev.alerting.rule.=rule-engine");
    encoder.setService("alerting");
    encoder.setContext(context);
    encoder.start();
    LoggingEvent event =
        new LoggingEvent(
            "fqcn",
            context.getLogger(logger),
            Level.WARN,
            "sent {} of {}",
            thrown,
            new Object[] {1, "two"});
    event.setTimeStamp(Instant.parse("2026-12-03T14:05:06.007Z").toEpochMilli());
    event.setMDCPropertyMap(mdc);
    byte[] line = encoder.encode(event);
    String text = new String(line, StandardCharsets.UTF_8);
    assertThat(text).endsWith("\n").doesNotContain("\n{");
    return Json.MAPPER.readTree(text);
  }

  @Test
  @DisplayName("carry an ISO-8601 timestamp, the level, the service, the message and the trace ids")
  void fields() throws Exception {
    JsonNode n =
        encode(
            "dev.alerting.notify.stream.AlertStream",
            Map.of("trace_id", "4bf92f3577b34da6a3ce929d0e0e4736", "span_id", "00f067aa0ba902b7"),
            null);
    assertThat(n.path("timestamp").asText()).isEqualTo("2026-12-03T14:05:06.007Z");
    assertThat(Instant.parse(n.path("timestamp").asText())).isNotNull();
    assertThat(n.path("level").asText()).isEqualTo("WARN");
    assertThat(n.path("service").asText()).isEqualTo("notifier");
    assertThat(n.path("logger").asText()).isEqualTo("dev.alerting.notify.stream.AlertStream");
    assertThat(n.path("message").asText()).isEqualTo("sent 1 of two");
    assertThat(n.path("trace_id").asText()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
    assertThat(n.path("span_id").asText()).isEqualTo("00f067aa0ba902b7");
    assertThat(n.has("exception")).isFalse();
  }

  @Test
  @DisplayName("outside our packages the service is the process's; an exception is one field")
  void fallbackAndException() throws Exception {
    JsonNode n = encode("org.apache.kafka.Client", Map.of(), new IllegalStateException("boom"));
    assertThat(n.path("service").asText())
        .isEqualTo(System.getProperty(JsonLogEncoder.SERVICE_PROPERTY, "alerting"));
    assertThat(n.has("trace_id")).isFalse();
    assertThat(n.path("exception").asText()).contains("IllegalStateException: boom");
  }
}
