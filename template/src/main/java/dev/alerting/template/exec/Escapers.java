package dev.alerting.template.exec;

import dev.alerting.template.fmt.Quote;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Go's HTMLEscapeString, JSEscapeString and url.QueryEscape. */
public final class Escapers {
  private Escapers() {}

  public static String html(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("&#34;");
        case '\'' -> sb.append("&#39;");
        case '&' -> sb.append("&amp;");
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case 0 -> sb.append('\uFFFD');
        default -> sb.append(c);
      }
    }
    return sb.toString();
  }

  public static String js(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    s.codePoints()
        .forEach(
            r -> {
              switch (r) {
                case '\\' -> sb.append("\\\\");
                case '\'' -> sb.append("\\'");
                case '"' -> sb.append("\\\"");
                case '<' -> sb.append("\\u003C");
                case '>' -> sb.append("\\u003E");
                case '&' -> sb.append("\\u0026");
                case '=' -> sb.append("\\u003D");
                default -> {
                  if (r < ' ' || (r >= 0x80 && !Quote.isPrint(r))) {
                    sb.append(String.format("\\u%04X", r));
                  } else {
                    sb.appendCodePoint(r);
                  }
                }
              }
            });
    return sb.toString();
  }

  public static String urlQuery(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("*", "%2A").replace("%7E", "~");
  }
}
