package dev.alerting.platform.http;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * The health endpoints: {@code /health/live} (the process answers), {@code /health/ready} (every
 * registered check — Kafka clients, stores — succeeds; 503 naming each failing one), {@code
 * /health} (status, version, uptime, one word per component) and {@code /health/detailed} (each
 * check with its response time, the service's Kafka clients, memory, request rate and latency).
 */
public final class Health {
  private static final String VERSION =
      Health.class.getPackage().getImplementationVersion() == null
          ? "0.1.0-SNAPSHOT"
          : Health.class.getPackage().getImplementationVersion();

  private final Map<String, Supplier<Future<?>>> checks = new LinkedHashMap<>();
  private final Map<String, Supplier<JsonObject>> details = new LinkedHashMap<>();
  private final long startedMillis = System.currentTimeMillis();
  private BiConsumer<String, Throwable> onFailure = (name, e) -> {};

  public Health register(String name, Supplier<Future<?>> check) {
    checks.put(name, check);
    return this;
  }

  /**
   * A check whose {@code /health/detailed} entry also carries {@code details} (read without
   * blocking, whatever the check's outcome), e.g. a store's connection pool use.
   */
  public Health register(String name, Supplier<Future<?>> check, Supplier<JsonObject> details) {
    this.details.put(name, details);
    return register(name, check);
  }

  /** Called with the check's name and cause each time a check fails. */
  Health onFailure(BiConsumer<String, Throwable> listener) {
    this.onFailure = listener;
    return this;
  }

  public void mount(Router router) {
    mount(router, null, null);
  }

  void mount(Router router, KafkaClients kafka, RequestStats requests) {
    router.get("/health/live").handler(ctx -> json(ctx, 200, new JsonObject().put("status", "UP")));
    router.get("/health/ready").handler(this::ready);
    router.get("/health").handler(ctx -> summary(ctx, false, kafka, requests));
    router.get("/health/detailed").handler(ctx -> summary(ctx, true, kafka, requests));
  }

  private record Result(String name, Future<?> outcome, long startedNanos, long[] tookNanos) {}

  private Future<List<Result>> runAll() {
    List<Result> results = new ArrayList<>();
    List<Future<?>> futures = new ArrayList<>();
    for (Map.Entry<String, Supplier<Future<?>>> c : checks.entrySet()) {
      long start = System.nanoTime();
      long[] took = {0};
      Future<?> f = run(c.getValue()).onComplete(ar -> took[0] = System.nanoTime() - start);
      f.onFailure(e -> onFailure.accept(c.getKey(), e));
      results.add(new Result(c.getKey(), f, start, took));
      futures.add(f);
    }
    return Future.join(futures).transform(ignored -> Future.succeededFuture(results));
  }

  private void ready(RoutingContext ctx) {
    runAll()
        .onSuccess(
            results -> {
              JsonObject detail = new JsonObject();
              boolean up = true;
              for (Result r : results) {
                if (r.outcome().succeeded()) {
                  detail.put(r.name(), "UP");
                } else {
                  up = false;
                  detail.put(r.name(), "DOWN: " + r.outcome().cause().getMessage());
                }
              }
              json(
                  ctx,
                  up ? 200 : 503,
                  new JsonObject().put("status", up ? "UP" : "DOWN").put("checks", detail));
            });
  }

  private void summary(
      RoutingContext ctx, boolean detailed, KafkaClients kafka, RequestStats requests) {
    runAll()
        .onSuccess(
            results -> {
              boolean up = results.stream().allMatch(r -> r.outcome().succeeded());
              JsonObject components = new JsonObject();
              for (Result r : results) {
                String status = r.outcome().succeeded() ? "UP" : "DOWN";
                if (!detailed) {
                  components.put(r.name(), status);
                  continue;
                }
                JsonObject c =
                    new JsonObject()
                        .put("status", status)
                        .put("response_time_ms", r.tookNanos()[0] / 1_000_000.0);
                if (r.outcome().failed()) {
                  c.put("error", r.outcome().cause().getMessage());
                }
                Supplier<JsonObject> extra = details.get(r.name());
                if (extra != null) {
                  c.mergeIn(extra.get());
                }
                components.put(r.name(), c);
              }
              MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
              long max = heap.getMax() > 0 ? heap.getMax() : heap.getCommitted();
              JsonObject memory =
                  new JsonObject()
                      .put("status", "UP")
                      .put("used_mb", heap.getUsed() / (1024 * 1024))
                      .put("max_mb", max / (1024 * 1024))
                      .put("usage_percentage", 100.0 * heap.getUsed() / max);
              if (detailed) {
                components.put("memory", memory);
                if (kafka != null) {
                  components.put("kafka_clients", kafka.describe());
                }
                if (requests != null) {
                  components.put("requests", requests.snapshot(System.currentTimeMillis()));
                }
              } else {
                components.put("memory", "UP");
              }
              JsonObject body =
                  new JsonObject()
                      .put("status", up ? "UP" : "DOWN")
                      .put("timestamp", Instant.now().toString())
                      .put("version", VERSION)
                      .put("uptime", (System.currentTimeMillis() - startedMillis) / 1000)
                      .put("components", components);
              json(ctx, up ? 200 : 503, body);
            });
  }

  private static Future<?> run(Supplier<Future<?>> check) {
    try {
      return check.get();
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }

  private static void json(RoutingContext ctx, int status, JsonObject body) {
    ctx.response()
        .setStatusCode(status)
        .putHeader("Content-Type", "application/json")
        .end(body.encode());
  }
}
