package dev.alerting.promql.function;

/** Float comparison as Prometheus makes it: relative tolerance, NaN equal to NaN. */
public final class Floats {
  private Floats() {}

  /**
   * Whether {@code a} and {@code b} differ by less than {@code epsilon} relative to their size (or,
   * near zero, than {@code epsilon} times the smallest normal double); NaN equals NaN.
   */
  public static boolean almostEqual(double a, double b, double epsilon) {
    if (Double.isNaN(a) && Double.isNaN(b)) {
      return true;
    }
    if (a == b) {
      return true;
    }
    double absSum = Math.abs(a) + Math.abs(b);
    double diff = Math.abs(a - b);
    if (a == 0 || b == 0 || absSum < Double.MIN_NORMAL) {
      return diff < epsilon * Double.MIN_NORMAL;
    }
    return diff / Math.min(absSum, Double.MAX_VALUE) < epsilon;
  }
}
