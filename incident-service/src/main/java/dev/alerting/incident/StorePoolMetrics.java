package dev.alerting.incident;

import dev.alerting.incident.store.PoolUse;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.json.JsonObject;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;

/**
 * The incident store's connection pool on {@code /metrics} ({@code
 * incident_store_connections{state="active|idle|pending"}}, {@code incident_store_connections_max})
 * and in the store's {@code /health/detailed} entry.
 */
public final class StorePoolMetrics {
  private StorePoolMetrics() {}

  public static void bind(MeterRegistry registry, Supplier<PoolUse> pool) {
    gauge(registry, pool, "active", PoolUse::active, "connections lent out");
    gauge(registry, pool, "idle", PoolUse::idle, "open connections not in use");
    gauge(registry, pool, "pending", PoolUse::pending, "requests waiting for a connection");
    Gauge.builder("incident.store.connections.max", pool, p -> p.get().max())
        .description("the pool's maximum size (INCIDENT_DB_POOL_SIZE)")
        .register(registry);
  }

  private static void gauge(
      MeterRegistry registry,
      Supplier<PoolUse> pool,
      String state,
      ToIntFunction<PoolUse> value,
      String description) {
    Gauge.builder("incident.store.connections", pool, p -> value.applyAsInt(p.get()))
        .description("incident store pool: " + description)
        .tag("state", state)
        .register(registry);
  }

  /** The pool's use as the store's {@code /health/detailed} entry shows it. */
  public static JsonObject describe(PoolUse use) {
    return new JsonObject()
        .put(
            "pool",
            new JsonObject()
                .put("active", use.active())
                .put("idle", use.idle())
                .put("total", use.total())
                .put("max", use.max())
                .put("pending", use.pending()));
  }
}
