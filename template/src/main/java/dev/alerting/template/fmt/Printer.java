package dev.alerting.template.fmt;

import dev.alerting.template.GoMap;
import dev.alerting.template.exec.GoTypes;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** One fmt call's state: flags, width, precision and the output (Go's pp and fmt). */
final class Printer {
  final StringBuilder buf = new StringBuilder();
  boolean plus;
  boolean minus;
  boolean sharp;
  boolean space;
  boolean zero;
  boolean plusV;
  boolean sharpV;
  boolean widPresent;
  boolean precPresent;
  boolean goodArgNum = true;
  int wid;
  int prec;

  void clearFlags() {
    plus = minus = sharp = space = zero = plusV = sharpV = widPresent = precPresent = false;
    wid = prec = 0;
  }

  void printArg(Object arg, int verb) {
    if (arg == null) {
      if (verb == 'v' || verb == 'T') {
        pad("<nil>");
      } else {
        badVerb(verb, null);
      }
      return;
    }
    if (verb == 'T') {
      pad(GoTypes.name(arg));
      return;
    }
    printValue(arg, verb, 0);
  }

  private void printValue(Object v, int verb, int depth) {
    if (v == null) {
      if (depth == 0) {
        pad("<nil>");
      } else {
        buf.append(verb == 'v' ? "<nil>" : "%!" + Character.toString(verb) + "(<nil>)");
      }
    } else if (v instanceof Boolean b) {
      if (verb == 't' || verb == 'v') {
        pad(b.toString());
      } else {
        badVerb(verb, v);
      }
    } else if (GoTypes.isInt(v)) {
      fmtInteger(((Number) v).longValue(), verb, v);
    } else if (GoTypes.isFloat(v)) {
      fmtFloat(((Number) v).doubleValue(), verb, v);
    } else if (v instanceof String s) {
      fmtString(s, verb, v);
    } else if (v instanceof List<?> list) {
      if (sharpV) {
        buf.append(GoTypes.name(v)).append('{');
      } else {
        buf.append('[');
      }
      for (int i = 0; i < list.size(); i++) {
        if (i > 0) {
          buf.append(sharpV ? ", " : " ");
        }
        printValue(list.get(i), verb, depth + 1);
      }
      buf.append(sharpV ? '}' : ']');
    } else if (v instanceof Map<?, ?> || v instanceof GoMap) {
      buf.append(sharpV ? GoTypes.name(v) + "{" : "map[");
      boolean first = true;
      for (Map.Entry<Object, Object> e : GoTypes.entries(v).entrySet()) {
        if (!first) {
          buf.append(sharpV ? ", " : " ");
        }
        first = false;
        printValue(e.getKey(), verb, depth + 1);
        buf.append(':');
        printValue(e.getValue(), verb, depth + 1);
      }
      buf.append(sharpV ? '}' : ']');
    } else if (v.getClass().isRecord()) {
      printStruct(v, verb, depth);
    } else if (verb == 'v' || verb == 's' || verb == 'x' || verb == 'X' || verb == 'q') {
      fmtString(v.toString(), verb, v); // a Stringer
    } else {
      badVerb(verb, v);
    }
  }

  private void printStruct(Object v, int verb, int depth) {
    if (sharpV) {
      buf.append(GoTypes.name(v));
    }
    buf.append('{');
    RecordComponent[] rcs = v.getClass().getRecordComponents();
    for (int i = 0; i < rcs.length; i++) {
      if (i > 0) {
        buf.append(sharpV ? ", " : " ");
      }
      if (plusV || sharpV) {
        String n = rcs[i].getName();
        buf.append(Character.toUpperCase(n.charAt(0))).append(n.substring(1)).append(':');
      }
      try {
        rcs[i].getAccessor().setAccessible(true);
        printValue(rcs[i].getAccessor().invoke(v), verb, depth + 1);
      } catch (ReflectiveOperationException e) {
        buf.append("<?>");
      }
    }
    buf.append('}');
  }

