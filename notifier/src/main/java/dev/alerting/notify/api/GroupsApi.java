package dev.alerting.notify.api;

import dev.alerting.model.alert.Alert;
import dev.alerting.notify.dispatch.AggregationGroup;
import dev.alerting.notify.dispatch.Dispatcher;
import dev.alerting.platform.codec.AlertCodec;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;

/**
 * {@code GET /api/v1/groups}: the current aggregation groups, each with its receiver, group labels,
 * next flush and alerts (Alertmanager alert objects). Read-only, for operators and tests.
 */
public final class GroupsApi {
  private final Dispatcher dispatcher;

  public GroupsApi(Dispatcher dispatcher) {
    this.dispatcher = dispatcher;
  }

  public void mount(Router router) {
    router.get("/api/v1/groups").handler(this::groups);
  }

  private void groups(RoutingContext ctx) {
    JsonArray out = new JsonArray();
    for (AggregationGroup g : dispatcher.groups()) {
      JsonArray alerts = new JsonArray();
      for (Alert a : g.alerts()) {
        alerts.add(new JsonObject(AlertCodec.encode(a)));
      }
      out.add(
          new JsonObject()
              .put("groupKey", g.groupKey())
              .put("receiver", g.receiver().name())
              .put(
                  "labels",
                  new JsonObject(new java.util.TreeMap<String, Object>(g.groupLabels().asMap())))
              .put("nextFlushAt", Instant.ofEpochMilli(g.nextFlushAt()).toString())
              .put("alerts", alerts));
    }
    ctx.response().putHeader("Content-Type", "application/json").end(out.encode());
  }
}
