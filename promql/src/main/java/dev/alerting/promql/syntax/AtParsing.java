package dev.alerting.promql.syntax;

import dev.alerting.promql.ast.At;
import dev.alerting.promql.ast.Expr;
import dev.alerting.promql.ast.MatrixSelector;
import dev.alerting.promql.ast.Subquery;
import dev.alerting.promql.ast.VectorSelector;

/**
 * The {@code @} modifier after a selector or subquery: {@code @ <unix seconds>} (a number or a
 * duration since the epoch, signed), {@code @ start()} or {@code @ end()}.
 */
final class AtParsing {
  private AtParsing() {}

  static Expr parse(Parser p, Expr e, Token at) {
    p.next();
    At value = value(p);
    if (e instanceof VectorSelector vs) {
      once(vs.at(), at);
      return vs.withAt(value);
    }
    if (e instanceof MatrixSelector ms) {
      once(ms.selector().at(), at);
      return new MatrixSelector(ms.selector().withAt(value), ms.rangeMillis(), ms.position());
    }
    if (e instanceof Subquery sq) {
      once(sq.at(), at);
      return sq.withAt(value);
    }
    throw new ParseException(
        "@ modifier must be preceded by an instant vector selector or range vector selector or a"
            + " subquery",
        at.position());
  }

  private static void once(At existing, Token at) {
    if (existing != null) {
      throw new ParseException("@ <timestamp> may not be set multiple times", at.position());
    }
  }

  private static At value(Parser p) {
    Token t = p.peek();
    if (t.is(TokenKind.IDENTIFIER)
        && (t.text().equalsIgnoreCase("start") || t.text().equalsIgnoreCase("end"))
        && p.peekAt(1).is(TokenKind.LEFT_PAREN)
        && p.peekAt(2).is(TokenKind.RIGHT_PAREN)) {
      p.next();
      p.next();
      p.next();
      return new At(t.text().equalsIgnoreCase("start") ? At.Kind.START : At.Kind.END, 0);
    }
    boolean negative = false;
    if (p.peek().is(TokenKind.SUB) || p.peek().is(TokenKind.ADD)) {
      negative = p.next().is(TokenKind.SUB);
    }
    Token v = p.peek();
    double seconds;
    if (v.is(TokenKind.NUMBER)) {
      seconds = Parser.number(p.next());
    } else if (v.is(TokenKind.DURATION)) {
      seconds = Parser.duration(p.next()) / 1000.0;
    } else {
      throw new ParseException(
          "unexpected " + v.describe() + ", expected a timestamp, start() or end() after @",
          v.position());
    }
    if (Double.isNaN(seconds) || Math.abs(seconds * 1000) > DurationParsing.MAX_MILLIS) {
      throw new ParseException("timestamp out of bounds for @ modifier: " + seconds, v.position());
    }
    return At.time(Math.round((negative ? -seconds : seconds) * 1000));
  }
}
