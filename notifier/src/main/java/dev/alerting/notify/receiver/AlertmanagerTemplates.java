package dev.alerting.notify.receiver;

import dev.alerting.template.TemplateException;
import dev.alerting.template.Templates;
import dev.alerting.template.alertmanager.NotificationData;
import dev.alerting.template.alertmanager.NotificationTemplates;

/**
 * The Go template engine behind {@link MessageTemplates}: our default templates plus the config's
 * {@code templates:} files, rendered against Alertmanager's notification data.
 */
public final class AlertmanagerTemplates implements MessageTemplates {
  private final Templates templates;
  private final String externalUrl;

  public AlertmanagerTemplates(Templates templates, String externalUrl) {
    this.templates = templates;
    this.externalUrl = externalUrl;
  }

  /** Our default templates only (no user files). */
  public static AlertmanagerTemplates defaults(String externalUrl) {
    return new AlertmanagerTemplates(NotificationTemplates.defaults(), externalUrl);
  }

  @Override
  public Rendering of(Notification n) {
    NotificationData data =
        NotificationData.of(n.receiver(), n.groupLabels(), n.alerts(), externalUrl);
    return new Rendering() {
      @Override
      public String text(String template) {
        try {
          return template == null ? "" : templates.render(template, data);
        } catch (TemplateException e) {
          throw new TemplateFailure(e.getMessage(), e);
        }
      }

      @Override
      public String html(String template) {
        try {
          return template == null ? "" : templates.renderHtml(template, data);
        } catch (TemplateException e) {
          throw new TemplateFailure(e.getMessage(), e);
        }
      }
    };
  }
}
