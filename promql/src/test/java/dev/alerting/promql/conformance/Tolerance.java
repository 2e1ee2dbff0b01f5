package dev.alerting.promql.conformance;

/**
 * Float comparison as Prometheus's own PromQL tests do it: equal when both are NaN, when equal, or
 * when the difference is below {@code 1e-6} of the sum of magnitudes (against the smallest normal
 * double when either is 0 or both are tiny).
 */
public final class Tolerance {
  /** Upstream promqltest's relative error allowed for sample values. */
  public static final double EPSILON = 1e-6;

  private static final double MIN_NORMAL = Double.MIN_NORMAL;

  private Tolerance() {}

  public static boolean close(double a, double b) {
    if (Double.isNaN(a) && Double.isNaN(b)) {
      return true;
    }
    if (a == b) {
      return true;
    }
    double absSum = Math.abs(a) + Math.abs(b);
    double diff = Math.abs(a - b);
    if (a == 0 || b == 0 || absSum < MIN_NORMAL) {
      return diff < EPSILON * MIN_NORMAL;
    }
    return diff / Math.min(absSum, Double.MAX_VALUE) < EPSILON;
  }
}