  void badVerb(int verb, Object arg) {
    buf.append("%!").appendCodePoint(verb).append('(');
    if (arg == null) {
      buf.append("<nil>");
    } else {
      buf.append(GoTypes.name(arg)).append('=');
      boolean sv = sharpV;
      boolean pv = plusV;
      printValue(arg, 'v', 0);
      sharpV = sv;
      plusV = pv;
    }
    buf.append(')');
  }

  private void fmtInteger(long v, int verb, Object arg) {
    switch (verb) {
      case 'v', 'd' -> integer(v, 10, verb, false);
      case 'b' -> integer(v, 2, verb, false);
      case 'o', 'O' -> integer(v, 8, verb, false);
      case 'x' -> integer(v, 16, verb, false);
      case 'X' -> integer(v, 16, verb, true);
      case 'c' -> pad(new String(Character.toChars(validRune(v))));
      case 'q' -> pad(Quote.rune(validRune(v), plus));
      case 'U' -> unicode(v);
      default -> badVerb(verb, arg);
    }
  }

  private static int validRune(long v) {
    if (v < 0 || v > Character.MAX_CODE_POINT || (v >= 0xD800 && v <= 0xDFFF)) {
      return 0xFFFD;
    }
    return (int) v;
  }

  private void integer(long v, int base, int verb, boolean upper) {
    boolean negative = v < 0;
    String digits = negative ? Long.toUnsignedString(-v, base) : Long.toUnsignedString(v, base);
    if (v == Long.MIN_VALUE) {
      digits = Long.toUnsignedString(v, base);
    }
    if (upper) {
      digits = digits.toUpperCase();
    }
    int precision = 0;
    if (precPresent) {
      precision = prec;
      if (prec == 0 && v == 0) {
        boolean oldZero = zero;
        zero = false;
        writePadding(wid);
        zero = oldZero;
        return;
      }
    } else if (zero && widPresent) {
      precision = wid;
      if (negative || plus || space) {
        precision--;
      }
    }
    StringBuilder sb = new StringBuilder();
    for (int k = digits.length(); k < precision; k++) {
      sb.append('0');
    }
    sb.append(digits);
    if (sharp) {
      switch (base) {
        case 2 -> sb.insert(0, "0b");
        case 8 -> {
          if (sb.charAt(0) != '0') {
            sb.insert(0, '0');
          }
        }
        case 16 -> sb.insert(0, upper ? "0X" : "0x");
        default -> {}
      }
    }
    if (verb == 'O') {
      sb.insert(0, "0o");
    }
    if (negative) {
      sb.insert(0, '-');
    } else if (plus) {
      sb.insert(0, '+');
    } else if (space) {
      sb.insert(0, ' ');
    }
    boolean oldZero = zero;
    zero = false;
    pad(sb.toString());
    zero = oldZero;
  }

  private void unicode(long v) {
    String hex = Long.toHexString(v).toUpperCase();
    int precision = precPresent && prec > 4 ? prec : 4;
    StringBuilder sb = new StringBuilder("U+");
    for (int k = hex.length(); k < precision; k++) {
      sb.append('0');
    }
    sb.append(hex);
    if (sharp && v >= 0 && v <= Character.MAX_CODE_POINT && Quote.isPrint((int) v)) {
      sb.append(" '").appendCodePoint((int) v).append('\'');
    }
    boolean oldZero = zero;
    zero = false;
    pad(sb.toString());
    zero = oldZero;
  }

  private void fmtFloat(double v, int verb, Object arg) {
    switch (verb) {
      case 'v' -> floatNum(v, 'g', -1);
      case 'b', 'g', 'G', 'x', 'X' -> floatNum(v, (char) verb, -1);
      case 'f', 'e', 'E' -> floatNum(v, (char) verb, 6);
      case 'F' -> floatNum(v, 'f', 6);
      default -> badVerb(verb, arg);
    }
  }

