package dev.alerting.rule.api;

import dev.alerting.platform.http.AccessTokens;
import dev.alerting.platform.http.Problem;
import dev.alerting.rule.alert.ActiveAlert;
import dev.alerting.rule.alert.AlertingRuleState;
import dev.alerting.rule.engine.RecordingRuleState;
import dev.alerting.rule.engine.RuleEngine;
import dev.alerting.rule.file.RuleFileException;
import dev.alerting.rule.group.AlertingRule;
import dev.alerting.rule.group.RecordingRule;
import dev.alerting.rule.group.Rule;
import dev.alerting.rule.group.RuleGroup;
import dev.alerting.rule.reload.RuleReloader;
import dev.alerting.rule.template.GoFloat;
import dev.alerting.rule.template.Template;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code GET /api/v1/rules} and {@code GET /api/v1/alerts} in the shape of Prometheus's HTTP API,
 * so existing dashboards and tools can read them, and {@code PUT /api/v1/rules} (a rule file as
 * YAML) to replace the rules at runtime. Runs on the engine's event loop. A standby instance holds
 * no rule state: it answers {@code 503} naming its role, so a reader never mistakes it for an
 * engine without alerts.
 */
public final class RulesApi {
  /** Go's zero time, which Prometheus prints for a rule never evaluated. */
  private static final String ZERO_TIME = "0001-01-01T00:00:00Z";

  private final Supplier<RuleEngine> engine;
  private final Supplier<RuleReloader> reloader;
  private final int maxFileBytes;
  private final AccessTokens tokens;

  /** The rules of one engine; read-only when {@code reloader} is null. */
  public RulesApi(RuleEngine engine, RuleReloader reloader) {
    this(() -> engine, reloader == null ? null : () -> reloader, 1024 * 1024, AccessTokens.OFF);
  }

  /**
   * {@code engine} and {@code reloader} give the active term's, or null on a standby; {@code
   * reloader} itself may be null: then the rules are read-only; {@code maxFileBytes} bounds a PUT
   * body ({@code RULES_MAX_FILE_BYTES}).
   */
  public RulesApi(
      Supplier<RuleEngine> engine,
      Supplier<RuleReloader> reloader,
      int maxFileBytes,
      AccessTokens tokens) {
    this.engine = engine;
    this.reloader = reloader;
    this.maxFileBytes = maxFileBytes;
    this.tokens = tokens;
  }

  public void mount(Router router) {
    router.get("/api/v1/rules").handler(this::activeOnly);
    router
        .get("/api/v1/rules")
        .handler(ctx -> success(ctx, new JsonObject().put("groups", groups())));
    router.get("/api/v1/alerts").handler(this::activeOnly);
    router
        .get("/api/v1/alerts")
        .handler(ctx -> success(ctx, new JsonObject().put("alerts", alerts())));
    if (reloader != null) {
      // Replacing the rules is an admin action (an empty file resolves every alert). A PUT is never
      // a CORS "simple" request and no CORS headers are sent, so a web page cannot forge one.
      router.put("/api/v1/rules").handler(tokens.require(AccessTokens.Role.ADMIN));
      router.put("/api/v1/rules").handler(this::activeOnly);
      router.put("/api/v1/rules").handler(this::tooLarge);
      // a chunked body without a length is still cut at the limit (a generic 413)
      router.put("/api/v1/rules").handler(BodyHandler.create(false).setBodyLimit(maxFileBytes));
      router.put("/api/v1/rules").handler(this::replace);
    }
  }

  /** A standby has no rule state to show or change: 503, naming its role. */
  private void activeOnly(RoutingContext ctx) {
    if (engine.get() != null) {
      ctx.next();
    } else {
      standby(ctx);
    }
  }

  static void standby(RoutingContext ctx) {
    JsonObject body =
        Problem.of(
                503,
                "Standby instance",
                "this rule-engine instance is a standby: the active instance evaluates the rules"
                    + " and serves this API; this one takes over if the active one goes")
            .toJson()
            .put("role", "standby");
    ctx.response()
        .setStatusCode(503)
        .putHeader("Content-Type", Problem.CONTENT_TYPE)
        .putHeader("Retry-After", "5")
        .end(body.encode());
  }

  /** Refuses a body announced larger than the limit before reading it, naming the key. */
  private void tooLarge(RoutingContext ctx) {
    String length = ctx.request().getHeader("Content-Length");
    if (length == null || !length.matches("\\d{1,18}") || Long.parseLong(length) <= maxFileBytes) {
      ctx.next();
      return;
    }
    Problem.of(
            413,
            "Rule file too large",
            "the rule file exceeds RULES_MAX_FILE_BYTES=" + maxFileBytes + " bytes")
        .send(ctx);
  }

