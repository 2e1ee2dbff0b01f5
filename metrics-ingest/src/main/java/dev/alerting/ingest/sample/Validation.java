package dev.alerting.ingest.sample;

import dev.alerting.model.sample.Sample;
import java.util.List;
import java.util.Map;

/** The verdict on one push request body: all samples valid, or why nothing of it may be written. */
public sealed interface Validation {

  /**
   * Every sample is valid; they are in request order. {@code skipped} counts input the format
   * defines but the topic cannot carry (Influx string fields, native histograms), by kind.
   */
  record Valid(List<Sample> samples, Map<String, Integer> skipped) implements Validation {
    public Valid {
      samples = List.copyOf(samples);
      skipped = Map.copyOf(skipped);
    }

    public Valid(List<Sample> samples) {
      this(samples, Map.of());
    }
  }

  /**
   * At least one sample is invalid: one error per bad sample, line or series, out of {@code
   * sampleCount}. {@code unit} names what {@link SampleError#index()} counts ({@code index}, {@code
   * line} or {@code series}): it is the field name clients see in the problem's errors.
   */
  record Invalid(List<SampleError> errors, int sampleCount, String unit) implements Validation {
    public Invalid {
      errors = List.copyOf(errors);
    }

    public Invalid(List<SampleError> errors, int sampleCount) {
      this(errors, sampleCount, "index");
    }
  }

  /** The body cannot be read at all; {@code message} carries the parser's words and position. */
  record Malformed(String message) implements Validation {}

  /** The body holds more samples than the per-request limit. */
  record TooManySamples(int count, int limit) implements Validation {}

  /** The body decodes to more bytes than the body limit allows (a compressed body). */
  record TooLarge(long limit) implements Validation {}
}
