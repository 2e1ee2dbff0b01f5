package dev.alerting.notify.api.v2;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.alerting.notify.dispatch.Dispatcher;
import dev.alerting.notify.silence.SilenceCodec;
import dev.alerting.platform.codec.Json;
import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * {@code /api/v2/status}, {@code /api/v2/receivers} and the management endpoints {@code
 * /-/healthy}, {@code /-/ready}, {@code /-/reload}. {@code config.original} is the routing file
 * with secret values replaced by {@code <secret>}, as Alertmanager shows it; amtool's {@code config
 * routes test} parses it.
 */
final class StatusApi {
  /** Config keys whose values are credentials (Alertmanager's Secret and SecretURL fields). */
  private static final Pattern SECRET_KEY =
      Pattern.compile(
          ".*(password|secret|token|_key|credentials)$|^(api_url|slack_api_url|webhook_url)$");

  /** Used when no routing file is configured: the built-in configuration, as YAML. */
  static final String DEFAULT_ORIGINAL = "route:\n  receiver: log\nreceivers:\n- name: log\n";

  private final Dispatcher dispatcher;
  private final Supplier<String> original;
  private final Supplier<Future<Void>> reload;
  private final Instant started = Instant.now();

  StatusApi(Dispatcher dispatcher, Supplier<String> original, Supplier<Future<Void>> reload) {
    this.dispatcher = dispatcher;
    this.original = original;
    this.reload = reload;
  }

  void mount(Router router) {
    router.get("/api/v2/status").handler(this::status);
    router.get("/api/v2/receivers").handler(this::receivers);
    router.route("/-/healthy").handler(ctx -> ctx.response().end("OK"));
    router.route("/-/ready").handler(ctx -> ctx.response().end("OK"));
    router.post("/-/reload").handler(this::reload);
  }

  private void status(RoutingContext ctx) {
    ObjectNode n = Json.MAPPER.createObjectNode();
    ObjectNode cluster = n.putObject("cluster");
    cluster.putArray("peers");
    // No gossip cluster: instances share state through Kafka (see README, HA model).
    cluster.put("status", "disabled");
    n.putObject("config").put("original", masked(original.get()));
    n.put("uptime", SilenceCodec.time(started));
    ObjectNode v = n.putObject("versionInfo");
    String version = String.valueOf(StatusApi.class.getPackage().getImplementationVersion());
    v.put("branch", "");
    v.put("buildDate", "");
    v.put("buildUser", "");
    v.put("goVersion", "java" + System.getProperty("java.version"));
    v.put("revision", "");
    v.put("version", "null".equals(version) ? "0.1.0-SNAPSHOT" : version);
    Replies.ok(ctx, n.toString());
  }

  private void receivers(RoutingContext ctx) {
    ArrayNode out = Json.MAPPER.createArrayNode();
    dispatcher.config().receivers().keySet().forEach(r -> out.addObject().put("name", r));
    Replies.ok(ctx, out.toString());
  }

  private void reload(RoutingContext ctx) {
    reload
        .get()
        .onSuccess(v -> ctx.response().setStatusCode(200).end())
        .onFailure(
            e ->
                ctx.response()
                    .setStatusCode(500)
                    .putHeader("Content-Type", "text/plain")
                    .end("failed to reload config: " + e.getMessage() + "\n"));
  }

  /** The YAML with every secret value replaced by {@code <secret>}. */
  static String masked(String yaml) {
    try {
      JsonNode tree = Json.YAML.readTree(yaml);
      if (tree == null || !tree.isContainerNode()) {
        return yaml;
      }
      mask(tree);
      return Json.YAML.writeValueAsString(tree);
    } catch (IOException e) {
      return DEFAULT_ORIGINAL;
    }
  }

  private static void mask(JsonNode n) {
    if (n.isObject()) {
      ObjectNode o = (ObjectNode) n;
      for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        if (e.getValue().isValueNode() && SECRET_KEY.matcher(e.getKey()).matches()) {
          e.setValue(Json.MAPPER.getNodeFactory().textNode("<secret>"));
        } else {
          mask(e.getValue());
        }
      }
    } else if (n.isArray()) {
      n.forEach(StatusApi::mask);
    }
  }
}
