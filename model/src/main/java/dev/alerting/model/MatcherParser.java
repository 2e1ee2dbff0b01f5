package dev.alerting.model;

import java.util.ArrayList;
import java.util.List;

/**
 * Alertmanager's matcher syntax as used in {@code matchers}, {@code source_matchers} and {@code
 * target_matchers}: {@code name op value} with op one of {@code = != =~ !~}, the value
 * double-quoted (with {@code \" \\ \n} escapes) or bare; one entry may hold several comma-separated
 * matchers, optionally in braces ({@code {a="1", b=~"x|y"}}).
 */
public final class MatcherParser {
  private final String input;
  private int pos;

  private MatcherParser(String input) {
    this.input = input;
  }

  /** All matchers of one entry; throws IllegalArgumentException naming the problem. */
  public static List<Matcher> parse(String text) {
    return new MatcherParser(text.trim()).entry();
  }

  private List<Matcher> entry() {
    boolean braced = input.startsWith("{");
    if (braced) {
      if (!input.endsWith("}")) {
        throw fail("missing closing '}'");
      }
      pos = 1;
    }
    int end = braced ? input.length() - 1 : input.length();
    List<Matcher> out = new ArrayList<>();
    skipSpace(end);
    while (pos < end) {
      out.add(matcher(end));
      skipSpace(end);
      if (pos < end) {
        if (input.charAt(pos) != ',') {
          throw fail("expected ',' at position " + pos);
        }
        pos++;
        skipSpace(end);
      }
    }
    if (out.isEmpty() && !braced) {
      throw fail("empty matcher");
    }
    return out;
  }

  private Matcher matcher(int end) {
    String name = name(end);
    skipSpace(end);
    Matcher.Type type = operator(end);
    skipSpace(end);
    String value = pos < end && input.charAt(pos) == '"' ? quoted(end) : bare(end);
    return Matcher.of(name, type, value);
  }

  private String name(int end) {
    if (pos < end && input.charAt(pos) == '"') {
      return quoted(end);
    }
    int start = pos;
    while (pos < end
        && (Character.isLetterOrDigit(input.charAt(pos)) || input.charAt(pos) == '_')) {
      pos++;
    }
    if (start == pos) {
      throw fail("expected a label name at position " + start);
    }
    return input.substring(start, pos);
  }

  private Matcher.Type operator(int end) {
    for (String op : new String[] {"=~", "!~", "!=", "="}) {
      if (input.startsWith(op, pos) && pos + op.length() <= end) {
        pos += op.length();
        return Matcher.Type.fromSymbol(op);
      }
    }
    throw fail("expected one of = != =~ !~ at position " + pos);
  }

  private String quoted(int end) {
    StringBuilder sb = new StringBuilder();
    pos++;
    while (pos < end) {
      char c = input.charAt(pos++);
      if (c == '"') {
        return sb.toString();
      }
      if (c == '\\' && pos < end) {
        char n = input.charAt(pos++);
        sb.append(n == 'n' ? '\n' : n == 't' ? '\t' : n);
      } else {
        sb.append(c);
      }
    }
    throw fail("unterminated quoted string");
  }

  private String bare(int end) {
    int start = pos;
    while (pos < end && input.charAt(pos) != ',') {
      if (input.charAt(pos) == '"') {
        throw fail("unexpected '\"' in unquoted value");
      }
      pos++;
    }
    return input.substring(start, pos).trim();
  }

  private void skipSpace(int end) {
    while (pos < end && Character.isWhitespace(input.charAt(pos))) {
      pos++;
    }
  }

  private IllegalArgumentException fail(String reason) {
    return new IllegalArgumentException("bad matcher '" + input + "': " + reason);
  }
}
