package dev.alerting.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Regex matchers speak RE2 (Go's syntax, as Prometheus and Alertmanager) and match in linear time.
 * Expected answers follow Go's regexp package, which Prometheus's matchers use.
 */
@DisplayName("Regex matchers (RE2)")
class MatcherRegexTest {

  @Test
  @DisplayName(
      "a catastrophic-backtracking pattern against a long hostile label value ends at once")
  void noCatastrophicBacktracking() {
    String hostile = "a".repeat(50_000) + "!";
    Matcher m = Matcher.of("v", Matcher.Type.RE, "(a+)+$");
    Matcher nested = Matcher.of("v", Matcher.Type.RE, "(a|aa)+b");
    // java.util.regex needs ~2^n steps here; RE2 is linear. The bound only catches a hang.
    assertTimeoutPreemptively(
        Duration.ofSeconds(10),
        () -> {
          assertThat(m.matches(hostile)).isFalse();
          assertThat(nested.matches(hostile)).isFalse();
        });
  }

  static Stream<Arguments> goSyntax() {
    return Stream.of(
        Arguments.of("digits class", "\\d+", "2024", true),
        Arguments.of("case-insensitive flag", "(?i)prod", "PROD", true),
        Arguments.of("POSIX class", "[[:alpha:]]+", "abc", true),
        Arguments.of("Unicode letter class", "\\pL+", "äöü", true),
        Arguments.of("fully anchored", "prod", "production", false),
        Arguments.of("alternation anchored as a whole", "a|b", "ab", false),
        Arguments.of("dot matches newline (Prometheus anchors with (?s))", "a.b", "a\nb", true));
  }

  @ParameterizedTest(name = "{0}: {1} ~ {2} = {3}")
  @MethodSource("goSyntax")
  @DisplayName("Go's syntax and Prometheus's anchoring")
  void goSyntaxMatches(String name, String regex, String value, boolean expected) {
    assertThat(Matcher.of("l", Matcher.Type.RE, regex).matches(value)).isEqualTo(expected);
    assertThat(Matcher.of("l", Matcher.Type.NRE, regex).matches(value)).isEqualTo(!expected);
  }

  static Stream<Arguments> notGo() {
    return Stream.of(
        Arguments.of("look-ahead (Java only)", "a(?=b)"),
        Arguments.of("back-reference (Java only)", "(a)\\1"),
        Arguments.of("possessive quantifier (Java only)", "a*+"),
        Arguments.of("unbalanced group", "(a"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("notGo")
  @DisplayName("what Go's regexp rejects is rejected with the label named")
  void rejectsWhatGoRejects(String name, String regex) {
    assertThatThrownBy(() -> Matcher.of("job", Matcher.Type.RE, regex))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("invalid regex for label job");
  }
}
