package dev.alerting.incident.scaleout;

import dev.alerting.model.Labels;
import dev.alerting.model.alert.Alert;
import dev.alerting.model.alert.AlertStatus;
import dev.alerting.platform.codec.AlertCodec;
import dev.alerting.platform.kafka.KafkaSettings;
import dev.alerting.platform.kafka.Topics;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Alert events for many alert groups, several alerts per group: each alert is its own fingerprint
 * and so its own record key, which spreads a group's alerts over the partitions of {@code alerts}
 * (and so over instances). Groups are grouped by {@code [alertname, group]}.
 */
final class AlertStream implements AutoCloseable {
  static final String NAME = "ScaleOut";
  private final KafkaProducer<String, String> producer;
  private final int alertsPerGroup;
  private final Instant startsAt = Instant.parse("2026-12-01T10:00:00Z");
  private int sent;

  AlertStream(String bootstrapServers, int alertsPerGroup) {
    Map<String, Object> config = new HashMap<>();
    new KafkaSettings(bootstrapServers, 1, (short) 1)
        .producer("scale-out-stream")
        .forEach(config::put);
    this.producer = new KafkaProducer<>(config);
    this.alertsPerGroup = alertsPerGroup;
  }

  static String group(int g) {
    return String.format("g-%04d", g);
  }

  /** The firing events of every alert of groups {@code from} (inclusive) to {@code to}. */
  void fire(int from, int to) {
    send(from, to, AlertStatus.FIRING);
  }

  /** The resolved events of every alert of groups {@code from} (inclusive) to {@code to}. */
  void resolve(int from, int to) {
    send(from, to, AlertStatus.RESOLVED);
  }

  /** Events written so far (acknowledged by the broker). */
  int sent() {
    return sent;
  }

  private void send(int from, int to, AlertStatus status) {
    List<Alert> alerts = new ArrayList<>();
    for (int g = from; g < to; g++) {
      for (int a = 0; a < alertsPerGroup; a++) {
        Labels labels =
            Labels.of(
                "alertname", NAME, "group", group(g), "instance", "i-" + a, "severity", "critical");
        Instant endsAt = status == AlertStatus.FIRING ? null : startsAt.plusSeconds(600);
        alerts.add(new Alert(status, labels, Map.of(), startsAt, endsAt, ""));
      }
    }
    List<java.util.concurrent.Future<?>> acks = new ArrayList<>();
    for (Alert a : alerts) {
      acks.add(
          producer.send(
              new ProducerRecord<>(Topics.ALERTS, a.fingerprint(), AlertCodec.encode(a))));
    }
    producer.flush();
    for (java.util.concurrent.Future<?> ack : acks) {
      try {
        ack.get();
      } catch (Exception e) {
        throw new IllegalStateException("an alert event was not written", e);
      }
    }
    sent += alerts.size();
  }

  @Override
  public void close() {
    producer.close();
  }
}
