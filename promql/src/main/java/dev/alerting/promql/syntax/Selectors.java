package dev.alerting.promql.syntax;

import dev.alerting.model.Labels;
import dev.alerting.model.Matcher;
import dev.alerting.promql.ast.VectorSelector;
import java.util.ArrayList;
import java.util.List;

/** Parses {@code name{label op "value", ...}} and applies Prometheus's selector validity rules. */
final class Selectors {
  private Selectors() {}

  static VectorSelector parse(Parser p, String name, int position) {
    List<Matcher> matchers = new ArrayList<>();
    if (name != null) {
      matchers.add(Matcher.eq(Labels.METRIC_NAME, name));
    }
    if (p.peek().is(TokenKind.LEFT_BRACE)) {
      p.next();
      braces(p, name, matchers);
    }
    if (matchers.stream().allMatch(m -> m.matches(""))) {
      throw new ParseException(
          "vector selector must contain at least one non-empty matcher", position);
    }
    String metricName = name;
    if (metricName == null) {
      metricName =
          matchers.stream()
              .filter(m -> m.name().equals(Labels.METRIC_NAME) && m.type() == Matcher.Type.EQ)
              .map(Matcher::value)
              .findFirst()
              .orElse(null);
    }
    return new VectorSelector(metricName, matchers, 0, null, position);
  }

  private static void braces(Parser p, String name, List<Matcher> matchers) {
    while (!p.peek().is(TokenKind.RIGHT_BRACE)) {
      Token label = p.peek();
      if (!label.is(TokenKind.IDENTIFIER)) {
        throw new ParseException(
            "unexpected " + label.describe() + " in label matching, expected label name",
            label.position());
      }
      p.next();
      Token op = p.next();
      Matcher.Type type =
          switch (op.kind()) {
            case ASSIGN -> Matcher.Type.EQ;
            case NEQ -> Matcher.Type.NEQ;
            case EQL_REGEX -> Matcher.Type.RE;
            case NEQ_REGEX -> Matcher.Type.NRE;
            default ->
                throw new ParseException(
                    "unexpected "
                        + op.describe()
                        + " in label matching, expected one of \"=\", \"!=\", \"=~\", \"!~\"",
                    op.position());
          };
      Token value = p.expect(TokenKind.STRING, "a quoted label value");
      if (label.text().equals(Labels.METRIC_NAME) && name != null) {
        throw new ParseException(
            "metric name must not be set twice: \"" + name + "\" or \"" + value.text() + "\"",
            label.position());
      }
      matchers.add(Parser.matcher(label.text(), type, value));
      if (p.peek().is(TokenKind.COMMA)) {
        p.next();
      } else if (!p.peek().is(TokenKind.RIGHT_BRACE)) {
        throw new ParseException(
            "unexpected " + p.peek().describe() + " in label matching, expected \",\" or \"}\"",
            p.peek().position());
      }
    }
    p.next();
  }
}
