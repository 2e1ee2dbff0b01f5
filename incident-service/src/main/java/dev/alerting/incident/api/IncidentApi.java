package dev.alerting.incident.api;

import static dev.alerting.incident.api.Calls.handle;

import dev.alerting.incident.Incidents;
import dev.alerting.incident.lifecycle.Transition;
import dev.alerting.platform.http.AccessTokens;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.Optional;

/** The incident routes; mounted on the service router so health, metrics and 500s are shared. */
public final class IncidentApi {
  static final String BASE = "/api/v1/incidents";

  /** The actor recorded when a caller does not say who they are. */
  static final String ANONYMOUS = "anonymous";

  private static final int MAX_BODY = 64 * 1024;
  private static final int MAX_NAME = 256;
  private static final int MAX_MESSAGE = 4096;

  private final Incidents incidents;
  private final AccessTokens tokens;

  /** Without authentication. */
  public IncidentApi(Incidents incidents) {
    this(incidents, AccessTokens.OFF);
  }

  /** Every action (a POST) needs a {@code write} token when {@code tokens} are configured. */
  public IncidentApi(Incidents incidents, AccessTokens tokens) {
    this.incidents = incidents;
    this.tokens = tokens;
  }

  public void mount(Router router) {
    router.get(BASE).handler(ctx -> handle(ctx, () -> list(ctx)));
    router.get(BASE + "/:id").handler(ctx -> handle(ctx, () -> get(ctx)));
    // checked before the body is read: an unauthenticated caller cannot make us buffer it
    router.post(BASE + "/:id/*").handler(tokens.require(AccessTokens.Role.WRITE));
    router.post(BASE + "/:id/*").handler(BodyHandler.create().setBodyLimit(MAX_BODY));
    router.post(BASE + "/:id/acknowledge").handler(ctx -> handle(ctx, () -> acknowledge(ctx)));
    router.post(BASE + "/:id/resolve").handler(ctx -> handle(ctx, () -> resolve(ctx)));
    router.post(BASE + "/:id/assign").handler(ctx -> handle(ctx, () -> assign(ctx)));
    router.post(BASE + "/:id/notes").handler(ctx -> handle(ctx, 201, () -> note(ctx)));
    router.post(BASE + "/:id/merge").handler(ctx -> handle(ctx, () -> merge(ctx)));
  }

  private Future<JsonObject> list(RoutingContext ctx) {
    ListParams.Parsed p = ListParams.parse(ctx.queryParams());
    if (!p.errors().isEmpty()) {
      throw new Calls.BadRequest(p.errors());
    }
    return incidents.list(p.query()).map(IncidentJson::page);
  }

  private Future<JsonObject> get(RoutingContext ctx) {
    long id = id(ctx.pathParam("id"), "id");
    return incidents
        .find(id)
        .map(found -> IncidentJson.incident(found.orElseThrow(() -> notFound(id))));
  }

  private Future<JsonObject> acknowledge(RoutingContext ctx) {
    long id = id(ctx.pathParam("id"), "id");
    String by = actor(Calls.body(ctx));
    return transitioned(id, incidents.acknowledge(id, by));
  }

  private Future<JsonObject> resolve(RoutingContext ctx) {
    long id = id(ctx.pathParam("id"), "id");
    JsonObject body = Calls.body(ctx);
    String by = actor(body);
    String message = Calls.text(body, "message", MAX_MESSAGE).orElse(null);
    return transitioned(id, incidents.resolve(id, by, message));
  }

  private Future<JsonObject> assign(RoutingContext ctx) {
    long id = id(ctx.pathParam("id"), "id");
    JsonObject body = Calls.body(ctx);
    String assignee = Calls.requiredText(body, "assignee", MAX_NAME);
    return transitioned(id, incidents.assign(id, assignee, actor(body)));
  }

  private Future<JsonObject> note(RoutingContext ctx) {
    long id = id(ctx.pathParam("id"), "id");
    JsonObject body = Calls.body(ctx);
    String text = Calls.requiredText(body, "text", MAX_MESSAGE);
    return transitioned(id, incidents.note(id, actor(body), text));
  }

  private Future<JsonObject> merge(RoutingContext ctx) {
    long id = id(ctx.pathParam("id"), "id");
    JsonObject body = Calls.body(ctx);
    Object raw = body.getValue("into");
    if (raw == null) {
      throw Calls.BadRequest.of("into", "is required");
    }
    long into = id(String.valueOf(raw), "into");
    if (into == id) {
      throw Calls.BadRequest.of("into", "must name another incident");
    }
    return incidents
        .merge(id, into, actor(body))
        .map(
            m ->
                IncidentJson.incident(
                    m.orElseThrow(
                            () ->
                                new Calls.NotFound(
                                    "Incident not found",
                                    "no incident with id " + id + " or " + into))
                        .target()));
  }

  private static Future<JsonObject> transitioned(long id, Future<Optional<Transition>> result) {
    return result.map(t -> IncidentJson.incident(t.orElseThrow(() -> notFound(id)).incident()));
  }

  private static long id(String raw, String parameter) {
    try {
      long id = Long.parseLong(raw);
      if (id > 0) {
        return id;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw Calls.BadRequest.of(parameter, "'" + raw + "' is not a positive integer");
  }

  /** Who acts: the {@code by} field, or {@link #ANONYMOUS}. */
  private static String actor(JsonObject body) {
    return Calls.text(body, "by", MAX_NAME).orElse(ANONYMOUS);
  }

  private static Calls.NotFound notFound(long id) {
    return new Calls.NotFound("Incident not found", "no incident with id " + id);
  }
}
