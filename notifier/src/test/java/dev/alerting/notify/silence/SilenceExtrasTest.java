package dev.alerting.notify.silence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.alerting.model.Labels;
import dev.alerting.model.Matcher;
import dev.alerting.notify.config.ConfigLoader;
import dev.alerting.platform.codec.Json;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Recurring ({@code timeIntervals}) and until-resolved silences: the extras beyond Alertmanager's
 * model. Windows are the routing file's {@code time_intervals}, parsed by the notifier's own
 * loader, so they mean what they mean on routes.
 */
@DisplayName("Recurring and until-resolved silences")
class SilenceExtrasTest {
  /** A Thursday. */
  private static final Instant T0 = Instant.parse("2026-12-03T10:00:00Z");

  private static final String ROUTING =
      """
      time_intervals:
      - name: saturday-night
        time_intervals:
        - weekdays: [saturday]
          times: [{start_time: '22:00', end_time: '24:00'}]
          location: Europe/Berlin
      - name: office
        time_intervals:
        - weekdays: ['monday:friday']
          times: [{start_time: '09:00', end_time: '17:00'}]
          location: Europe/Berlin
      - name: last-day
        time_intervals: [{days_of_month: ['-1']}]
      route: {receiver: r}
      receivers: [{name: r}]
      """;

  private final AtomicInteger next = new AtomicInteger();
  private final Silences silences = new Silences(() -> "id-" + next.incrementAndGet());

  SilenceExtrasTest() {
    silences.useTimeIntervals(ConfigLoader.parse(ROUTING, false).timeIntervals());
  }

  private String create(SilenceExtras extras, Instant start, Instant end) {
    Silences.Change c =
        silences.set(
            new SilenceRequest(
                Optional.empty(),
                List.of(Matcher.eq("alertname", "Disk")),
                start,
                end,
                "alice",
                "window",
                extras),
            T0);
    c.writes().forEach(silences::apply);
    return c.id();
  }

  private static final Labels DISK = Labels.of("alertname", "Disk", "job", "node");
  private static final Labels CPU = Labels.of("alertname", "Cpu", "job", "node");

