package dev.alerting.bench.rules;

import dev.alerting.model.Labels;
import dev.alerting.model.sample.Sample;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Synthetic input for the rule engine benchmarks: a fixed set of series, one sample each per 15 s
 * step, steps in time order, series within a step in a fixed shuffled order (as partitions keyed by
 * series interleave them on {@code metrics.samples}), cut into poll-sized batches that may straddle
 * two steps.
 */
final class SampleFeed {
  static final long STEP_MS = 15_000;

  /** A series' value at a step. */
  interface Values {
    double at(int series, long step);
  }

  private final List<Labels> series;
  private final Values values;
  private final long startMs;
  private final int[] order;
  private final int jitterMs;
  private long step;
  private int position;

  SampleFeed(List<Labels> series, Values values, long startMs, boolean shuffled) {
    this(series, values, startMs, shuffled, 0);
  }

  /**
   * As above, each sample's timestamp off the 15 s grid by a pseudo-random -jitterMs..+jitterMs
   * (fixed per series and step), as scrapes are.
   */
  SampleFeed(List<Labels> series, Values values, long startMs, boolean shuffled, int jitterMs) {
    this.jitterMs = jitterMs;
    this.series = List.copyOf(series);
    this.values = values;
    this.startMs = startMs;
    this.order = new int[series.size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    if (shuffled) {
      Random random = new Random(42);
      for (int i = order.length - 1; i > 0; i--) {
        int j = random.nextInt(i + 1);
        int t = order[i];
        order[i] = order[j];
        order[j] = t;
      }
    }
  }

  int seriesCount() {
    return series.size();
  }

  /** The step the next sample belongs to. */
  long step() {
    return step;
  }

  long timeOf(long step) {
    return startMs + step * STEP_MS;
  }

  private long jitter(int s) {
    if (jitterMs == 0) {
      return 0;
    }
    long h = (s * 0x9E3779B97F4A7C15L + step) * 0xBF58476D1CE4E5B9L;
    return Math.floorMod(h ^ (h >>> 31), 2 * jitterMs + 1) - jitterMs;
  }

  /** The next {@code n} samples, continuing where the previous batch ended. */
  List<Sample> next(int n) {
    List<Sample> out = new ArrayList<>(n);
    for (int k = 0; k < n; k++) {
      int s = order[position];
      out.add(new Sample(series.get(s), values.at(s, step), timeOf(step) + jitter(s)));
      if (++position == order.length) {
        position = 0;
        step++;
      }
    }
    return out;
  }

  /** Every sample of the next {@code steps} whole steps (from a step boundary), to preload. */
  List<Sample> steps(int steps) {
    if (position != 0) {
      throw new IllegalStateException("not at a step boundary");
    }
    return next(steps * order.length);
  }
}
