package dev.alerting.platform.http;

import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.ext.web.Router;

/**
 * A service's own Prometheus registry, tagged with the service name, served on {@code /metrics}.
 */
public final class ServiceMetrics {
  private ServiceMetrics() {}

  public static PrometheusMeterRegistry registry(String service) {
    PrometheusMeterRegistry r = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    r.config().commonTags("service", service);
    new JvmMemoryMetrics().bindTo(r);
    new JvmThreadMetrics().bindTo(r);
    new JvmGcMetrics().bindTo(r);
    return r;
  }

  public static void mount(Router router, PrometheusMeterRegistry registry) {
    mount(router, registry, () -> {});
  }

  /** Serves {@code /metrics}, running {@code beforeScrape} first (meters read on demand). */
  static void mount(Router router, PrometheusMeterRegistry registry, Runnable beforeScrape) {
    router
        .get("/metrics")
        .handler(
            ctx -> {
              beforeScrape.run();
              ctx.response()
                  .putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
                  .end(registry.scrape());
            });
  }
}
