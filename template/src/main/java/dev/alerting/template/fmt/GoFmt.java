package dev.alerting.template.fmt;

import java.util.List;

/**
 * Go's fmt.Sprint, Sprintln and Sprintf over the Java stand-ins for Go values (see {@code
 * GoTypes}): verbs, flags, width, precision, {@code [n]} argument indexes and the {@code %!} error
 * forms.
 */
public final class GoFmt {
  private GoFmt() {}

  /** fmt.Sprint: a space between operands when neither side is a string. */
  public static String sprint(List<Object> args) {
    Printer p = new Printer();
    boolean prevString = false;
    for (int i = 0; i < args.size(); i++) {
      Object arg = args.get(i);
      boolean isString = arg instanceof String;
      if (i > 0 && !isString && !prevString) {
        p.buf.append(' ');
      }
      p.printArg(arg, 'v');
      prevString = isString;
    }
    return p.buf.toString();
  }

  /** fmt.Sprintln: spaces between all operands and a trailing newline. */
  public static String sprintln(List<Object> args) {
    Printer p = new Printer();
    for (int i = 0; i < args.size(); i++) {
      if (i > 0) {
        p.buf.append(' ');
      }
      p.printArg(args.get(i), 'v');
    }
    return p.buf.append('\n').toString();
  }

  public static String sprintf(String format, List<Object> a) {
    Printer p = new Printer();
    StringBuilder buf = p.buf;
    int end = format.length();
    int argNum = 0;
    boolean afterIndex;
    boolean reordered = false;
    int i = 0;
    while (i < end) {
      p.goodArgNum = true;
      int lasti = i;
      while (i < end && format.charAt(i) != '%') {
        i++;
      }
      if (i > lasti) {
        buf.append(format, lasti, i);
      }
      if (i >= end) {
        break;
      }
      i++;
      p.clearFlags();
      flags:
      for (; i < end; i++) {
        switch (format.charAt(i)) {
          case '#' -> p.sharp = true;
          case '0' -> p.zero = !p.minus;
          case '+' -> p.plus = true;
          case '-' -> {
            p.minus = true;
            p.zero = false;
          }
          case ' ' -> p.space = true;
          default -> {
            break flags;
          }
        }
      }
      int[] r = argNumber(p, argNum, format, i, a.size());
      argNum = r[0];
      i = r[1];
      afterIndex = r[2] == 1;
      reordered |= afterIndex;
      if (i < end && format.charAt(i) == '*') {
        i++;
        Integer w = intFromArg(a, argNum);
        argNum++;
        if (w == null) {
          buf.append("%!(BADWIDTH)");
        } else {
          p.wid = w;
          p.widPresent = true;
          if (p.wid < 0) {
            p.wid = -p.wid;
            p.minus = true;
            p.zero = false;
          }
        }
        afterIndex = false;
      } else {
        int start = i;
        while (i < end && Character.isDigit(format.charAt(i))) {
          i++;
        }
        if (i > start) {
          p.wid = Integer.parseInt(format.substring(start, Math.min(i, start + 7)));
          p.widPresent = true;
          if (afterIndex) {
            p.goodArgNum = false;
          }
        }
      }
      if (i + 1 < end && format.charAt(i) == '.') {
        i++;
        if (afterIndex) {
          p.goodArgNum = false;
        }
        r = argNumber(p, argNum, format, i, a.size());
        argNum = r[0];
        i = r[1];
        afterIndex = r[2] == 1;
        reordered |= afterIndex;
        if (i < end && format.charAt(i) == '*') {
          i++;
          Integer pr = intFromArg(a, argNum);
          argNum++;
          if (pr == null) {
            buf.append("%!(BADPREC)");
          } else if (pr < 0) {
            p.prec = 0;
            p.precPresent = false;
          } else {
            p.prec = pr;
            p.precPresent = true;
          }
          afterIndex = false;
        } else {
          int start = i;
          while (i < end && Character.isDigit(format.charAt(i))) {
            i++;
          }
          p.prec =
              i > start ? Integer.parseInt(format.substring(start, Math.min(i, start + 7))) : 0;
          p.precPresent = true;
        }
      }
      if (!afterIndex) {
        r = argNumber(p, argNum, format, i, a.size());
        argNum = r[0];
        i = r[1];
        afterIndex = r[2] == 1;
        reordered |= afterIndex;
      }
      if (i >= end) {
        buf.append("%!(NOVERB)");
        break;
      }
      int verb = format.codePointAt(i);
      i += Character.charCount(verb);
      if (verb == '%') {
        buf.append('%');
      } else if (!p.goodArgNum) {
        buf.append("%!").appendCodePoint(verb).append("(BADINDEX)");
      } else if (argNum >= a.size()) {
        buf.append("%!").appendCodePoint(verb).append("(MISSING)");
      } else {
        if (verb == 'v') {
          p.sharpV = p.sharp;
          p.sharp = false;
          p.plusV = p.plus;
          p.plus = false;
        }
        p.printArg(a.get(argNum), verb);
        argNum++;
      }
    }
    if (!reordered && argNum < a.size()) {
      p.clearFlags();
      buf.append("%!(EXTRA ");
      for (int k = argNum; k < a.size(); k++) {
        if (k > argNum) {
          buf.append(", ");
        }
        Object arg = a.get(k);
        if (arg == null) {
          buf.append("<nil>");
        } else {
          buf.append(dev.alerting.template.exec.GoTypes.name(arg)).append('=');
          p.printArg(arg, 'v');
        }
      }
      buf.append(')');
    }
    return buf.toString();
  }

  /** [n] argument index: returns {argNum, i, found}. */
  private static int[] argNumber(Printer p, int argNum, String format, int i, int numArgs) {
    if (i >= format.length() || format.charAt(i) != '[') {
      return new int[] {argNum, i, 0};
    }
    for (int j = i + 1; j < format.length(); j++) {
      if (format.charAt(j) == ']') {
        String digits = format.substring(i + 1, j);
        if (digits.isEmpty() || !digits.chars().allMatch(Character::isDigit)) {
          p.goodArgNum = false;
          return new int[] {argNum, j + 1, 1};
        }
        int index = Integer.parseInt(digits) - 1;
        if (index < 0 || index >= numArgs) {
          p.goodArgNum = false;
          return new int[] {argNum, j + 1, 1};
        }
        return new int[] {index, j + 1, 1};
      }
    }
    p.goodArgNum = false;
    return new int[] {argNum, i + 1, 0};
  }

  private static Integer intFromArg(List<Object> a, int argNum) {
    if (argNum >= a.size()) {
      return null;
    }
    Object o = a.get(argNum);
    if (o instanceof Long l && Math.abs(l) <= 1_000_000) {
      return l.intValue();
    }
    if (o instanceof Integer n && Math.abs(n) <= 1_000_000) {
      return n;
    }
    return null;
  }
}
