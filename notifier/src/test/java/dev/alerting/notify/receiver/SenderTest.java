package dev.alerting.notify.receiver;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import dev.alerting.model.Labels;
import dev.alerting.model.alert.Alert;
import dev.alerting.model.alert.AlertStatus;
import dev.alerting.notify.dispatch.Delivery;
import dev.alerting.notify.dispatch.Flush;
import dev.alerting.notify.history.DeliveryHistory;
import dev.alerting.notify.history.MemoryDeadLetters;
import dev.alerting.notify.receiver.log.LogIntegration;
import dev.alerting.notify.receiver.webhook.WebhookConfig;
import dev.alerting.platform.codec.Json;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

@DisplayName("Sending a group flush")
class SenderTest {
  private static Vertx vertx;
  private static HttpServer server;
  private static final AtomicInteger REQUESTS = new AtomicInteger();
  private SimpleMeterRegistry registry;
  private DeliveryHistory history;
  private MemoryDeadLetters deadLetters;
  private Sender sender;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    // the path is the status to answer: /404 answers 404
    server =
        vertx
            .createHttpServer()
            .requestHandler(
                req -> {
                  REQUESTS.incrementAndGet();
                  req.response().setStatusCode(Integer.parseInt(req.path().substring(1))).end();
                })
            .listen(0)
            .await();
  }

  @AfterAll
  static void stop() {
    vertx.close().await();
  }

  @BeforeEach
  void newSender() {
    REQUESTS.set(0);
    registry = new SimpleMeterRegistry();
    history = new DeliveryHistory(100);
    deadLetters = new MemoryDeadLetters();
    sender =
        new Sender(
            vertx,
            TestChannels.of(vertx),
            new RetryPolicy(Duration.ofMillis(10), Duration.ofMillis(20), 3),
            Redactor.none(),
            new DeliveryMetrics(registry),
            history,
            deadLetters,
            8);
  }

  private static Flush flush(Integration integration) {
    Alert a =
        new Alert(
            AlertStatus.FIRING, Labels.of("alertname", "A"), Map.of(), Instant.EPOCH, null, "");
    return new Flush(
        "{}:{alertname=\"A\"}",
        new Receiver("team", List.of()),
        Labels.of("alertname", "A"),
        List.of(new Delivery(integration, List.of(a))),
        Set.of(1L));
  }

  private WebhookConfig hook(int status) {
    return new WebhookConfig(
        URI.create("http://localhost:" + server.actualPort() + "/" + status),
        true,
        0,
        Optional.empty());
  }

  private double count(String name, String... tags) {
    var c = registry.find(name).tags(tags).counter();
    return c == null ? 0 : c.count();
  }

  @Test
  @DisplayName("the log receiver writes the v4 payload as one JSON log line and counts it")
  void logReceiver() throws Exception {
    Logger logger = (Logger) LoggerFactory.getLogger("dev.alerting.notify.notification");
    ListAppender<ILoggingEvent> appender = new ListAppender<>();
    appender.start();
    logger.addAppender(appender);
    try {
      sender.send(flush(LogIntegration.INSTANCE)).await();
    } finally {
      logger.detachAppender(appender);
    }
    assertThat(appender.list).hasSize(1);
    JsonNode payload = Json.MAPPER.readTree(appender.list.get(0).getFormattedMessage());
    assertThat(payload.get("version").asText()).isEqualTo("4");
    assertThat(payload.get("receiver").asText()).isEqualTo("team");
    assertThat(count("notifier.notifications", "integration", "log")).isEqualTo(1);
  }

  @Test
  @DisplayName("a 4xx answer fails for good after one attempt and is counted as permanent")
  void permanent() {
    sender.send(flush(hook(404))).await();
    assertThat(REQUESTS.get()).isEqualTo(1);
    assertThat(
            count("notifier.notifications.failed", "integration", "webhook", "reason", "permanent"))
        .isEqualTo(1);
    assertThat(count("notifier.notifications", "integration", "webhook")).isZero();
    assertThat(deadLetters.list())
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.reason()).startsWith("HTTP 404");
              assertThat(d.attempts()).isEqualTo(1);
              assertThat(d.payload()).contains("\"version\":\"4\"");
            });
    assertThat(history.recent(r -> true, 10))
        .singleElement()
        .satisfies(r -> assertThat(r.status()).isEqualTo("failed"));
  }

  @Test
  @DisplayName("a 429 answer is retried up to the attempt limit, then counted as retries exhausted")
  void exhausted() {
    sender.send(flush(hook(429))).await();
    assertThat(REQUESTS.get()).isEqualTo(3);
    assertThat(
            count(
                "notifier.notifications.failed",
                "integration",
                "webhook",
                "reason",
                "retries_exhausted"))
        .isEqualTo(1);
  }

  @Test
  @DisplayName("an unreachable target is retried like a 5xx")
  void unreachable() {
    WebhookConfig dead =
        new WebhookConfig(URI.create("http://localhost:1/x"), true, 0, Optional.empty());
    sender.send(flush(dead)).await();
    assertThat(
            count(
                "notifier.notifications.failed",
                "integration",
                "webhook",
                "reason",
                "retries_exhausted"))
        .isEqualTo(1);
    assertThat(count("notifier.notification.retries", "integration", "webhook")).isEqualTo(2);
  }

  @Test
  @DisplayName("a 2xx answer is delivered on the first attempt")
  void delivered() {
    sender.send(flush(hook(202))).await();
    assertThat(REQUESTS.get()).isEqualTo(1);
    assertThat(count("notifier.notifications", "integration", "webhook")).isEqualTo(1);
    assertThat(deadLetters.list()).isEmpty();
    assertThat(history.recent(r -> true, 10))
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.status()).isEqualTo("delivered");
              assertThat(r.attempts()).isEqualTo(1);
              assertThat(r.receiver()).isEqualTo("team");
            });
  }
}
