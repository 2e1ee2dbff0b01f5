package dev.alerting.notify.timeinterval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Time interval semantics, expectations reasoned from Alertmanager's documentation and its
 * ContainsTime rules: times start-inclusive/end-exclusive on the wall clock of the location,
 * negative days count back from the month's last day (clamped to the month, skipped when the start
 * is past its end), empty fields accept everything.
 */
@DisplayName("Time intervals")
class TimeIntervalTest {
  private static TimeInterval interval(
      List<String> times,
      List<String> weekdays,
      List<String> days,
      List<String> months,
      List<String> years,
      String location) {
    return new TimeInterval(
        times.stream()
            .map(t -> t.split("-"))
            .map(p -> TimeIntervalSyntax.times(p[0], p[1]))
            .toList(),
        weekdays.stream().map(TimeIntervalSyntax::weekdays).toList(),
        days.stream().map(TimeIntervalSyntax::daysOfMonth).toList(),
        months.stream().map(TimeIntervalSyntax::months).toList(),
        years.stream().map(TimeIntervalSyntax::years).toList(),
        TimeIntervalSyntax.location(location));
  }

  private static final TimeInterval BERLIN_OFFICE =
      interval(
          List.of("09:00-17:00"),
          List.of("monday:friday"),
          List.of(),
          List.of(),
          List.of(),
          "Europe/Berlin");
  private static final TimeInterval BERLIN_2_TO_3 =
      interval(List.of("02:00-03:00"), List.of(), List.of(), List.of(), List.of(), "Europe/Berlin");
  private static final TimeInterval BERLIN_9_TO_10 =
      interval(List.of("09:00-10:00"), List.of(), List.of(), List.of(), List.of(), "Europe/Berlin");
  private static final TimeInterval LAST_DAY =
      interval(List.of(), List.of(), List.of("-1"), List.of(), List.of(), "");
  private static final TimeInterval LAST_THREE =
      interval(List.of(), List.of(), List.of("-3:-1"), List.of(), List.of(), "");
  private static final TimeInterval DAYS_30_31 =
      interval(List.of(), List.of(), List.of("30:31"), List.of(), List.of(), "");
  private static final TimeInterval DAYS_25_31 =
      interval(List.of(), List.of(), List.of("25:31"), List.of(), List.of(), "");
  private static final TimeInterval FIRST_IN_BERLIN =
      interval(List.of(), List.of(), List.of("1"), List.of(), List.of(), "Europe/Berlin");
  private static final TimeInterval FIRST_IN_UTC =
      interval(List.of(), List.of(), List.of("1"), List.of(), List.of(), "UTC");
  private static final TimeInterval WINTER_2026 =
      interval(
          List.of(), List.of(), List.of(), List.of("december", "1:2"), List.of("2025:2026"), "");
  private static final TimeInterval WEEKEND_EVENINGS =
      interval(
          List.of("18:00-24:00"),
          List.of("saturday", "sunday"),
          List.of(),
          List.of(),
          List.of(),
          "");

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of(
            "Thursday 09:30 Berlin (08:30Z, CET)", BERLIN_OFFICE, "2026-12-03T08:30:00Z", true),
        Arguments.of(
            "Thursday 17:00 Berlin: end is exclusive",
            BERLIN_OFFICE,
            "2026-12-03T16:00:00Z",
            false),
        Arguments.of("Thursday 08:59 Berlin", BERLIN_OFFICE, "2026-12-03T07:59:00Z", false),
        Arguments.of("Saturday 10:00 Berlin", BERLIN_OFFICE, "2026-12-05T09:00:00Z", false),
        Arguments.of(
            "Thursday 09:30 Berlin in summer (07:30Z, CEST)",
            BERLIN_OFFICE,
            "2026-07-02T07:30:00Z",
            true),
        Arguments.of(
            "spring forward: 01:30 CET is before 02:00",
            BERLIN_2_TO_3,
            "2026-03-29T00:30:00Z",
            false),
        Arguments.of(
            "spring forward: the next instant is 03:00 CEST, 02:xx never happens",
            BERLIN_2_TO_3,
            "2026-03-29T01:00:00Z",
            false),
        Arguments.of(
            "day before DST: 09:30 is 08:30Z", BERLIN_9_TO_10, "2026-03-28T08:30:00Z", true),
        Arguments.of("day of DST: 09:30 is 07:30Z", BERLIN_9_TO_10, "2026-03-29T07:30:00Z", true),
        Arguments.of(
            "day of DST: 08:30Z is 10:30 CEST", BERLIN_9_TO_10, "2026-03-29T08:30:00Z", false),
        Arguments.of("fall back: first 02:30 (CEST)", BERLIN_2_TO_3, "2026-10-25T00:30:00Z", true),
        Arguments.of("fall back: second 02:30 (CET)", BERLIN_2_TO_3, "2026-10-25T01:30:00Z", true),
        Arguments.of("-1 is 28 February 2026", LAST_DAY, "2026-02-28T12:00:00Z", true),
        Arguments.of("-1 is not 27 February 2026", LAST_DAY, "2026-02-27T12:00:00Z", false),
        Arguments.of("-1 is 29 February in a leap year", LAST_DAY, "2028-02-29T12:00:00Z", true),
        Arguments.of(
            "-1 is not 28 February in a leap year", LAST_DAY, "2028-02-28T12:00:00Z", false),
        Arguments.of("-3:-1 covers 28 April (30 days)", LAST_THREE, "2026-04-28T00:00:00Z", true),
        Arguments.of("-3:-1 does not cover 27 April", LAST_THREE, "2026-04-27T23:59:00Z", false),
        Arguments.of("30:31 is skipped in February", DAYS_30_31, "2026-02-28T12:00:00Z", false),
        Arguments.of(
            "25:31 is clamped to 28 in February", DAYS_25_31, "2026-02-28T12:00:00Z", true),
        Arguments.of(
            "day 1 in Berlin starts at 23:00Z the day before",
            FIRST_IN_BERLIN,
            "2026-11-30T23:30:00Z",
            true),
        Arguments.of(
            "the same instant is 30 November in UTC", FIRST_IN_UTC, "2026-11-30T23:30:00Z", false),
        Arguments.of("December 2026", WINTER_2026, "2026-12-15T00:00:00Z", true),
        Arguments.of("February 2026", WINTER_2026, "2026-02-15T00:00:00Z", true),
        Arguments.of("March 2026", WINTER_2026, "2026-03-15T00:00:00Z", false),
        Arguments.of("January 2027: year out of range", WINTER_2026, "2027-01-15T00:00:00Z", false),
        Arguments.of("Sunday 23:59 (end 24:00)", WEEKEND_EVENINGS, "2026-12-06T23:59:00Z", true),
        Arguments.of("Monday 00:00", WEEKEND_EVENINGS, "2026-12-07T00:00:00Z", false));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  @DisplayName("an instant is inside exactly when every set field accepts it")
  void contains(String name, TimeInterval ti, String at, boolean inside) {
    assertThat(ti.contains(Instant.parse(at))).isEqualTo(inside);
  }

  static Stream<Arguments> invalid() {
    return Stream.of(
        Arguments.of(
            "hour 25",
            (Runnable) () -> TimeIntervalSyntax.times("25:00", "26:00"),
            "couldn't parse timestamp 25:00, invalid format"),
        Arguments.of(
            "start not before end",
            (Runnable) () -> TimeIntervalSyntax.times("10:00", "10:00"),
            "start time cannot be equal or greater than end time"),
        Arguments.of(
            "unknown weekday",
            (Runnable) () -> TimeIntervalSyntax.weekdays("funday"),
            "funday is not a valid weekday"),
        Arguments.of(
            "day 0",
            (Runnable) () -> TimeIntervalSyntax.daysOfMonth("0"),
            "0 is not a valid day of the month: out of range"),
        Arguments.of(
            "day -32",
            (Runnable) () -> TimeIntervalSyntax.daysOfMonth("-32"),
            "-32 is not a valid day of the month: out of range"),
        Arguments.of(
            "days backwards",
            (Runnable) () -> TimeIntervalSyntax.daysOfMonth("5:3"),
            "end day must be greater than start day: 5:3"),
        Arguments.of(
            "months backwards",
            (Runnable) () -> TimeIntervalSyntax.months("december:january"),
            "start month cannot be after end month: december:january"),
        Arguments.of(
            "unknown zone",
            (Runnable) () -> TimeIntervalSyntax.location("Mars/Olympus"),
            "unknown time zone Mars/Olympus"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalid")
  @DisplayName("bad fields are refused with the reason")
  void refused(String name, Runnable parse, String message) {
    assertThatThrownBy(parse::run).isInstanceOf(IllegalArgumentException.class).hasMessage(message);
  }
}
