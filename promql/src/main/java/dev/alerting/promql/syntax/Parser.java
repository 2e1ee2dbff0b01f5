package dev.alerting.promql.syntax;

import dev.alerting.model.Durations;
import dev.alerting.model.Labels;
import dev.alerting.model.Matcher;
import dev.alerting.promql.ast.AggregationOp;
import dev.alerting.promql.ast.Call;
import dev.alerting.promql.ast.Expr;
import dev.alerting.promql.ast.Function;
import dev.alerting.promql.ast.Negation;
import dev.alerting.promql.ast.NumberLiteral;
import dev.alerting.promql.ast.Paren;
import dev.alerting.promql.ast.StringLiteral;
import dev.alerting.promql.ast.ValueType;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Recursive-descent PromQL parser for the supported subset. Anything else fails with a {@link
 * ParseException} naming the construct and its position, so a rule can never be silently
 * mis-evaluated.
 */
public final class Parser {
  /** Prometheus functions and aggregations we recognise but deliberately do not implement. */
  private static final Set<String> UNSUPPORTED = Set.of("holt_winters", "info", "label_values");

  private final List<Token> tokens;
  private final int maxDepth;
  private final long stepMillis;
  private final long rangeMillis;
  private int index;
  private int depth;

  private Parser(List<Token> tokens, int maxDepth, long stepMillis, long rangeMillis) {
    this.tokens = tokens;
    this.maxDepth = maxDepth;
    this.stepMillis = stepMillis;
    this.rangeMillis = rangeMillis;
  }

  /** Parses a complete expression of any type. */
  public static Expr parse(String text) {
    return parse(text, ParseLimits.DEFAULT);
  }

  /**
   * Parses within {@code limits}: a longer or deeper expression fails with a ParseException. As an
   * instant query, a rule's: {@code step()} and {@code range()} in durations are 0.
   */
  public static Expr parse(String text, ParseLimits limits) {
    return parse(text, limits, 0, 0);
  }

  /**
   * Parses for a range query of {@code stepMillis} over {@code rangeMillis} (end - start), what
   * {@code step()} and {@code range()} in duration expressions resolve to.
   */
  public static Expr parse(String text, ParseLimits limits, long stepMillis, long rangeMillis) {
    if (text.length() > limits.maxLength()) {
      throw new ParseException(
          "expression is " + text.length() + " characters, over the limit of " + limits.maxLength(),
          limits.maxLength());
    }
    Parser p = new Parser(Lexer.tokenize(text), limits.maxDepth(), stepMillis, rangeMillis);
    Expr e = p.expression(0);
    Token t = p.peek();
    if (!t.is(TokenKind.EOF)) {
      throw new ParseException("unexpected " + t.describe(), t.position());
    }
    return e;
  }

  long stepMillis() {
    return stepMillis;
  }

  long rangeMillis() {
    return rangeMillis;
  }

  Token peek() {
    return tokens.get(index);
  }

  Token peekAt(int ahead) {
    return tokens.get(Math.min(index + ahead, tokens.size() - 1));
  }

  Token next() {
    Token t = tokens.get(index);
    if (!t.is(TokenKind.EOF)) {
      index++;
    }
    return t;
  }

  Token expect(TokenKind kind, String what) {
    Token t = peek();
    if (!t.is(kind)) {
      throw new ParseException("unexpected " + t.describe() + ", expected " + what, t.position());
    }
    return next();
  }

  /**
   * Precedence climbing over binary operators; unary minus binds like multiplication, as in
   * Prometheus.
   */
  Expr expression(int minPrecedence) {
    if (++depth > maxDepth) {
      throw new ParseException(
          "expression nested deeper than the limit of " + maxDepth, peek().position());
    }
    try {
      return climb(minPrecedence);
    } finally {
      depth--;
    }
  }

  private Expr climb(int minPrecedence) {
    Expr lhs = unary();
    while (true) {
      Token t = peek();
      var op = BinaryParsing.operator(t);
      if (op == null || op.precedence() < minPrecedence) {
        return lhs;
      }
      next();
      lhs = BinaryParsing.parse(this, op, t.position(), lhs);
    }
  }

  private Expr unary() {
    Token t = peek();
    if (t.is(TokenKind.SUB) || t.is(TokenKind.ADD)) {
      next();
      Expr operand = expression(dev.alerting.promql.ast.BinaryOp.POW.precedence());
      if (operand.type() != ValueType.SCALAR && operand.type() != ValueType.VECTOR) {
        throw new ParseException(
            "unary expression only allowed on expressions of type scalar or instant vector, got "
                + operand.type().display(),
            t.position());
      }
      if (t.is(TokenKind.ADD)) {
        return operand;
      }
      if (operand instanceof NumberLiteral n) {
        return new NumberLiteral(-n.value(), t.position());
      }
      return new Negation(operand, t.position());
    }
    return postfix(atom());
  }

  /** Range brackets, subqueries and offset modifiers following a primary expression. */
  private Expr postfix(Expr e) {
    return PostfixParsing.parse(this, e);
  }

