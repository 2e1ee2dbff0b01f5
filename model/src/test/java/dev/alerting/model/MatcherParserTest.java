package dev.alerting.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.alerting.model.Matcher.Type;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("Alertmanager matcher syntax")
class MatcherParserTest {
  static Stream<Arguments> valid() {
    return Stream.of(
        Arguments.of("foo=\"bar\"", List.of(Matcher.of("foo", Type.EQ, "bar"))),
        Arguments.of("foo!=\"bar\"", List.of(Matcher.of("foo", Type.NEQ, "bar"))),
        Arguments.of("foo=~\"b.*\"", List.of(Matcher.of("foo", Type.RE, "b.*"))),
        Arguments.of("foo!~\"b.*\"", List.of(Matcher.of("foo", Type.NRE, "b.*"))),
        Arguments.of("foo=bar", List.of(Matcher.of("foo", Type.EQ, "bar"))),
        Arguments.of("  foo = bar  ", List.of(Matcher.of("foo", Type.EQ, "bar"))),
        Arguments.of("foo=\"\"", List.of(Matcher.of("foo", Type.EQ, ""))),
        Arguments.of("foo=\"a\\\"b,c\"", List.of(Matcher.of("foo", Type.EQ, "a\"b,c"))),
        Arguments.of(
            "{a=\"1\", b=~\"x|y\"}",
            List.of(Matcher.of("a", Type.EQ, "1"), Matcher.of("b", Type.RE, "x|y"))),
        Arguments.of(
            "a=1,b!=2", List.of(Matcher.of("a", Type.EQ, "1"), Matcher.of("b", Type.NEQ, "2"))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("valid")
  @DisplayName("parses matchers as Alertmanager does")
  void parses(String text, List<Matcher> expected) {
    assertThat(MatcherParser.parse(text)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "[{index}] ''{0}''")
  @ValueSource(strings = {"", "foo", "=bar", "foo=\"bar", "foo=~\"(\"", "{a=b", "a=b c=d\""})
  @DisplayName("rejects malformed matchers")
  void rejects(String text) {
    assertThatThrownBy(() -> MatcherParser.parse(text))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
