package dev.alerting.template;

/**
 * A template that does not parse or fails while executing. The message is Go's, e.g. {@code
 * template: slack.tmpl:3: unexpected "}" in operand} or {@code template: :1:3: executing "" at
 * <.Foo>: can't evaluate field Foo in type template.Data}.
 */
public final class TemplateException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public TemplateException(String message) {
    super(message);
  }

  public TemplateException(String message, Throwable cause) {
    super(message, cause);
  }
}
