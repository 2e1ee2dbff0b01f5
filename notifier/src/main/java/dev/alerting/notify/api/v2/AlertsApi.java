package dev.alerting.notify.api.v2;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.alerting.model.Labels;
import dev.alerting.model.alert.Alert;
import dev.alerting.model.alert.AlertStatus;
import dev.alerting.notify.dispatch.Dispatcher;
import dev.alerting.notify.silence.SilenceCodec;
import dev.alerting.notify.silence.Silences;
import dev.alerting.platform.codec.AlertCodec;
import dev.alerting.platform.codec.Json;
import dev.alerting.platform.kafka.Topics;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.kafka.client.producer.KafkaProducer;
import io.vertx.kafka.client.producer.KafkaProducerRecord;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /api/v2/alerts} and {@code /api/v2/alerts/groups}: the cluster's firing alerts (the alert
 * view every instance follows) with their routing and mute status, and the intake of alerts posted
 * by Prometheus or any other Alertmanager client, published to the {@code alerts} topic as state
 * changes.
 */
final class AlertsApi {
  private static final Logger LOG = LoggerFactory.getLogger(AlertsApi.class);
  private static final long EXPIRY_CHECK_MS = 1000;

  private final Vertx vertx;
  private final Dispatcher dispatcher;
  private final Silences silences;
  private final KafkaProducer<String, String> producer;
  private final PostedAlerts posted = new PostedAlerts();
  private long expiryTimer = -1;

  AlertsApi(
      Vertx vertx,
      Dispatcher dispatcher,
      Silences silences,
      KafkaProducer<String, String> producer) {
    this.vertx = vertx;
    this.dispatcher = dispatcher;
    this.silences = silences;
    this.producer = producer;
  }

  void mount(Router router) {
    router.get("/api/v2/alerts").handler(this::list);
    router
        .post("/api/v2/alerts")
        .handler(BodyHandler.create().setBodyLimit(10 * 1024 * 1024))
        .handler(this::post);
    router.get("/api/v2/alerts/groups").handler(this::groups);
    expiryTimer = vertx.setPeriodic(EXPIRY_CHECK_MS, t -> expire());
  }

  void stop() {
    if (expiryTimer >= 0) {
      vertx.cancelTimer(expiryTimer);
    }
  }

  AlertJson view(Alert a, long updatedAt) {
    Instant now = Instant.now();
    return new AlertJson(
        a,
        Instant.ofEpochMilli(updatedAt),
        dispatcher.receiversOf(a.labels()),
        silences.silencedBy(a.labels(), now),
        dispatcher.inhibitor().inhibitedBy(a.labels()));
  }

  private void list(RoutingContext ctx) {
    AlertQuery q;
    try {
      q = AlertQuery.of(ctx.queryParams());
    } catch (IllegalArgumentException e) {
      Replies.error(ctx, 400, e.getMessage());
      return;
    }
    ArrayNode out = Json.MAPPER.createArrayNode();
    for (Dispatcher.Received r : dispatcher.current().values()) {
      AlertJson a = view(r.alert(), r.atMillis());
      if (q.shows(a)) {
        out.add(a.toJson());
      }
    }
    Replies.ok(ctx, out.toString());
  }

  private void groups(RoutingContext ctx) {
    AlertQuery q;
    try {
      q = AlertQuery.of(ctx.queryParams());
    } catch (IllegalArgumentException e) {
      Replies.error(ctx, 400, e.getMessage());
      return;
    }
    ArrayNode out = Json.MAPPER.createArrayNode();
    for (ClusterGroups.Group g :
        ClusterGroups.of(dispatcher.config().route(), dispatcher.current().values())) {
      if (!q.receiverMatches(g.receiver())) {
        continue;
      }
      ArrayNode alerts = Json.MAPPER.createArrayNode();
      for (Dispatcher.Received r : g.alerts()) {
        AlertJson view = view(r.alert(), r.atMillis());
        if (q.shows(view)) {
          alerts.add(view.toJson());
        }
      }
      if (alerts.isEmpty()) {
        continue;
      }
      var group = out.addObject();
      group.set("alerts", alerts);
      var labels = group.putObject("labels");
      g.labels().asMap().forEach(labels::put);
      group.putObject("receiver").put("name", g.receiver());
    }
    Replies.ok(ctx, out.toString());
  }

