package dev.alerting.promql.engine;

import dev.alerting.promql.storage.SeriesSamples;
import java.util.List;

/** A value produced while evaluating: scalar, instant vector, range vector or string. */
public sealed interface Value permits Value.Scalar, Value.Vector, Value.Matrix, Value.Str {

  /** A scalar. */
  record Scalar(double value) implements Value {}

  /** An instant vector. */
  record Vector(List<InstantSample> samples) implements Value {
    public Vector {
      samples = List.copyOf(samples);
    }
  }

  /**
   * A range vector, stale markers already removed, read from the left-open window (windowStart,
   * windowEnd] (what rate extrapolates to).
   */
  record Matrix(List<SeriesSamples> series, long windowStart, long windowEnd) implements Value {}

  /** A string (function arguments only). */
  record Str(String value) implements Value {}
}
