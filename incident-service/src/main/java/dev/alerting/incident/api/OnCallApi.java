package dev.alerting.incident.api;

import static dev.alerting.incident.api.Calls.handle;

import dev.alerting.incident.OnCall;
import dev.alerting.incident.config.OnCallConfig;
import dev.alerting.incident.config.OnCallConfigError;
import dev.alerting.incident.escalation.EscalationPolicy;
import dev.alerting.incident.escalation.Step;
import dev.alerting.incident.oncall.ScheduleOverride;
import dev.alerting.incident.oncall.Shift;
import dev.alerting.model.Durations;
import dev.alerting.platform.http.AccessTokens;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * The on-call routes: who is on call, the shifts of a schedule, overrides, escalation policies, and
 * reloading the on-call file.
 */
public final class OnCallApi {
  /** The longest range one shifts query may cover. */
  static final Duration MAX_RANGE = Duration.ofDays(93);

  private final OnCall oncall;
  private final Clock clock;
  private final AccessTokens tokens;

  /** Without authentication. */
  public OnCallApi(OnCall oncall, Clock clock) {
    this(oncall, clock, AccessTokens.OFF);
  }

  /** Overrides and reloads need a {@code write} token when {@code tokens} are configured. */
  public OnCallApi(OnCall oncall, Clock clock, AccessTokens tokens) {
    this.oncall = oncall;
    this.clock = clock;
    this.tokens = tokens;
  }

  public void mount(Router router) {
    router.get("/api/v1/oncall").handler(ctx -> handle(ctx, () -> onCall(ctx)));
    router.get("/api/v1/schedules/:name/shifts").handler(ctx -> handle(ctx, () -> shifts(ctx)));
    router
        .post("/api/v1/schedules/:name/overrides")
        .handler(tokens.require(AccessTokens.Role.WRITE));
    router
        .post("/api/v1/schedules/:name/overrides")
        .handler(BodyHandler.create().setBodyLimit(8192));
    router
        .post("/api/v1/schedules/:name/overrides")
        .handler(ctx -> handle(ctx, 201, () -> override(ctx)));
    router.get("/api/v1/escalation-policies").handler(ctx -> handle(ctx, this::policies));
    router.post("/api/v1/oncall/reload").handler(tokens.require(AccessTokens.Role.WRITE));
    router.post("/api/v1/oncall/reload").handler(ctx -> handle(ctx, this::reload));
  }

  private Future<JsonObject> onCall(RoutingContext ctx) {
    String raw = ctx.queryParams().get("at");
    Instant at = raw == null ? clock.instant() : time("at", raw);
    return oncall
        .at(at)
        .map(
            entries -> {
              JsonArray list = new JsonArray();
              for (OnCall.Entry e : entries) {
                JsonObject o = new JsonObject().put("schedule", e.schedule());
                e.shift()
                    .ifPresentOrElse(
                        s ->
                            o.put("user", s.user())
                                .put("start", str(s.start()))
                                .put("end", str(s.end())),
                        () -> o.putNull("user").putNull("start").putNull("end"));
                list.add(o);
              }
              return new JsonObject().put("at", str(at)).put("oncall", list);
            });
  }

  private Future<JsonObject> shifts(RoutingContext ctx) {
    String name = ctx.pathParam("name");
    Instant from = time("from", required(ctx, "from"));
    Instant to = time("to", required(ctx, "to"));
    if (!to.isAfter(from)) {
      throw Calls.BadRequest.of("to", "must be after from");
    }
    if (Duration.between(from, to).compareTo(MAX_RANGE) > 0) {
      throw Calls.BadRequest.of(
          "to", "the range may cover at most " + MAX_RANGE.toDays() + " days");
    }
    return oncall
        .shifts(name, from, to)
        .map(
            found -> {
              JsonArray list = new JsonArray();
              for (Shift s : found.orElseThrow(() -> noSchedule(name))) {
                list.add(shift(s));
              }
              return new JsonObject()
                  .put("schedule", name)
                  .put("from", str(from))
                  .put("to", str(to))
                  .put("shifts", list);
            });
  }

  private Future<JsonObject> override(RoutingContext ctx) {
    String name = ctx.pathParam("name");
    OnCallConfig cfg = oncall.config();
    if (!cfg.schedules().containsKey(name)) {
      throw noSchedule(name);
    }
    JsonObject body = Calls.body(ctx);
    String user = Calls.requiredText(body, "user", 256);
    if (!cfg.users().containsKey(user)) {
      throw Calls.BadRequest.of("user", "'" + user + "' is not a user of the on-call file");
    }
    Instant start = time("start", Calls.requiredText(body, "start", 64));
    Instant end = time("end", Calls.requiredText(body, "end", 64));
    if (!end.isAfter(start)) {
      throw Calls.BadRequest.of("end", "must be after start");
    }
    ScheduleOverride o = new ScheduleOverride(user, start, end);
    return oncall
        .addOverride(name, o)
        .map(
            id ->
                new JsonObject()
                    .put("id", String.valueOf(id))
                    .put("schedule", name)
                    .put("user", user)
                    .put("start", str(start))
                    .put("end", str(end)));
  }

  private Future<JsonObject> policies() {
    JsonArray list = new JsonArray();
    for (EscalationPolicy p : oncall.config().policies()) {
      JsonArray steps = new JsonArray();
      for (Step s : p.steps()) {
        JsonArray targets = new JsonArray();
        s.targets().forEach(t -> targets.add(t.toString()));
        steps.add(
            new JsonObject().put("after", Durations.format(s.after())).put("notify", targets));
      }
      JsonArray matchers = new JsonArray();
      p.matchers().forEach(m -> matchers.add(m.toString()));
      list.add(
          new JsonObject()
              .put("name", p.name())
              .put("matchers", matchers)
              .put("steps", steps)
              .put("repeat", p.repeat())
              .put("repeat_interval", Durations.format(p.repeatInterval()))
              .put("group_by", new JsonArray(p.groupBy())));
    }
    return Future.succeededFuture(new JsonObject().put("policies", list));
  }

  private Future<JsonObject> reload() {
    return oncall
        .reload()
        .map(
            cfg ->
                new JsonObject()
                    .put("status", "reloaded")
                    .put("users", cfg.users().size())
                    .put("schedules", cfg.schedules().size())
                    .put("policies", cfg.policies().size()))
        .recover(
            e ->
                Future.failedFuture(
                    e instanceof OnCallConfigError
                        ? Calls.BadRequest.of(
                            "file", e.getMessage() + " (the old configuration stays)")
                        : e));
  }

  private static String required(RoutingContext ctx, String name) {
    String v = ctx.queryParams().get(name);
    if (v == null || v.isBlank()) {
      throw Calls.BadRequest.of(name, "is required (RFC 3339)");
    }
    return v;
  }

  private static Instant time(String parameter, String raw) {
    try {
      return OffsetDateTime.parse(raw.trim()).toInstant();
    } catch (DateTimeParseException e) {
      throw Calls.BadRequest.of(parameter, "'" + raw + "' is not an RFC 3339 time");
    }
  }

  private static Calls.NotFound noSchedule(String name) {
    return new Calls.NotFound("Schedule not found", "no schedule named '" + name + "'");
  }

  private static JsonObject shift(Shift s) {
    return new JsonObject()
        .put("user", s.user())
        .put("start", str(s.start()))
        .put("end", str(s.end()));
  }

  private static String str(Instant t) {
    return t.toString();
  }
}
