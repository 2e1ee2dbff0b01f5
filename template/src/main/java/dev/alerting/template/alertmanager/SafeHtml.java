package dev.alerting.template.alertmanager;

import dev.alerting.template.GoType;

/** Go's {@code template.HTML}: text {@code safeHtml} marks as already escaped. */
@GoType("template.HTML")
public final class SafeHtml {
  private final String html;

  public SafeHtml(String html) {
    this.html = html;
  }

  public String html() {
    return html;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SafeHtml s && s.html.equals(html);
  }

  @Override
  public int hashCode() {
    return html.hashCode();
  }

  @Override
  public String toString() {
    return html;
  }
}
