package dev.alerting.rule.template;

/** A template that cannot be used, with the 1-based character position of the problem. */
public final class TemplateException extends Exception {
  private static final long serialVersionUID = 1L;

  private final int position;

  public TemplateException(int position, String detail) {
    super("template error at position " + position + ": " + detail);
    this.position = position;
  }

  public int position() {
    return position;
  }
}
