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

  /** A service whose state-changing endpoints take JSON bodies ({@link BrowserRequests}). */
  public static Router create(Vertx vertx, Health health, PrometheusMeterRegistry registry) {
    return create(vertx, health, registry, BrowserRequests.JSON_POSTS);
  }

  /**
   * A service with its own rule for request bodies from browsers: ingest takes text formats ({@link
   * BrowserRequests#ANY_BODY}).
   */
  public static Router create(
      Vertx vertx, Health health, PrometheusMeterRegistry registry, BrowserRequests browsers) {
    Router router = Router.router(vertx);
    RequestStats requests = new RequestStats();
    router.route().handler(ctx -> timed(ctx, requests));
    router.route().handler(browsers);
    ErrorLog errors = new ErrorLog(registry);
    health.onFailure(
        (check, e) ->
            errors.record(
                check + "_unavailable", "critical", check + " check failed: " + e.getMessage(), 1));
    String service = serviceName(registry);
    health.mount(router, new KafkaClients(service), requests);
    KafkaConsumerMetrics consumers = new KafkaConsumerMetrics(service, registry);
    ServiceMetrics.mount(router, registry, consumers::refresh);
    router
        .get("/api/v1/errors")
        .handler(
            ctx ->
                ctx.response()
                    .putHeader("Content-Type", "application/json")
                    .end(errors.lastHour().encode()));
    router.route().failureHandler(ctx -> failure(ctx, errors));
    return router;
  }

  /** The {@code service} tag every meter of a service registry carries (ServiceMetrics). */
  private static String serviceName(PrometheusMeterRegistry registry) {
    return registry.getMeters().stream()
        .map(m -> m.getId().getTag("service"))
        .filter(java.util.Objects::nonNull)
        .findFirst()
        .orElse("unknown");
  }

  private static void timed(RoutingContext ctx, RequestStats requests) {
    long start = System.nanoTime();
    ctx.addEndHandler(ar -> requests.record(System.currentTimeMillis(), System.nanoTime() - start));
    ctx.next();
  }

  private static void failure(RoutingContext ctx, ErrorLog errors) {
    if (ctx.statusCode() >= 500 || ctx.statusCode() < 400) {
      Throwable err = ctx.failure();
      errors.record(
          "request_failure",
          "high",
          ctx.request().method()
              + " "
              + ctx.request().path()
              + ": "
              + (err == null ? "failed" : err.getClass().getSimpleName()),
          1);
    }
    failure(ctx);
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
