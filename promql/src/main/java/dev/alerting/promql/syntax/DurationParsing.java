package dev.alerting.promql.syntax;

import dev.alerting.promql.ast.Binary;
import dev.alerting.promql.ast.Call;
import dev.alerting.promql.ast.Expr;
import dev.alerting.promql.ast.Negation;
import dev.alerting.promql.ast.NumberLiteral;
import dev.alerting.promql.ast.Paren;
import dev.alerting.promql.binary.Arithmetic;

/**
 * Prometheus 3's duration expressions, in ranges, subquery steps and offsets: durations ({@code
 * 5m}) and plain numbers (seconds) combined with {@code + - * / % ^}, parentheses, {@code min_of},
 * {@code max_of}, {@code step()} and {@code range()}. They are folded to milliseconds here, with
 * the query's step and range, as Prometheus resolves them before evaluating; for a rule (an instant
 * query) both are 0.
 */
final class DurationParsing {
  /** Prometheus's durations are Go's, int64 nanoseconds: about 292 years. */
  static final double MAX_MILLIS = Long.MAX_VALUE / 1_000_000.0;

  private DurationParsing() {}

  /** A whole expression, up to {@code ]} or {@code :}. */
  static long expression(Parser p) {
    int position = p.peek().position();
    return fold(p, p.expression(0), position);
  }

  /**
   * What follows {@code offset}: signs and one operand (a number, a duration, a call or a
   * parenthesised expression), so that {@code x offset 5m + 1} adds 1 to the selector.
   */
  static long operand(Parser p) {
    int position = p.peek().position();
    boolean negative = false;
    while (p.peek().is(TokenKind.SUB) || p.peek().is(TokenKind.ADD)) {
      negative ^= p.next().is(TokenKind.SUB);
    }
    long millis = fold(p, p.atom(), position);
    return negative ? -millis : millis;
  }

  private static long fold(Parser p, Expr e, int position) {
    double seconds = seconds(p, e);
    if (Double.isNaN(seconds) || Double.isInfinite(seconds)) {
      throw new ParseException("duration expression is not a finite number: " + seconds, position);
    }
    double millis = seconds * 1000;
    if (Math.abs(millis) > MAX_MILLIS) {
      throw new ParseException("duration out of range: " + seconds + "s", position);
    }
    return Math.round(millis);
  }

  private static double seconds(Parser p, Expr e) {
    if (e instanceof NumberLiteral n) {
      return n.value();
    } else if (e instanceof Paren paren) {
      return seconds(p, paren.expr());
    } else if (e instanceof Negation n) {
      return -seconds(p, n.expr());
    } else if (e instanceof Binary b && !b.op().isComparison() && !b.op().isSetOperator()) {
      return Arithmetic.apply(b.op(), seconds(p, b.lhs()), seconds(p, b.rhs()));
    } else if (e instanceof Call c) {
      switch (c.function()) {
        case STEP:
          return p.stepMillis() / 1000.0;
        case RANGE:
          return p.rangeMillis() / 1000.0;
        case MIN_OF:
          return Math.min(seconds(p, c.args().get(0)), seconds(p, c.args().get(1)));
        case MAX_OF:
          return Math.max(seconds(p, c.args().get(0)), seconds(p, c.args().get(1)));
        default:
          break;
      }
    }
    throw new ParseException(
        "a duration expression takes durations, numbers, + - * / % ^, min_of, max_of, step() and"
            + " range() only",
        e.position());
  }
}
