package dev.alerting.promql.function;

import dev.alerting.promql.engine.KahanSum;
import dev.alerting.promql.storage.SeriesSamples;

/**
 * Least-squares line through a series, x in seconds relative to {@code interceptTime} (Prometheus's
 * {@code linearRegression}).
 */
final class Regression {
  private Regression() {}

  /** Returns {slope, intercept}. */
  static double[] fit(SeriesSamples s, long interceptTime) {
    double n = 0;
    KahanSum sumX = new KahanSum();
    KahanSum sumY = new KahanSum();
    KahanSum sumXY = new KahanSum();
    KahanSum sumX2 = new KahanSum();
    double initY = s.values()[0];
    boolean constY = true;
    for (int i = 0; i < s.size(); i++) {
      double y = s.values()[i];
      if (constY && i > 0 && y != initY) {
        constY = false;
      }
      n += 1;
      double x = (s.timestamps()[i] - interceptTime) / 1e3;
      sumX.add(x);
      sumY.add(y);
      sumXY.add(x * y);
      sumX2.add(x * x);
    }
    if (constY) {
      if (Double.isInfinite(initY)) {
        return new double[] {Double.NaN, Double.NaN};
      }
      return new double[] {0, initY};
    }
    double sx = sumX.value();
    double sy = sumY.value();
    double covXY = sumXY.value() - sx * sy / n;
    double varX = sumX2.value() - sx * sx / n;
    double slope = covXY / varX;
    double intercept = sy / n - slope * sx / n;
    return new double[] {slope, intercept};
  }
}
