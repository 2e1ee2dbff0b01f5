package dev.alerting.template.alertmanager;

import dev.alerting.template.TemplateSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Our default notification templates (resource {@code default.tmpl}, written for this project),
 * under the define names Alertmanager users reference: {@code __subject}, {@code __text}, {@code
 * slack.default.*}, {@code pagerduty.default.*}, {@code email.default.*}, {@code
 * opsgenie.default.*}, {@code telegram.default.message}, {@code msteams.default.*}, {@code
 * msteamsv2.default.*}, {@code discord.default.*}, {@code webex.default.message}.
 */
public final class DefaultTemplates {
  public static final String NAME = "default.tmpl";
  private static final String TEXT = read();

  private DefaultTemplates() {}

  public static TemplateSource source() {
    return new TemplateSource(NAME, TEXT);
  }

  private static String read() {
    try (InputStream in = DefaultTemplates.class.getResourceAsStream(NAME)) {
      if (in == null) {
        throw new IllegalStateException("resource " + NAME + " missing");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
