package dev.alerting.rule.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.alerting.model.Labels;
import dev.alerting.model.sample.Sample;
import dev.alerting.rule.engine.SeriesStore;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@DisplayName("Threshold expression parser")
class ThresholdParserTest {
  private static final ThresholdParser PARSER = new ThresholdParser();

  /** Three series of db_conns at t=1000: (db=a,env=prod)=90, (db=b,env=prod)=50, (db=c,env=dev)=80. */
  private static SeriesStore store() {
    SeriesStore s = new SeriesStore(Duration.ofMinutes(5));
    s.add(Sample.of("db_conns", Labels.of("db", "a", "env", "prod"), 90, 1000));
    s.add(Sample.of("db_conns", Labels.of("db", "b", "env", "prod"), 50, 1000));
    s.add(Sample.of("db_conns", Labels.of("db", "c", "env", "dev"), 80, 1000));
    s.add(Sample.of("other", Labels.of("db", "a"), 1000, 1000));
    return s;
  }

  static Stream<Arguments> accepted() {
    return Stream.of(
        Arguments.of("metric > number", "db_conns > 70", List.of("a", "c")),
        Arguments.of("metric < number", "db_conns < 60", List.of("b")),
        Arguments.of("metric >= number", "db_conns >= 80", List.of("a", "c")),
        Arguments.of("metric <= number", "db_conns <= 80", List.of("b", "c")),
        Arguments.of("metric == number", "db_conns == 50", List.of("b")),
        Arguments.of("metric != number", "db_conns != 50", List.of("a", "c")),
        Arguments.of("an equality matcher", "db_conns{env=\"prod\"} > 0", List.of("a", "b")),
        Arguments.of("a negative matcher", "db_conns{env!=\"prod\"} > 0", List.of("c")),
        Arguments.of("an anchored regex matcher", "db_conns{db=~\"a|c\"} > 0", List.of("a", "c")),
        Arguments.of("a negative regex matcher", "db_conns{db!~\"[ab]\"} > 0", List.of("c")),
        Arguments.of("several matchers, a trailing comma and spaces", " db_conns { env = 'prod' , db =~ `a.*` , } > 0 ", List.of("a")),
        Arguments.of("empty braces", "db_conns{} > 85", List.of("a")),
        Arguments.of("a negative number", "db_conns > -1", List.of("a", "b", "c")),
        Arguments.of("an exponent", "db_conns > 8.5e1", List.of("a")),
        Arguments.of("a hex number", "db_conns > 0x50", List.of("a")),
        Arguments.of("+Inf", "db_conns < +Inf", List.of("a", "b", "c")),
        Arguments.of("NaN never compares", "db_conns > NaN", List.of()),
        Arguments.of("a metric without series", "missing_metric > 0", List.of()));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("accepted")
  @DisplayName("accepts the subset and filters series by their latest value")
  void acceptsAndEvaluates(String why, String text, List<String> dbs) throws Exception {
    Expression e = PARSER.parse(text);
    List<Element> out = e.evaluate(store(), 1000);
    assertThat(out).extracting(el -> el.labels().get("db")).containsExactlyInAnyOrderElementsOf(dbs);
    assertThat(e.text()).isEqualTo(text);
  }

  @Test
  @DisplayName("results drop __name__ and keep the sample value, as PromQL comparisons do")
  void resultsDropMetricName() throws Exception {
    List<Element> out = PARSER.parse("db_conns{db=\"a\"} > 1").evaluate(store(), 1000);
    assertThat(out).containsExactly(new Element(Labels.of("db", "a", "env", "prod"), 90));
  }

  @Test
  @DisplayName("selectors name the metric so the engine knows which samples concern the rule")
  void exposesSelectors() throws Exception {
    Expression e = PARSER.parse("db_conns{env=\"prod\"} > 1");
    assertThat(e.selectors()).hasSize(1);
    assertThat(e.selectors().get(0)).extracting(Object::toString)
        .containsExactly("__name__=\"db_conns\"", "env=\"prod\"");
  }

  static Stream<Arguments> rejected() {
    return Stream.of(
        Arguments.of("a parenthesised expression", "(rate(x[5m])) > 1", 1, "expected a metric name but found '(rate(x[5m])) > 1'"),
        Arguments.of("a function call", "rate(http_requests_total[5m]) > 1", 1, "function calls are not supported"),
        Arguments.of("a function call after spaces", "  histogram_quantile(0.95, x) > 2", 3, "function calls are not supported"),
        Arguments.of("a range selector", "x[5m] > 1", 2, "range selectors are not supported"),
        Arguments.of("a bare selector", "up", 3, "expected a comparison operator (> < >= <= == !=) after the selector"),
        Arguments.of("arithmetic", "a - b > 1", 3, "expected a comparison operator (> < >= <= == !=) but found '- b > 1'"),
        Arguments.of("a selector on the right", "a > b", 5, "expected a number but found 'b'"),
        Arguments.of("the bool modifier", "a > bool 1", 5, "the bool modifier is not supported"),
        Arguments.of("a binary op after the number", "a > 1 and b", 7, "expected the end of the expression but found 'and b'"),
        Arguments.of("offset", "a offset 1h > 1", 3, "but found 'offset 1h > 1'"),
        Arguments.of("a number first", "100 - x > 80", 1, "expected a metric name"),
        Arguments.of("a missing number", "a >", 4, "expected a number after the comparison operator"),
        Arguments.of("an empty expression", "   ", 4, "the expression is empty"),
        Arguments.of("a bad matcher operator", "a{b~\"x\"} > 1", 4, "expected a label matcher (= != =~ !~)"),
        Arguments.of("an unquoted value", "a{b=x} > 1", 5, "expected a quoted string"),
        Arguments.of("a missing comma", "a{b=\"x\" c=\"y\"} > 1", 9, "expected ',' or '}'"),
        Arguments.of("a __name__ matcher", "a{__name__=\"b\"} > 1", 3, "__name__ matcher"));
  }

  @ParameterizedTest(name = "rejects {0}: {1}")
  @MethodSource("rejected")
  @DisplayName("rejects everything outside the subset with the 1-based position")
  void rejectsOutsideSubset(String why, String text, int position, String message) {
    assertThatThrownBy(() -> PARSER.parse(text))
        .isInstanceOfSatisfying(ExpressionException.class, e -> assertThat(e.position()).isEqualTo(position))
        .hasMessageStartingWith("expression outside the supported subset at position " + position + ": ")
        .hasMessageContaining(message);
  }

  static Stream<Arguments> invalid() {
    return Stream.of(
        Arguments.of("an unterminated string", "a{b=\"x} > 1", 5, "unterminated string"),
        Arguments.of("a bad regex", "a{b=~\"(\"} > 1", 4, "invalid regex"),
        Arguments.of("a bad escape", "a{b=\"\\q\"} > 1", 6, "unknown escape sequence"));
  }

  @ParameterizedTest(name = "rejects {0}")
  @MethodSource("invalid")
  @DisplayName("rejects malformed expressions within the subset with the position")
  void rejectsInvalid(String why, String text, int position, String message) {
    assertThatThrownBy(() -> PARSER.parse(text))
        .isInstanceOfSatisfying(ExpressionException.class, e -> assertThat(e.position()).isEqualTo(position))
        .hasMessageStartingWith("invalid expression at position " + position)
        .hasMessageContaining(message);
  }
}
