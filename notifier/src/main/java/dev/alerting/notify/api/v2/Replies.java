package dev.alerting.notify.api.v2;

import dev.alerting.platform.codec.Json;
import io.vertx.ext.web.RoutingContext;

/**
 * Answers in Alertmanager's API v2 shapes: JSON bodies, errors as a bare JSON string (what the
 * OpenAPI spec declares and amtool prints), request-schema errors as {@code {"code","message"}}
 * with 422, as Alertmanager's generated server does. These paths deliberately do not answer
 * problem+json: amtool and Grafana parse Alertmanager's shapes.
 */
final class Replies {
  private Replies() {}

  static void json(RoutingContext ctx, int status, Object body) {
    ctx.response()
        .setStatusCode(status)
        .putHeader("Content-Type", "application/json")
        .end(body instanceof String s ? s : Json.write(body));
  }

  static void ok(RoutingContext ctx, Object body) {
    json(ctx, 200, body);
  }

  static void error(RoutingContext ctx, int status, String message) {
    json(ctx, status, Json.write(message));
  }

  static void schema(RoutingContext ctx, int status, int code, String message) {
    json(
        ctx,
        status,
        Json.MAPPER.createObjectNode().put("code", code).put("message", message).toString());
  }
}
