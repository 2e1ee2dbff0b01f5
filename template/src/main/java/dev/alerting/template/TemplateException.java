package dev.alerting.template;

/**
 * A template that does not parse or fails while executing. The message is Go's, e.g. {@code
 * template: slack.tmpl:3: unexpected "}" in operand} or {@code template: :1:3: executing "" at
 * <.Foo>: can't evaluate field Foo in type template.Data}.
 */
public final class TemplateException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int offset;

  public TemplateException(String message) {
    this(message, -1);
  }

  /** A parse error at char {@code offset} of the source text. */
  public TemplateException(String message, int offset) {
    super(message);
    this.offset = offset;
  }

  /** The char offset of the token a parse error is about, or -1 when not a parse error. */
  public int offset() {
    return offset;
  }

  public TemplateException(String message, Throwable cause) {
    super(message, cause);
    this.offset = -1;
  }
}
