package dev.alerting.notify.api.v2;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.alerting.model.Matcher;
import dev.alerting.model.MatcherParser;
import dev.alerting.notify.silence.Silence;
import dev.alerting.notify.silence.SilenceCodec;
import dev.alerting.notify.silence.SilenceException;
import dev.alerting.notify.silence.SilenceRequest;
import dev.alerting.notify.silence.Silences;
import dev.alerting.notify.stream.SilenceTopic;
import dev.alerting.platform.codec.Json;
import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code /api/v2/silences} and {@code /api/v2/silence/{id}}: list, create or update, get and expire
 * silences with Alertmanager's shapes, status codes and messages. A change is answered once it is
 * on the compacted silences topic.
 */
final class SilencesApi {
  private static final Pattern UUID =
      Pattern.compile(
          "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

  private final Silences silences;
  private final SilenceTopic topic;

  SilencesApi(Silences silences, SilenceTopic topic) {
    this.silences = silences;
    this.topic = topic;
  }

  void mount(Router router) {
    router.get("/api/v2/silences").handler(this::list);
    router.post("/api/v2/silences").handler(BodyHandler.create().setBodyLimit(1024 * 1024));
    router.post("/api/v2/silences").handler(this::post);
    router.get("/api/v2/silence/:id").handler(this::get);
    router.delete("/api/v2/silence/:id").handler(this::delete);
  }

  private void list(RoutingContext ctx) {
    List<Matcher> filter = new ArrayList<>();
    for (String f : ctx.queryParams().getAll("filter")) {
      try {
        filter.addAll(MatcherParser.parse(f));
      } catch (IllegalArgumentException e) {
        Replies.error(ctx, 400, "bad matcher format: " + f);
        return;
      }
    }
    Instant now = Instant.now();
    ArrayNode out = Json.MAPPER.createArrayNode();
    for (Silence s : silences.list(now)) {
      if (matchesFilter(s, filter)) {
        out.add(SilenceCodec.toJson(s, silences.state(s, now)));
      }
    }
    Replies.ok(ctx, out.toString());
  }

  /**
   * Alertmanager's silence filter: every filter matcher names a label the silence has a matcher
   * for, and accepts that matcher's value.
   */
  private static boolean matchesFilter(Silence s, List<Matcher> filter) {
    for (Matcher f : filter) {
      boolean found = false;
      for (Matcher m : s.matchers()) {
        if (m.name().equals(f.name()) && f.matches(m.value())) {
          found = true;
          break;
        }
      }
      if (!found) {
        return false;
      }
    }
    return true;
  }

  private void post(RoutingContext ctx) {
    SilenceRequest request;
    try {
      JsonNode body = Json.MAPPER.readTree(ctx.body().asString());
      request = SilenceCodec.request(body);
    } catch (IOException | IllegalStateException e) {
      Replies.schema(ctx, 400, 400, "parsing silence body failed, because " + e.getMessage());
      return;
    } catch (SilenceCodec.SchemaException e) {
      Replies.schema(ctx, e.code() == 400 ? 400 : 422, e.code(), e.getMessage());
      return;
    } catch (SilenceException e) {
      Replies.error(ctx, 400, e.getMessage());
      return;
    }
    Silences.Change change;
    try {
      change = silences.set(request, Instant.now());
    } catch (SilenceException e) {
      Replies.error(ctx, e.notFound() ? 404 : 400, e.getMessage());
      return;
    }
    write(ctx, change)
        .onSuccess(
            v ->
                Replies.ok(
                    ctx, Json.MAPPER.createObjectNode().put("silenceID", change.id()).toString()));
  }

  private Future<Void> write(RoutingContext ctx, Silences.Change change) {
    return topic
        .write(change.writes())
        .onFailure(e -> Replies.error(ctx, 500, "silence not stored, retry: " + e.getMessage()));
  }

  private String id(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    if (!UUID.matcher(id).matches()) {
      Replies.schema(ctx, 422, 601, "silenceID in path must be of type uuid: \"" + id + "\"");
      return null;
    }
    return id;
  }

  private void get(RoutingContext ctx) {
    String id = id(ctx);
    if (id == null) {
      return;
    }
    Silence s = silences.get(id);
    if (s == null) {
      Replies.error(ctx, 404, "silence not found");
      return;
    }
    Replies.ok(ctx, SilenceCodec.toJson(s, silences.state(s, Instant.now())).toString());
  }

  private void delete(RoutingContext ctx) {
    String id = id(ctx);
    if (id == null) {
      return;
    }
    Silences.Change change;
    try {
      change = silences.expire(id, Instant.now());
    } catch (SilenceException e) {
      // The spec's 404; Alertmanager 0.25 itself answers 500 here.
      Replies.error(ctx, e.notFound() ? 404 : 400, e.getMessage());
      return;
    }
    write(ctx, change).onSuccess(v -> ctx.response().setStatusCode(200).end());
  }
}
