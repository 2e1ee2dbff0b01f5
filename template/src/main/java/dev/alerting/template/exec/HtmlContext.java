package dev.alerting.template.exec;

import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A small part of Go's html/template contextual escaping, for notification HTML (email bodies): the
 * context of a printed value is read from the output before it. In text and ordinary attribute
 * values the value is HTML-escaped as html/template escapes it; in a URL attribute ({@code href},
 * {@code src}, ...) it is filtered (unsafe schemes become {@code #ZgotmplZ}) and percent-normalised
 * first. Values of type {@code template.HTML} ({@code safeHtml}) pass through in text. Not
 * modelled: script, style and comment contexts.
 */
final class HtmlContext {
  private static final Pattern ATTR =
      Pattern.compile("([A-Za-z][A-Za-z0-9_:-]*)\\s*=\\s*([\"']?)([^\"'>]*)$");
  private static final Set<String> URL_ATTRS =
      Set.of(
          "action",
          "archive",
          "background",
          "cite",
          "classid",
          "codebase",
          "data",
          "formaction",
          "href",
          "icon",
          "longdesc",
          "manifest",
          "poster",
          "profile",
          "src",
          "usemap",
          "xmlns");

  private HtmlContext() {}

  static void print(StringBuilder out, Object value, String text, boolean safeHtml) {
    int lt = out.lastIndexOf("<");
    int gt = out.lastIndexOf(">");
    if (lt <= gt) {
      out.append(safeHtml ? text : escape(text));
      return;
    }
    Matcher m = ATTR.matcher(out.substring(lt));
    if (m.find() && URL_ATTRS.contains(m.group(1).toLowerCase())) {
      String url = m.group(3).isEmpty() ? filterScheme(text) : text;
      out.append(escape(normalizeUrl(url)));
      return;
    }
    out.append(escape(text));
  }

  static String escape(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case 0 -> sb.append('\uFFFD');
        case '"' -> sb.append("&#34;");
        case '&' -> sb.append("&amp;");
        case '\'' -> sb.append("&#39;");
        case '+' -> sb.append("&#43;");
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        default -> sb.append(c);
      }
    }
    return sb.toString();
  }

  private static String filterScheme(String url) {
    int colon = url.indexOf(':');
    if (colon >= 0 && !url.substring(0, colon).contains("/")) {
      String scheme = url.substring(0, colon).toLowerCase();
      if (!scheme.equals("http") && !scheme.equals("https") && !scheme.equals("mailto")) {
        return "#ZgotmplZ";
      }
    }
    return url;
  }

  /** html/template's URL normaliser: keeps reserved and unreserved characters, encodes the rest. */
  private static String normalizeUrl(String url) {
    StringBuilder sb = new StringBuilder();
    for (byte b : url.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      boolean keep =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || "-._~!#$&*+,/:;=?@[]%'()".indexOf(c) >= 0;
      if (keep) {
        sb.append((char) c);
      } else {
        sb.append('%').append(String.format("%02x", c));
      }
    }
    return sb.toString();
  }
}
