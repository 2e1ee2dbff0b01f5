package dev.alerting.template.regexp;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A Go (RE2) regular expression run on java.util.regex: the syntax is translated ({@code (?P<n>)},
 * POSIX classes, {@code $} as end of text), Perl-only syntax RE2 rejects is rejected with Go's
 * message, and {@link #replaceAll} follows Go's ReplaceAllString (empty matches, {@code $1} /
 * {@code ${name}} expansion).
 */
public final class GoRegexp {
  private final String source;
  private final Pattern pattern;
  private final Map<String, Integer> names;

  private GoRegexp(String source, Pattern pattern, Map<String, Integer> names) {
    this.source = source;
    this.pattern = pattern;
    this.names = names;
  }

  /**
   * Compiles a Go regexp.
   *
   * @throws IllegalArgumentException with Go's {@code error parsing regexp: ...} message
   */
  public static GoRegexp compile(String expr) {
    Translation t = Translation.of(expr);
    try {
      return new GoRegexp(
          expr, Pattern.compile(t.java(), Pattern.UNIX_LINES | Pattern.UNICODE_CASE), t.names());
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException(
          "error parsing regexp: " + goReason(e) + ": `" + expr + "`", e);
    }
  }

  private static String goReason(PatternSyntaxException e) {
    String d = e.getDescription();
    if (d.contains("Unclosed group")) {
      return "missing closing )";
    }
    if (d.contains("Unmatched closing")) {
      return "unexpected )";
    }
    if (d.contains("Unclosed character class")) {
      return "missing closing ]";
    }
    if (d.contains("Dangling meta character")) {
      return "missing argument to repetition operator";
    }
    return "invalid syntax (" + d + ")";
  }

  /** regexp.MatchString: whether the text contains a match. */
  public boolean find(String text) {
    return pattern.matcher(text).find();
  }

  public String source() {
    return source;
  }

  /** regexp.ReplaceAllString with Go's template expansion of {@code repl}. */
  public String replaceAll(String src, String repl) {
    Matcher m = pattern.matcher(src);
    StringBuilder out = new StringBuilder();
    int lastMatchEnd = 0;
    int searchPos = 0;
    int end = src.length();
    while (searchPos <= end) {
      if (!m.find(searchPos)) {
        break;
      }
      int a0 = m.start();
      int a1 = m.end();
      out.append(src, lastMatchEnd, a0);
      if (a1 > lastMatchEnd || a0 == 0) {
        expand(out, repl, m);
      }
      lastMatchEnd = a1;
      int width = searchPos < end ? Character.charCount(src.codePointAt(searchPos)) : 0;
      if (searchPos + width > a1) {
        searchPos += width;
      } else if (searchPos + 1 > a1) {
        searchPos++;
      } else {
        searchPos = a1;
      }
    }
    out.append(src, Math.min(lastMatchEnd, end), end);
    return out.toString();
  }

  /** Go's Regexp.Expand: {@code $1}, {@code ${1}}, {@code $name}, {@code ${name}}, {@code $$}. */
  private void expand(StringBuilder out, String template, Matcher m) {
    int i = 0;
    while (i < template.length()) {
      int dollar = template.indexOf('$', i);
      if (dollar < 0) {
        out.append(template, i, template.length());
        return;
      }
      out.append(template, i, dollar);
      i = dollar + 1;
      if (i < template.length() && template.charAt(i) == '$') {
        out.append('$');
        i++;
        continue;
      }
      String name;
      int next;
      if (i < template.length() && template.charAt(i) == '{') {
        int close = template.indexOf('}', i + 1);
        name = close < 0 ? "" : template.substring(i + 1, close);
        next = close + 1;
        if (close < 0 || name.isEmpty() || !isName(name)) {
          out.append('$');
          continue;
        }
      } else {
        int j = i;
        while (j < template.length() && isNameChar(template.charAt(j))) {
          j++;
        }
        name = template.substring(i, j);
        next = j;
        if (name.isEmpty()) {
          out.append('$');
          continue;
        }
      }
      i = next;
      Integer group = groupOf(name, m.groupCount());
      if (group != null) {
        String g = m.group(group);
        if (g != null) {
          out.append(g);
        }
      }
    }
  }

