package dev.alerting.promql.notation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.alerting.model.Labels;
import dev.alerting.promql.syntax.ParseException;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("promtool's input series notation")
class SeriesNotationTest {

  private static String render(List<SeriesNotation.Step> steps) {
    return steps.stream()
        .map(s -> s.index() + "=" + (s.isStale() ? "stale" : String.valueOf(s.value())))
        .collect(Collectors.joining(" "));
  }

  @ParameterizedTest(name = "''{0}''")
  @CsvSource(
      delimiter = '|',
      value = {
        "1 2 3                 | 0=1.0 1=2.0 2=3.0",
        "1+2x3                 | 0=1.0 1=3.0 2=5.0 3=7.0",
        "1-2x3                 | 0=1.0 1=-1.0 2=-3.0 3=-5.0",
        "-2+4x2                | 0=-2.0 1=2.0 2=6.0",
        "5x2                   | 0=5.0 1=5.0 2=5.0",
        "0x3                   | 0=0.0 1=0.0 2=0.0 3=0.0",
        "1 _ 3                 | 0=1.0 2=3.0",
        "1 _x3 stale           | 0=1.0 4=stale",
        "0 1 2 _ 4 stale       | 0=0.0 1=1.0 2=2.0 4=4.0 5=stale",
        "1e3 -Inf Inf NaN      | 0=1000.0 1=-Infinity 2=Infinity 3=NaN",
        "1.5e-1+0.5x1          | 0=0.15 1=0.65"
      })
  @DisplayName("expands to (index, value) steps")
  void expands(String text, String expected) {
    assertThat(render(SeriesNotation.parseValues(text))).isEqualTo(expected);
  }

  @Test
  @DisplayName("rejects malformed items with their position")
  void errors() {
    assertThatThrownBy(() -> SeriesNotation.parseValues("1 2 abc"))
        .isInstanceOf(ParseException.class)
        .satisfies(e -> assertThat(((ParseException) e).position()).isEqualTo(4));
    assertThatThrownBy(() -> SeriesNotation.parseValues("1+2xq"))
        .isInstanceOf(ParseException.class);
  }

  @Test
  @DisplayName("parses series descriptions into label sets")
  void labels() {
    assertThat(SeriesNotation.parseLabels("up{job=\"a\", instance=\"x:1\"}"))
        .isEqualTo(Labels.of("__name__", "up", "job", "a", "instance", "x:1"));
    assertThat(SeriesNotation.parseLabels("{}")).isEqualTo(Labels.empty());
    assertThatThrownBy(() -> SeriesNotation.parseLabels("up{job=~\"a\"}"))
        .isInstanceOf(ParseException.class);
  }
}
