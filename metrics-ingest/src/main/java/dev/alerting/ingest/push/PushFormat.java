package dev.alerting.ingest.push;

import dev.alerting.ingest.sample.Validation;
import io.vertx.ext.web.RoutingContext;

/**
 * One wire format of the push API: which requests it takes, how it reads a body into samples, and
 * how it answers success. The pipeline around it (auth, load, body limit, gzip, Kafka) is shared.
 */
interface PushFormat {

  /** Reads a whole (decompressed) body; runs on a worker thread, so it must be pure. */
  @FunctionalInterface
  interface BodyParser {
    Validation parse(byte[] body, long nowMillis);
  }

  /** The {@code format} tag of the request counter. */
  String name();

  /**
   * Checks the request's headers, path and parameters on the event loop and returns the body parser
   * bound to them; throws {@link Refusal} when the request cannot be taken.
   */
  BodyParser prepare(RoutingContext ctx);

  /** A Content-Encoding the format decodes itself (remote_write's snappy), or null. */
  default String ownEncoding() {
    return null;
  }

  /** Answers a request whose {@code accepted} samples Kafka has acknowledged. */
  default void accepted(RoutingContext ctx, int accepted) {
    ctx.response().setStatusCode(204).end();
  }

  /**
   * As {@link #accepted(RoutingContext, int)}, knowing how many of the {@code accepted} samples are
   * native histograms (remote write 2.0 reports them apart).
   */
  default void accepted(RoutingContext ctx, int accepted, int histograms) {
    accepted(ctx, accepted);
  }
}
