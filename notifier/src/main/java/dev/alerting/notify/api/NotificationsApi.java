package dev.alerting.notify.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.alerting.notify.history.DeadLetter;
import dev.alerting.notify.history.DeadLetters;
import dev.alerting.notify.history.DeliveryHistory;
import dev.alerting.notify.history.DeliveryRecord;
import dev.alerting.notify.receiver.Outcome;
import dev.alerting.notify.receiver.Receiver;
import dev.alerting.notify.receiver.Sender;
import dev.alerting.platform.codec.Json;
import dev.alerting.platform.http.Problem;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * What became of notifications: {@code GET /api/v1/notifications} (recent deliveries, filtered by
 * receiver, groupKey, integration, status), {@code GET /api/v1/notifications/failed[/{id}]} (dead
 * letters) and {@code POST /api/v1/notifications/failed/{id}/retry} (send one again now). Every
 * text was redacted before it was stored.
 */
public final class NotificationsApi {
  private static final int DEFAULT_LIMIT = 100;
  private static final int MAX_LIMIT = 1000;

  private final DeliveryHistory history;
  private final DeadLetters deadLetters;
  private final Sender sender;
  private final Function<String, Optional<Receiver>> receivers;

  public NotificationsApi(
      DeliveryHistory history,
      DeadLetters deadLetters,
      Sender sender,
      Function<String, Optional<Receiver>> receivers) {
    this.history = history;
    this.deadLetters = deadLetters;
    this.sender = sender;
    this.receivers = receivers;
  }

  public void mount(Router router) {
    router.get("/api/v1/notifications").handler(this::recent);
    router.get("/api/v1/notifications/failed").handler(this::failed);
    router.get("/api/v1/notifications/failed/:id").handler(this::oneFailed);
    router.post("/api/v1/notifications/failed/:id/retry").handler(this::retry);
  }

  private void recent(RoutingContext ctx) {
    Integer limit = limit(ctx);
    if (limit == null) {
      return;
    }
    Predicate<DeliveryRecord> filter =
        r ->
            matches(ctx, "receiver", r.receiver())
                && matches(ctx, "groupKey", r.groupKey())
                && matches(ctx, "integration", r.integration())
                && matches(ctx, "status", r.status());
    ObjectNode out = Json.MAPPER.createObjectNode();
    ArrayNode list = out.putArray("notifications");
    for (DeliveryRecord r : history.recent(filter, limit)) {
      ObjectNode n = list.addObject();
      n.put("at", r.at().toString());
      n.put("receiver", r.receiver());
      n.put("integration", r.integration());
      n.put("groupKey", r.groupKey());
      n.put("status", r.status());
      n.put("attempts", r.attempts());
      n.put("latencyMs", r.latencyMillis());
      n.put("alerts", r.alerts());
      if (!r.reason().isEmpty()) {
        n.put("reason", r.reason());
      }
      if (!r.deadLetterId().isEmpty()) {
        n.put("deadLetterId", r.deadLetterId());
      }
    }
    json(ctx, 200, out);
  }

  private void failed(RoutingContext ctx) {
    ObjectNode out = Json.MAPPER.createObjectNode();
    ArrayNode list = out.putArray("failed");
    deadLetters.list().stream()
        .filter(d -> matches(ctx, "receiver", d.receiver()))
        .forEach(d -> list.add(d.toJson()));
    json(ctx, 200, out);
  }

  private void oneFailed(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    deadLetters
        .get(id)
        .ifPresentOrElse(
            d -> json(ctx, 200, d.toJson()),
            () -> Problem.of(404, "Not Found", "no failed notification " + id).send(ctx));
  }

  private void retry(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    Optional<DeadLetter> letter = deadLetters.get(id);
    if (letter.isEmpty()) {
      Problem.of(404, "Not Found", "no failed notification " + id).send(ctx);
      return;
    }
    Optional<Receiver> receiver = receivers.apply(letter.get().receiver());
    if (receiver.isEmpty()) {
      Problem.of(
              409, "Conflict", "receiver '" + letter.get().receiver() + "' is no longer configured")
          .send(ctx);
      return;
    }
    sender
        .resend(letter.get(), receiver.get())
        .onSuccess(o -> answerRetry(ctx, id, o))
        .onFailure(
            e -> Problem.of(500, "Internal Server Error", "retry could not be recorded").send(ctx));
  }

  private void answerRetry(RoutingContext ctx, String id, Outcome o) {
    if (o.kind() == Outcome.Kind.DELIVERED) {
      ObjectNode out = Json.MAPPER.createObjectNode().put("id", id).put("status", "delivered");
      json(ctx, 200, out);
    } else {
      Problem.of(502, "Bad Gateway", "the receiver did not accept it again: " + o.detail())
          .send(ctx);
    }
  }

  private static boolean matches(RoutingContext ctx, String param, String value) {
    String wanted = ctx.queryParams().get(param);
    return wanted == null || wanted.equals(value);
  }

  private static Integer limit(RoutingContext ctx) {
    String raw = ctx.queryParams().get("limit");
    if (raw == null) {
      return DEFAULT_LIMIT;
    }
    try {
      int l = Integer.parseInt(raw);
      if (l >= 1 && l <= MAX_LIMIT) {
        return l;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    Problem.of(400, "Bad Request", "limit must be an integer from 1 to " + MAX_LIMIT).send(ctx);
    return null;
  }

  private static void json(RoutingContext ctx, int status, ObjectNode body) {
    ctx.response()
        .setStatusCode(status)
        .putHeader("Content-Type", "application/json")
        .end(Json.write(body));
  }
}
