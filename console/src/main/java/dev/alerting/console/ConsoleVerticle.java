package dev.alerting.console;

import dev.alerting.platform.http.Health;
import dev.alerting.platform.http.Listener;
import dev.alerting.platform.http.ServiceMetrics;
import dev.alerting.platform.http.ServiceRouter;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console service: the page from the classpath, the proxy to the services, health and metrics.
 * Ready once HTTP listens (a service that is down shows as an error in the page, it does not make
 * the console unready); stopping drains requests in progress, then closes the proxy's client.
 */
public final class ConsoleVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(ConsoleVerticle.class);
  private static final String SERVICE = "console";

  /** How long stop() lets requests in progress finish (open incident streams are cut). */
  private static final long DRAIN_SECONDS = 2;

  /**
   * Scripts, styles and images only from the console itself, no inline script, no framing (the page
   * has buttons that change state: no clickjacking).
   */
  private static final String CSP =
      "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self';"
          + " connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

  private final ConsoleConfig config;
  private ConsoleProxy proxy;
  private HttpServer server;

  public ConsoleVerticle(ConsoleConfig config) {
    this.config = config;
  }

  /** The actual HTTP port (the configured one, or the one picked when configured as 0). */
  public int httpPort() {
    return server.actualPort();
  }

  @Override
  public Future<?> start() {
    PrometheusMeterRegistry registry = ServiceMetrics.registry(SERVICE);
    Router router = ServiceRouter.create(vertx, new Health(), registry);
    router.route().order(-1).handler(ConsoleVerticle::securityHeaders);
    proxy = new ConsoleProxy(vertx, config, registry);
    proxy.mount(router);
    router.get("/").handler(ctx -> ctx.redirect("/index.html"));
    router
        .get("/*")
        .handler(
            StaticHandler.create("console").setCachingEnabled(false).setIndexPage("index.html"));
    return Listener.listen(vertx, router, config.httpPort(), "console").onSuccess(s -> server = s);
  }

  private static void securityHeaders(RoutingContext ctx) {
    ctx.response()
        .putHeader("Content-Security-Policy", CSP)
        .putHeader("X-Content-Type-Options", "nosniff")
        .putHeader("Referrer-Policy", "no-referrer");
    ctx.next();
  }

  @Override
  public Future<?> stop() {
    Future<Void> drained =
        server == null
            ? Future.succeededFuture()
            : server.shutdown(DRAIN_SECONDS, TimeUnit.SECONDS);
    return drained.eventually(() -> proxy == null ? Future.succeededFuture() : proxy.close());
  }
}
