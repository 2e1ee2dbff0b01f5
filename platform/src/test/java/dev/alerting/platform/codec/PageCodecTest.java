package dev.alerting.platform.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.alerting.model.Labels;
import dev.alerting.model.alert.Alert;
import dev.alerting.model.alert.AlertStatus;
import dev.alerting.model.page.PageOutcome;
import dev.alerting.model.page.PageRequest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

@DisplayName("Page records on the pages and pages.outcomes topics")
class PageCodecTest {
  private static final Instant T = Instant.parse("2026-05-04T10:00:00Z");

  @Test
  @DisplayName("a page request and an outcome read back as written")
  void roundTrip() {
    Alert a =
        new Alert(
            AlertStatus.FIRING,
            Labels.of("alertname", "Down", "severity", "critical"),
            Map.of("incident_id", "42"),
            T,
            null,
            "http://rules");
    PageRequest p =
        new PageRequest(
            "42:1:0:alice@alice-pager",
            42,
            PageRequest.Kind.TRIGGER,
            "alice",
            "alice-pager",
            "Down",
            "critical",
            1,
            List.of(a),
            T);
    PageOutcome o = new PageOutcome(p.pageId(), 42, PageOutcome.Result.FAILED, "HTTP 404", T);

    assertThat(PageCodec.decodeRequest(PageCodec.encode(p))).isEqualTo(p);
    assertThat(PageCodec.decodeOutcome(PageCodec.encode(o))).isEqualTo(o);
    assertThat(PageCodec.key(42)).isEqualTo("42");
  }

  static Stream<String> invalid() {
    return Stream.of(
        "not json",
        "[]",
        "{\"pageId\":\"p\",\"incidentId\":1,\"kind\":\"page\",\"receiver\":\"r\",\"alerts\":[],"
            + "\"createdAt\":\"2026-01-01T00:00:00Z\"}",
        "{\"pageId\":\"p\",\"incidentId\":0,\"kind\":\"trigger\",\"receiver\":\"r\",\"alerts\":[],"
            + "\"createdAt\":\"2026-01-01T00:00:00Z\"}");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalid")
  @DisplayName("a record off the contract is a CodecException, never another exception")
  void invalidRecords(String json) {
    assertThatThrownBy(() -> PageCodec.decodeRequest(json)).isInstanceOf(CodecException.class);
  }
}
