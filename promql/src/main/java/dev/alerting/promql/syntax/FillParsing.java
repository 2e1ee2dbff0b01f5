package dev.alerting.promql.syntax;

import dev.alerting.promql.ast.Expr;
import dev.alerting.promql.ast.NumberLiteral;

/**
 * Prometheus 3's fill modifiers after a binary operator's matching clause: {@code fill(v)}, {@code
 * fill_left(v)}, {@code fill_right(v)}, v a number. A metric named {@code fill} is still a
 * selector: only the name followed by {@code (} is the modifier.
 */
final class FillParsing {
  private FillParsing() {}

  static boolean next(Parser p) {
    Token t = p.peek();
    return t.is(TokenKind.IDENTIFIER)
        && (t.text().equals("fill")
            || t.text().equals("fill_left")
            || t.text().equals("fill_right"))
        && p.peekAt(1).is(TokenKind.LEFT_PAREN);
  }

  /** Reads one modifier into {@code fill}: [0] the left value, [1] the right value. */
  static void parse(Parser p, Double[] fill) {
    Token name = p.next();
    p.next();
    Expr e = p.expression(0);
    p.expect(TokenKind.RIGHT_PAREN, "\")\" after the fill value");
    if (!(e instanceof NumberLiteral n)) {
      throw new ParseException("the fill value must be a number", e.position());
    }
    boolean left = !name.text().equals("fill_right");
    boolean right = !name.text().equals("fill_left");
    if ((left && fill[0] != null) || (right && fill[1] != null)) {
      throw new ParseException("fill value may not be set multiple times", name.position());
    }
    if (left) {
      fill[0] = n.value();
    }
    if (right) {
      fill[1] = n.value();
    }
  }
}
