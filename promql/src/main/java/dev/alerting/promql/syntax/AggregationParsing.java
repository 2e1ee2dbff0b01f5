package dev.alerting.promql.syntax;

import dev.alerting.model.Labels;
import dev.alerting.promql.ast.Aggregation;
import dev.alerting.promql.ast.AggregationOp;
import dev.alerting.promql.ast.Expr;
import dev.alerting.promql.ast.Exprs;
import dev.alerting.promql.ast.StringLiteral;
import dev.alerting.promql.ast.ValueType;
import java.util.List;

/** Parses {@code op [by|without (labels)] ([param,] expr) [by|without (labels)]}. */
final class AggregationParsing {
  private AggregationParsing() {}

  static Aggregation parse(Parser p, AggregationOp op, int position) {
    List<String> grouping = List.of();
    boolean without = false;
    boolean grouped = false;
    if (p.peek().isKeyword("by") || p.peek().isKeyword("without")) {
      without = p.next().isKeyword("without");
      grouping = p.labelList();
      grouped = true;
    }
    p.expect(TokenKind.LEFT_PAREN, "\"(\" after aggregation \"" + op.keyword() + "\"");
    Expr param = null;
    if (op.hasParam()) {
      param = p.expression(0);
      p.expect(TokenKind.COMMA, "\",\" after the parameter of \"" + op.keyword() + "\"");
    }
    Expr expr = p.expression(0);
    if (p.peek().is(TokenKind.COMMA)) {
      throw new ParseException(
          "too many arguments for aggregation \"" + op.keyword() + "\"", p.peek().position());
    }
    p.expect(TokenKind.RIGHT_PAREN, "\")\"");
    if (p.peek().isKeyword("by") || p.peek().isKeyword("without")) {
      if (grouped) {
        throw new ParseException(
            "aggregation may only have one grouping clause", p.peek().position());
      }
      without = p.next().isKeyword("without");
      grouping = p.labelList();
    }
    ValueType paramType = op == AggregationOp.COUNT_VALUES ? ValueType.STRING : ValueType.SCALAR;
    if (param != null && param.type() != paramType) {
      throw new ParseException(
          "expected type "
              + paramType.display()
              + " in aggregation parameter, got "
              + param.type().display(),
          param.position());
    }
    if (op == AggregationOp.COUNT_VALUES
        && Exprs.unparen(param) instanceof StringLiteral label
        && !Labels.isValidLabelName(label.value())) {
      // Prometheus finds this when evaluating; a rule should not load with it
      throw new ParseException("invalid label name \"" + label.value() + "\"", param.position());
    }
    if (expr.type() != ValueType.VECTOR) {
      throw new ParseException(
          "expected type instant vector in aggregation expression, got " + expr.type().display(),
          expr.position());
    }
    return new Aggregation(op, param, expr, grouping, without, position);
  }
}
