package dev.alerting.promql.syntax;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.alerting.model.Matcher;
import dev.alerting.promql.PromQL;
import dev.alerting.promql.ast.Aggregation;
import dev.alerting.promql.ast.Binary;
import dev.alerting.promql.ast.BinaryOp;
import dev.alerting.promql.ast.Call;
import dev.alerting.promql.ast.Expr;
import dev.alerting.promql.ast.MatrixSelector;
import dev.alerting.promql.ast.Negation;
import dev.alerting.promql.ast.NumberLiteral;
import dev.alerting.promql.ast.VectorMatching;
import dev.alerting.promql.ast.VectorSelector;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

@DisplayName("The parser")
class ParserTest {

  @ParameterizedTest(name = "{0} = {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "1 | 1",
        "1e3 | 1000",
        "1.5e-3 | 0.0015",
        ".5 | 0.5",
        "0x1F | 31",
        "0X10 | 16",
        "Inf | Infinity",
        "+Inf | Infinity",
        "-Inf | -Infinity",
        "-1 | -1",
        "- 2.5 | -2.5",
        "NaN | NaN",
        "nan | NaN"
      })
  @DisplayName("reads number literals in every Prometheus spelling")
  void numbers(String text, double expected) {
    Expr e = Parser.parse(text);
    assertThat(e).isInstanceOf(NumberLiteral.class);
    assertThat(Double.valueOf(((NumberLiteral) e).value())).isEqualTo(Double.valueOf(expected));
  }

  @Test
  @DisplayName("builds a selector with all four matcher types and anchored regexes")
  void selectorMatchers() {
    VectorSelector vs =
        (VectorSelector)
            Parser.parse("http_requests_total{a=\"1\", b!=\"2\", c=~\"3.*\", d!~'4|5',}");
    assertThat(vs.metricName()).isEqualTo("http_requests_total");
    assertThat(vs.matchers())
        .extracting(Matcher::type)
        .containsExactly(
            Matcher.Type.EQ, Matcher.Type.EQ, Matcher.Type.NEQ, Matcher.Type.RE, Matcher.Type.NRE);
    Matcher re = vs.matchers().get(3);
    assertThat(re.matches("3abc")).isTrue();
    assertThat(re.matches("x3")).as("regex is anchored").isFalse();
  }

  @Test
  @DisplayName("takes the metric name from an equality __name__ matcher")
  void nameMatcher() {
    VectorSelector vs = (VectorSelector) Parser.parse("{__name__=\"up\", job=\"a\"}");
    assertThat(vs.metricName()).isEqualTo("up");
    VectorSelector re = (VectorSelector) Parser.parse("{__name__=~\"up|down\"}");
    assertThat(re.metricName()).isNull();
  }

  @Test
  @DisplayName("reads ranges, offsets and negative offsets in milliseconds")
  void rangesAndOffsets() {
    MatrixSelector ms = (MatrixSelector) Parser.parse("foo[1h30m] offset 5m");
    assertThat(ms.rangeMillis()).isEqualTo(5_400_000);
    assertThat(ms.selector().offsetMillis()).isEqualTo(300_000);
    VectorSelector vs = (VectorSelector) Parser.parse("foo offset -30s");
    assertThat(vs.offsetMillis()).isEqualTo(-30_000);
  }

  @Test
  @DisplayName("honours Prometheus operator precedence and associativity")
  void precedence() {
    Binary b = (Binary) Parser.parse("a + b * c ^ d ^ e");
    assertThat(b.op()).isEqualTo(BinaryOp.ADD);
    Binary mul = (Binary) b.rhs();
    Binary pow = (Binary) mul.rhs();
    assertThat(pow.op()).isEqualTo(BinaryOp.POW);
    assertThat(((Binary) pow.rhs()).op()).as("^ is right-associative").isEqualTo(BinaryOp.POW);
    Binary or = (Binary) Parser.parse("a or b and c unless d > e");
    assertThat(or.op()).isEqualTo(BinaryOp.OR);
    assertThat(((Binary) or.rhs()).op()).isEqualTo(BinaryOp.UNLESS);
    Negation neg = (Negation) ((Binary) Parser.parse("-a * b")).lhs();
    assertThat(neg.expr()).isInstanceOf(VectorSelector.class);
    assertThat(Parser.parse("-a ^ b"))
        .as("unary minus binds looser than ^")
        .isInstanceOf(Negation.class);
  }

  @Test
  @DisplayName("reads vector matching modifiers with group_left extra labels")
  void matching() {
    Binary b = (Binary) Parser.parse("a > bool on(x, y) group_left(z) b");
    assertThat(b.returnBool()).isTrue();
    assertThat(b.matching())
        .isEqualTo(
            new VectorMatching(
                VectorMatching.Cardinality.MANY_TO_ONE, List.of("x", "y"), true, List.of("z")));
    Binary set = (Binary) Parser.parse("a and ignoring(x) b");
    assertThat(set.matching().card()).isEqualTo(VectorMatching.Cardinality.MANY_TO_MANY);
    assertThat(((Binary) Parser.parse("1 + a")).matching()).isNull();
  }

  @Test
  @DisplayName("reads aggregations with the grouping before or after the body")
  void aggregations() {
    Aggregation a = (Aggregation) Parser.parse("sum by (job) (rate(x[5m]))");
    Aggregation b = (Aggregation) Parser.parse("sum(rate(x[5m])) without (instance,)");
    Aggregation k = (Aggregation) Parser.parse("topk(3, x)");
    assertThat(a.grouping()).containsExactly("job");
    assertThat(a.without()).isFalse();
    assertThat(b.without()).isTrue();
    assertThat(k.param()).isInstanceOf(NumberLiteral.class);
  }

  @Test
  @DisplayName("accepts string literals in all three quotings as function arguments")
  void strings() {
    Call c = (Call) Parser.parse("label_replace(up, `dst`, 'a\\'b', \"src\\n\", \"(.*)\")");
    assertThat(c.args()).hasSize(5);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("errors")
  @DisplayName("rejects anything outside the subset with a message and a 0-based position")
  void errors(String text, String message, int position) {
    assertThatThrownBy(() -> PromQL.parse(text))
        .isInstanceOf(ParseException.class)
        .satisfies(
            e -> {
              ParseException p = (ParseException) e;
              assertThat(p.reason()).contains(message);
              assertThat(p.position()).isEqualTo(position);
              assertThat(p.getMessage()).endsWith("at position " + position);
            });
  }

  static List<Object[]> errors() {
    Map<String, Object[]> cases = new java.util.LinkedHashMap<>();
    cases.put("foo(bar)", new Object[] {"unknown function \"foo\"", 0});
    cases.put(
        "max_over_time(x[5m][1h:5m])",
        new Object[] {"subquery is only allowed on instant vector, got range vector", 19});
    cases.put(
        "max_over_time(x[1h:5m] offset 1m offset 2m)",
        new Object[] {"offset may not be set multiple times", 33});
    cases.put("rate(x[5m:0s])", new Object[] {"subquery step must be greater than 0", 10});
    cases.put(
        "max_over_time(x[30d:1s])",
        new Object[] {"subquery evaluates its expression 2592000 times per evaluation", 15});
    cases.put(
        "max_over_time(x[10000d:])",
        new Object[] {"14400000 times per evaluation, over the limit of 11000", 15});
    cases.put("(x[5m])[1h:]", new Object[] {"subquery is only allowed on instant vector", 7});
    cases.put("x[1h:5m]", new Object[] {"must evaluate to an instant vector or scalar", 0});
    cases.put("x @ 100", new Object[] {"@ with a fixed time is not supported in rules", 0});
    cases.put(
        "sum_over_time(x[1m:] @ 100)", new Object[] {"@ with a fixed time is not supported", 14});
    cases.put("x @ start() @ end()", new Object[] {"may not be set multiple times", 12});
    cases.put(
        "sum(x) @ end()", new Object[] {"@ modifier must be preceded by an instant vector", 7});
    cases.put("x @ foo", new Object[] {"expected a timestamp, start() or end() after @", 4});
    cases.put("x @ end() [5m]", new Object[] {"no offset or @ modifiers allowed before range", 10});
    // a rule is an instant query: step() and range() are 0
    cases.put("rate(x[step()])", new Object[] {"range must be greater than 0", 7});
    cases.put("x offset time()", new Object[] {"a duration expression takes durations", 9});
    cases.put("x offset 1000y", new Object[] {"duration out of range", 9});
    cases.put("x @ 1e20", new Object[] {"timestamp out of bounds for @ modifier", 4});
    cases.put("rate(x[5m > bool 1m])", new Object[] {"a duration expression takes durations", 10});
    cases.put("count_values(\"a-b\", x)", new Object[] {"invalid label name \"a-b\"", 13});
    cases.put("x + fill(1) fill_left(2) y", new Object[] {"may not be set multiple times", 12});
    cases.put("x and fill(0) y", new Object[] {"fill modifiers are not allowed for \"and\"", 6});
    cases.put("x + fill(y) z", new Object[] {"the fill value must be a number", 9});
    cases.put("holt_winters(x[5m], 0.5, 0.5)", new Object[] {"not supported", 0});
    cases.put(
        "rate(x)",
        new Object[] {
          "expected type range vector in call to function \"rate\", got instant vector", 5
        });
    cases.put("abs(x[5m])", new Object[] {"expected type instant vector", 4});
    cases.put(
        "round()", new Object[] {"expected at least 1 argument(s) in call to \"round\", got 0", 0});
    cases.put("abs(x, y)", new Object[] {"expected 1 argument(s) in call to \"abs\", got 2", 0});
    cases.put("x{a=\"b\"", new Object[] {"unexpected end of input", 7});
    cases.put("x{a==\"b\"}", new Object[] {"in label matching", 3});
    cases.put("x{a=~\"(\"}", new Object[] {"invalid regex", 5});
    cases.put("{}", new Object[] {"at least one non-empty matcher", 0});
    cases.put("{a=~\".*\"}", new Object[] {"at least one non-empty matcher", 0});
    cases.put("x{__name__=\"y\"}", new Object[] {"metric name must not be set twice", 2});
    cases.put("1 > 2", new Object[] {"comparisons between scalars must use BOOL modifier", 2});
    cases.put("x + bool y", new Object[] {"bool modifier can only be used on comparisons", 4});
    cases.put(
        "1 and x",
        new Object[] {"set operator \"and\" not allowed in binary scalar expression", 2});
    cases.put(
        "x + on(a) 1", new Object[] {"vector matching only allowed between instant vectors", 2});
    cases.put(
        "x and on(a) group_left y", new Object[] {"no grouping allowed for \"and\" operation", 12});
    cases.put(
        "x * on(a) group_left(a) y",
        new Object[] {"must not occur in ON and GROUP clause at once", 2});
    cases.put(
        "x[5m] + 1",
        new Object[] {"binary expression must contain only scalar and instant vector types", 0});
    cases.put("x offset 1m offset 2m", new Object[] {"offset may not be set multiple times", 12});
    cases.put(
        "x offset 1m [5m]", new Object[] {"no offset or @ modifiers allowed before range", 12});
    cases.put("sum(x) offset 1m", new Object[] {"offset modifier must be preceded by", 7});
    cases.put("(x)[5m]", new Object[] {"ranges only allowed for vector selectors", 3});
    cases.put("x[0s]", new Object[] {"range must be greater than 0", 2});
    cases.put("rate(x[\"5m\"])", new Object[] {"a duration expression takes durations", 7});
    cases.put("x 5m", new Object[] {"unexpected duration", 2});
    cases.put("x[5m] 5m", new Object[] {"unexpected duration", 6});
    cases.put(
        "x[5m]",
        new Object[] {
          "expression must evaluate to an instant vector or scalar, got range vector", 0
        });
    cases.put("\"str\"", new Object[] {"got string", 0});
    cases.put("sum x", new Object[] {"expected \"(\" after \"sum\"", 0});
    cases.put("topk(x)", new Object[] {"expected \",\"", 6});
    cases.put(
        "sum(1)",
        new Object[] {"expected type instant vector in aggregation expression, got scalar", 4});
    cases.put("1 +", new Object[] {"unexpected end of input", 3});
    cases.put("x y", new Object[] {"unexpected identifier \"y\"", 2});
    cases.put("x ! y", new Object[] {"unexpected character after \"!\"", 2});
    cases.put("x $ y", new Object[] {"unexpected character \"$\"", 2});
    cases.put("\"abc", new Object[] {"unterminated quoted string", 0});
    cases.put("1.2.3", new Object[] {"unexpected number", 3});
    cases.put(
        "-\"a\"",
        new Object[] {
          "unary expression only allowed on expressions of type scalar or instant vector", 0
        });
    cases.put(
        "a * group_left b",
        new Object[] {"group modifiers need a preceding on(...) or ignoring(...)", 4});
    return cases.entrySet().stream()
        .map(e -> new Object[] {e.getKey(), e.getValue()[0], e.getValue()[1]})
        .toList();
  }
}
