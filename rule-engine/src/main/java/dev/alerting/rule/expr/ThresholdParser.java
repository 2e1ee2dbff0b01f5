package dev.alerting.rule.expr;

import dev.alerting.model.Labels;
import dev.alerting.model.Matcher;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Parses this engine's PromQL subset: {@code metric OP number} and {@code metric{matchers} OP
 * number}, OP one of {@code > < >= <= == !=}, matchers {@code = != =~ !~} with PromQL string
 * literals. Everything else is rejected with its position, so an unsupported rule fails at load
 * rather than silently never firing.
 */
public final class ThresholdParser implements ExpressionParser {
  private static final Pattern NUMBER =
      Pattern.compile(
          "[+-]?(?:0[xX][0-9a-fA-F]+|(?:[0-9]+\\.?[0-9]*|\\.[0-9]+)(?:[eE][+-]?[0-9]+)?"
              + "|(?i:inf)|(?i:nan))");
  private static final String OPS = "> < >= <= == !=";

  @Override
  public Expression parse(String text) throws ExpressionException {
    return new Run(text).expression();
  }

  /** One parse: the text and a cursor. */
  private static final class Run {
    private final String s;
    private int i;

    Run(String s) {
      this.s = s == null ? "" : s;
    }

    Expression expression() throws ExpressionException {
      skipSpace();
      if (i >= s.length()) {
        throw outside("the expression is empty");
      }
      List<Matcher> matchers = new ArrayList<>();
      int nameStart = i;
      String name = identifier(true);
      if (name == null) {
        throw outside("expected a metric name but found " + found());
      }
      matchers.add(Matcher.eq(Labels.METRIC_NAME, name));
      skipSpace();
      if (peek() == '(') {
        i = nameStart;
        throw outside("function calls are not supported, found " + found());
      }
      if (peek() == '{') {
        i++;
        matcherList(matchers);
      }
      skipSpace();
      if (peek() == '[') {
        throw outside("range selectors are not supported, found " + found());
      }
      Comparison op = operator();
      skipSpace();
      if (s.startsWith("bool", i) && !isIdentPart(charAt(i + 4))) {
        throw outside("the bool modifier is not supported");
      }
      double threshold = number();
      skipSpace();
      if (i < s.length()) {
        throw outside("expected the end of the expression but found " + found());
      }
      return new ThresholdExpression(s, matchers, op, threshold);
    }

    private void matcherList(List<Matcher> matchers) throws ExpressionException {
      while (true) {
        skipSpace();
        if (peek() == '}') {
          i++;
          return;
        }
        int labelPos = i;
        String label = identifier(false);
        if (label == null) {
          throw outside("expected a label name or '}' but found " + found());
        }
        skipSpace();
        int opPos = i;
        Matcher.Type type = matcherType();
        if (type == null) {
          throw outside("expected a label matcher (= != =~ !~) but found " + found());
        }
        skipSpace();
        String value = string();
        try {
          matchers.add(Matcher.of(label, type, value));
        } catch (IllegalArgumentException e) {
          i = opPos;
          throw invalid(e.getMessage());
        }
        if (label.equals(Labels.METRIC_NAME)) {
          i = labelPos;
          throw outside("a __name__ matcher in braces is not supported; write the metric name first");
        }
        skipSpace();
        if (peek() == ',') {
          i++;
        } else if (peek() != '}') {
          throw outside("expected ',' or '}' but found " + found());
        }
      }
    }

    private Matcher.Type matcherType() {
      if (s.startsWith("=~", i) || s.startsWith("!~", i) || s.startsWith("!=", i)) {
        String sym = s.substring(i, i + 2);
        i += 2;
        return Matcher.Type.fromSymbol(sym);
      }
      if (peek() == '=') {
        i++;
        return Matcher.Type.EQ;
      }
      return null;
    }

    private Comparison operator() throws ExpressionException {
      for (Comparison c : new Comparison[] {
          Comparison.GTE, Comparison.LTE, Comparison.EQ, Comparison.NEQ, Comparison.GT, Comparison.LT}) {
        if (s.startsWith(c.symbol(), i)) {
          i += c.symbol().length();
          return c;
        }
      }
      if (i >= s.length()) {
        throw outside("expected a comparison operator (" + OPS + ") after the selector");
      }
      throw outside("expected a comparison operator (" + OPS + ") but found " + found());
    }

