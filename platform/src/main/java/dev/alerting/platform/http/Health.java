package dev.alerting.platform.http;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code /health/live} (the process answers) and {@code /health/ready} (every registered check —
 * Kafka clients, stores — succeeds). Readiness answers 503 with each failing check named.
 */
public final class Health {
  private final Map<String, Supplier<Future<?>>> checks = new LinkedHashMap<>();

  public Health register(String name, Supplier<Future<?>> check) {
    checks.put(name, check);
    return this;
  }

  public void mount(Router router) {
    router.get("/health/live").handler(ctx -> json(ctx, 200, new JsonObject().put("status", "UP")));
    router.get("/health/ready").handler(this::ready);
  }

  private void ready(RoutingContext ctx) {
    List<String> names = new ArrayList<>(checks.keySet());
    List<Future<?>> results = new ArrayList<>();
    for (String n : names) {
      results.add(run(checks.get(n)));
    }
    Future.join(results)
        .onComplete(
            ignored -> {
              JsonObject detail = new JsonObject();
              boolean up = true;
              for (int i = 0; i < names.size(); i++) {
                Future<?> f = results.get(i);
                if (f.succeeded()) {
                  detail.put(names.get(i), "UP");
                } else {
                  up = false;
                  detail.put(names.get(i), "DOWN: " + f.cause().getMessage());
                }
              }
              json(
                  ctx,
                  up ? 200 : 503,
                  new JsonObject().put("status", up ? "UP" : "DOWN").put("checks", detail));
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
