package dev.alerting.rule.election;

import dev.alerting.platform.kafka.KafkaSettings;
import dev.alerting.platform.kafka.Topics;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which rule-engine instance is the active one. Every instance joins one consumer group (classic
 * protocol, so the session timeout is the client's to choose; cooperative-sticky assignment, so a
 * standby joining never takes the seat from a running active) on the single-partition topic {@link
 * Topics#RULES_LEADER}; the member assigned partition 0 holds the seat. A member killed with {@code
 * kill -9} loses it when its session times out, one that stops leaves the group at once.
 *
 * <p>The seat decides who <em>tries</em> to be active, not who may write: the transactional id does
 * that (a deposed active that has not noticed yet is fenced by the new one's claim). The consumer
 * runs on a thread of its own (poll, heartbeats and rebalance callbacks there, never on an event
 * loop); seat changes reach the {@link Listener} on the owning context, in order.
 */
public final class LeaderElection {
  /** Told, on the owning context, when this instance gets or loses the seat. */
  public interface Listener {
    void elected();

    void deposed(String reason);
  }

  private static final Logger LOG = LoggerFactory.getLogger(LeaderElection.class);
  private static final TopicPartition SEAT = new TopicPartition(Topics.RULES_LEADER, 0);
  private static final Duration POLL = Duration.ofMillis(500);
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);
  private static final long ERROR_PAUSE_MS = 1000;

  private final Vertx vertx;
  private final Context context;
  private final Map<String, Object> config;
  private final String group;
  private final Duration rejoinPause;
  private final Listener listener;
  private final Promise<Boolean> firstRound = Promise.promise();
  private final AtomicBoolean resignRequested = new AtomicBoolean();
  private volatile boolean running = true;
  private volatile boolean seated;
  private volatile boolean joined;
  private volatile KafkaConsumer<String, String> consumer;
  private Thread thread;

  /**
   * {@code group} is the election's consumer group; {@code sessionTimeout} how long a silent member
   * keeps the seat (the failover time after a {@code kill -9}), also the pause before a member that
   * {@link #resign resigned} stands again.
   */
  public LeaderElection(
      Vertx vertx,
      KafkaSettings kafka,
      String group,
      Duration sessionTimeout,
      String instanceId,
      Listener listener) {
    this.vertx = vertx;
    this.context = vertx.getOrCreateContext();
    this.group = group;
    this.rejoinPause = sessionTimeout;
    this.listener = listener;
    this.config = new HashMap<>(kafka.consumer(group, "rule-engine-election"));
    // KIP-848 groups take their session timeout from the broker (45 s by default): too slow a
    // failover. With a stable instance id the member is static: restarted after a crash under the
    // same id, it takes its seat back at once (classic static members replace their old selves);
    // a graceful stop still leaves the group (close below asks to leave).
    config.put("group.protocol", "classic");
    config.remove("group.instance.id");
    if (instanceId != null) {
      config.put("group.instance.id", instanceId + "-rule-engine-election");
    }
    config.put("session.timeout.ms", String.valueOf(sessionTimeout.toMillis()));
    // a standby hears of a dead active's rebalance at its next heartbeat: keep them close
    config.put(
        "heartbeat.interval.ms", String.valueOf(Math.max(100, sessionTimeout.toMillis() / 6)));
    // the rebalance timeout: members poll every POLL, so a rejoin never needs long
    config.put("max.poll.interval.ms", "30000");
    config.put("partition.assignment.strategy", CooperativeStickyAssignor.class.getName());
  }

  /**
   * Joins the group; completes, on the owning context, once the first assignment is known: true
   * when this instance holds the seat ({@link Listener#elected} has then been called already).
   */
  public Future<Boolean> start() {
    thread = new Thread(this::run, "rule-engine-election");
    thread.setDaemon(true);
    thread.start();
    return firstRound.future();
  }

  /** Whether the group assigned this instance the seat (as the consumer last heard). */
  public boolean seated() {
    return seated;
  }

  /** The election's consumer group. */
  public String group() {
    return group;
  }

  /**
   * Gives the seat up: leaves the group, waits one session timeout so another member takes it, then
   * stands again. For an active whose writer was fenced or whose term failed to start.
   */
  public void resign() {
    resignRequested.set(true);
    wakeUp();
  }

  /** Leaves the group (a graceful stop: a standby takes the seat at once) and ends the thread. */
  public Future<Void> close() {
    running = false;
    wakeUp();
    if (thread == null) {
      return Future.succeededFuture();
    }
    return vertx.executeBlocking(
        () -> {
          thread.join(CLOSE_TIMEOUT.toMillis() * 2);
          return null;
        });
  }

  private void wakeUp() {
    KafkaConsumer<String, String> c = consumer;
    if (c != null) {
      c.wakeup();
    }
  }

  private void run() {
    KafkaConsumer<String, String> c;
    try {
      c = new KafkaConsumer<>(config);
    } catch (KafkaException e) {
      context.runOnContext(v -> firstRound.tryFail(e));
      return;
    }
    consumer = c;
    c.subscribe(List.of(Topics.RULES_LEADER), new Seat());
    try {
      while (running) {
        pollOnce(c);
      }
    } catch (RuntimeException e) {
      LOG.error("rule-engine election stopped in {}: {}", group, e.toString());
      context.runOnContext(v -> firstRound.tryFail(e));
    } finally {
      // leaves the group: a standby takes the seat without waiting out a session
      c.close(
          CloseOptions.timeout(CLOSE_TIMEOUT)
              .withGroupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP));
    }
  }

  private void pollOnce(KafkaConsumer<String, String> c) {
    try {
      if (resignRequested.getAndSet(false)) {
        LOG.info(
            "resigning the seat in {}: leaving the group for {} so another instance takes over",
            group,
            rejoinPause);
        c.unsubscribe();
        pause(rejoinPause.toMillis());
        c.subscribe(List.of(Topics.RULES_LEADER), new Seat());
      }
      c.poll(POLL);
    } catch (WakeupException e) {
      // resign() or close(): the loop looks at why
    } catch (KafkaException e) {
      if (!joined && isFatal(e)) {
        throw e;
      }
      LOG.warn("rule-engine election consumer: {}", e.toString());
      pause(ERROR_PAUSE_MS);
    }
  }

  /** A join the broker refuses outright (e.g. a session timeout outside its allowed range). */
  private static boolean isFatal(KafkaException e) {
    return e instanceof org.apache.kafka.common.errors.InvalidSessionTimeoutException
        || e instanceof org.apache.kafka.common.errors.GroupAuthorizationException
        || e instanceof org.apache.kafka.common.errors.TopicAuthorizationException;
  }

  private void pause(long millis) {
    long until = System.nanoTime() + millis * 1_000_000;
    while (running && System.nanoTime() < until) {
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /** The rebalance callbacks, on the election thread, inside {@code poll}. */
  private final class Seat implements ConsumerRebalanceListener {
    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
      // cooperative assignment calls this after every rebalance, with the partitions added
      joined = true;
      if (partitions.contains(SEAT)) {
        seated = true;
        context.runOnContext(v -> listener.elected());
      }
      boolean now = seated;
      context.runOnContext(v -> firstRound.tryComplete(now));
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
      if (partitions.contains(SEAT)) {
        seated = false;
        context.runOnContext(v -> listener.deposed("the seat in " + group + " was revoked"));
      }
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
      if (partitions.contains(SEAT)) {
        seated = false;
        context.runOnContext(
            v ->
                listener.deposed(
                    "lost membership of " + group + " (no heartbeat within the session timeout)"));
      }
    }
  }
}
