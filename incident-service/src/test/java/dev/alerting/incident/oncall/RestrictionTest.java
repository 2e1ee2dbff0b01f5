package dev.alerting.incident.oncall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.alerting.model.Durations;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Rotation layers restricted to weekly windows, table-driven. 2026-03-23 is a Monday; Europe/Berlin
 * changes to summer time on Sunday 2026-03-29 (02:00 CET becomes 03:00 CEST) and back on Sunday
 * 2026-10-25 (03:00 CEST becomes 02:00 CET). Expected bounds were worked out by hand from those
 * offsets (CET = UTC+1, CEST = UTC+2).
 */
@DisplayName("On-call rotations with weekly restrictions")
class RestrictionTest {
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  private static final EnumSet<DayOfWeek> WEEKDAYS =
      EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY);

  private static Rotation rotation(
      String start, String shift, List<Restriction> restrictions, String... users) {
    return new Rotation(
        List.of(users), LocalDateTime.parse(start), Durations.parse(shift), null, restrictions);
  }

  private static Schedule schedule(Rotation... layers) {
    return new Schedule("primary", BERLIN, List.of(layers), List.of());
  }

  private static LocalTime time(String hhmm) {
    return LocalTime.parse(hhmm);
  }

  /** Nights: a weekly layer covering all hours; daytime: alice and bob daily, weekdays 09–17. */
  private static final Rotation NIGHTS = rotation("2026-03-23T00:00", "1w", List.of(), "night");

  private static final Rotation BUSINESS_HOURS =
      rotation(
          "2026-03-23T09:00",
          "1d",
          Restriction.daily(WEEKDAYS, time("09:00"), time("17:00")),
          "alice",
          "bob");

  private static final Schedule LAYERED = schedule(NIGHTS, BUSINESS_HOURS);

  private static final Schedule ONLY_BUSINESS_HOURS = schedule(BUSINESS_HOURS);

  /** Friday 18:00 to Monday 08:00, a time-of-week window over the spring change. */
  private static final Schedule WEEKEND =
      schedule(
          rotation(
              "2026-03-02T00:00",
              "1w",
              List.of(
                  Restriction.weekly(
                      DayOfWeek.FRIDAY, time("18:00"), DayOfWeek.MONDAY, time("08:00"))),
              "weekend"));

  /** Every night 22:00 to 06:00, over the autumn change. */
  private static final Schedule OVERNIGHT =
      schedule(
          rotation(
              "2026-10-19T00:00",
              "1w",
              Restriction.daily(EnumSet.allOf(DayOfWeek.class), time("22:00"), time("06:00")),
              "owl"));

  /** A window opening at 02:30, which does not exist on 2026-03-29. */
  private static final Schedule SKIPPED_START =
      schedule(
          rotation(
              "2026-03-23T00:00",
              "1w",
              Restriction.daily(EnumSet.of(DayOfWeek.SUNDAY), time("02:30"), time("04:00")),
              "early"));

  static Stream<Arguments> whoIsOnCall() {
    return Stream.of(
        Arguments.of(
            "inside the window the restricted layer wins: alice, 09:00–17:00 CET",
            LAYERED,
            "2026-03-23T09:00:00Z",
            "alice",
            "2026-03-23T08:00:00Z",
            "2026-03-23T16:00:00Z"),
        Arguments.of(
            "at 17:00 the window closes and the lower layer applies until Tuesday 09:00",
            LAYERED,
            "2026-03-23T16:00:00Z",
            "night",
            "2026-03-23T16:00:00Z",
            "2026-03-24T08:00:00Z"),
        Arguments.of(
            "the turn order runs on by the clock: Tuesday is bob's",
            LAYERED,
            "2026-03-24T11:00:00Z",
            "bob",
            "2026-03-24T08:00:00Z",
            "2026-03-24T16:00:00Z"),
        Arguments.of(
            "a weekend with no window: the lower layer from Friday 17:00 CET to Monday 09:00 CEST",
            LAYERED,
            "2026-03-28T11:00:00Z",
            "night",
            "2026-03-27T16:00:00Z",
            "2026-03-30T07:00:00Z"),
        Arguments.of(
            "after the spring change the window is 09:00–17:00 CEST (07:00Z–15:00Z)",
            LAYERED,
            "2026-03-30T07:30:00Z",
            "bob",
            "2026-03-30T07:00:00Z",
            "2026-03-30T15:00:00Z"),
        Arguments.of(
            "a window ends inside a shift: the shift is cut at 17:00",
            LAYERED,
            "2026-03-27T15:30:00Z",
            "alice",
            "2026-03-27T08:00:00Z",
            "2026-03-27T16:00:00Z"),
        Arguments.of(
            "outside every window and with no lower layer, nobody is on call",
            ONLY_BUSINESS_HOURS,
            "2026-03-28T11:00:00Z",
            null,
            null,
            null),
        Arguments.of(
            "before the first window opens nobody is on call",
            ONLY_BUSINESS_HOURS,
            "2026-03-23T07:59:59Z",
            null,
            null,
            null),
        Arguments.of(
            "Friday 18:00 CET to Monday 08:00 CEST: 62 wall-clock hours, 61 elapsed",
            WEEKEND,
            "2026-03-29T12:00:00Z",
            "weekend",
            "2026-03-27T17:00:00Z",
            "2026-03-30T06:00:00Z"),
        Arguments.of(
            "the weekend window is closed on a Wednesday",
            WEEKEND,
            "2026-03-25T12:00:00Z",
            null,
            null,
            null),
        Arguments.of(
            "22:00 CEST to 06:00 CET over the autumn change: 9 elapsed hours",
            OVERNIGHT,
            "2026-10-25T01:30:00Z",
            "owl",
            "2026-10-24T20:00:00Z",
            "2026-10-25T05:00:00Z"),
        Arguments.of(
            "the next night, all in CET: 22:00 to 06:00 is 21:00Z to 05:00Z",
            OVERNIGHT,
            "2026-10-25T21:00:00Z",
            "owl",
            "2026-10-25T21:00:00Z",
            "2026-10-26T05:00:00Z"),
        Arguments.of(
            "a window opening in the skipped hour opens at 03:30 CEST, the gap later",
            SKIPPED_START,
            "2026-03-29T01:45:00Z",
            "early",
            "2026-03-29T01:30:00Z",
            "2026-03-29T02:00:00Z"),
        Arguments.of(
            "before that moved opening nobody is on call",
            SKIPPED_START,
            "2026-03-29T01:15:00Z",
            null,
            null,
            null));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void whoIsOnCall(
      String name, Schedule schedule, String at, String user, String start, String end) {
    Optional<Shift> s = schedule.onCall(Instant.parse(at));
    if (user == null) {
      assertThat(s).isEmpty();
    } else {
      assertThat(s).contains(new Shift(user, Instant.parse(start), Instant.parse(end)));
    }
  }

  @Test
  @DisplayName("the shifts of a Monday: nights, alice 09–17, nights again")
  void shiftsOfADay() {
    List<Shift> day =
        LAYERED.shifts(
            Instant.parse("2026-03-23T00:00:00Z"), Instant.parse("2026-03-24T00:00:00Z"));

    assertThat(day)
        .containsExactly(
            new Shift(
                "night",
                Instant.parse("2026-03-23T00:00:00Z"),
                Instant.parse("2026-03-23T08:00:00Z")),
            new Shift(
                "alice",
                Instant.parse("2026-03-23T08:00:00Z"),
                Instant.parse("2026-03-23T16:00:00Z")),
            new Shift(
                "night",
                Instant.parse("2026-03-23T16:00:00Z"),
                Instant.parse("2026-03-24T00:00:00Z")));
  }

  @Test
  @DisplayName("a window of no length or of a whole week is refused")
  void refused() {
    assertThatThrownBy(() -> Restriction.daily(WEEKDAYS, time("09:00"), time("09:00")))
        .hasMessageContaining("same time");
    assertThatThrownBy(
            () ->
                Restriction.weekly(
                    DayOfWeek.MONDAY, time("09:00"), DayOfWeek.MONDAY, time("09:00")))
        .hasMessageContaining("same time of the week");
  }
}
