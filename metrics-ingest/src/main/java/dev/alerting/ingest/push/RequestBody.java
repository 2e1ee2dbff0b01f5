package dev.alerting.ingest.push;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.RoutingContext;
import java.util.Arrays;

/**
 * Reads a push body into one {@code byte[]} for the parsers, up to a limit (over it the route fails
 * with 413, as Vert.x's {@code BodyHandler} does). With a {@code Content-Length} the array has
 * exactly that size and each network chunk is copied into it once; {@code BodyHandler} grew a
 * buffer by doubling and was copied again into the parsers' array, ~4.5 times the body allocated
 * per request at 145 KB ({@code BodyAllocation} in bench, docs/benchmarks.md). Chunked bodies grow
 * an array by doubling, trimmed at the end. A client declaring more than it sends holds at most the
 * limit, as one sending that much would; admission ({@code INGEST_MAX_INFLIGHT_REQUESTS}) bounds
 * how many do at once.
 */
public final class RequestBody implements Handler<RoutingContext> {
  /** The routing-context key of the body's bytes. */
  static final String KEY = "push.body";

  private static final int CHUNKED_INITIAL = 4096;

  private final long limit;

  public RequestBody(long limit) {
    this.limit = limit;
  }

  /** The body read for {@code ctx}; empty when there was none. */
  public static byte[] of(RoutingContext ctx) {
    byte[] body = ctx.get(KEY);
    return body == null ? new byte[0] : body;
  }

  @Override
  public void handle(RoutingContext ctx) {
    HttpServerRequest request = ctx.request();
    long declared = declaredLength(request.getHeader("Content-Length"));
    if (declared > limit) {
      ctx.fail(413);
      return;
    }
    String expect = request.getHeader("Expect");
    if (expect != null) {
      // what BodyHandler did: curl and others wait for 100 Continue before sending a large body
      if (!expect.equalsIgnoreCase("100-continue")) {
        ctx.fail(417);
        return;
      }
      if (request.version() != HttpVersion.HTTP_1_0) {
        ctx.response().writeContinue();
      }
    }
    if (request.isEnded()) {
      ctx.fail(new IllegalStateException("the push body was read before its handler ran"));
      return;
    }
    Collector body = new Collector(declared);
    request.handler(chunk -> body.append(ctx, chunk));
    request.endHandler(v -> body.end(ctx));
    request.exceptionHandler(ctx::fail);
    request.resume();
  }

  /** The Content-Length, or -1 when absent or not a number (the body is then read as chunked). */
  private static long declaredLength(String header) {
    if (header == null) {
      return -1;
    }
    try {
      return Long.parseLong(header.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** One request's bytes as they arrive. */
  private final class Collector {
    private byte[] bytes;
    private int size;
    private boolean failed;

    Collector(long declared) {
      bytes = new byte[declared >= 0 ? (int) declared : CHUNKED_INITIAL];
    }

    void append(RoutingContext ctx, Buffer chunk) {
      if (failed) {
        return; // drained: the 413 is on its way
      }
      int n = chunk.length();
      if (size + (long) n > limit) {
        failed = true;
        ctx.fail(413);
        return;
      }
      if (bytes.length - size < n) {
        bytes = Arrays.copyOf(bytes, (int) Math.min(limit, Math.max(2L * bytes.length, size + n)));
      }
      chunk.getBytes(0, n, bytes, size);
      size += n;
    }

    void end(RoutingContext ctx) {
      if (failed) {
        return;
      }
      ctx.put(KEY, size == bytes.length ? bytes : Arrays.copyOf(bytes, size));
      ctx.next();
    }
  }
}
