package dev.alerting.promql.engine;

/**
 * Neumaier-compensated summation exactly as Prometheus's {@code kahanSumInc}, so our sums round
 * like theirs.
 */
public final class KahanSum {
  private double sum;
  private double c;

  public void add(double inc) {
    double t = sum + inc;
    if (Double.isInfinite(t)) {
      c = 0;
    } else if (Math.abs(sum) >= Math.abs(inc)) {
      c += (sum - t) + inc;
    } else {
      c += (inc - t) + sum;
    }
    sum = t;
  }

  public double value() {
    return sum + c;
  }

  /**
   * The mean of {@code values}: direct Kahan sum, switching to an incremental mean if the sum
   * overflows (Prometheus 3).
   */
  public static double mean(double[] values, int n) {
    double sum = values[0];
    double kahanC = 0;
    double mean = 0;
    boolean incremental = false;
    for (int i = 1; i < n; i++) {
      double f = values[i];
      double count = i + 1;
      if (!incremental) {
        double t = sum + f;
        double newC = compensation(sum, f, t, kahanC);
        if (!Double.isInfinite(t)) {
          sum = t;
          kahanC = newC;
          continue;
        }
        incremental = true;
        mean = sum / (count - 1);
        kahanC /= (count - 1);
      }
      double q = (count - 1) / count;
      double base = q * mean;
      double inc = f / count;
      double t = base + inc;
      kahanC = compensation(base, inc, t, q * kahanC);
      mean = t;
    }
    return incremental ? mean + kahanC : sum / n + kahanC / n;
  }

  private static double compensation(double sum, double inc, double t, double c) {
    if (Double.isInfinite(t)) {
      return 0;
    }
    // c + ((sum - t) + inc), not (c + (sum - t)) + inc: the compensation term must be formed
    // before it is added, or a large cancelling pair (1e100, -1e100) wipes out what c held.
    return Math.abs(sum) >= Math.abs(inc) ? c + ((sum - t) + inc) : c + ((inc - t) + sum);
  }
}
