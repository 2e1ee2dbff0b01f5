package dev.alerting.template.parse;

import dev.alerting.template.fmt.Quote;
import dev.alerting.template.parse.Item.Kind;
import dev.alerting.template.parse.Node.BoolNode;
import dev.alerting.template.parse.Node.ChainNode;
import dev.alerting.template.parse.Node.CommandNode;
import dev.alerting.template.parse.Node.DotNode;
import dev.alerting.template.parse.Node.FieldNode;
import dev.alerting.template.parse.Node.IdentifierNode;
import dev.alerting.template.parse.Node.NilNode;
import dev.alerting.template.parse.Node.NumberNode;
import dev.alerting.template.parse.Node.StringNode;
import dev.alerting.template.parse.Node.VariableNode;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Commands, operands and terms of a pipeline, as Go's parser reads them. */
final class Operands {
  /** Go's builtin functions: always defined, whatever the library holds. */
  static final Set<String> BUILTINS =
      Set.of(
          "and",
          "call",
          "html",
          "index",
          "slice",
          "js",
          "len",
          "not",
          "or",
          "print",
          "printf",
          "println",
          "urlquery",
          "eq",
          "ge",
          "gt",
          "le",
          "lt",
          "ne");

  private final Parser p;

  Operands(Parser p) {
    this.p = p;
  }

  CommandNode command() {
    int pos = p.peekNonSpace().pos();
    List<Node> args = new ArrayList<>();
    while (true) {
      p.peekNonSpace();
      Node operand = operand();
      if (operand != null) {
        args.add(operand);
      }
      Item t = p.next();
      if (t.kind() == Kind.SPACE) {
        continue;
      }
      if (t.kind() == Kind.RIGHT_DELIM || t.kind() == Kind.RIGHT_PAREN) {
        p.backup();
      } else if (t.kind() != Kind.PIPE) {
        throw p.unexpected(t, "operand");
      }
      break;
    }
    if (args.isEmpty()) {
      throw p.error("empty command");
    }
    return new CommandNode(pos, args);
  }

  private Node operand() {
    Node node = term();
    if (node == null) {
      return null;
    }
    if (p.peek().kind() != Kind.FIELD) {
      return node;
    }
    int chainPos = p.peek().pos();
    List<String> fields = new ArrayList<>();
    while (p.peek().kind() == Kind.FIELD) {
      fields.add(p.next().text().substring(1));
    }
    if (node instanceof FieldNode f) {
      List<String> all = new ArrayList<>(f.idents());
      all.addAll(fields);
      return new FieldNode(chainPos, all);
    }
    if (node instanceof VariableNode v) {
      List<String> all = new ArrayList<>(v.idents());
      all.addAll(fields);
      return new VariableNode(chainPos, all);
    }
    if (node instanceof BoolNode
        || node instanceof StringNode
        || node instanceof NumberNode
        || node instanceof NilNode
        || node instanceof DotNode) {
      throw p.error("unexpected . after term " + Quote.go(node.toString()));
    }
    return new ChainNode(chainPos, node, fields);
  }

  private Node term() {
    Item t = p.nextNonSpace();
    switch (t.kind()) {
      case IDENTIFIER:
        if (!BUILTINS.contains(t.text()) && p.functions.lookup(t.text()).isEmpty()) {
          throw p.error("function " + Quote.go(t.text()) + " not defined");
        }
        return new IdentifierNode(t.pos(), t.text());
      case DOT:
        return new DotNode(t.pos());
      case NIL:
        return new NilNode(t.pos());
      case VARIABLE:
        if (!p.vars.contains(t.text())) {
          throw p.error("undefined variable " + Quote.go(t.text()));
        }
        return new VariableNode(t.pos(), List.of(t.text()));
      case FIELD:
        return new FieldNode(t.pos(), List.of(t.text().substring(1)));
      case BOOL:
        return new BoolNode(t.pos(), t.text().equals("true"));
      case CHAR:
      case NUMBER:
        return number(t);
      case LEFT_PAREN:
        return p.pipeline("parenthesized pipeline", Kind.RIGHT_PAREN);
      case STRING:
      case RAW_STRING:
        return new StringNode(t.pos(), t.text(), p.unquote(t));
      default:
        p.backup();
        return null;
    }
  }

  /** Go's newNumber: every form (int, float) the constant fits. */
  private NumberNode number(Item t) {
    String text = t.text();
    if (t.kind() == Kind.CHAR) {
      int rune;
      try {
        rune = Quote.unquoteChar(text);
      } catch (IllegalArgumentException e) {
        throw p.error("malformed character constant: " + text);
      }
      return new NumberNode(t.pos(), text, true, rune, true, rune);
    }
    String clean = text.replace("_", "");
    Long asInt = parseInt(clean);
    if (asInt != null) {
      return new NumberNode(t.pos(), text, true, asInt, true, (double) asInt);
    }
    Double f = parseFloat(clean);
    if (f != null) {
      if (fitsUint64(clean)) {
        // Go keeps it as an unsigned constant; executing it fails with "overflows int"
        return new NumberNode(t.pos(), text, false, 0, true, f);
      }
      if (!clean.matches(".*[.eEpP].*") || clean.matches("[+-]?0[xX][0-9a-fA-F]+")) {
        throw p.error("integer overflow: " + Quote.go(text));
      }
      boolean isInt = f == Math.rint(f) && Math.abs(f) < 9.2e18;
      return new NumberNode(t.pos(), text, isInt, isInt ? f.longValue() : 0, true, f);
    }
    throw p.error("illegal number syntax: " + Quote.go(text));
  }

  private static Long parseInt(String s) {
    boolean neg = s.startsWith("-");
    String body = s.startsWith("-") || s.startsWith("+") ? s.substring(1) : s;
    int radix = 10;
    String lower = body.toLowerCase();
    if (lower.startsWith("0x")) {
      radix = 16;
      body = body.substring(2);
    } else if (lower.startsWith("0o")) {
      radix = 8;
      body = body.substring(2);
    } else if (lower.startsWith("0b")) {
      radix = 2;
      body = body.substring(2);
    } else if (body.length() > 1 && body.startsWith("0")) {
      radix = 8;
      body = body.substring(1);
    }
    if (body.isEmpty()) {
      return null;
    }
    try {
      BigInteger v = new BigInteger(body, radix);
      if (neg) {
        v = v.negate();
      }
      return v.bitLength() < 64 ? v.longValue() : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static boolean fitsUint64(String s) {
    if (!s.matches("\\+?[0-9]+")) {
      return false;
    }
    return new BigInteger(s.replace("+", "")).bitLength() <= 64;
  }

  private static Double parseFloat(String s) {
    try {
      if (s.toLowerCase().contains("0x")) {
        return Double.parseDouble(s.toLowerCase().contains("p") ? s : s + "p0");
      }
      if (!s.matches("[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?")) {
        return null;
      }
      double d = Double.parseDouble(s);
      return Double.isInfinite(d) ? null : d;
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