  private void floatNum(double v, char verb, int precision) {
    if (precPresent) {
      precision = prec;
    }
    String num = Floats.format(v, verb, precision);
    if (num.startsWith("-") || num.startsWith("+")) {
      // sign already there
    } else {
      num = "+" + num;
    }
    if (space && num.charAt(0) == '+' && !plus) {
      num = " " + num.substring(1);
    }
    if (num.charAt(1) == 'I' || num.charAt(1) == 'N') {
      boolean oldZero = zero;
      zero = false;
      if (num.charAt(1) == 'N' && !space && !plus) {
        num = num.substring(1);
      }
      pad(num);
      zero = oldZero;
      return;
    }
    if (sharp && verb != 'b') {
      num = sharpFloat(num, verb, precision);
    }
    if (plus || num.charAt(0) != '+') {
      if (zero && widPresent && wid > num.length()) {
        buf.append(num.charAt(0));
        writePadding(wid - num.length());
        buf.append(num, 1, num.length());
        return;
      }
      pad(num);
      return;
    }
    pad(num.substring(1));
  }

  /** Go's {@code %#}: always a decimal point, and %g keeps its trailing zeros. */
  private static String sharpFloat(String num, char verb, int prec) {
    int digits = 0;
    if (verb == 'g' || verb == 'G' || verb == 'x') {
      digits = prec == -1 ? 6 : prec;
    }
    String tail = "";
    boolean hasPoint = false;
    boolean sawNonzero = false;
    for (int i = 1; i < num.length(); i++) {
      char c = num.charAt(i);
      if (c == '.') {
        hasPoint = true;
      } else if (c == 'p' || c == 'P' || ((c == 'e' || c == 'E') && verb != 'x' && verb != 'X')) {
        tail = num.substring(i);
        num = num.substring(0, i);
        break;
      } else {
        if (c != '0') {
          sawNonzero = true;
        }
        if (sawNonzero) {
          digits--;
        }
      }
    }
    StringBuilder sb = new StringBuilder(num);
    if (!hasPoint) {
      if (num.length() == 2 && num.charAt(1) == '0') {
        digits--;
      }
      sb.append('.');
    }
    while (digits-- > 0) {
      sb.append('0');
    }
    return sb.append(tail).toString();
  }

  private void fmtString(String s, int verb, Object arg) {
    switch (verb) {
      case 'v' -> {
        if (sharpV) {
          pad(Quote.go(s));
        } else {
          pad(truncate(s));
        }
      }
      case 's' -> pad(truncate(s));
      case 'x' -> hexString(s, false);
      case 'X' -> hexString(s, true);
      case 'q' -> {
        String t = truncate(s);
        if (sharp && t.indexOf('`') < 0 && t.chars().allMatch(c -> c == '\t' || c >= ' ')) {
          pad("`" + t + "`");
        } else {
          pad(plus ? Quote.ascii(t) : Quote.go(t));
        }
      }
      default -> badVerb(verb, arg);
    }
  }

  private String truncate(String s) {
    if (precPresent && s.codePointCount(0, s.length()) > prec) {
      return s.substring(0, s.offsetByCodePoints(0, prec));
    }
    return s;
  }

  private void hexString(String s, boolean upper) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    int length = precPresent && prec < b.length ? prec : b.length;
    StringBuilder sb = new StringBuilder();
    String digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
    for (int i = 0; i < length; i++) {
      if (space && i > 0) {
        sb.append(' ');
      }
      if (sharp && (space || i == 0)) {
        sb.append(upper ? "0X" : "0x");
      }
      sb.append(digits.charAt((b[i] >> 4) & 0xf)).append(digits.charAt(b[i] & 0xf));
    }
    pad(sb.toString());
  }

  void pad(String s) {
    if (!widPresent || wid == 0) {
      buf.append(s);
      return;
    }
    int width = wid - s.codePointCount(0, s.length());
    if (!minus) {
      writePadding(width);
      buf.append(s);
    } else {
      buf.append(s);
      writePadding(width);
    }
  }

  private void writePadding(int n) {
    char c = zero && !minus ? '0' : ' ';
    for (int i = 0; i < n; i++) {
      buf.append(c);
    }
  }
}
