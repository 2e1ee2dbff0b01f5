package dev.alerting.notify.receiver;

/**
 * The user's and our default notification templates, applied to one notification's data. A template
 * that fails to render fails the delivery for good (retrying renders the same error).
 */
public interface MessageTemplates {
  /** The template data of {@code n} (built once per notification), ready to render fields. */
  Rendering of(Notification n);

  /** Renders template texts against one notification's data. */
  interface Rendering {
    /** Go text/template semantics; throws {@link TemplateFailure} naming the problem. */
    String text(String template);

    /** html/template semantics (email bodies): values are HTML-escaped. */
    default String html(String template) {
      return text(template);
    }
  }

  /** A template that did not parse or did not execute. */
  final class TemplateFailure extends RuntimeException {
    public TemplateFailure(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
