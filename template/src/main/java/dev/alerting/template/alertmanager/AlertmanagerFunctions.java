package dev.alerting.template.alertmanager;

import dev.alerting.template.FunctionLibrary;
import dev.alerting.template.FunctionLibrary.Param;
import dev.alerting.template.FunctionLibrary.Signature;
import dev.alerting.template.fmt.Quote;
import dev.alerting.template.humanize.Humanize;
import dev.alerting.template.regexp.GoRegexp;
import java.util.ArrayList;
import java.util.List;

/**
 * Alertmanager's template functions: those of 0.25 ({@code toUpper toLower title join match
 * reReplaceAll safeHtml stringSlice}), {@code trimSpace}, {@code date}, {@code tz} and {@code
 * since} from later releases, and Prometheus's humanize family (Alertmanager 0.28 has {@code
 * humanizeDuration} itself).
 */
public final class AlertmanagerFunctions {
  private static final FunctionLibrary LIBRARY = library(java.time.Instant::now);

  /** The functions with {@code since} reading {@code clock} (tests fix it). */
  public static FunctionLibrary library(java.util.function.Supplier<java.time.Instant> clock) {
    return FunctionLibrary.empty()
        .with("toUpper", Signature.of(Param.STRING), a -> mapRunes((String) a.get(0), true))
        .with("toLower", Signature.of(Param.STRING), a -> mapRunes((String) a.get(0), false))
        .with("title", Signature.of(Param.STRING), a -> title((String) a.get(0)))
        .with(
            "join",
            Signature.of(Param.STRING, Param.STRINGS),
            a -> joinStrings((String) a.get(0), (List<?>) a.get(1)))
        .with(
            "match",
            Signature.of(Param.STRING, Param.STRING),
            a -> GoRegexp.compile((String) a.get(0)).find((String) a.get(1)))
        .with(
            "reReplaceAll",
            Signature.of(Param.STRING, Param.STRING, Param.STRING),
            a -> mustCompile((String) a.get(0)).replaceAll((String) a.get(2), (String) a.get(1)))
        .with("safeHtml", Signature.of(Param.STRING), a -> new SafeHtml((String) a.get(0)))
        .with(
            "stringSlice",
            Signature.variadic(Param.STRING),
            a -> new StringSlice(a.stream().map(String.class::cast).toList()))
        .with("trimSpace", Signature.of(Param.STRING), a -> trimSpace((String) a.get(0)))
        .with("humanize", Signature.of(Param.ANY), a -> Humanize.humanize(a.get(0)))
        .with("humanize1024", Signature.of(Param.ANY), a -> Humanize.humanize1024(a.get(0)))
        .with("humanizeDuration", Signature.of(Param.ANY), a -> Humanize.humanizeDuration(a.get(0)))
        .with(
            "humanizePercentage",
            Signature.of(Param.ANY),
            a -> Humanize.humanizePercentage(a.get(0)))
        .with(
            "humanizeTimestamp", Signature.of(Param.ANY), a -> Humanize.humanizeTimestamp(a.get(0)))
        // date, tz and since as Alertmanager 0.28 defines them (template/template.go)
        .with(
            "date",
            Signature.of(Param.STRING, Param.TIME),
            a -> ((GoTime) a.get(1)).format((String) a.get(0)))
        .with(
            "tz",
            Signature.of(Param.STRING, Param.TIME),
            a -> ((GoTime) a.get(1)).in(GoZones.load((String) a.get(0))))
        .with(
            "since",
            Signature.of(Param.TIME),
            a -> GoDuration.between(((GoTime) a.get(0)).instant(), clock.get()));
  }

  private AlertmanagerFunctions() {}

  public static FunctionLibrary library() {
    return LIBRARY;
  }

  /** regexp.MustCompile's panic text, which Go reports as the call's error. */
  static GoRegexp mustCompile(String expr) {
    try {
      return GoRegexp.compile(expr);
    } catch (IllegalArgumentException e) {
      String quoted = expr.indexOf('`') < 0 ? "`" + expr + "`" : Quote.go(expr);
      throw new IllegalArgumentException("regexp: Compile(" + quoted + "): " + e.getMessage(), e);
    }
  }

  private static String joinStrings(String sep, List<?> items) {
    List<String> s = new ArrayList<>(items.size());
    items.forEach(i -> s.add(String.valueOf(i)));
    return String.join(sep, s);
  }

  /** Go's strings.ToUpper / ToLower: rune by rune, no locale-dependent expansions. */
  static String mapRunes(String s, boolean upper) {
    StringBuilder sb = new StringBuilder(s.length());
    s.codePoints()
        .forEach(
            c -> sb.appendCodePoint(upper ? Character.toUpperCase(c) : Character.toLowerCase(c)));
    return sb.toString();
  }

  /**
   * Title casing as golang.org/x/text/cases does it (Alertmanager's {@code title}): the first cased
   * letter of a word is title-cased and the rest lower-cased; letters, digits, {@code _} and single
   * mid-word marks ({@code ' . :}) keep a word going, anything else ends it.
   */
  static String title(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    boolean midWord = false;
    boolean prevMid = false;
    for (int i = 0; i < s.length(); ) {
      int c = s.codePointAt(i);
      i += Character.charCount(c);
      boolean mid = c == '\'' || c == '.' || c == ':' || c == 0x2019 || c == 0xB7;
      if (prevMid && mid) {
        midWord = false;
      }
      if (isCased(c)) {
        sb.appendCodePoint(midWord ? Character.toLowerCase(c) : Character.toTitleCase(c));
        midWord = true;
      } else {
        sb.appendCodePoint(c);
        if (!mid && !Character.isLetterOrDigit(c) && c != '_') {
          midWord = false;
        }
      }
      prevMid = mid;
    }
    return sb.toString();
  }

  private static boolean isCased(int c) {
    return Character.isUpperCase(c) || Character.isLowerCase(c) || Character.isTitleCase(c);
  }

  /** Go's strings.TrimSpace: Unicode white space at both ends. */
  static String trimSpace(String s) {
    int start = 0;
    int end = s.length();
    while (start < end && isGoSpace(s.charAt(start))) {
      start++;
    }
    while (end > start && isGoSpace(s.charAt(end - 1))) {
      end--;
    }
    return s.substring(start, end);
  }

  private static boolean isGoSpace(char c) {
    return c == ' '
        || (c >= '\t' && c <= '\r')
        || c == 0x85
        || c == 0xA0
        || Character.isSpaceChar(c);
  }
}
