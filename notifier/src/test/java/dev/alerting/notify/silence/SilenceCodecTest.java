package dev.alerting.notify.silence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.alerting.platform.codec.Json;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Silence JSON")
class SilenceCodecTest {
  /** As the real Alertmanager 0.25 answered GET /api/v2/silence/{id} for this silence. */
  private static final String AM_SHAPE =
      "{\"id\":\"df5f2ce9-6f05-493b-90c2-4ffe442b1c6c\",\"status\":{\"state\":\"active\"},"
          + "\"updatedAt\":\"2026-12-03T10:12:49.976Z\",\"comment\":\"hello\",\"createdBy\":\"root\","
          + "\"endsAt\":\"2026-12-03T11:12:49.974Z\",\"matchers\":[{\"isEqual\":true,\"isRegex\":false,"
          + "\"name\":\"alertname\",\"value\":\"X\"},{\"isEqual\":true,\"isRegex\":true,\"name\":\"team\","
          + "\"value\":\"d.*\"}],\"startsAt\":\"2026-12-03T10:12:49.976Z\"}";

  @Test
  @DisplayName(
      "a silence is written exactly in Alertmanager's gettableSilence shape, and read back")
  void roundTrip() {
    Silence s = SilenceCodec.decode(AM_SHAPE);
    assertThat(SilenceCodec.toJson(s, Instant.parse("2026-12-03T10:30:00Z")).toString())
        .isEqualTo(AM_SHAPE);
  }

  @Test
  @DisplayName(
      "a postable silence missing a required field is a 602 schema error, as Alertmanager answers")
  void required() throws Exception {
    assertThatThrownBy(
            () ->
                SilenceCodec.request(
                    Json.MAPPER.readTree(
                        "{\"matchers\":[{\"name\":\"a\",\"value\":\"b\",\"isRegex\":false}],"
                            + "\"endsAt\":\"2026-12-03T12:00:00Z\",\"createdBy\":\"a\",\"comment\":\"c\"}")))
        .hasMessage("startsAt in body is required");
    assertThatThrownBy(
            () ->
                SilenceCodec.request(
                    Json.MAPPER.readTree(
                        "{\"matchers\":[],\"startsAt\":\"2026-12-03T10:00:00Z\","
                            + "\"endsAt\":\"2026-12-03T12:00:00Z\",\"createdBy\":\"a\",\"comment\":\"c\"}")))
        .hasMessage("matchers in body should have at least 1 items");
  }

  @Test
  @DisplayName("isEqual false makes negative matchers; a bad regex names the matcher")
  void matchers() throws Exception {
    SilenceRequest r =
        SilenceCodec.request(
            Json.MAPPER.readTree(
                "{\"matchers\":[{\"name\":\"a\",\"value\":\"b\",\"isRegex\":false,\"isEqual\":false},"
                    + "{\"name\":\"c\",\"value\":\"d.*\",\"isRegex\":true,\"isEqual\":false}],"
                    + "\"startsAt\":\"2026-12-03T10:00:00+01:00\",\"endsAt\":\"2026-12-03T12:00:00Z\","
                    + "\"createdBy\":\"a\",\"comment\":\"c\"}"));
    assertThat(r.matchers()).extracting(Object::toString).containsExactly("a!=\"b\"", "c!~\"d.*\"");
    assertThat(r.startsAt()).isEqualTo(Instant.parse("2026-12-03T09:00:00Z"));
    assertThatThrownBy(
            () ->
                SilenceCodec.request(
                    Json.MAPPER.readTree(
                        "{\"matchers\":[{\"name\":\"a\",\"value\":\"(\",\"isRegex\":true}],"
                            + "\"startsAt\":\"2026-12-03T10:00:00Z\",\"endsAt\":\"2026-12-03T12:00:00Z\","
                            + "\"createdBy\":\"a\",\"comment\":\"c\"}")))
        .hasMessageStartingWith("silence invalid: invalid label matcher 0:");
  }
}
