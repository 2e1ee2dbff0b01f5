package dev.alerting.notify.history;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.alerting.model.Labels;
import dev.alerting.model.alert.Alert;
import dev.alerting.platform.codec.AlertCodec;
import dev.alerting.platform.codec.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A notification that failed for good: enough to re-send it (receiver, the integration's position
 * in it, group, alerts) and to understand why ({@code reason}, {@code payload} as last sent). Both
 * texts are redacted before a dead letter is built; the record never holds a secret.
 */
public record DeadLetter(
    String id,
    Instant failedAt,
    String receiver,
    String integration,
    int integrationIndex,
    String groupKey,
    Labels groupLabels,
    List<Alert> alerts,
    int attempts,
    String reason,
    String payload) {
  public DeadLetter {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(failedAt, "failedAt");
    Objects.requireNonNull(receiver, "receiver");
    Objects.requireNonNull(integration, "integration");
    Objects.requireNonNull(groupKey, "groupKey");
    Objects.requireNonNull(groupLabels, "groupLabels");
    alerts = List.copyOf(alerts);
    if (integrationIndex < 0) {
      throw new IllegalArgumentException("integrationIndex must not be negative");
    }
    reason = reason == null ? "" : reason;
    payload = payload == null ? "" : payload;
  }

  public DeadLetter withFailure(int moreAttempts, String newReason, Instant at) {
    return new DeadLetter(
        id,
        at,
        receiver,
        integration,
        integrationIndex,
        groupKey,
        groupLabels,
        alerts,
        attempts + moreAttempts,
        newReason,
        payload);
  }

  public ObjectNode toJson() {
    ObjectNode n = Json.MAPPER.createObjectNode();
    n.put("id", id);
    n.put("failedAt", failedAt.toString());
    n.put("receiver", receiver);
    n.put("integration", integration);
    n.put("integrationIndex", integrationIndex);
    n.put("groupKey", groupKey);
    ObjectNode gl = n.putObject("groupLabels");
    new TreeMap<>(groupLabels.asMap()).forEach(gl::put);
    ArrayNode as = n.putArray("alerts");
    alerts.forEach(a -> as.add(AlertCodec.toJson(a)));
    n.put("attempts", attempts);
    n.put("reason", reason);
    n.put("payload", payload);
    return n;
  }

  public static DeadLetter fromJson(JsonNode n) {
    Map<String, String> gl = new TreeMap<>();
    n.path("groupLabels").fields().forEachRemaining(e -> gl.put(e.getKey(), e.getValue().asText()));
    List<Alert> alerts = new ArrayList<>();
    n.path("alerts").forEach(a -> alerts.add(AlertCodec.fromJson(a)));
    return new DeadLetter(
        n.path("id").asText(),
        Instant.parse(n.path("failedAt").asText()),
        n.path("receiver").asText(),
        n.path("integration").asText(),
        n.path("integrationIndex").asInt(),
        n.path("groupKey").asText(),
        Labels.of(gl),
        alerts,
        n.path("attempts").asInt(),
        n.path("reason").asText(),
        n.path("payload").asText());
  }
}
