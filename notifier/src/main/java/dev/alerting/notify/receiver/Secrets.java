package dev.alerting.notify.receiver;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/** What counts as secret in a configured value, for the {@link Redactor}. */
public final class Secrets {
  private Secrets() {}

  /**
   * A secret URL (Slack or Discord webhook, Teams workflow): the whole URL and, since errors often
   * quote only the path, its path and query too.
   */
  public static List<String> ofUrl(String url) {
    List<String> s = new ArrayList<>();
    if (url == null || url.isBlank()) {
      return s;
    }
    s.add(url);
    try {
      URI u = URI.create(url.strip());
      if (u.getRawPath() != null && u.getRawPath().length() > 1) {
        s.add(u.getRawPath() + (u.getRawQuery() == null ? "" : "?" + u.getRawQuery()));
      }
    } catch (IllegalArgumentException notAUrl) {
      // the parser reports a malformed URL; the whole value is still masked
    }
    return s;
  }
}
