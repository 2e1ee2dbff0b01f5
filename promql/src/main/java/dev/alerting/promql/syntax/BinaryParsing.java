package dev.alerting.promql.syntax;

import dev.alerting.promql.ast.Binary;
import dev.alerting.promql.ast.BinaryOp;
import dev.alerting.promql.ast.Expr;
import dev.alerting.promql.ast.ValueType;
import dev.alerting.promql.ast.VectorMatching;
import dev.alerting.promql.ast.VectorMatching.Cardinality;
import java.util.List;

/**
 * Parses binary operator modifiers (bool, on/ignoring, group_left/right) and applies Prometheus's
 * type rules.
 */
final class BinaryParsing {
  private BinaryParsing() {}

  static BinaryOp operator(Token t) {
    return switch (t.kind()) {
      case ADD -> BinaryOp.ADD;
      case SUB -> BinaryOp.SUB;
      case MUL -> BinaryOp.MUL;
      case DIV -> BinaryOp.DIV;
      case MOD -> BinaryOp.MOD;
      case POW -> BinaryOp.POW;
      case EQL -> BinaryOp.EQL;
      case NEQ -> BinaryOp.NEQ;
      case GTR -> BinaryOp.GTR;
      case LSS -> BinaryOp.LSS;
      case GTE -> BinaryOp.GTE;
      case LTE -> BinaryOp.LTE;
      case TRIM_UPPER -> BinaryOp.TRIM_UPPER;
      case TRIM_LOWER -> BinaryOp.TRIM_LOWER;
      case IDENTIFIER -> keyword(t.text());
      default -> null;
    };
  }

  private static BinaryOp keyword(String s) {
    return switch (s.toLowerCase()) {
      case "and" -> BinaryOp.AND;
      case "or" -> BinaryOp.OR;
      case "unless" -> BinaryOp.UNLESS;
      case "atan2" -> BinaryOp.ATAN2;
      default -> null;
    };
  }

  /** Called after the operator token was consumed. */
  static Expr parse(Parser p, BinaryOp op, int opPos, Expr lhs) {
    boolean returnBool = false;
    if (p.peek().isKeyword("bool")) {
      if (!op.isComparison()) {
        throw new ParseException(
            "bool modifier can only be used on comparisons", p.peek().position());
      }
      p.next();
      returnBool = true;
    }
    boolean explicitMatching = false;
    boolean on = false;
    List<String> labels = List.of();
    List<String> include = List.of();
    Cardinality card = op.isSetOperator() ? Cardinality.MANY_TO_MANY : Cardinality.ONE_TO_ONE;
    if (p.peek().isKeyword("on") || p.peek().isKeyword("ignoring")) {
      explicitMatching = true;
      on = p.next().isKeyword("on");
      labels = p.labelList();
      Token g = p.peek();
      if (g.isKeyword("group_left") || g.isKeyword("group_right")) {
        if (op.isSetOperator()) {
          throw new ParseException(
              "no grouping allowed for \"" + op.symbol() + "\" operation", g.position());
        }
        p.next();
        card = g.isKeyword("group_left") ? Cardinality.MANY_TO_ONE : Cardinality.ONE_TO_MANY;
        if (p.peek().is(TokenKind.LEFT_PAREN)) {
          include = p.labelList();
        }
      }
    } else if (p.peek().isKeyword("group_left") || p.peek().isKeyword("group_right")) {
      throw new ParseException(
          "group modifiers need a preceding on(...) or ignoring(...)", p.peek().position());
    }
    Double[] fill = new Double[2];
    int fillPosition = -1;
    while (FillParsing.next(p)) {
      fillPosition = fillPosition < 0 ? p.peek().position() : fillPosition;
      FillParsing.parse(p, fill);
    }
    if (fillPosition >= 0 && op.isSetOperator()) {
      throw new ParseException(
          "fill modifiers are not allowed for \"" + op.symbol() + "\" operation", fillPosition);
    }
    int next = op.rightAssociative() ? op.precedence() : op.precedence() + 1;
    Expr rhs = p.expression(next);
    check(op, lhs, rhs, returnBool, explicitMatching || fillPosition >= 0, opPos);
    for (String l : include) {
      if (on && labels.contains(l)) {
        throw new ParseException(
            "label \"" + l + "\" must not occur in ON and GROUP clause at once", opPos);
      }
    }
    boolean vectors = lhs.type() == ValueType.VECTOR && rhs.type() == ValueType.VECTOR;
    VectorMatching matching =
        vectors ? new VectorMatching(card, labels, on, include, fill[0], fill[1]) : null;
    return new Binary(op, lhs, rhs, returnBool, matching, opPos);
  }

  private static void check(
      BinaryOp op, Expr lhs, Expr rhs, boolean returnBool, boolean explicit, int pos) {
    for (Expr side : List.of(lhs, rhs)) {
      if (side.type() != ValueType.SCALAR && side.type() != ValueType.VECTOR) {
        throw new ParseException(
            "binary expression must contain only scalar and instant vector types, got "
                + side.type().display(),
            side.position());
      }
    }
    boolean scalars = lhs.type() == ValueType.SCALAR || rhs.type() == ValueType.SCALAR;
    if (op.isComparison()
        && !returnBool
        && lhs.type() == ValueType.SCALAR
        && rhs.type() == ValueType.SCALAR) {
      throw new ParseException("comparisons between scalars must use BOOL modifier", pos);
    }
    if (op.isSetOperator() && scalars) {
      throw new ParseException(
          "set operator \"" + op.symbol() + "\" not allowed in binary scalar expression", pos);
    }
    if (explicit && scalars) {
      throw new ParseException("vector matching only allowed between instant vectors", pos);
    }
  }
}
