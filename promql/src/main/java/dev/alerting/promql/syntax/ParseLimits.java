package dev.alerting.promql.syntax;

/**
 * Bounds on what the parser accepts, so a hostile expression fails with a clear error instead of
 * exhausting the stack or memory: the text's length in characters and how deep expressions nest
 * (parentheses, function arguments, operator operands).
 */
public record ParseLimits(int maxLength, int maxDepth) {
  /** Generous for hand-written rules (the seed rules nest under 10 deep). */
  public static final ParseLimits DEFAULT = new ParseLimits(64 * 1024, 128);

  public ParseLimits {
    if (maxLength < 1 || maxDepth < 1) {
      throw new IllegalArgumentException("parse limits must be positive");
    }
  }
}
