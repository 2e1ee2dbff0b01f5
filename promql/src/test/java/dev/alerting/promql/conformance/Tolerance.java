package dev.alerting.promql.conformance;

import dev.alerting.promql.function.Floats;

/**
 * Float comparison as Prometheus's own PromQL tests do it: equal when both are NaN, when equal, or
 * when the difference is below {@code 1e-6} of the sum of magnitudes (against the smallest normal
 * double when either is 0 or both are tiny).
 */
public final class Tolerance {
  /** Upstream promqltest's relative error allowed for sample values. */
  public static final double EPSILON = 1e-6;

  private Tolerance() {}

  public static boolean close(double a, double b) {
    return Floats.almostEqual(a, b, EPSILON);
  }
}