  private Integer groupOf(String name, int count) {
    if (name.chars().allMatch(Character::isDigit)) {
      try {
        int n = Integer.parseInt(name);
        return n <= count ? n : null;
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return names.get(name);
  }

  private static boolean isName(String s) {
    return s.chars().allMatch(c -> isNameChar((char) c));
  }

  private static boolean isNameChar(char c) {
    return c == '_' || Character.isLetterOrDigit(c);
  }

  /** A Go pattern rewritten for java.util.regex, with group names mapped to numbers. */
  record Translation(String java, Map<String, Integer> names) {
    static Translation of(String expr) {
      return new Translator(expr).run();
    }
  }

  static final class Translator {
    private final String in;
    private final StringBuilder out = new StringBuilder();
    private final Map<String, Integer> names = new HashMap<>();
    private int groups;
    private int i;

    Translator(String in) {
      this.in = in;
    }

    Translation run() {
      boolean multiline = in.matches("(?s).*\\(\\?[imsU]*m[imsU]*[:)].*");
      while (i < in.length()) {
        char c = in.charAt(i);
        if (c == '\\') {
          escape(false);
        } else if (c == '[') {
          charClass();
        } else if (c == '(') {
          group();
        } else if (c == '{') {
          repeat();
        } else if (c == '$' && !multiline) {
          out.append("\\z");
          i++;
        } else if ((c == '*' || c == '+' || c == '?' || c == '}')
            && i + 1 < in.length()
            && in.charAt(i + 1) == '+') {
          throw bad("invalid nested repetition operator", in.substring(i, i + 2));
        } else {
          out.append(c);
          i++;
        }
      }
      return new Translation(out.toString(), Map.copyOf(names));
    }

    /**
     * {@code {n}}, {@code {n,}}, {@code {n,m}} repeat (at most 1000); any other brace is literal.
     */
    private void repeat() {
      java.util.regex.Matcher m =
          Pattern.compile("\\{(\\d+)(,(\\d*))?\\}").matcher(in).region(i, in.length());
      if (!m.lookingAt()) {
        out.append("\\{");
        i++;
        return;
      }
      long min = Long.parseLong(m.group(1).length() > 6 ? "9999999" : m.group(1));
      String maxText = m.group(3);
      long max =
          maxText == null || maxText.isEmpty()
              ? min
              : Long.parseLong(maxText.length() > 6 ? "9999999" : maxText);
      if (min > 1000 || max > 1000 || (maxText != null && !maxText.isEmpty() && max < min)) {
        throw bad("invalid repeat count", m.group());
      }
      out.append(m.group());
      i = m.end();
    }

    private void group() {
      if (in.startsWith("(?P<", i) || in.startsWith("(?<", i)) {
        int start = in.indexOf('<', i) + 1;
        int close = in.indexOf('>', start);
        if (close < 0) {
          throw bad("invalid named capture", in.substring(i));
        }
        groups++;
        names.put(in.substring(start, close), groups);
        out.append('(');
        i = close + 1;
        return;
      }
      if (in.startsWith("(?", i)) {
        int j = i + 2;
        while (j < in.length() && "imsU-".indexOf(in.charAt(j)) >= 0) {
          j++;
        }
        if (j >= in.length() || (in.charAt(j) != ':' && in.charAt(j) != ')')) {
          throw bad(
              "invalid or unsupported Perl syntax", in.substring(i, Math.min(j + 1, in.length())));
        }
        out.append(in, i, j + 1);
        i = j + 1;
        return;
      }
      groups++;
      out.append('(');
      i++;
    }

    private void escape(boolean inClass) {
      if (i + 1 >= in.length()) {
        throw bad("trailing backslash at end of expression", "");
      }
      char n = in.charAt(i + 1);
      if (Character.isDigit(n) && n != '0') {
        throw bad("invalid escape sequence", "\\" + n);
      }
      if ("ZGXRhHVkKNE".indexOf(n) >= 0 && !(n == 'E')) {
        throw bad("invalid escape sequence", "\\" + n);
      }
      out.append('\\').append(n);
      i += 2;
    }

    private void charClass() {
      out.append('[');
      i++;
      if (i < in.length() && in.charAt(i) == '^') {
        out.append('^');
        i++;
      }
      if (i < in.length() && in.charAt(i) == ']') {
        out.append("\\]");
        i++;
      }
      while (i < in.length() && in.charAt(i) != ']') {
        char c = in.charAt(i);
        if (c == '[' && in.startsWith("[:", i)) {
          int close = in.indexOf(":]", i + 2);
          if (close > 0) {
            out.append(posix(in.substring(i + 2, close)));
            i = close + 2;
            continue;
          }
        }
        if (c == '\\') {
          escape(true);
        } else if (c == '[' || c == '&' || c == '~' || c == '|') {
          out.append('\\').append(c);
          i++;
        } else {
          out.append(c);
          i++;
        }
      }
      if (i >= in.length()) {
        throw bad("missing closing ]", in.substring(in.lastIndexOf('[')));
      }
      out.append(']');
      i++;
    }

    private String posix(String name) {
      boolean neg = name.startsWith("^");
      String n = neg ? name.substring(1) : name;
      String java =
          switch (n) {
            case "alnum" -> "Alnum";
            case "alpha" -> "Alpha";
            case "ascii" -> "ASCII";
            case "blank" -> "Blank";
            case "cntrl" -> "Cntrl";
            case "digit" -> "Digit";
            case "graph" -> "Graph";
            case "lower" -> "Lower";
            case "print" -> "Print";
            case "punct" -> "Punct";
            case "space" -> "Space";
            case "upper" -> "Upper";
            case "word" -> "word";
            case "xdigit" -> "XDigit";
            default -> throw bad("invalid character class range", "[:" + name + ":]");
          };
      if (java.equals("word")) {
        return neg ? "\\W" : "\\w";
      }
      return (neg ? "\\P{" : "\\p{") + java + "}";
    }

    private IllegalArgumentException bad(String reason, String part) {
      return new IllegalArgumentException("error parsing regexp: " + reason + ": `" + part + "`");
    }
  }
}
