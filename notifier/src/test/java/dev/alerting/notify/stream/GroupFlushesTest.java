package dev.alerting.notify.stream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alerting.model.Labels;
import dev.alerting.model.alert.Alert;
import dev.alerting.model.alert.AlertStatus;
import dev.alerting.notify.config.ConfigLoader;
import dev.alerting.notify.dispatch.Dispatcher;
import dev.alerting.notify.dispatch.Flush;
import dev.alerting.notify.receiver.Outcome;
import io.vertx.core.Context;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The settle step on a fake clock, with deliveries and log writes the test completes by hand: an
 * event's offset may be committed only once its group's flush is delivered and logged, so a crash
 * in between reads it again rather than losing it.
 */
@DisplayName("GroupFlushes: sending, logging and settling a group's flush")
class GroupFlushesTest {
  private static final long T0 = 1_700_000_000_000L;
  private static final long GROUP_WAIT = 30_000;

  private final List<Flush> sent = new ArrayList<>();
  private final List<Promise<List<Outcome>>> deliveries = new ArrayList<>();
  private final List<String> logged = new ArrayList<>();
  private final List<Promise<Void>> writes = new ArrayList<>();
  private final List<Map<Integer, Long>> commits = new ArrayList<>();
  private final OffsetTracker offsets = new OffsetTracker();
  private final HeldEvents held = new HeldEvents();
  private final Dispatcher dispatcher =
      new Dispatcher(
          ConfigLoader.parse(
              """
              route:
                receiver: hook
                group_by: [alertname]
                group_wait: 30s
                group_interval: 5m
                repeat_interval: 1h
              receivers:
              - name: hook
                webhook_configs:
                - url: http://hook.test/
              """));
  private Vertx vertx;
  private Context loop;
  private long now = T0;
  private GroupFlushes flushes;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    loop = vertx.getOrCreateContext();
    flushes =
        new GroupFlushes(
            vertx,
            dispatcher,
            flush -> {
              sent.add(flush);
              Promise<List<Outcome>> p = Promise.promise();
              deliveries.add(p);
              return p.future();
            },
            (groupId, state) -> {
              logged.add(groupId);
              Promise<Void> p = Promise.promise();
              writes.add(p);
              return p.future();
            },
            offsets,
            held,
            new NotifyTrace(),
            groupId -> true,
            () -> {
              Map<Integer, Long> c = offsets.takeCommittable();
              if (!c.isEmpty()) {
                commits.add(c);
              }
            },
            () -> now);
  }

  @AfterEach
  void stop() {
    vertx.close().await();
  }

  @Test
  @DisplayName("an event is committed only after its flush was delivered and logged")
  void commitsOnlyAfterTheLogWrite() throws Exception {
    onLoop(() -> receive(0, 41, "A"));
    onLoop(
        () -> {
          now = T0 + GROUP_WAIT;
          flushes.flushDue();
        });
    assertThat(onLoop(() -> List.copyOf(sent))).singleElement();
    assertThat(onLoop(() -> List.copyOf(commits))).as("while delivering").isEmpty();

    onLoop(() -> deliveries.get(0).complete(List.of(Outcome.delivered())));
    assertThat(onLoop(() -> List.copyOf(logged))).as("the group is logged").hasSize(1);
    passNow();
    assertThat(onLoop(() -> List.copyOf(commits))).as("delivered, not yet logged").isEmpty();
    assertThat(onLoop(offsets::inFlight)).isEqualTo(1);

    onLoop(() -> writes.get(0).complete());
    awaitCommit();
    assertThat(onLoop(() -> List.copyOf(commits)))
        .as("logged: the pass after the flush commits past the event")
        .containsExactly(Map.of(0, 42L));
    assertThat(onLoop(offsets::inFlight)).isZero();
  }

  @Test
  @DisplayName("an event whose log write failed is never committed (it is read again)")
  void failedLogWriteLeavesTheEventUncommitted() throws Exception {
    onLoop(() -> receive(0, 7, "A"));
    onLoop(
        () -> {
          now = T0 + GROUP_WAIT;
          flushes.flushDue();
        });
    onLoop(() -> deliveries.get(0).complete(List.of(Outcome.delivered())));
    onLoop(() -> writes.get(0).fail("broker down"));
    passNow();
    assertThat(onLoop(() -> List.copyOf(commits))).isEmpty();
    assertThat(onLoop(offsets::inFlight)).isEqualTo(1);
  }

  @Test
  @DisplayName("settling a ticket finishes its event once; settling it again changes nothing")
  void settlesEachTicketOnce() throws Exception {
    long ticket = onLoop(() -> receive(0, 3, "A"));
    onLoop(() -> flushes.settle(List.of(ticket)));
    onLoop(() -> flushes.settle(List.of(ticket)));
    assertThat(onLoop(offsets::takeCommittable)).isEqualTo(Map.of(0, 4L));
    assertThat(onLoop(() -> held.release(ticket))).isNull();
  }

  /** Reads an alert event at {@code partition}@{@code offset} into its group; its ticket. */
  private long receive(int partition, long offset, String name) {
    Alert alert =
        new Alert(
            AlertStatus.FIRING,
            Labels.of("alertname", name),
            Map.of(),
            Instant.ofEpochMilli(now),
            null,
            "");
    offsets.track(partition, offset);
    long ticket = held.ticket();
    String route = dispatcher.targets(alert.labels()).get(0).routeId();
    int groups = dispatcher.acceptGrouped(route, alert, ticket, now);
    held.hold(ticket, partition, offset, groups);
    return ticket;
  }

  /** Runs the pass a finished flush's coalescing timer would run: it commits what settled. */
  private void passNow() throws Exception {
    onLoop(flushes::flushDue);
  }

  /** Waits (up to 10 s) for the coalescing timer of a finished flush to commit something. */
  private void awaitCommit() throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (onLoop(() -> commits.isEmpty()) && System.nanoTime() < deadline) {
      vertx.timer(GroupFlushes.FLUSH_COALESCE_MS).await();
    }
  }

  private void onLoop(Runnable r) throws Exception {
    onLoop(
        () -> {
          r.run();
          return null;
        });
  }

  private <T> T onLoop(Supplier<T> s) throws Exception {
    CompletableFuture<T> out = new CompletableFuture<>();
    loop.runOnContext(
        v -> {
          try {
            out.complete(s.get());
          } catch (Throwable e) {
            out.completeExceptionally(e);
          }
        });
    return out.get(10, TimeUnit.SECONDS);
  }
}