  static Stream<Arguments> windows() {
    return Stream.of(
        Arguments.of(
            "inside Saturday 22-24 Berlin",
            List.of("saturday-night"),
            "2026-12-05T21:30:00Z",
            "active"),
        Arguments.of(
            "Saturday before the window",
            List.of("saturday-night"),
            "2026-12-05T20:59:00Z",
            "pending"),
        Arguments.of(
            "window end is exclusive",
            List.of("saturday-night"),
            "2026-12-05T23:00:00Z",
            "pending"),
        Arguments.of(
            "next Saturday again", List.of("saturday-night"), "2026-12-12T22:00:00Z", "active"),
        Arguments.of(
            "weekday in office hours", List.of("office"), "2026-12-04T08:00:00Z", "active"),
        Arguments.of(
            "weekday after office hours", List.of("office"), "2026-12-04T16:00:00Z", "pending"),
        Arguments.of(
            "any of two intervals",
            List.of("saturday-night", "office"),
            "2026-12-05T22:30:00Z",
            "active"),
        Arguments.of(
            "negative day of month: last day",
            List.of("last-day"),
            "2026-12-31T12:00:00Z",
            "active"),
        Arguments.of(
            "negative day of month: not the last",
            List.of("last-day"),
            "2026-12-30T12:00:00Z",
            "pending"),
        Arguments.of(
            "in a window but after endsAt",
            List.of("saturday-night"),
            "2027-01-02T22:00:00Z",
            "expired"),
        Arguments.of(
            "in a window but before startsAt",
            List.of("office"),
            "2026-12-03T10:30:00Z",
            "pending"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("windows")
  @DisplayName("a recurring silence mutes only inside its windows and within its start and end")
  void recurring(String name, List<String> intervals, String at, String state) {
    Instant now = Instant.parse(at);
    String id =
        create(
            new SilenceExtras(intervals, false),
            T0.plusSeconds(3600),
            Instant.parse("2027-01-01T00:00:00Z"));
    Silence s = silences.get(id);
    assertThat(silences.state(s, now).wire()).isEqualTo(state);
    assertThat(silences.mutes(DISK, now.toEpochMilli())).isEqualTo(state.equals("active"));
    assertThat(silences.mutes(CPU, now.toEpochMilli())).isFalse();
    assertThat(silences.silencedBy(DISK, now))
        .isEqualTo(state.equals("active") ? List.of(id) : List.of());
  }

  @Test
  @DisplayName(
      "a silence naming an unknown interval is refused; one whose interval was removed mutes nothing")
  void unknownInterval() {
    assertThatThrownBy(
            () -> create(new SilenceExtras(List.of("nope"), false), T0, T0.plusSeconds(60)))
        .isInstanceOf(SilenceException.class)
        .hasMessage("silence invalid: time interval \"nope\" is not defined in time_intervals");
    String id = create(new SilenceExtras(List.of("office"), false), T0, T0.plusSeconds(86_400));
    Instant inOffice = Instant.parse("2026-12-03T12:00:00Z");
    assertThat(silences.mutes(DISK, inOffice.toEpochMilli())).isTrue();
    silences.useTimeIntervals(java.util.Map.of());
    assertThat(silences.mutes(DISK, inOffice.toEpochMilli())).isFalse();
    assertThat(silences.state(silences.get(id), inOffice)).isEqualTo(SilenceState.PENDING);
  }

  @Test
  @DisplayName(
      "a recurring silence between windows is still active in its lifecycle: expire ends it, an update keeps its id")
  void lifecycle() {
    Instant end = T0.plusSeconds(30 * 86_400);
    String id = create(new SilenceExtras(List.of("saturday-night"), false), T0, end);
    assertThat(silences.state(silences.get(id), T0)).isEqualTo(SilenceState.PENDING);
    Silences.Change update =
        silences.set(
            new SilenceRequest(
                Optional.of(id),
                List.of(Matcher.eq("alertname", "Disk")),
                T0,
                end,
                "bob",
                "longer comment",
                new SilenceExtras(List.of("saturday-night"), false)),
            T0.plusSeconds(60));
    assertThat(update.id()).isEqualTo(id);
    Silences.Change expire = silences.expire(id, T0.plusSeconds(120));
    assertThat(expire.writes())
        .singleElement()
        .satisfies(s -> assertThat(s.endsAt()).isEqualTo(T0.plusSeconds(120)));
  }

  static Stream<Arguments> codec() {
    return Stream.of(
        Arguments.of("plain silence: Alertmanager's fields only", SilenceExtras.NONE, List.of()),
        Arguments.of(
            "recurring",
            new SilenceExtras(List.of("office", "saturday-night"), false),
            List.of("timeIntervals")),
        Arguments.of(
            "until resolved", new SilenceExtras(List.of(), true), List.of("untilResolved")),
        Arguments.of(
            "both",
            new SilenceExtras(List.of("office"), true),
            List.of("timeIntervals", "untilResolved")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("codec")
  @DisplayName("extras travel as extra JSON fields, written only when set, and read back")
  void codec(String name, SilenceExtras extras, List<String> extraFields) {
    Silence s =
        new Silence(
            "a1",
            List.of(Matcher.eq("alertname", "Disk")),
            T0,
            T0.plusSeconds(60),
            T0,
            "alice",
            "c",
            extras);
    ObjectNode json = SilenceCodec.toJson(s, T0);
    List<String> fields = new java.util.ArrayList<>();
    json.fieldNames().forEachRemaining(fields::add);
    assertThat(fields)
        .containsOnly(
            Stream.concat(
                    Stream.of(
                        "id",
                        "status",
                        "updatedAt",
                        "comment",
                        "createdBy",
                        "endsAt",
                        "matchers",
                        "startsAt"),
                    extraFields.stream())
                .toArray(String[]::new));
    assertThat(SilenceCodec.decode(json.toString())).isEqualTo(s);
    assertThat(SilenceCodec.request(json).extras()).isEqualTo(extras);
  }

  static Stream<Arguments> badRequests() {
    return Stream.of(
        Arguments.of(
            "timeIntervals not a list",
            "\"timeIntervals\":\"office\"",
            "timeIntervals in body must be of type array"),
        Arguments.of(
            "timeIntervals item not a string",
            "\"timeIntervals\":[1]",
            "timeIntervals.0 in body must be of type string"),
        Arguments.of(
            "untilResolved not a boolean",
            "\"untilResolved\":\"yes\"",
            "untilResolved in body must be of type boolean"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badRequests")
  @DisplayName("a malformed extra is a schema error naming the field")
  void badRequest(String name, String field, String message) throws Exception {
    String body =
        "{\"matchers\":[{\"name\":\"a\",\"value\":\"x\",\"isRegex\":false}],\"startsAt\":\"2026-12-03T10:00:00Z\","
            + "\"endsAt\":\"2026-12-03T12:00:00Z\",\"createdBy\":\"a\",\"comment\":\"c\","
            + field
            + "}";
    assertThatThrownBy(() -> SilenceCodec.request(Json.MAPPER.readTree(body)))
        .isInstanceOf(SilenceCodec.SchemaException.class)
        .hasMessage(message);
  }

  /** One step of an until-resolved timeline: firing alerts at a time, and whether it expires. */
  record Step(int atSeconds, List<Labels> firing, Labels resolvedBefore, boolean expires) {}

  private static final Labels DISK2 = Labels.of("alertname", "Disk", "job", "db");

  static Stream<Arguments> untilResolved() {
    return Stream.of(
        Arguments.of(
            "expires once its only alert resolved",
            List.of(new Step(10, List.of(DISK), null, false), new Step(20, List.of(), null, true))),
        Arguments.of(
            "waits for the last of two alerts",
            List.of(
                new Step(10, List.of(DISK, DISK2), null, false),
                new Step(20, List.of(DISK2), null, false),
                new Step(30, List.of(), null, true))),
        Arguments.of(
            "nothing matched yet: stays",
            List.of(new Step(10, List.of(CPU), null, false), new Step(20, List.of(), null, false))),
        Arguments.of(
            "fired and resolved between two checks (or while the notifier was down)",
            List.of(new Step(10, List.of(), DISK, true))),
        Arguments.of(
            "an alert that resolved before the silence started does not arm it",
            List.of(new Step(-10, List.of(), DISK, false), new Step(20, List.of(), null, false))),
        Arguments.of(
            "a non-matching alert's resolve does not arm it",
            List.of(new Step(10, List.of(), CPU, false))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("untilResolved")
  @DisplayName("an until-resolved silence expires when every alert it matched has resolved")
  void untilResolved(String name, List<Step> steps) {
    String id = create(new SilenceExtras(List.of(), true), T0, T0.plusSeconds(3600));
    UntilResolved u = new UntilResolved(silences);
    for (Step step : steps) {
      Instant at = T0.plusSeconds(step.atSeconds());
      if (step.resolvedBefore() != null) {
        u.resolved(step.resolvedBefore(), at.minusMillis(1));
      }
      List<String> due = u.due(step.firing(), at);
      assertThat(due)
          .as("at %ss", step.atSeconds())
          .isEqualTo(step.expires() ? List.of(id) : List.of());
      if (step.expires()) {
        silences.expire(id, at).writes().forEach(silences::apply);
        assertThat(u.due(step.firing(), at.plusSeconds(1))).isEmpty();
        assertThat(u.isArmed(id)).isFalse();
      }
    }
  }

  @Test
  @DisplayName("an expiry that was not written is asked for again")
  void retriesExpiry() {
    String id = create(new SilenceExtras(List.of(), true), T0, T0.plusSeconds(3600));
    UntilResolved u = new UntilResolved(silences);
    u.due(List.of(DISK), T0.plusSeconds(1));
    assertThat(u.due(List.of(), T0.plusSeconds(2))).containsExactly(id);
    assertThat(u.due(List.of(), T0.plusSeconds(3))).containsExactly(id);
  }
}
