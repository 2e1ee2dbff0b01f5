package dev.alerting.incident.oncall;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Who is on call, table-driven. Europe/Berlin changes to summer time on 2026-03-29 (02:00 CET
 * becomes 03:00 CEST) and back on 2026-10-25 (03:00 CEST becomes 02:00 CET).
 */
@DisplayName("On-call schedules")
class ScheduleTest {
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

  private static Schedule schedule(Rotation... layers) {
    return new Schedule("primary", BERLIN, List.of(layers), List.of());
  }

  private static Rotation rotation(String start, String shift, String... users) {
    return new Rotation(
        List.of(users), LocalDateTime.parse(start), dev.alerting.model.Durations.parse(shift));
  }

  private static Instant t(String utc) {
    return Instant.parse(utc);
  }

  /** Daily 09:00 hand-off alice → bob → alice … from Monday 2026-03-23 (and 2026-10-19). */
  private static final Schedule DAILY_SPRING =
      schedule(rotation("2026-03-23T09:00", "1d", "alice", "bob"));

  private static final Schedule DAILY_AUTUMN =
      schedule(rotation("2026-10-19T09:00", "1d", "alice", "bob"));

  /** 12-hour shifts are exact elapsed time: the hand-off moves on the wall clock across DST. */
  private static final Schedule TWELVE_HOURS =
      schedule(rotation("2026-03-28T21:00", "12h", "carol", "dave"));

  /** A hand-off at 02:30, which does not exist on 2026-03-29 and happens twice on 2026-10-25. */
  private static final Schedule NIGHT =
      schedule(rotation("2026-03-27T02:30", "1d", "erin", "frank"));

  private static final Schedule NIGHT_AUTUMN =
      schedule(rotation("2026-10-23T02:30", "1d", "erin", "frank"));

