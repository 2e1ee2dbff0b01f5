package dev.alerting.ingest.sample;

/**
 * A body that cannot be read in its format: the only exception the format parsers let escape their
 * decoders, turned into a {@link Validation.Malformed} (or a per-line error) before it reaches
 * HTTP.
 */
public final class FormatException extends RuntimeException {
  public FormatException(String message) {
    super(message, null, false, false); // expected on bad input: no stack trace to fill
  }
}
