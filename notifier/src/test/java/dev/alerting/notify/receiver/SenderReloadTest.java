package dev.alerting.notify.receiver;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alerting.model.Labels;
import dev.alerting.model.alert.Alert;
import dev.alerting.model.alert.AlertStatus;
import dev.alerting.notify.dispatch.Delivery;
import dev.alerting.notify.dispatch.Flush;
import dev.alerting.notify.history.DeliveryHistory;
import dev.alerting.notify.history.MemoryDeadLetters;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A config reload retires the notifiers of integrations it dropped: each is closed once the sends
 * using it end, never while one runs; notifiers of integrations the new config still has stay.
 */
@DisplayName("Notifiers across a config reload")
class SenderReloadTest {
  private static Vertx vertx;
  private static final Map<String, AtomicInteger> BUILT = new ConcurrentHashMap<>();
  private static final Map<String, AtomicInteger> CLOSED = new ConcurrentHashMap<>();
  // attempts wait here until the test answers them
  private static final List<Promise<Outcome>> PENDING = new CopyOnWriteArrayList<>();
  private Sender sender;

  /** An integration whose sends stay in flight until the test completes them. */
  record Held(String id) implements Integration {
    @Override
    public String name() {
      return "held";
    }

    @Override
    public boolean sendResolved() {
      return true;
    }

    @Override
    public Notifier notifier(Channels channels) {
      BUILT.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
      return new Notifier() {
        @Override
        public String integration() {
          return "held";
        }

        @Override
        public Future<Outcome> attempt(Notification n) {
          Promise<Outcome> p = Promise.promise();
          PENDING.add(p);
          return p.future();
        }

        @Override
        public Future<Void> close() {
          CLOSED.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
          return Future.succeededFuture();
        }
      };
    }
  }

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stop() {
    vertx.close().await();
  }

  @BeforeEach
  void newSender() {
    BUILT.clear();
    CLOSED.clear();
    PENDING.clear();
    sender =
        new Sender(
            vertx,
            TestChannels.of(vertx),
            new RetryPolicy(Duration.ofMillis(10), Duration.ofMillis(20), 3),
            Redactor.none(),
            new DeliveryMetrics(new SimpleMeterRegistry()),
            new DeliveryHistory(100),
            new MemoryDeadLetters(),
            8);
  }

  private static Flush flush(Integration integration) {
    Alert a =
        new Alert(
            AlertStatus.FIRING, Labels.of("alertname", "A"), Map.of(), Instant.EPOCH, null, "");
    return new Flush(
        "{}:{alertname=\"A\"}",
        new Receiver("team", List.of(integration)),
        Labels.of("alertname", "A"),
        List.of(new Delivery(integration, List.of(a))),
        Set.of(1L));
  }

  private static int closed(String id) {
    return CLOSED.getOrDefault(id, new AtomicInteger()).get();
  }

  @Test
  @DisplayName("a dropped integration's notifier closes when its in-flight send ends, not before")
  void droppedClosesAfterItsSend() {
    Future<Void> inFlight = sender.send(flush(new Held("old")));
    assertThat(PENDING).hasSize(1);

    sender.keepNotifiersOf(List.of(new Held("new")));
    assertThat(closed("old")).as("closed while its send runs").isZero();
    assertThat(sender.openNotifiers()).isEqualTo(1);

    PENDING.get(0).complete(Outcome.delivered());
    inFlight.await();
    assertThat(closed("old")).isEqualTo(1);
    assertThat(sender.openNotifiers()).isZero();
  }

  @Test
  @DisplayName("an idle dropped notifier closes at once; one the new config still has stays open")
  void idleDroppedClosesKeptStays() {
    Future<Void> a = sender.send(flush(new Held("gone")));
    Future<Void> b = sender.send(flush(new Held("kept")));
    PENDING.forEach(p -> p.complete(Outcome.delivered()));
    Future.all(a, b).await();

    // an equal config after the reload is the same integration (records)
    sender.keepNotifiersOf(List.of(new Held("kept")));
    assertThat(closed("gone")).isEqualTo(1);
    assertThat(closed("kept")).isZero();
    assertThat(sender.openNotifiers()).isEqualTo(1);

    Future<Void> again = sender.send(flush(new Held("kept")));
    PENDING.get(2).complete(Outcome.delivered());
    again.await();
    assertThat(BUILT.get("kept").get()).as("rebuilt after the reload").isEqualTo(1);
  }

  @Test
  @DisplayName("a send of the old config starting after the reload gets a notifier closed after it")
  void lateSendOfOldConfig() {
    sender.keepNotifiersOf(List.of(new Held("new")));
    Future<Void> late = sender.send(flush(new Held("old")));
    assertThat(sender.openNotifiers()).isEqualTo(1);
    PENDING.get(0).complete(Outcome.delivered());
    late.await();
    assertThat(closed("old")).isEqualTo(1);
    assertThat(sender.openNotifiers()).isZero();
  }

  @Test
  @DisplayName("shutdown closes every notifier, retired ones with sends still running included")
  void closeAll() {
    sender.send(flush(new Held("old")));
    sender.keepNotifiersOf(List.of(new Held("new")));
    sender.send(flush(new Held("new")));
    sender.close().await();
    assertThat(closed("old")).isEqualTo(1);
    assertThat(closed("new")).isEqualTo(1);
  }
}
