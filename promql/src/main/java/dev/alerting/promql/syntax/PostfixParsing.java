package dev.alerting.promql.syntax;

import dev.alerting.promql.ast.Expr;
import dev.alerting.promql.ast.MatrixSelector;
import dev.alerting.promql.ast.Subquery;
import dev.alerting.promql.ast.ValueType;
import dev.alerting.promql.ast.VectorSelector;

/**
 * What may follow a primary expression: a range {@code [5m]}, a subquery {@code [30m:1m]} or {@code
 * [30m:]}, and {@code offset d}.
 */
final class PostfixParsing {
  private PostfixParsing() {}

  static Expr parse(Parser p, Expr e) {
    while (true) {
      Token t = p.peek();
      if (t.is(TokenKind.LEFT_BRACKET)) {
        e = bracket(p, e, t);
      } else if (t.isKeyword("offset")) {
        e = offset(p, e, t);
      } else if (t.is(TokenKind.AT)) {
        e = AtParsing.parse(p, e, t);
      } else {
        return e;
      }
    }
  }

  /** At most this many steps per subquery (Prometheus caps a range query at 11 000 points). */
  static final long MAX_SUBQUERY_STEPS = 11_000;

  private static Expr bracket(Parser p, Expr e, Token bracket) {
    p.next();
    Token d = p.peek();
    long range = DurationParsing.expression(p);
    if (range <= 0) {
      throw new ParseException("range must be greater than 0", d.position());
    }
    if (p.peek().is(TokenKind.COLON)) {
      return subquery(p, e, range, bracket);
    }
    if (!(e instanceof VectorSelector vs)) {
      throw new ParseException("ranges only allowed for vector selectors", bracket.position());
    }
    if (vs.offsetMillis() != 0 || vs.at() != null) {
      throw new ParseException("no offset or @ modifiers allowed before range", bracket.position());
    }
    p.expect(TokenKind.RIGHT_BRACKET, "\"]\"");
    return new MatrixSelector(vs, range, e.position());
  }

  private static Expr subquery(Parser p, Expr e, long range, Token bracket) {
    p.next();
    long step = 0;
    if (!p.peek().is(TokenKind.RIGHT_BRACKET)) {
      Token s = p.peek();
      step = DurationParsing.expression(p);
      if (step <= 0) {
        throw new ParseException("subquery step must be greater than 0", s.position());
      }
    }
    p.expect(TokenKind.RIGHT_BRACKET, "\"]\"");
    if (e.type() != ValueType.VECTOR) {
      throw new ParseException(
          "subquery is only allowed on instant vector, got " + e.type().display(),
          bracket.position());
    }
    long steps = range / (step > 0 ? step : Subquery.DEFAULT_STEP_MILLIS);
    if (steps > MAX_SUBQUERY_STEPS) {
      // each evaluation runs the inner expression once per step: [30d:1s] would be 2.6 million
      throw new ParseException(
          "subquery evaluates its expression "
              + steps
              + " times per evaluation, over the limit of "
              + MAX_SUBQUERY_STEPS
              + " (the points Prometheus allows a range query per series): use a larger step",
          bracket.position());
    }
    return new Subquery(e, range, step, 0, null, e.position());
  }

  private static Expr offset(Parser p, Expr e, Token keyword) {
    p.next();
    long off = DurationParsing.operand(p);
    if (e instanceof VectorSelector vs) {
      if (vs.offsetMillis() != 0) {
        throw new ParseException("offset may not be set multiple times", keyword.position());
      }
      return vs.withOffset(off);
    }
    if (e instanceof MatrixSelector ms) {
      if (ms.selector().offsetMillis() != 0) {
        throw new ParseException("offset may not be set multiple times", keyword.position());
      }
      return new MatrixSelector(ms.selector().withOffset(off), ms.rangeMillis(), ms.position());
    }
    if (e instanceof Subquery sq) {
      if (sq.offsetMillis() != 0) {
        throw new ParseException("offset may not be set multiple times", keyword.position());
      }
      return sq.withOffset(off);
    }
    throw new ParseException(
        "offset modifier must be preceded by an instant vector selector, range vector selector or"
            + " subquery",
        keyword.position());
  }
}
