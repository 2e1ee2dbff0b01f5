package dev.alerting.platform.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/**
 * An RFC 9457 problem response ({@code application/problem+json}). {@code errors} carries one entry
 * per offending item (e.g. {@code {"index": 3, "reason": "..."}}) so a client can act on it.
 */
public record Problem(int status, String title, String detail, List<JsonObject> errors) {
  public static final String CONTENT_TYPE = "application/problem+json";

  public Problem {
    errors = errors == null ? List.of() : List.copyOf(errors);
  }

  public static Problem of(int status, String title, String detail) {
    return new Problem(status, title, detail, List.of());
  }

  public JsonObject toJson() {
    JsonObject o =
        new JsonObject()
            .put("type", "about:blank")
            .put("title", title)
            .put("status", status)
            .put("detail", detail);
    if (!errors.isEmpty()) {
      o.put("errors", new JsonArray(List.copyOf(errors)));
    }
    return o;
  }

  public void send(RoutingContext ctx) {
    ctx.response()
        .setStatusCode(status)
        .putHeader("Content-Type", CONTENT_TYPE)
        .end(toJson().encode());
  }
}
