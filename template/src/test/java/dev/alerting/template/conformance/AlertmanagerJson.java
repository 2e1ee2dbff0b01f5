package dev.alerting.template.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import dev.alerting.template.alertmanager.AlertData;
import dev.alerting.template.alertmanager.Alerts;
import dev.alerting.template.alertmanager.GoTime;
import dev.alerting.template.alertmanager.KV;
import dev.alerting.template.alertmanager.NotificationData;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads the data sets amtool renders with ({@code --template.data}, Alertmanager's template.Data as
 * JSON) into our {@link NotificationData}, times keeping their offsets as Go's JSON decoding does.
 */
final class AlertmanagerJson {
  private AlertmanagerJson() {}

  static NotificationData read(String name) {
    try (InputStream in =
        AlertmanagerJson.class.getResourceAsStream("/conformance/data/" + name + ".json")) {
      JsonNode n = ConformanceCase.JSON.readTree(in);
      List<AlertData> alerts = new ArrayList<>();
      for (JsonNode a : n.get("alerts")) {
        alerts.add(
            new AlertData(
                a.get("status").asText(),
                kv(a.get("labels")),
                kv(a.get("annotations")),
                time(a.get("startsAt").asText()),
                time(a.get("endsAt").asText()),
                a.get("generatorURL").asText(),
                a.get("fingerprint").asText()));
      }
      return new NotificationData(
          n.get("receiver").asText(),
          n.get("status").asText(),
          new Alerts(alerts),
          kv(n.get("groupLabels")),
          kv(n.get("commonLabels")),
          kv(n.get("commonAnnotations")),
          n.get("externalURL").asText());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static KV kv(JsonNode n) {
    Map<String, String> m = new TreeMap<>();
    n.fields().forEachRemaining(e -> m.put(e.getKey(), e.getValue().asText()));
    return new KV(m);
  }

  private static GoTime time(String rfc3339) {
    OffsetDateTime t = OffsetDateTime.parse(rfc3339);
    if (rfc3339.endsWith("Z")) {
      return GoTime.of(t.toInstant());
    }
    return GoTime.of(t.atZoneSameInstant(ZoneOffset.of(t.getOffset().getId())));
  }
}
