package dev.alerting.rule.api;

import dev.alerting.model.Durations;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * The query API's parameters as Prometheus reads them: times as RFC 3339 or unix seconds (with a
 * fraction), a step as a duration ({@code 15s}) or seconds. A bad one is a {@link BadQuery} naming
 * the parameter.
 */
final class QueryParams {
  private QueryParams() {}

  /** A parameter is missing or malformed; the message starts with its name. */
  static final class BadQuery extends RuntimeException {
    BadQuery(String message) {
      super(message);
    }
  }

  static String required(RoutingContext ctx, String name) {
    String v = ctx.request().getParam(name);
    if (v == null || v.isBlank()) {
      throw new BadQuery(name + ": is required");
    }
    return v;
  }

  /** Epoch millis of parameter {@code name}; {@code fallback} when absent (null: required). */
  static long time(RoutingContext ctx, String name, Long fallback) {
    String v = ctx.request().getParam(name);
    if (v == null || v.isBlank()) {
      if (fallback == null) {
        throw new BadQuery(name + ": is required");
      }
      return fallback;
    }
    try {
      double seconds = Double.parseDouble(v);
      if (Double.isFinite(seconds)) {
        return Math.round(seconds * 1000);
      }
    } catch (NumberFormatException e) {
      // not seconds: try RFC 3339 below
    }
    try {
      return Instant.parse(v).toEpochMilli();
    } catch (DateTimeParseException e) {
      throw new BadQuery(name + ": '" + v + "' is neither unix seconds nor an RFC 3339 time");
    }
  }

  /** The {@code step} in millis, positive. */
  static long step(RoutingContext ctx) {
    String v = required(ctx, "step");
    long millis;
    try {
      double seconds = Double.parseDouble(v);
      millis = Double.isFinite(seconds) ? Math.round(seconds * 1000) : 0;
    } catch (NumberFormatException e) {
      try {
        millis = Durations.parse(v).toMillis();
      } catch (IllegalArgumentException bad) {
        throw new BadQuery("step: '" + v + "' is neither seconds nor a duration such as 15s");
      }
    }
    if (millis <= 0) {
      throw new BadQuery("step: must be positive");
    }
    return millis;
  }
}
