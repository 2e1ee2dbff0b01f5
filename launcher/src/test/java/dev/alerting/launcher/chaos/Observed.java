package dev.alerting.launcher.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import dev.alerting.launcher.WebhookSink;
import dev.alerting.model.alert.Alert;
import dev.alerting.platform.codec.AlertCodec;
import dev.alerting.platform.codec.Json;
import dev.alerting.platform.kafka.Topics;
import dev.alerting.testkit.TopicProbe;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * What the suite did, seen from outside as a user sees it: the events on {@code alerts} ({@code
 * read_committed}), the webhook deliveries (alert notifications to {@code hook}, pages to {@code
 * pager}) and the incidents the API lists, each with the time it was first seen.
 */
final class Observed implements AutoCloseable {
  /** One observation about a series: what (e.g. {@code firing}) and when (epoch ms). */
  record Seen(String series, String what, long atMillis) {}

  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(2))
          .build();

  private final TopicProbe alerts;
  private final WebhookSink sink;
  private final String incidentsUrl;
  private final Map<String, Seen> incidentFirstSeen = new HashMap<>();
  private Map<String, JsonNode> incidents = Map.of();

  Observed(String bootstrapServers, WebhookSink sink, String incidentServiceUrl) {
    this.alerts = new TopicProbe(bootstrapServers, Topics.ALERTS);
    this.sink = sink;
    this.incidentsUrl = incidentServiceUrl + "/api/v1/incidents?limit=500";
  }

  /** Reads what is new: alert events, and the incident list when the service answers. */
  void refresh() {
    alerts.drain();
    List<JsonNode> items = incidentList();
    if (items == null) {
      return; // the incident service is down: keep the last list
    }
    Map<String, JsonNode> byId = new HashMap<>();
    long now = System.currentTimeMillis();
    for (JsonNode i : items) {
      byId.put(i.path("id").asText(), i);
      String series = i.path("labels").path("series").asText();
      String key = i.path("id").asText() + "|" + i.path("status").asText();
      incidentFirstSeen.putIfAbsent(key, new Seen(series, i.path("status").asText(), now));
    }
    incidents = byId;
  }

  /** Alert events of {@link ChaosFiles#ALERT}: series, status, the record's time. */
  List<Seen> alertEvents() {
    List<Seen> out = new ArrayList<>();
    for (ConsumerRecord<String, String> r : alerts.records()) {
      Alert a = AlertCodec.decode(r.value());
      if (ChaosFiles.ALERT.equals(a.name())) {
        out.add(new Seen(a.labels().get("series"), a.status().wire(), r.timestamp()));
      }
    }
    return out;
  }

  /** Deliveries to {@code receiver}: the group's {@code series}, payload status, arrival time. */
  List<Seen> deliveries(String receiver) {
    List<Seen> out = new ArrayList<>();
    for (WebhookSink.Delivery d : sink.deliveries()) {
      JsonNode p = d.body();
      if (p.path("receiver").asText().equals(receiver)) {
        out.add(new Seen(series(p), p.path("status").asText(), d.atMillis()));
      }
    }
    return out;
  }

  /** Pages: series and status, keyed by the incident they page for. */
  Map<String, List<Seen>> pagesByIncident() {
    Map<String, List<Seen>> out = new HashMap<>();
    for (WebhookSink.Delivery d : sink.deliveries()) {
      JsonNode p = d.body();
      if (p.path("receiver").asText().equals("pager")) {
        out.computeIfAbsent(
                p.path("groupLabels").path("incident_id").asText(), k -> new ArrayList<>())
            .add(new Seen(series(p), p.path("status").asText(), d.atMillis()));
      }
    }
    return out;
  }

  /** The incidents last listed, by id: series and status. */
  Map<String, Seen> incidents() {
    Map<String, Seen> out = new HashMap<>();
    incidents.forEach(
        (id, i) ->
            out.put(
                id,
                new Seen(i.path("labels").path("series").asText(), i.path("status").asText(), 0)));
    return out;
  }

  /** When an incident of {@code series} was first seen with {@code status}. */
  OptionalLong incidentSeen(String series, String status) {
    return incidentFirstSeen.values().stream()
        .filter(s -> s.series().equals(series) && s.what().equals(status))
        .mapToLong(Seen::atMillis)
        .min();
  }

  private static String series(JsonNode payload) {
    String s = payload.path("groupLabels").path("series").asText("");
    if (s.isEmpty() && payload.path("alerts").size() > 0) {
      s = payload.path("alerts").get(0).path("labels").path("series").asText("");
    }
    return s;
  }

  private List<JsonNode> incidentList() {
    try {
      HttpResponse<String> r =
          HTTP.send(
              HttpRequest.newBuilder(URI.create(incidentsUrl))
                  .timeout(Duration.ofSeconds(3))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 200) {
        return null;
      }
      List<JsonNode> out = new ArrayList<>();
      Json.MAPPER.readTree(r.body()).path("items").forEach(out::add);
      return out;
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  @Override
  public void close() {
    alerts.close();
  }
}