    private double number() throws ExpressionException {
      java.util.regex.Matcher m = NUMBER.matcher(s).region(i, s.length());
      if (!m.lookingAt() || isIdentPart(charAt(m.end()))) {
        if (i >= s.length()) {
          throw outside("expected a number after the comparison operator");
        }
        throw outside("expected a number but found " + found());
      }
      String lit = m.group();
      i = m.end();
      String unsigned = lit.replaceFirst("^[+-]", "");
      double sign = lit.startsWith("-") ? -1 : 1;
      if (unsigned.equalsIgnoreCase("inf")) {
        return sign * Double.POSITIVE_INFINITY;
      }
      if (unsigned.equalsIgnoreCase("nan")) {
        return Double.NaN;
      }
      if (unsigned.startsWith("0x") || unsigned.startsWith("0X")) {
        return sign * Long.parseLong(unsigned.substring(2), 16);
      }
      return sign * Double.parseDouble(unsigned);
    }

    private String string() throws ExpressionException {
      char q = peek();
      if (q != '"' && q != '\'' && q != '`') {
        throw outside("expected a quoted string but found " + found());
      }
      int start = i;
      i++;
      StringBuilder sb = new StringBuilder();
      while (i < s.length()) {
        char c = s.charAt(i++);
        if (c == q) {
          return sb.toString();
        }
        if (c == '\\' && q != '`') {
          sb.append(escape());
        } else if (c == '\n' && q != '`') {
          break;
        } else {
          sb.append(c);
        }
      }
      i = start;
      throw invalid("unterminated string");
    }

    private String escape() throws ExpressionException {
      if (i >= s.length()) {
        throw invalid("unterminated escape sequence");
      }
      char c = s.charAt(i++);
      return switch (c) {
        case 'n' -> "\n";
        case 't' -> "\t";
        case 'r' -> "\r";
        case 'a' -> "\u0007";
        case 'b' -> "\b";
        case 'f' -> "\f";
        case 'v' -> "\u000b";
        case '\\', '"', '\'', '`' -> String.valueOf(c);
        case 'x' -> hex(2);
        case 'u' -> hex(4);
        case 'U' -> hex(8);
        default -> {
          i -= 2;
          throw invalid("unknown escape sequence '\\" + c + "'");
        }
      };
    }

    private String hex(int digits) throws ExpressionException {
      if (i + digits > s.length()) {
        throw invalid("truncated escape sequence");
      }
      try {
        int cp = Integer.parseInt(s.substring(i, i + digits), 16);
        i += digits;
        return new String(Character.toChars(cp));
      } catch (IllegalArgumentException e) {
        throw invalid("invalid escape sequence");
      }
    }

    /** A metric name ({@code :} allowed) or a label name; null when none starts here. */
    private String identifier(boolean metric) {
      int start = i;
      while (i < s.length()) {
        char c = s.charAt(i);
        boolean ok =
            Character.isLetter(c) && c < 128 || c == '_' || (metric && c == ':')
                || (i > start && c >= '0' && c <= '9');
        if (!ok) {
          break;
        }
        i++;
      }
      return i > start ? s.substring(start, i) : null;
    }

    private static boolean isIdentPart(char c) {
      return c < 128 && (Character.isLetterOrDigit(c) || c == '_' || c == ':');
    }

    private void skipSpace() {
      while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
        i++;
      }
    }

    private char peek() {
      return charAt(i);
    }

    private char charAt(int at) {
      return at < s.length() ? s.charAt(at) : '\0';
    }

    private String found() {
      if (i >= s.length()) {
        return "the end of the expression";
      }
      String rest = s.substring(i);
      return "'" + (rest.length() > 24 ? rest.substring(0, 24) + "…" : rest) + "'";
    }

    private ExpressionException outside(String detail) {
      return new ExpressionException(
          i + 1, "expression outside the supported subset at position " + (i + 1) + ": " + detail);
    }

    private ExpressionException invalid(String detail) {
      return new ExpressionException(
          i + 1, "invalid expression at position " + (i + 1) + ": " + detail);
    }
  }
}
