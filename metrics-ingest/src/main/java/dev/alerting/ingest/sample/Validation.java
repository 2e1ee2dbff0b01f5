package dev.alerting.ingest.sample;

import dev.alerting.model.sample.Sample;
import java.util.List;

/** The verdict on one push request body: all samples valid, or why nothing of it may be written. */
public sealed interface Validation {

  /** Every sample is valid; they are in request order. */
  record Valid(List<Sample> samples) implements Validation {
    public Valid {
      samples = List.copyOf(samples);
    }
  }

  /** At least one sample is invalid: one error per bad sample, out of {@code sampleCount}. */
  record Invalid(List<SampleError> errors, int sampleCount) implements Validation {
    public Invalid {
      errors = List.copyOf(errors);
    }
  }

  /** The body is not a JSON array; {@code message} carries the parser's words and position. */
  record Malformed(String message) implements Validation {}

  /** The array holds more samples than the per-request limit. */
  record TooManySamples(int count, int limit) implements Validation {}
}
