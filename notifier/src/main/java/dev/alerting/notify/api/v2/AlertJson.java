package dev.alerting.notify.api.v2;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.alerting.model.alert.Alert;
import dev.alerting.notify.silence.SilenceCodec;
import dev.alerting.platform.codec.Json;
import java.time.Instant;
import java.util.List;
import java.util.TreeMap;

/**
 * An alert as Alertmanager's API answers it ({@code gettableAlert}): the alert, the receivers it
 * routes to, and its status ({@code suppressed} with the silences and inhibiting alerts when muted,
 * {@code active} otherwise).
 */
record AlertJson(
    Alert alert,
    Instant updatedAt,
    List<String> receivers,
    List<String> silencedBy,
    List<String> inhibitedBy) {

  /** Go's zero time, which Alertmanager shows for an alert without a known end. */
  private static final String ZERO = "0001-01-01T00:00:00.000Z";

  boolean suppressed() {
    return !silencedBy.isEmpty() || !inhibitedBy.isEmpty();
  }

  ObjectNode toJson() {
    ObjectNode n = Json.MAPPER.createObjectNode();
    ObjectNode ann = n.putObject("annotations");
    new TreeMap<>(alert.annotations()).forEach(ann::put);
    n.put("endsAt", alert.endsAt() == null ? ZERO : SilenceCodec.time(alert.endsAt()));
    n.put("fingerprint", alert.fingerprint());
    ArrayNode rs = n.putArray("receivers");
    receivers.forEach(r -> rs.addObject().put("name", r));
    n.put("startsAt", SilenceCodec.time(alert.startsAt()));
    ObjectNode status = n.putObject("status");
    inhibitedBy.forEach(status.putArray("inhibitedBy")::add);
    silencedBy.forEach(status.putArray("silencedBy")::add);
    if (!status.has("inhibitedBy")) {
      status.putArray("inhibitedBy");
    }
    if (!status.has("silencedBy")) {
      status.putArray("silencedBy");
    }
    status.put("state", suppressed() ? "suppressed" : "active");
    n.put("updatedAt", SilenceCodec.time(updatedAt));
    n.put("generatorURL", alert.generatorUrl());
    ObjectNode labels = n.putObject("labels");
    alert.labels().asMap().forEach(labels::put);
    return n;
  }
}
