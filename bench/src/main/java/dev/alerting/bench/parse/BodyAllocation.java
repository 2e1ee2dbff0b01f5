package dev.alerting.bench.parse;

import dev.alerting.ingest.push.RequestBody;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.PoolOptions;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import java.lang.management.ManagementFactory;

/**
 * Bytes allocated per push request (all threads of the JVM, client included) to read a body of a
 * given size into the parsers' {@code byte[]}: with nothing read (the baseline: HTTP and the
 * client), with Vert.x's {@code BodyHandler} and a copy out of its buffer (how ingest read bodies
 * before issue 13 part 1b), and with ingest's {@link RequestBody}. The body's cost is a row minus
 * the baseline. Usage: {@code BodyAllocation [body bytes...]}.
 */
public final class BodyAllocation {
  private static final int WARMUP = 2000;
  private static final int MEASURED = 3000;

  private BodyAllocation() {}

  public static void main(String[] args) {
    int[] sizes = args.length == 0 ? new int[] {30_000, 145_000} : new int[args.length];
    for (int i = 0; i < args.length; i++) {
      sizes[i] = Integer.parseInt(args[i]);
    }
    for (int size : sizes) {
      long baseline = perRequest(size, "discarded");
      for (String mode : new String[] {"BodyHandler + getBytes", "RequestBody"}) {
        long bytes = perRequest(size, mode);
        System.out.printf(
            "%,d B body, %s: %,d B per request, %,d B beyond the baseline (%,d)%n",
            size, mode, bytes, bytes - baseline, baseline);
      }
    }
  }

  private static long perRequest(int size, String mode) {
    Vertx vertx = Vertx.vertx();
    try {
      Router router = Router.router(vertx);
      Route route = router.post("/push");
      switch (mode) {
        case "RequestBody" -> {
          route.handler(new RequestBody(10 << 20));
          route.handler(ctx -> answer(ctx, RequestBody.of(ctx)));
        }
        case "BodyHandler + getBytes" -> {
          route.handler(BodyHandler.create(false).setBodyLimit(10 << 20));
          route.handler(ctx -> answer(ctx, ctx.body().buffer().getBytes()));
        }
        default ->
            route.handler(
                ctx ->
                    ctx.request().handler(chunk -> {}).endHandler(v -> answer(ctx, null)).resume());
      }
      HttpServer server = vertx.createHttpServer().requestHandler(router).listen(0).await();
      HttpClient client = vertx.createHttpClient(new PoolOptions().setHttp1MaxSize(1));
      Buffer body = Buffer.buffer(new byte[size]);
      send(client, server.actualPort(), body, WARMUP);
      long before = allocated();
      send(client, server.actualPort(), body, MEASURED);
      return (allocated() - before) / MEASURED;
    } finally {
      vertx.close().await();
    }
  }

  private static void answer(io.vertx.ext.web.RoutingContext ctx, byte[] body) {
    ctx.response().setStatusCode(204).end();
  }

  private static void send(HttpClient client, int port, Buffer body, int n) {
    for (int i = 0; i < n; i++) {
      client
          .request(HttpMethod.POST, port, "localhost", "/push")
          .compose(request -> request.send(body))
          .await();
    }
  }

  /** Bytes allocated so far by the JVM's live threads. */
  private static long allocated() {
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long total = 0;
    for (long bytes : threads.getThreadAllocatedBytes(threads.getAllThreadIds())) {
      total += Math.max(0, bytes);
    }
    return total;
  }
}
