package dev.alerting.template.exec;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The part of Go's html/template contextual escaping notification HTML (email bodies) needs: the
 * context of a printed value is read from the output before it. Text is HTML-escaped; attribute
 * values are escaped for their quoting; URL attributes ({@code href}, {@code src}, ...) are
 * scheme-filtered ({@code #ZgotmplZ}) and normalised, or query-escaped after {@code ?}/{@code #};
 * {@code on*} attributes and {@code <script>} get JavaScript values. {@code safeHtml} values pass
 * unescaped in text and lose their tags in attributes. Not modelled: CSS contexts, JS strings and
 * regexps, HTML comments spanning actions.
 */
final class HtmlContext {
  private static final Pattern ATTR =
      Pattern.compile("([A-Za-z][A-Za-z0-9_:-]*)\\s*=\\s*(?:([\"'])([^\"']*)|([^\\s\"'>]*))$");
  private static final Pattern COMMENT = Pattern.compile("<!--.*?-->", Pattern.DOTALL);
  private static final Pattern TAG = Pattern.compile("<[^>]*>");
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

  /** html/template drops HTML comments from the template's own text. */
  static String text(String s) {
    return s.contains("<!--") ? COMMENT.matcher(s).replaceAll("") : s;
  }

  static void print(
      StringBuilder out, Object value, String text, boolean safeHtml, String predefined) {
    int lt = out.lastIndexOf("<");
    int gt = out.lastIndexOf(">");
    if (lt <= gt) {
      if (inScript(out)) {
        out.append(jsValue(value, text));
      } else {
        out.append(safeHtml || predefined.equals("html") ? text : escape(text, false));
      }
      return;
    }
    Matcher m = ATTR.matcher(out.substring(lt));
    if (!m.find()) {
      out.append(escape(text, false));
      return;
    }
    boolean quoted = m.group(2) != null;
    String before = quoted ? m.group(3) : m.group(4);
    String name = m.group(1).toLowerCase(Locale.ROOT);
    String v;
    if (URL_ATTRS.contains(name)) {
      if (before.isEmpty()) {
        v = url(filterScheme(text), true);
      } else if (before.indexOf('?') >= 0 || before.indexOf('#') >= 0) {
        v = predefined.equals("urlquery") ? text : url(text, false);
      } else {
        v = url(text, true);
      }
    } else if (name.startsWith("on")) {
      v = jsValue(value, text);
    } else if (predefined.equals("html") && quoted) {
      out.append(text);
      return;
    } else {
      v = safeHtml ? TAG.matcher(text).replaceAll("") : text;
    }
    out.append(escape(v, !quoted));
  }

  private static boolean inScript(StringBuilder out) {
    String lower = out.toString().toLowerCase(Locale.ROOT);
    return lower.lastIndexOf("<script") > lower.lastIndexOf("</script");
  }

  /** htmlEscaper, or htmlNospaceEscaper for unquoted attribute values. */
  static String escape(String s, boolean nospace) {
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case 0 -> sb.append(nospace ? "&#xfffd;" : "\uFFFD");
        case '"' -> sb.append("&#34;");
        case '&' -> sb.append("&amp;");
        case '\'' -> sb.append("&#39;");
        case '+' -> sb.append("&#43;");
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        default -> {
          if (nospace
              && (c == '\t' || c == '\n' || c == 11 || c == '\f' || c == '\r' || c == ' '
                  || c == '=' || c == '`')) {
            sb.append("&#").append((int) c).append(';');
          } else {
            sb.append(c);
          }
        }
      }
    }
    return sb.toString();
  }

  private static String filterScheme(String url) {
    int colon = url.indexOf(':');
    if (colon >= 0 && url.substring(0, colon).indexOf('/') < 0) {
      String scheme = url.substring(0, colon).toLowerCase(Locale.ROOT);
      if (!scheme.equals("http") && !scheme.equals("https") && !scheme.equals("mailto")) {
        return "#ZgotmplZ";
      }
    }
    return url;
  }

  /** html/template's urlNormalizer ({@code normalize}) or urlEscaper. */
  private static String url(String s, boolean normalize) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    StringBuilder sb = new StringBuilder(b.length);
    for (int i = 0; i < b.length; i++) {
      int c = b[i] & 0xff;
      boolean keep;
      if ("!#$&*+,/:;=?@[]".indexOf(c) >= 0) {
        keep = normalize;
      } else if (c == '%') {
        keep = normalize && i + 2 < b.length && isHex(b[i + 1]) && isHex(b[i + 2]);
      } else {
        keep =
            "-._~".indexOf(c) >= 0
                || (c >= 'a' && c <= 'z')
                || (c >= 'A' && c <= 'Z')
                || (c >= '0' && c <= '9');
      }
      if (keep) {
        sb.append((char) c);
      } else {
        sb.append('%').append(String.format("%02x", c));
      }
    }
    return sb.toString();
  }

  private static boolean isHex(byte b) {
    return (b >= '0' && b <= '9') || (b >= 'a' && b <= 'f') || (b >= 'A' && b <= 'F');
  }

  /** jsValEscaper: values as JSON, with {@code < > &} and line separators escaped. */
  private static String jsValue(Object value, String text) {
    if (value instanceof Boolean || GoTypes.isInt(value) || GoTypes.isFloat(value)) {
      return " " + text + " ";
    }
    StringBuilder sb = new StringBuilder("\"");
    text.codePoints()
        .forEach(
            c -> {
              switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '<', '>', '&', 0x2028, 0x2029 -> sb.append(String.format("\\u%04x", c));
                default -> {
                  if (c < 0x20) {
                    sb.append(String.format("\\u%04x", c));
                  } else {
                    sb.appendCodePoint(c);
                  }
                }
              }
            });
    return sb.append('"').toString();
  }
}
