package dev.alerting.incident.api;

import dev.alerting.incident.Incidents;
import dev.alerting.incident.lifecycle.Transition;
import dev.alerting.incident.lifecycle.TransitionConflict;
import dev.alerting.platform.http.Problem;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/** The incident routes; mounted on the service router so health, metrics and 500s are shared. */
public final class IncidentApi {
  static final String BASE = "/api/v1/incidents";

  /** The actor recorded when a caller does not say who they are. */
  static final String ANONYMOUS = "anonymous";

  private static final int MAX_BODY = 64 * 1024;
  private static final int MAX_NAME = 256;
  private static final int MAX_MESSAGE = 4096;

  private final Incidents incidents;

  public IncidentApi(Incidents incidents) {
    this.incidents = incidents;
  }

  public void mount(Router router) {
    router.get(BASE).handler(ctx -> handle(ctx, () -> list(ctx)));
    router.get(BASE + "/:id").handler(ctx -> handle(ctx, () -> get(ctx)));
    router.post(BASE + "/:id/*").handler(BodyHandler.create().setBodyLimit(MAX_BODY));
    router.post(BASE + "/:id/acknowledge").handler(ctx -> handle(ctx, () -> acknowledge(ctx)));
    router.post(BASE + "/:id/resolve").handler(ctx -> handle(ctx, () -> resolve(ctx)));
    router.post(BASE + "/:id/assign").handler(ctx -> handle(ctx, () -> assign(ctx)));
  }

  private Future<JsonObject> list(RoutingContext ctx) {
    ListParams.Parsed p = ListParams.parse(ctx.queryParams());
    if (!p.errors().isEmpty()) {
      throw new BadRequest(p.errors());
    }
    return incidents.list(p.query()).map(IncidentJson::page);
  }

  private Future<JsonObject> get(RoutingContext ctx) {
    long id = id(ctx);
    return incidents
        .find(id)
        .map(found -> IncidentJson.incident(found.orElseThrow(() -> notFound(id))));
  }

  private Future<JsonObject> acknowledge(RoutingContext ctx) {
    long id = id(ctx);
    String by = actor(body(ctx));
    return transitioned(id, incidents.acknowledge(id, by));
  }

  private Future<JsonObject> resolve(RoutingContext ctx) {
    long id = id(ctx);
    JsonObject body = body(ctx);
    String by = actor(body);
    String message = text(body, "message", MAX_MESSAGE).orElse(null);
    return transitioned(id, incidents.resolve(id, by, message));
  }

  private Future<JsonObject> assign(RoutingContext ctx) {
    long id = id(ctx);
    JsonObject body = body(ctx);
    String assignee =
        text(body, "assignee", MAX_NAME)
            .orElseThrow(
                () -> new BadRequest(List.of(ListParams.error("assignee", "is required"))));
    String by = actor(body);
    return transitioned(id, incidents.assign(id, assignee, by));
  }

  private static Future<JsonObject> transitioned(long id, Future<Optional<Transition>> result) {
    return result.map(t -> IncidentJson.incident(t.orElseThrow(() -> notFound(id)).incident()));
  }

  /**
   * Runs a handler and answers its JSON; bad input, a missing incident and a lifecycle conflict
   * become 400/404/409 problems here, everything else goes to the router's 500 handler.
   */
  private static void handle(RoutingContext ctx, Supplier<Future<JsonObject>> handler) {
    Future<JsonObject> result;
    try {
      result = handler.get();
    } catch (RuntimeException e) {
      result = Future.failedFuture(e);
    }
    result.onSuccess(body -> ok(ctx, body)).onFailure(e -> failure(ctx, e));
  }

  private static void failure(RoutingContext ctx, Throwable e) {
    if (e instanceof BadRequest bad) {
      new Problem(400, "Bad request", bad.getMessage(), bad.errors).send(ctx);
    } else if (e instanceof NotFound) {
      Problem.of(404, "Incident not found", e.getMessage()).send(ctx);
    } else if (e instanceof TransitionConflict) {
      Problem.of(409, "Conflict", e.getMessage()).send(ctx);
    } else {
      ctx.fail(e);
    }
  }

  private static long id(RoutingContext ctx) {
    String raw = ctx.pathParam("id");
    try {
      long id = Long.parseLong(raw);
      if (id > 0) {
        return id;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new BadRequest(
        List.of(ListParams.error("id", "'" + raw + "' is not a positive integer")));
  }

  /** The JSON object body, {} when there is none. */
  private static JsonObject body(RoutingContext ctx) {
    Buffer raw = ctx.body().buffer();
    if (raw == null || raw.toString().isBlank()) {
      return new JsonObject();
    }
    try {
      return new JsonObject(raw);
    } catch (DecodeException | ClassCastException e) {
      throw new BadRequest(List.of(ListParams.error("body", "must be a JSON object")));
    }
  }

  /** Who acts: the {@code by} field, or {@link #ANONYMOUS}. */
  private static String actor(JsonObject body) {
    return text(body, "by", MAX_NAME).orElse(ANONYMOUS);
  }

  /** An optional string field; present but not a non-empty string is a 400. */
  private static Optional<String> text(JsonObject body, String field, int maxLength) {
    Object v = body.getValue(field);
    if (v == null) {
      return Optional.empty();
    }
    if (!(v instanceof String s) || s.isBlank()) {
      throw new BadRequest(List.of(ListParams.error(field, "must be a non-empty string")));
    }
    if (s.length() > maxLength) {
      throw new BadRequest(
          List.of(ListParams.error(field, "must be at most " + maxLength + " characters")));
    }
    return Optional.of(s.trim());
  }

  private static NotFound notFound(long id) {
    return new NotFound("no incident with id " + id);
  }

  private static void ok(RoutingContext ctx, JsonObject body) {
    ctx.response().putHeader("Content-Type", "application/json").end(body.encode());
  }

  /** Invalid request input; carries one error per offending parameter. */
  private static final class BadRequest extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient List<JsonObject> errors;

    BadRequest(List<JsonObject> errors) {
      super(
          errors.stream()
              .map(e -> e.getString("parameter") + " " + e.getString("reason"))
              .reduce((a, b) -> a + "; " + b)
              .orElse("invalid request"),
          null,
          false,
          false);
      this.errors = List.copyOf(errors);
    }
  }

  private static final class NotFound extends RuntimeException {
    private static final long serialVersionUID = 1L;

    NotFound(String message) {
      super(message, null, false, false);
    }
  }
}
