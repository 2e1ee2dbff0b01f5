package dev.alerting.platform.http;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Starts a service's HTTP server the one way every service does, and says where it listens. */
public final class Listener {
  private static final Logger LOG = LoggerFactory.getLogger(Listener.class);

  private Listener() {}

  /**
   * Listens on {@code port} (0 = any free port) with {@link ServerOptions#http1()} and logs the
   * port actually bound, which is how a user finds a service started on a free port.
   */
  public static Future<HttpServer> listen(Vertx vertx, Router router, int port, String service) {
    return vertx
        .createHttpServer(ServerOptions.http1())
        .requestHandler(router)
        .listen(port)
        .onSuccess(s -> LOG.info("{} listening on port {}", service, s.actualPort()));
  }
}