  static long duration(Token t) {
    try {
      return Durations.parse(t.text()).toMillis();
    } catch (IllegalArgumentException | ArithmeticException e) {
      throw new ParseException("bad duration \"" + t.text() + "\"", t.position());
    }
  }

  Expr atom() {
    Token t = peek();
    switch (t.kind()) {
      case NUMBER:
        next();
        return new NumberLiteral(number(t), t.position());
      case STRING:
        next();
        return new StringLiteral(t.text(), t.position());
      case LEFT_PAREN:
        next();
        Expr inner = expression(0);
        expect(TokenKind.RIGHT_PAREN, "\")\"");
        return new Paren(inner, t.position());
      case LEFT_BRACE:
        return Selectors.parse(this, null, t.position());
      case IDENTIFIER:
        return identifier(t);
      case DURATION:
        // Prometheus 3 reads a duration where a number goes as its seconds: predict_linear(x[1h],
        // 2h)
        next();
        return new NumberLiteral(duration(t) / 1000.0, t.position());
      default:
        throw new ParseException("unexpected " + t.describe(), t.position());
    }
  }

  private Expr identifier(Token t) {
    String name = t.text();
    boolean call = peekAt(1).is(TokenKind.LEFT_PAREN);
    var agg = AggregationOp.byName(name);
    if (agg.isPresent() && (call || peekAt(1).isKeyword("by") || peekAt(1).isKeyword("without"))) {
      next();
      return AggregationParsing.parse(this, agg.get(), t.position());
    }
    if (call) {
      String lower = name.toLowerCase();
      if (UNSUPPORTED.contains(lower)) {
        throw new ParseException("function \"" + name + "\" is not supported", t.position());
      }
      Function f =
          Function.byName(name)
              .orElseThrow(
                  () -> new ParseException("unknown function \"" + name + "\"", t.position()));
      next();
      return call(f, t.position());
    }
    if (agg.isPresent()) {
      throw new ParseException("expected \"(\" after \"" + name + "\"", t.position());
    }
    if (!Labels.isValidMetricName(name)) {
      throw new ParseException("invalid metric name \"" + name + "\"", t.position());
    }
    next();
    return Selectors.parse(this, name, t.position());
  }

  private Expr call(Function f, int position) {
    expect(TokenKind.LEFT_PAREN, "\"(\"");
    List<Expr> args = new ArrayList<>();
    if (!peek().is(TokenKind.RIGHT_PAREN)) {
      args.add(expression(0));
      while (peek().is(TokenKind.COMMA)) {
        next();
        args.add(expression(0));
      }
    }
    expect(TokenKind.RIGHT_PAREN, "\")\" or \",\"");
    checkArity(f, args.size(), position);
    for (int i = 0; i < args.size(); i++) {
      Expr a = args.get(i);
      if (a.type() != f.argType(i)) {
        throw new ParseException(
            "expected type "
                + f.argType(i).display()
                + " in call to function \""
                + f.functionName()
                + "\", got "
                + a.type().display(),
            a.position());
      }
    }
    return new Call(f, args, position);
  }

  private static void checkArity(Function f, int n, int position) {
    if (n >= f.minArgs() && n <= f.maxArgs()) {
      return;
    }
    String quantity = f.minArgs() == f.maxArgs() ? "" : n < f.minArgs() ? "at least " : "at most ";
    int expected = n < f.minArgs() ? f.minArgs() : f.maxArgs();
    throw new ParseException(
        "expected "
            + quantity
            + expected
            + " argument(s) in call to \""
            + f.functionName()
            + "\", got "
            + n,
        position);
  }

  static double number(Token t) {
    String s = t.text().toLowerCase();
    if (s.equals("inf")) {
      return Double.POSITIVE_INFINITY;
    }
    if (s.equals("nan")) {
      return Double.NaN;
    }
    try {
      if (s.startsWith("0x")) {
        return Long.parseLong(s.substring(2), 16);
      }
      return Double.parseDouble(s);
    } catch (NumberFormatException e) {
      throw new ParseException("bad number \"" + t.text() + "\"", t.position());
    }
  }

  /** A parenthesised, comma-separated label name list as used by by/without/on/ignoring/group_x. */
  List<String> labelList() {
    expect(TokenKind.LEFT_PAREN, "\"(\" before label list");
    List<String> out = new ArrayList<>();
    while (!peek().is(TokenKind.RIGHT_PAREN)) {
      Token l = peek();
      if (!l.is(TokenKind.IDENTIFIER)
          || !Labels.isValidMetricName(l.text())
          || l.text().contains(":")) {
        throw new ParseException("unexpected " + l.describe() + " in label list", l.position());
      }
      next();
      out.add(l.text());
      if (peek().is(TokenKind.COMMA)) {
        next();
      } else if (!peek().is(TokenKind.RIGHT_PAREN)) {
        throw new ParseException(
            "unexpected " + peek().describe() + " in label list, expected \",\" or \")\"",
            peek().position());
      }
    }
    next();
    return out;
  }

  static Matcher matcher(String name, Matcher.Type type, Token value) {
    try {
      return Matcher.of(name, type, value.text());
    } catch (IllegalArgumentException e) {
      throw new ParseException(e.getMessage(), value.position());
    }
  }
}
