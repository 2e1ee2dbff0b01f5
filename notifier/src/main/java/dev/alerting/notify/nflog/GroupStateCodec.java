package dev.alerting.notify.nflog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.alerting.model.Labels;
import dev.alerting.model.alert.Alert;
import dev.alerting.platform.codec.AlertCodec;
import dev.alerting.platform.codec.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The value of a {@code notifications.log} record: {@code {"groupKey","receiver","route",
 * "groupLabels","alerts":[alert events],"notified":{"0":{"firing","resolved","at"}},"flushed",
 * "nextFlushAt"}}; the record key is the group id.
 */
public final class GroupStateCodec {
  private GroupStateCodec() {}

  public static String encode(GroupState s) {
    ObjectNode n = Json.MAPPER.createObjectNode();
    n.put("groupKey", s.groupKey());
    n.put("receiver", s.receiver());
    n.put("route", s.routeId());
    ObjectNode labels = n.putObject("groupLabels");
    s.groupLabels().asMap().forEach(labels::put);
    ArrayNode alerts = n.putArray("alerts");
    s.alerts().forEach(a -> alerts.add(AlertCodec.toJson(a)));
    ObjectNode notified = n.putObject("notified");
    new TreeMap<>(s.notified())
        .forEach(
            (i, st) -> {
              ObjectNode e = notified.putObject(Integer.toString(i));
              st.firing().stream().sorted().forEach(e.putArray("firing")::add);
              st.resolved().stream().sorted().forEach(e.putArray("resolved")::add);
              e.put("at", st.atMillis());
            });
    n.put("flushed", s.flushed());
    n.put("nextFlushAt", s.nextFlushAt());
    return n.toString();
  }

  public static GroupState decode(String groupId, String json) {
    try {
      JsonNode n = Json.MAPPER.readTree(json);
      Map<String, String> labels = new LinkedHashMap<>();
      n.path("groupLabels")
          .fields()
          .forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
      List<Alert> alerts = new ArrayList<>();
      n.path("alerts").forEach(a -> alerts.add(AlertCodec.fromJson(a)));
      Map<Integer, NotifyState> notified = new HashMap<>();
      n.path("notified")
          .fields()
          .forEachRemaining(
              e ->
                  notified.put(
                      Integer.parseInt(e.getKey()),
                      new NotifyState(
                          strings(e.getValue().path("firing")),
                          strings(e.getValue().path("resolved")),
                          e.getValue().path("at").asLong())));
      return new GroupState(
          groupId,
          n.path("route").asText(),
          n.path("groupKey").asText(),
          n.path("receiver").asText(),
          Labels.of(labels),
          alerts,
          notified,
          n.path("flushed").asBoolean(),
          n.path("nextFlushAt").asLong());
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "notification log record is not JSON: " + e.getMessage(), e);
    }
  }

  private static Set<String> strings(JsonNode array) {
    Set<String> out = new HashSet<>();
    array.forEach(v -> out.add(v.asText()));
    return out;
  }
}
