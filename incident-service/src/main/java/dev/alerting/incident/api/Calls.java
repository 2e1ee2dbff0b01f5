package dev.alerting.incident.api;

import dev.alerting.incident.lifecycle.TransitionConflict;
import dev.alerting.platform.http.Problem;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What every route of the service shares: running a handler and classifying its failure (bad input
 * 400, missing 404, conflict 409, the rest to the router's 500), and reading JSON bodies.
 */
final class Calls {
  private Calls() {}

  /** Runs a handler and answers its JSON with {@code status}. */
  static void handle(RoutingContext ctx, int status, Supplier<Future<JsonObject>> handler) {
    Future<JsonObject> result;
    try {
      result = handler.get();
    } catch (RuntimeException e) {
      result = Future.failedFuture(e);
    }
    result
        .onSuccess(
            body ->
                ctx.response()
                    .setStatusCode(status)
                    .putHeader("Content-Type", "application/json")
                    .end(body.encode()))
        .onFailure(e -> failure(ctx, e));
  }

  static void handle(RoutingContext ctx, Supplier<Future<JsonObject>> handler) {
    handle(ctx, 200, handler);
  }

  private static void failure(RoutingContext ctx, Throwable e) {
    if (e instanceof BadRequest bad) {
      new Problem(400, "Bad request", bad.getMessage(), bad.errors).send(ctx);
    } else if (e instanceof NotFound nf) {
      Problem.of(404, nf.title, e.getMessage()).send(ctx);
    } else if (e instanceof TransitionConflict) {
      Problem.of(409, "Conflict", e.getMessage()).send(ctx);
    } else {
      ctx.fail(e);
    }
  }

  /** The JSON object body, {} when there is none. */
  static JsonObject body(RoutingContext ctx) {
    Buffer raw = ctx.body().buffer();
    if (raw == null || raw.toString().isBlank()) {
      return new JsonObject();
    }
    try {
      return new JsonObject(raw);
    } catch (DecodeException | ClassCastException e) {
      throw BadRequest.of("body", "must be a JSON object");
    }
  }

  /** An optional string field; present but not a non-empty string is a 400. */
  static Optional<String> text(JsonObject body, String field, int maxLength) {
    Object v = body.getValue(field);
    if (v == null) {
      return Optional.empty();
    }
    if (!(v instanceof String s) || s.isBlank()) {
      throw BadRequest.of(field, "must be a non-empty string");
    }
    if (s.length() > maxLength) {
      throw BadRequest.of(field, "must be at most " + maxLength + " characters");
    }
    return Optional.of(s.trim());
  }

  static String requiredText(JsonObject body, String field, int maxLength) {
    return text(body, field, maxLength).orElseThrow(() -> BadRequest.of(field, "is required"));
  }

  static JsonObject error(String parameter, String reason) {
    return new JsonObject().put("parameter", parameter).put("reason", reason);
  }

  /** Invalid request input; carries one error per offending parameter. */
  static final class BadRequest extends RuntimeException {
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

    static BadRequest of(String parameter, String reason) {
      return new BadRequest(List.of(error(parameter, reason)));
    }
  }

  /** Something named in the path does not exist. */
  static final class NotFound extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String title;

    NotFound(String title, String message) {
      super(message, null, false, false);
      this.title = title;
    }
  }
}
