package dev.alerting.model.sample;

/**
 * What a histogram's producer says about counter resets, as Prometheus's {@code CounterResetHint}:
 * the engine trusts {@link #COUNTER_RESET} and {@link #NOT_COUNTER_RESET}, detects resets itself
 * for {@link #UNKNOWN}, and never looks for resets in a {@link #GAUGE} histogram.
 */
public enum CounterResetHint {
  UNKNOWN("unknown"),
  COUNTER_RESET("reset"),
  NOT_COUNTER_RESET("not_reset"),
  GAUGE("gauge");

  private final String notation;

  CounterResetHint(String notation) {
    this.notation = notation;
  }

  /** The spelling in Prometheus's test notation ({@code counter_reset_hint:gauge}). */
  public String notation() {
    return notation;
  }

  /** The hint spelled as in Prometheus's test notation; rejects anything else. */
  public static CounterResetHint fromNotation(String text) {
    for (CounterResetHint hint : values()) {
      if (hint.notation.equals(text)) {
        return hint;
      }
    }
    throw new IllegalArgumentException("unknown counter reset hint: " + text);
  }
}
