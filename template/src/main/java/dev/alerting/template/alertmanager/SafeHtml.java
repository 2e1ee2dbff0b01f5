package dev.alerting.template.alertmanager;

import dev.alerting.template.GoType;

/** Go's {@code template.HTML}: text {@code safeHtml} marks as already escaped. */
@GoType("template.HTML")
public record SafeHtml(String html) {
  @Override
  public String toString() {
    return html;
  }
}