  private void replace(RoutingContext ctx) {
    String text = ctx.body().asString();
    RuleReloader active = reloader.get();
    if (active == null) {
      // deposed while the body was read
      standby(ctx);
      return;
    }
    active
        .put(text == null ? "" : text)
        .onSuccess(
            r ->
                success(
                    ctx,
                    new JsonObject()
                        .put("kept", r.kept())
                        .put("added", r.added())
                        .put("removed", r.removed())
                        .put("resolved", r.events().size())))
        .onFailure(
            e -> {
              if (e instanceof RuleFileException bad) {
                RuleFileProblem.of(bad).send(ctx);
              } else {
                ctx.fail(e);
              }
            });
  }

  private static void success(RoutingContext ctx, JsonObject data) {
    ctx.response()
        .putHeader("Content-Type", "application/json")
        .end(new JsonObject().put("status", "success").put("data", data).encode());
  }

  JsonArray groups() {
    JsonArray out = new JsonArray();
    RuleEngine engine = this.engine.get();
    for (RuleGroup g : engine.groups()) {
      JsonArray rules = new JsonArray();
      Instant last = null;
      for (Rule r : g.rules()) {
        AlertingRuleState s = engine.state(r);
        if (s != null
            && s.lastEvaluation() != null
            && (last == null || s.lastEvaluation().isAfter(last))) {
          last = s.lastEvaluation();
        }
        rules.add(
            r instanceof AlertingRule ar
                ? alerting(ar, s)
                : recording((RecordingRule) r, engine.recording(r)));
      }
      out.add(
          new JsonObject()
              .put("name", g.name())
              .put("file", g.file())
              .put("rules", rules)
              .put("interval", seconds(g.interval()))
              .put("limit", g.limit())
              .put("evaluationTime", 0)
              .put("lastEvaluation", time(last)));
    }
    return out;
  }

  private static JsonObject alerting(AlertingRule r, AlertingRuleState s) {
    JsonArray alerts = new JsonArray();
    s.alerts().forEach(a -> alerts.add(alert(a)));
    return new JsonObject()
        .put("state", s.state().wire())
        .put("name", r.name())
        .put("query", r.expr().text())
        .put("duration", seconds(r.holdDuration()))
        .put("keepFiringFor", seconds(r.keepFiringFor()))
        .put("labels", templates(r.labels()))
        .put("annotations", templates(r.annotations()))
        .put("alerts", alerts)
        .put("health", s.health().name().toLowerCase(java.util.Locale.ROOT))
        .put("lastError", s.lastError())
        .put("evaluationTime", 0)
        .put("lastEvaluation", time(s.lastEvaluation()))
        .put("type", "alerting");
  }

  private static JsonObject recording(RecordingRule r, RecordingRuleState s) {
    return new JsonObject()
        .put("name", r.name())
        .put("query", r.expr().text())
        .put("labels", new JsonObject(Map.copyOf(r.labels())))
        .put("health", s.health().name().toLowerCase(java.util.Locale.ROOT))
        .put("lastError", s.lastError())
        .put("evaluationTime", 0)
        .put("lastEvaluation", time(s.lastEvaluation()))
        .put("type", "recording");
  }

  JsonArray alerts() {
    JsonArray out = new JsonArray();
    for (AlertingRuleState s : engine.get().alertingRules()) {
      s.alerts().forEach(a -> out.add(alert(a)));
    }
    return out;
  }

  private static JsonObject alert(ActiveAlert a) {
    JsonObject o =
        new JsonObject()
            .put("labels", new JsonObject(Map.copyOf(a.labels().asMap())))
            .put("annotations", new JsonObject(Map.copyOf(a.annotations())))
            .put("state", a.state().wire())
            .put("activeAt", a.activeAt().toString())
            // Prometheus prints alert values with strconv 'e' formatting, as a string.
            .put("value", GoFloat.e(a.value()));
    if (a.keepFiringSince() != null) {
      o.put("keepFiringSince", a.keepFiringSince().toString());
    }
    return o;
  }

  private static JsonObject templates(Map<String, Template> m) {
    JsonObject o = new JsonObject();
    m.forEach((k, t) -> o.put(k, t.source()));
    return o;
  }

  private static Object seconds(Duration d) {
    return d.toMillis() % 1000 == 0 ? (Object) d.toSeconds() : (Object) (d.toMillis() / 1000.0);
  }

  private static String time(Instant t) {
    return t == null ? ZERO_TIME : t.toString();
  }
}
