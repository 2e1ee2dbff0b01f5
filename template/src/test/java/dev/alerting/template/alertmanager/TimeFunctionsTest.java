package dev.alerting.template.alertmanager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.alerting.template.Templates;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code date}, {@code tz}, {@code since} and {@code humanizeDuration} of a duration (Alertmanager
 * 0.28's template/template.go: {@code date} is {@code t.Format(layout)}, {@code tz} is {@code
 * t.In(time.LoadLocation(name))}, {@code since} is {@code time.Since}, {@code humanizeDuration}
 * takes a {@code time.Duration} as its seconds). The installed amtool 0.25 has none of them, so:
 * the {@code date} expectations are what amtool 0.25 printed for the same layouts through {@code
 * .EndsAt.Format} (the function's body); {@code tz} ones are the tz database's offsets and
 * abbreviations for those dates; {@code since} and Duration printing follow Go's documented {@code
 * Duration.String} (e.g. {@code 72h3m0.5s}).
 */
class TimeFunctionsTest {
  private static final Instant T = Instant.parse("2026-01-01T01:00:00Z");
  private static final Instant NOW = T.plus(Duration.ofMillis(3_723_500));
  private static final Templates SET =
      Templates.parse(List.of(), AlertmanagerFunctions.library(() -> NOW));
  private static final Map<String, Object> DATA =
      Map.of(
          "t", GoTime.of(T),
          "summer", GoTime.of(Instant.parse("2026-07-01T12:00:00Z")),
          "later", GoTime.of(NOW.plus(Duration.ofMinutes(30))),
          "zero", GoTime.of((Instant) null));

  private static String render(String text) {
    return SET.render(text, DATA);
  }

  @ParameterizedTest(name = "date \"{0}\" -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "2006-01-02 15:04:05 MST|2026-01-01 01:00:00 UTC",
        "Mon Jan _2 15:04:05 2006|Thu Jan  1 01:00:00 2026",
        "02.01.2006 15:04|01.01.2026 01:00",
        "3:04PM -07:00|1:00AM +00:00",
        "2006-01-02T15:04:05Z07:00|2026-01-01T01:00:00Z"
      })
  @DisplayName("date formats with a Go layout, as amtool 0.25's .Format does")
  void date(String layout, String expected) {
    assertThat(render("{{ .t | date \"" + layout + "\" }}")).isEqualTo(expected);
    assertThat(render("{{ date \"" + layout + "\" .t }}")).isEqualTo(expected);
  }

  @ParameterizedTest(name = "tz {0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "Europe/Berlin|t|2026-01-01 02:00:00 CET +01:00",
        "Europe/Berlin|summer|2026-07-01 14:00:00 CEST +02:00",
        "America/New_York|t|2025-12-31 20:00:00 EST -05:00",
        "Asia/Tokyo|t|2026-01-01 10:00:00 JST +09:00",
        "Asia/Kolkata|t|2026-01-01 06:30:00 IST +05:30",
        "UTC|t|2026-01-01 01:00:00 UTC +00:00",
        "|t|2026-01-01 01:00:00 UTC +00:00"
      })
  @DisplayName("tz shows the same instant in a tz-database zone, with its abbreviation")
  void tz(String zone, String field, String expected) {
    String name = zone == null ? "" : zone;
    assertThat(
            render(
                "{{ ."
                    + field
                    + " | tz \""
                    + name
                    + "\" | date \"2006-01-02 15:04:05 MST -07:00\" }}"))
        .isEqualTo(expected);
  }

  @Test
  @DisplayName("a time from tz prints as Go prints a time, zone name last")
  void tzPrints() {
    assertThat(render("{{ .t | tz \"Europe/Berlin\" }}"))
        .isEqualTo("2026-01-01 02:00:00 +0100 CET");
    assertThat(render("{{ (.t | tz \"Europe/Berlin\").Unix }}")).isEqualTo("1767229200");
  }

  @Test
  @DisplayName("tz of an unknown zone or of a non-time fails as Go's template does")
  void tzErrors() {
    assertThatThrownBy(() -> render("{{ .t | tz \"Mars/Olympus\" }}"))
        .hasMessageContaining("error calling tz: unknown time zone Mars/Olympus");
    // Java would take these; Go's tz database does not
    assertThatThrownBy(() -> render("{{ .t | tz \"+01:00\" }}"))
        .hasMessageContaining("unknown time zone +01:00");
    // Go's evalArg (a constant) and validateType (a piped value) errors
    assertThatThrownBy(() -> render("{{ tz \"UTC\" \"2026-01-01\" }}"))
        .hasMessageContaining("can't handle \"2026-01-01\" for arg of type time.Time");
    assertThatThrownBy(() -> render("{{ \"2026-01-01\" | tz \"UTC\" }}"))
        .hasMessageContaining("wrong type for value; expected time.Time; got string");
  }

  @Test
  @DisplayName("since is the time.Duration from a time to now, printed and humanized as in Go")
  void since() {
    assertThat(render("{{ since .t }}")).isEqualTo("1h2m3.5s");
    assertThat(render("{{ .t | since | humanizeDuration }}")).isEqualTo("1h 2m 3s");
    assertThat(render("{{ (since .t).Seconds }}")).isEqualTo("3723.5");
    assertThat(render("{{ since .later }}")).isEqualTo("-30m0s");
    // Go's Time.Sub saturates: the zero time is further back than an int64 of nanoseconds
    assertThat(render("{{ since .zero }}")).isEqualTo("2562047h47m16.854775807s");
  }

  @ParameterizedTest(name = "{0} ns -> {1}")
  @CsvSource({
    "0,0s",
    "999,999ns",
    "1500,1.5µs",
    "1500000,1.5ms",
    "1000000000,1s",
    "90000000000,1m30s",
    "3600000000000,1h0m0s",
    "259380500000000,72h3m0.5s",
    "4530918273645,1h15m30.918273645s",
    "-1500000000,-1.5s",
    "-9223372036854775808,-2562047h47m16.854775808s"
  })
  @DisplayName("a Duration prints as Go's Duration.String")
  void durationString(long nanos, String expected) {
    assertThat(new GoDuration(nanos)).hasToString(expected);
  }
}
