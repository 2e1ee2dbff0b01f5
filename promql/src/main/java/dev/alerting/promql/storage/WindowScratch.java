package dev.alerting.promql.storage;

import dev.alerting.model.Labels;
import dev.alerting.model.sample.FloatHistogram;

/**
 * The arrays a series copies or decodes a window into for a {@link SeriesSource.WindowVisitor}, one
 * set per thread, so a rule's window reads allocate nothing once the arrays have grown to the
 * longest window. A visitor may read another window while it runs: that nested read gets fresh
 * arrays, since the thread's are in use.
 */
final class WindowScratch {
  private static final ThreadLocal<WindowScratch> CURRENT =
      ThreadLocal.withInitial(WindowScratch::new);

  // always the same length, adopted together
  private long[] ts = new long[64];
  private double[] vs = new double[64];
  private boolean inUse;

  private WindowScratch() {}

  /** This thread's arrays. */
  static WindowScratch current() {
    return CURRENT.get();
  }

  /** Time array for {@code n} samples: this thread's, or a new one when in use or too short. */
  long[] times(int n) {
    return inUse || ts.length < n ? new long[n] : ts;
  }

  /** As {@link #times} for the values. */
  double[] values(int n) {
    return inUse || vs.length < n ? new double[n] : vs;
  }

  /**
   * Hands a window in {@code ts}/{@code vs} (from {@link #times} and {@link #values}) to the
   * visitor. Unless this is a nested read, they become the thread's arrays (they may have grown),
   * marked in use while the visitor runs.
   */
  void visit(
      Labels labels,
      long[] ts,
      double[] vs,
      FloatHistogram[] histograms,
      int n,
      SeriesSource.WindowVisitor visitor) {
    if (inUse) {
      visitor.visit(labels, ts, vs, histograms, 0, n);
      return;
    }
    this.ts = ts;
    this.vs = vs;
    inUse = true;
    try {
      visitor.visit(labels, ts, vs, histograms, 0, n);
    } finally {
      inUse = false;
    }
  }
}
