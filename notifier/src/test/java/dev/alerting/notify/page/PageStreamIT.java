package dev.alerting.notify.page;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alerting.model.Labels;
import dev.alerting.model.alert.Alert;
import dev.alerting.model.alert.AlertStatus;
import dev.alerting.model.page.PageOutcome;
import dev.alerting.model.page.PageRequest;
import dev.alerting.notify.NotifierConfig;
import dev.alerting.notify.NotifierVerticle;
import dev.alerting.platform.codec.PageCodec;
import dev.alerting.platform.config.Settings;
import dev.alerting.platform.kafka.Topics;
import dev.alerting.testkit.EmbeddedKafka;
import dev.alerting.testkit.Eventually;
import dev.alerting.testkit.TopicProbe;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("Pages delivered by the notifier against a real broker")
class PageStreamIT {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final Instant T = Instant.parse("2026-05-04T10:00:00Z");

  @Test
  @DisplayName(
      "a page goes to the named receiver once even when published twice; an unknown receiver is a"
          + " failed outcome; a bad record is skipped; offsets are committed")
  void deliversPages(@TempDir Path dir) throws Exception {
    List<JsonObject> received = new CopyOnWriteArrayList<>();
    try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
      Vertx vertx = Vertx.vertx();
      try {
        HttpServer target = capture(vertx, received);
        Path routing =
            Files.writeString(
                dir.resolve("am.yml"),
                """
                route:
                  receiver: log
                receivers:
                - name: log
                - name: alice-pager
                  webhook_configs:
                  - url: http://localhost:%d/alice
                """
                    .formatted(target.actualPort()));
        NotifierConfig config = config(kafka, routing);
        vertx.deployVerticle(new NotifierVerticle(config)).await();

        PageRequest page = page("7:1:0:alice@alice-pager", "alice", "alice-pager");
        PageRequest lost = page("7:1:0:bob@nobody", "bob", "nobody");
        try (KafkaProducer<String, String> producer =
                new KafkaProducer<>(
                    Map.of("bootstrap.servers", kafka.bootstrapServers()),
                    new StringSerializer(),
                    new StringSerializer());
            TopicProbe outcomes = new TopicProbe(kafka.bootstrapServers(), Topics.PAGE_OUTCOMES)) {
          for (String value :
              List.of(
                  PageCodec.encode(page),
                  PageCodec.encode(page),
                  PageCodec.encode(lost),
                  "{not a page")) {
            producer.send(new ProducerRecord<>(Topics.PAGES, "7", value)).get();
          }

          List<PageOutcome> results =
              outcomes.await(r -> true, 2, WAIT).stream()
                  .map(r -> PageCodec.decodeOutcome(r.value()))
                  .toList();
          Eventually.assertThat(
              WAIT, () -> assertThat(committed(kafka.bootstrapServers())).isEqualTo(4));

          assertThat(received).hasSize(1);
          JsonObject payload = received.get(0);
          assertThat(payload.getString("path")).isEqualTo("/alice");
          assertThat(payload.getString("receiver")).isEqualTo("alice-pager");
          assertThat(payload.getString("groupKey")).isEqualTo("page/7");
          assertThat(payload.getJsonObject("groupLabels").getString("paged_user"))
              .isEqualTo("alice");
          assertThat(results)
              .extracting(PageOutcome::pageId, PageOutcome::result)
              .containsExactlyInAnyOrder(
                  org.assertj.core.groups.Tuple.tuple(page.pageId(), PageOutcome.Result.DELIVERED),
                  org.assertj.core.groups.Tuple.tuple(lost.pageId(), PageOutcome.Result.FAILED));
          assertThat(
                  results.stream()
                      .filter(o -> o.result() == PageOutcome.Result.FAILED)
                      .findFirst()
                      .orElseThrow()
                      .detail())
              .contains("no receiver named 'nobody'");
          assertThat(outcomes.drain()).hasSize(2);
        }
      } finally {
        vertx.close().await();
      }
    }
  }

  @Test
  @DisplayName(
      "restarted after delivering a page but before committing it, the notifier does not page"
          + " again: delivered ids are read back from pages.outcomes")
  void restartDoesNotPageTwice(@TempDir Path dir) throws Exception {
    List<JsonObject> received = new CopyOnWriteArrayList<>();
    try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
      Vertx vertx = Vertx.vertx();
      try {
        HttpServer target = capture(vertx, received);
        Path routing =
            Files.writeString(
                dir.resolve("am.yml"),
                """
                route:
                  receiver: pager
                receivers:
                - name: pager
                  webhook_configs:
                  - url: http://localhost:%d/pager
                """
                    .formatted(target.actualPort()));
        NotifierConfig config = config(kafka, routing);
        // a first run creates the topics; then the crashed run's traces: its outcome, no commit
        String first = vertx.deployVerticle(new NotifierVerticle(config)).await();
        vertx.undeploy(first).await();
        PageRequest sent = page("9:1:0:alice@pager", "alice", "pager");
        PageRequest next = page("9:1:1:bob@pager", "bob", "pager");
        try (KafkaProducer<String, String> producer =
            new KafkaProducer<>(
                Map.of("bootstrap.servers", kafka.bootstrapServers()),
                new StringSerializer(),
                new StringSerializer())) {
          PageOutcome done = new PageOutcome(sent.pageId(), 9, PageOutcome.Result.DELIVERED, "", T);
          producer
              .send(new ProducerRecord<>(Topics.PAGE_OUTCOMES, "9", PageCodec.encode(done)))
              .get();
          producer.send(new ProducerRecord<>(Topics.PAGES, "9", PageCodec.encode(sent))).get();
          producer.send(new ProducerRecord<>(Topics.PAGES, "9", PageCodec.encode(next))).get();
        }

        vertx.deployVerticle(new NotifierVerticle(config)).await();
        Eventually.assertThat(
            WAIT, () -> assertThat(committed(kafka.bootstrapServers())).isEqualTo(2));
        assertThat(received)
            .extracting(p -> p.getJsonObject("groupLabels").getString("paged_user"))
            .containsExactly("bob");
      } finally {
        vertx.close().await();
      }
    }
  }

  /** A receiver endpoint that records every request body, with its path. */
  private static HttpServer capture(Vertx vertx, List<JsonObject> received) {
    return vertx
        .createHttpServer()
        .requestHandler(
            req ->
                req.body()
                    .onSuccess(
                        b -> {
                          received.add(b.toJsonObject().put("path", req.path()));
                          req.response().setStatusCode(200).end();
                        }))
        .listen(0)
        .await();
  }

  private static NotifierConfig config(EmbeddedKafka kafka, Path routing) {
    return NotifierConfig.from(
        Settings.of(
            Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(),
                "NOTIFIER_HTTP_PORT", "0",
                "NOTIFIER_CONFIG", routing.toString())));
  }

  private static PageRequest page(String id, String user, String receiver) {
    Alert a = new Alert(AlertStatus.FIRING, Labels.of("alertname", "Down"), Map.of(), T, null, "");
    return new PageRequest(
        id, 7, PageRequest.Kind.TRIGGER, user, receiver, "Down", "critical", 1, List.of(a), T);
  }

  private static long committed(String bootstrap) {
    try (Admin admin = Admin.create(Map.<String, Object>of("bootstrap.servers", bootstrap))) {
      return admin
          .listConsumerGroupOffsets(PageStream.GROUP_ID)
          .partitionsToOffsetAndMetadata()
          .get()
          .values()
          .stream()
          .mapToLong(OffsetAndMetadata::offset)
          .sum();
    } catch (Exception e) {
      throw new AssertionError("cannot read committed offsets", e);
    }
  }
}
