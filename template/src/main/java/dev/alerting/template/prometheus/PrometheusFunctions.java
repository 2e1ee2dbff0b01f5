package dev.alerting.template.prometheus;

import dev.alerting.template.FunctionLibrary;
import dev.alerting.template.FunctionLibrary.Param;
import dev.alerting.template.FunctionLibrary.Signature;
import dev.alerting.template.fmt.Quote;
import dev.alerting.template.humanize.Humanize;
import dev.alerting.template.regexp.GoRegexp;
import java.net.URI;
import java.net.URISyntaxException;

/**
 * The template functions of Prometheus's alerting and recording rules (as Prometheus 2.42 has them)
 * that need no query engine: {@code toUpper toLower title match reReplaceAll safeHtml stripPort
 * pathPrefix externalURL} and the humanize family. The query functions ({@code query first label
 * value strvalue sortByLabel args graphLink tableLink}) are not here, so templates using them fail
 * at load with Go's {@code function "query" not defined}.
 */
public final class PrometheusFunctions {
  private PrometheusFunctions() {}

  /** The library for a rule's templates; {@code externalUrl} feeds {@code externalURL}. */
  public static FunctionLibrary library(String externalUrl) {
    String url = externalUrl == null ? "" : externalUrl;
    return FunctionLibrary.empty()
        .with("toUpper", Signature.of(Param.STRING), a -> mapRunes((String) a.get(0), true))
        .with("toLower", Signature.of(Param.STRING), a -> mapRunes((String) a.get(0), false))
        .with("title", Signature.of(Param.STRING), a -> stringsTitle((String) a.get(0)))
        .with(
            "match",
            Signature.of(Param.STRING, Param.STRING),
            a -> GoRegexp.compile((String) a.get(0)).find((String) a.get(1)))
        .with(
            "reReplaceAll",
            Signature.of(Param.STRING, Param.STRING, Param.STRING),
            a -> mustCompile((String) a.get(0)).replaceAll((String) a.get(2), (String) a.get(1)))
        .with("safeHtml", Signature.of(Param.STRING), a -> a.get(0))
        .with("stripPort", Signature.of(Param.STRING), a -> stripPort((String) a.get(0)))
        .with("externalURL", Signature.of(), a -> url)
        .with("pathPrefix", Signature.of(), a -> pathPrefix(url))
        .with("humanize", Signature.of(Param.ANY), a -> Humanize.humanize(a.get(0)))
        .with("humanize1024", Signature.of(Param.ANY), a -> Humanize.humanize1024(a.get(0)))
        .with("humanizeDuration", Signature.of(Param.ANY), a -> Humanize.humanizeDuration(a.get(0)))
        .with(
            "humanizePercentage",
            Signature.of(Param.ANY),
            a -> Humanize.humanizePercentage(a.get(0)))
        .with(
            "humanizeTimestamp",
            Signature.of(Param.ANY),
            a -> Humanize.humanizeTimestamp(a.get(0)));
  }

  private static GoRegexp mustCompile(String expr) {
    try {
      return GoRegexp.compile(expr);
    } catch (IllegalArgumentException e) {
      String quoted = expr.indexOf('`') < 0 ? "`" + expr + "`" : Quote.go(expr);
      throw new IllegalArgumentException("regexp: Compile(" + quoted + "): " + e.getMessage(), e);
    }
  }

  private static String mapRunes(String s, boolean upper) {
    StringBuilder sb = new StringBuilder(s.length());
    s.codePoints()
        .forEach(
            c -> sb.appendCodePoint(upper ? Character.toUpperCase(c) : Character.toLowerCase(c)));
    return sb.toString();
  }

  /** Go's strings.Title: the first letter after a separator upper-cased, the rest untouched. */
  static String stringsTitle(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    int prev = ' ';
    for (int i = 0; i < s.length(); ) {
      int c = s.codePointAt(i);
      sb.appendCodePoint(isSeparator(prev) ? Character.toTitleCase(c) : c);
      prev = c;
      i += Character.charCount(c);
    }
    return sb.toString();
  }

  private static boolean isSeparator(int r) {
    if (r <= 0x7F) {
      return !(Character.isLetterOrDigit(r) || r == '_');
    }
    if (Character.isLetterOrDigit(r)) {
      return false;
    }
    return Character.isWhitespace(r) || Character.isSpaceChar(r);
  }

  /** net.SplitHostPort's host, or the input when it has no port. */
  static String stripPort(String hostPort) {
    int colon = hostPort.lastIndexOf(':');
    if (colon < 0) {
      return hostPort;
    }
    String host = hostPort.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      return host.substring(1, host.length() - 1);
    }
    return host.contains(":") ? hostPort : host;
  }

  private static String pathPrefix(String url) {
    try {
      String path = new URI(url).getRawPath();
      return path == null ? "" : path;
    } catch (URISyntaxException e) {
      return "";
    }
  }
}
