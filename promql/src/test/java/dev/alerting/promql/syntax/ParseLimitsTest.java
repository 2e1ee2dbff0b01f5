package dev.alerting.promql.syntax;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.alerting.promql.PromQL;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@DisplayName("Parser limits on hostile expressions")
class ParseLimitsTest {

  static Stream<Arguments> hostile() {
    return Stream.of(
        Arguments.of(
            "30 000 nested parentheses", "(".repeat(30_000) + "up" + ")".repeat(30_000), "nested"),
        Arguments.of("a chain of 60 000 unary minus signs", "-".repeat(60_000) + "1", "nested"),
        Arguments.of(
            "12 000 nested function calls",
            "abs(".repeat(12_000) + "up" + ")".repeat(12_000),
            "nested"),
        Arguments.of(
            "an expression of 100 000 characters", "up + ".repeat(20_000) + "up", "characters"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("hostile")
  @DisplayName("fails with a parse error naming the limit, never a stack overflow")
  void hostileExpressionsFailCleanly(String name, String text, String reason) {
    assertThatThrownBy(() -> PromQL.parse(text))
        .isInstanceOf(ParseException.class)
        .hasMessageContaining(reason)
        .hasMessageContaining("limit");
  }

  @Test
  @DisplayName("limits are configurable and ordinary nesting stays well within the default")
  void limitsConfigurable() {
    String nested = "sum(rate(x[5m])) / (sum(rate(y[5m])) + (1 - (2 * (3))))";
    assertThat(PromQL.parse(nested)).isNotNull();
    assertThatThrownBy(() -> PromQL.parse(nested, new ParseLimits(1000, 3)))
        .isInstanceOf(ParseException.class)
        .hasMessageContaining("nested deeper than the limit of 3");
    assertThatThrownBy(() -> PromQL.parse(nested, new ParseLimits(10, 100)))
        .isInstanceOf(ParseException.class)
        .hasMessageContaining("over the limit of 10");
  }

  @Test
  @DisplayName(
      "a malformed octal escape is a parse error, not a NumberFormatException (found by fuzzing)")
  void malformedOctalEscape() {
    assertThatThrownBy(() -> PromQL.parse("up{a=\"\\3xb\"}"))
        .isInstanceOf(ParseException.class)
        .hasMessageContaining("escape");
    assertThatThrownBy(() -> PromQL.parse("up{a=\"\\400\"}"))
        .isInstanceOf(ParseException.class)
        .hasMessageContaining("> 255");
    assertThat(PromQL.parse("up{a=\"\\101\"}")).isNotNull();
  }
}