  private void post(RoutingContext ctx) {
    JsonNode body;
    try {
      body = Json.MAPPER.readTree(ctx.body().asString());
    } catch (IOException | RuntimeException e) {
      Replies.schema(ctx, 400, 400, "parsing alerts body from \"\" failed: " + e.getMessage());
      return;
    }
    if (body == null || !body.isArray()) {
      Replies.schema(ctx, 400, 400, "the body must be a JSON array of alerts");
      return;
    }
    Instant now = Instant.now();
    List<PostedAlerts.Posted> batch = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    for (int i = 0; i < body.size(); i++) {
      JsonNode n = body.get(i);
      if (!n.isObject() || !n.hasNonNull("labels")) {
        Replies.schema(ctx, 422, 602, i + ".labels in body is required");
        return;
      }
      try {
        batch.add(posted(n, now));
      } catch (IllegalArgumentException e) {
        errors.add("alert " + i + ": " + e.getMessage());
      }
    }
    // As Alertmanager does: the valid alerts of a batch are kept (Prometheus does not retry a 400,
    // so refusing the whole batch would lose them), and the answer is 400 naming the invalid ones.
    List<Alert> events = posted.receive(batch, now);
    publish(events)
        .onSuccess(
            v -> {
              if (errors.isEmpty()) {
                ctx.response().setStatusCode(200).end();
              } else {
                LOG.info("posted alerts refused: {}", String.join("; ", errors));
                Replies.error(ctx, 400, String.join("; ", errors));
              }
            })
        .onFailure(
            e -> {
              LOG.warn("posted alerts not written to {}: {}", Topics.ALERTS, e.getMessage());
              Replies.error(ctx, 500, "alerts could not be written, retry: " + e.getMessage());
            });
  }

  private PostedAlerts.Posted posted(JsonNode n, Instant now) {
    Map<String, String> labels = strings(n.get("labels"), "labels");
    labels.values().removeIf(String::isEmpty);
    if (labels.isEmpty()) {
      throw new IllegalArgumentException("at least one label pair required");
    }
    for (String name : labels.keySet()) {
      if (!Labels.isValidLabelName(name)) {
        throw new IllegalArgumentException("invalid label set: invalid name \"" + name + "\"");
      }
    }
    if (!labels.containsKey(Labels.ALERT_NAME)) {
      throw new IllegalArgumentException(
          "missing label alertname: every alert here needs one (Alertmanager allows it)");
    }
    Instant startsAt = time(n, "startsAt");
    Instant endsAt = time(n, "endsAt");
    if (startsAt == null) {
      startsAt = endsAt == null ? now : endsAt;
    }
    if (endsAt == null) {
      endsAt = now.plus(dispatcher.config().global().resolveTimeout());
    }
    if (endsAt.isBefore(startsAt)) {
      throw new IllegalArgumentException("start time must be before end time");
    }
    Alert a =
        new Alert(
            AlertStatus.FIRING,
            Labels.of(labels),
            strings(n.get("annotations"), "annotations"),
            startsAt,
            null,
            n.path("generatorURL").asText(""));
    return new PostedAlerts.Posted(a, endsAt);
  }

  private static Instant time(JsonNode n, String field) {
    String v = n.path(field).asText("");
    if (v.isEmpty() || v.startsWith("0001-01-01")) {
      return null;
    }
    try {
      return SilenceCodec.parseTime(field, v);
    } catch (SilenceCodec.SchemaException e) {
      throw new IllegalArgumentException(e.getMessage());
    }
  }

  private static Map<String, String> strings(JsonNode n, String field) {
    Map<String, String> out = new LinkedHashMap<>();
    if (n == null || n.isNull()) {
      return out;
    }
    if (!n.isObject()) {
      throw new IllegalArgumentException(field + " must be an object of strings");
    }
    n.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
    return out;
  }

  private void expire() {
    List<Alert> events = posted.expire(Instant.now());
    if (!events.isEmpty()) {
      publish(events)
          .onFailure(e -> LOG.warn("resolve of timed-out alerts not written: {}", e.getMessage()));
    }
  }

  /** Writes the events keyed by fingerprint; on failure forgets them so a re-post retries. */
  private Future<Void> publish(List<Alert> events) {
    List<Future<?>> all = new ArrayList<>();
    for (Alert e : events) {
      all.add(
          producer.send(
              KafkaProducerRecord.create(Topics.ALERTS, e.fingerprint(), AlertCodec.encode(e))));
    }
    return Future.all(all).<Void>mapEmpty().onFailure(e -> posted.forget(events));
  }
}