  static Stream<Arguments> whoIsOnCall() {
    return Stream.of(
        Arguments.of(
            "before the first shift nobody is on call",
            DAILY_SPRING,
            "2026-03-23T07:59:59Z",
            null,
            null,
            null),
        Arguments.of(
            "the first shift starts at 09:00 CET",
            DAILY_SPRING,
            "2026-03-23T08:00:00Z",
            "alice",
            "2026-03-23T08:00:00Z",
            "2026-03-24T08:00:00Z"),
        Arguments.of(
            "the shift over the spring change is 23 hours: 09:00 CET to 09:00 CEST",
            DAILY_SPRING,
            "2026-03-29T03:00:00Z",
            "bob",
            "2026-03-28T08:00:00Z",
            "2026-03-29T07:00:00Z"),
        Arguments.of(
            "after the spring change the hand-off is at 09:00 CEST (07:00Z)",
            DAILY_SPRING,
            "2026-03-29T07:00:00Z",
            "alice",
            "2026-03-29T07:00:00Z",
            "2026-03-30T07:00:00Z"),
        Arguments.of(
            "the shift over the autumn change is 25 hours: 09:00 CEST to 09:00 CET",
            DAILY_AUTUMN,
            "2026-10-25T01:30:00Z",
            "bob",
            "2026-10-24T07:00:00Z",
            "2026-10-25T08:00:00Z"),
        Arguments.of(
            "after the autumn change the hand-off is at 09:00 CET (08:00Z)",
            DAILY_AUTUMN,
            "2026-10-25T08:00:00Z",
            "alice",
            "2026-10-25T08:00:00Z",
            "2026-10-26T08:00:00Z"),
        Arguments.of(
            "a 12h shift over the spring change ends at 10:00 CEST, 12 real hours later",
            TWELVE_HOURS,
            "2026-03-29T05:00:00Z",
            "carol",
            "2026-03-28T20:00:00Z",
            "2026-03-29T08:00:00Z"),
        Arguments.of(
            "a hand-off in the skipped hour (02:30 on 2026-03-29) moves to 03:30 CEST",
            NIGHT,
            "2026-03-29T01:30:00Z",
            "erin",
            "2026-03-29T01:30:00Z",
            "2026-03-30T00:30:00Z"),
        Arguments.of(
            "a hand-off in the repeated hour (02:30 on 2026-10-25) takes the first, summer 02:30",
            NIGHT_AUTUMN,
            "2026-10-25T00:30:00Z",
            "erin",
            "2026-10-25T00:30:00Z",
            "2026-10-26T01:30:00Z"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void whoIsOnCall(String name, Schedule s, String at, String user, String start, String end) {
    Optional<Shift> shift = s.onCall(t(at));
    if (user == null) {
      assertThat(shift).isEmpty();
    } else {
      assertThat(shift).contains(new Shift(user, t(start), t(end)));
    }
  }

  static Stream<Arguments> layersAndOverrides() {
    Rotation weekly = rotation("2026-01-05T09:00", "1w", "alice", "bob");
    Rotation holiday =
        new Rotation(
            List.of("carol"),
            LocalDateTime.parse("2026-01-14T00:00"),
            Duration.ofDays(1),
            LocalDateTime.parse("2026-01-16T00:00"));
    Schedule layered = schedule(weekly, holiday);
    ScheduleOverride first =
        new ScheduleOverride("dave", t("2026-01-06T12:00:00Z"), t("2026-01-06T18:00:00Z"));
    ScheduleOverride second =
        new ScheduleOverride("erin", t("2026-01-06T15:00:00Z"), t("2026-01-06T16:00:00Z"));
    Schedule overridden = layered.withOverrides(List.of(first, second));
    return Stream.of(
        Arguments.of(
            "the lower layer has the week outside the upper layer's period",
            layered,
            "2026-01-13T10:00:00Z",
            "bob",
            "2026-01-12T08:00:00Z",
            "2026-01-13T23:00:00Z"),
        Arguments.of(
            "the upper layer wins where it has someone (merged over its daily hand-off)",
            layered,
            "2026-01-14T12:00:00Z",
            "carol",
            "2026-01-13T23:00:00Z",
            "2026-01-15T23:00:00Z"),
        Arguments.of(
            "after the upper layer ends, the lower layer again",
            layered,
            "2026-01-16T00:00:00Z",
            "bob",
            "2026-01-15T23:00:00Z",
            "2026-01-19T08:00:00Z"),
        Arguments.of(
            "an override wins over every layer",
            overridden,
            "2026-01-06T13:00:00Z",
            "dave",
            "2026-01-06T12:00:00Z",
            "2026-01-06T15:00:00Z"),
        Arguments.of(
            "a later override wins over an earlier one",
            overridden,
            "2026-01-06T15:30:00Z",
            "erin",
            "2026-01-06T15:00:00Z",
            "2026-01-06T16:00:00Z"),
        Arguments.of(
            "the earlier override resumes after the later one",
            overridden,
            "2026-01-06T16:00:00Z",
            "dave",
            "2026-01-06T16:00:00Z",
            "2026-01-06T18:00:00Z"),
        Arguments.of(
            "after the overrides the rotation resumes",
            overridden,
            "2026-01-06T18:00:00Z",
            "alice",
            "2026-01-06T18:00:00Z",
            "2026-01-12T08:00:00Z"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void layersAndOverrides(
      String name, Schedule s, String at, String user, String start, String end) {
    assertThat(s.onCall(t(at))).contains(new Shift(user, t(start), t(end)));
  }

  @Test
  @DisplayName("the shifts of a range over the spring change, clipped to the range")
  void shiftsOfARange() {
    List<Shift> shifts = DAILY_SPRING.shifts(t("2026-03-28T00:00:00Z"), t("2026-03-31T00:00:00Z"));

    assertThat(shifts)
        .containsExactly(
            new Shift("alice", t("2026-03-28T00:00:00Z"), t("2026-03-28T08:00:00Z")),
            new Shift("bob", t("2026-03-28T08:00:00Z"), t("2026-03-29T07:00:00Z")),
            new Shift("alice", t("2026-03-29T07:00:00Z"), t("2026-03-30T07:00:00Z")),
            new Shift("bob", t("2026-03-30T07:00:00Z"), t("2026-03-31T00:00:00Z")));
  }

  @Test
  @DisplayName("a range before the first shift has no shifts; one user's hand-offs merge")
  void emptyAndMerged() {
    Schedule solo = schedule(rotation("2026-03-23T09:00", "1d", "alice"));

    assertThat(solo.shifts(t("2026-03-01T00:00:00Z"), t("2026-03-02T00:00:00Z"))).isEmpty();
    assertThat(solo.shifts(t("2026-03-24T00:00:00Z"), t("2026-03-27T00:00:00Z")))
        .containsExactly(new Shift("alice", t("2026-03-24T00:00:00Z"), t("2026-03-27T00:00:00Z")));
  }
}
