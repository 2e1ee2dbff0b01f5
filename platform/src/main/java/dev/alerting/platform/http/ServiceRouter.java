package dev.alerting.platform.http;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The router every service starts from: health, metrics, and one failure handler that turns
 * anything unhandled into problem+json (4xx kept as is, everything else a logged 500).
 */
public final class ServiceRouter {
  private static final Logger LOG = LoggerFactory.getLogger(ServiceRouter.class);

  private ServiceRouter() {}

  public static Router create(Vertx vertx, Health health, PrometheusMeterRegistry registry) {
    Router router = Router.router(vertx);
    health.mount(router);
    ServiceMetrics.mount(router, registry);
    router.route().failureHandler(ServiceRouter::failure);
    return router;
  }

  private static void failure(RoutingContext ctx) {
    if (ctx.response().ended()) {
      return;
    }
    int status = ctx.statusCode();
    Throwable err = ctx.failure();
    if (status == 413) {
      Problem.of(413, "Request body too large", "the body exceeds the configured limit").send(ctx);
    } else if (status >= 400 && status < 500) {
      String detail = err == null ? "request rejected" : err.getMessage();
      Problem.of(status, "Bad request", detail).send(ctx);
    } else {
      LOG.error("unhandled failure on {} {}", ctx.request().method(), ctx.request().path(), err);
      Problem.of(500, "Internal error", "the request failed on our side; see the service log")
          .send(ctx);
    }
  }
}
