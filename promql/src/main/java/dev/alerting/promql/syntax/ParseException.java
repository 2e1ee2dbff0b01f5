package dev.alerting.promql.syntax;

/**
 * A PromQL text that is invalid or outside the supported subset, with the 0-based offending
 * position.
 */
public final class ParseException extends RuntimeException {
  private final int position;
  private final String reason;

  public ParseException(String reason, int position) {
    super(reason + " at position " + position);
    this.reason = reason;
    this.position = position;
  }

  /** 0-based character offset into the parsed text. */
  public int position() {
    return position;
  }

  /** The message without the position suffix. */
  public String reason() {
    return reason;
  }
}
