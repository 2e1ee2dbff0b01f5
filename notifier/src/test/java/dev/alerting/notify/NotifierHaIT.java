package dev.alerting.notify;

import static dev.alerting.notify.HaTimeline.EXPECTED;
import static dev.alerting.notify.HaTimeline.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.alerting.platform.config.Settings;
import dev.alerting.testkit.Eventually;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several notifier instances in one consumer group on one broker (3 partitions) run the same
 * timeline as one instance, with the first instance stopped between its two phases: the payloads
 * delivered (group, alerts) must be the same, none twice. The timeline has six groups, an
 * inhibition source muting half of them (its alert is on whatever partition its fingerprint hashes
 * to), and resolves sent after the instance is gone.
 */
@DisplayName("Several notifier instances notify as one")
class NotifierHaIT {
  private static HaTimeline ha;

  @BeforeAll
  static void start(@TempDir Path dir) throws Exception {
    ha = HaTimeline.start(dir);
  }

  @AfterAll
  static void stop() {
    if (ha != null) {
      ha.close();
    }
  }

  /** Runs the timeline with {@code n} instances and returns the payloads delivered. */
  private static List<String> run(String run, int n) throws Exception {
    List<Vertx> instances = new ArrayList<>();
    List<NotifierVerticle> notifiers = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Vertx v = Vertx.vertx();
      NotifierVerticle notifier = new NotifierVerticle(NotifierConfig.from(Settings.of(ha.env())));
      v.deployVerticle(notifier).await();
      instances.add(v);
      notifiers.add(notifier);
    }
    try {
      ha.awaitMembers(n);
      ha.startRun();
      ha.fireAll(run);
      // Groups on cluster c1 (odd) notify; those on c0 are inhibited by the source.
      Eventually.assertThat(WAIT, () -> assertThat(ha.payloads(run)).hasSize(4));
      for (NotifierVerticle notifier : notifiers) {
        ha.awaitAllGroups(run, notifier.httpPort());
      }
      if (n > 1) {
        instances.remove(0).close().await();
        ha.awaitMembers(n - 1);
      }
      ha.send(run, "src", "src", "critical", "c0", false);
      for (int g = 1; g < 6; g += 2) {
        ha.resolveGroup(run, "g" + g, "c1");
      }
      // The source resolved: the even groups are no longer inhibited and notify.
      Eventually.assertThat(WAIT, () -> assertThat(ha.payloads(run)).hasSize(11));
      return ha.payloads(run);
    } finally {
      for (Vertx v : instances) {
        v.close().await();
      }
    }
  }

  @Test
  @Timeout(value = 120, unit = java.util.concurrent.TimeUnit.SECONDS)
  @DisplayName(
      "two instances, one a child JVM killed with SIGKILL mid-scenario: the same payloads as one"
          + " instance, each once")
  void killedInstance(@TempDir Path dir) throws Exception {
    String run = "kill";
    ha.shortSessions();
    Vertx v = Vertx.vertx();
    try (ChildNotifier child = ChildNotifier.start(ha.env(), dir.resolve("child.log"))) {
      NotifierVerticle survivor = new NotifierVerticle(NotifierConfig.from(Settings.of(ha.env())));
      v.deployVerticle(survivor).await();
      ha.awaitMembers(2);
      ha.startRun();
      ha.fireAll(run);
      Eventually.assertThat(WAIT, () -> assertThat(ha.payloads(run)).hasSize(4));
      ha.awaitAllGroups(run, survivor.httpPort());
      ha.awaitAllGroups(run, child.port());
      assertThat(ha.get(child.port(), "/api/v1/groups"))
          .as("the child owns groups of the run, so killing it moves them")
          .contains(run + "_");
      // What was delivered is in the notification log before the kill (a kill between a delivery
      // and its log write re-sends that one notification: the documented at-least-once edge).
      Eventually.assertThat(
          WAIT,
          () -> {
            java.util.Set<String> logged = ha.loggedGroups();
            for (String g : List.of("g1", "g3", "g5", "src")) {
              assertThat(logged).anyMatch(k -> k.contains("\"" + run + "_" + g + "\""));
            }
          });
      long killedAt = System.nanoTime();
      child.kill();
      // As in the graceful runs, the resolves follow the failover: sent while the dead member still
      // holds its partitions, two resolves of one group routed by different instances may reach
      // the new owner in two flushes ("-2 1", then "-1"), which one instance would send as one.
      ha.awaitMembers(1);
      long failedOverMs = (System.nanoTime() - killedAt) / 1_000_000;
      // The survivor must be reading every partition before the resolves: a partition it has just
      // been given is fetched a moment after the others, and a group_interval tick in that moment
      // splits a group's resolve in two. Firing events sent again (as Prometheus re-sends them)
      // change nothing and, once routed, show every partition is read; and every group restored.
      ha.fireAll(run);
      ha.awaitRouted();
      ha.awaitOwnsAll(run, survivor.httpPort());
      ha.send(run, "src", "src", "critical", "c0", false);
      for (int g = 1; g < 6; g += 2) {
        ha.resolveGroup(run, "g" + g, "c1");
      }
      Eventually.assertThat(WAIT, () -> assertThat(ha.payloads(run)).hasSize(11));
      System.out.printf(
          "NotifierHaIT: partitions moved %d ms after the SIGKILL, all 11 payloads after %d ms%n",
          failedOverMs, (System.nanoTime() - killedAt) / 1_000_000);
      assertThat(ha.payloads(run)).isEqualTo(EXPECTED);
      // Nothing more can come: the survivor has settled and dropped every resolved group.
      ha.awaitResolvedGroupsDropped(run, survivor.httpPort());
      assertThat(ha.payloads(run)).isEqualTo(EXPECTED);
    } finally {
      v.close().await();
    }
  }

  @Test
  @DisplayName(
      "one, two and three instances (the first stopped mid-scenario) deliver the same payloads,"
          + " each once")
  void sameAsOne() throws Exception {
    assertThat(run("one", 1)).isEqualTo(EXPECTED);
    assertThat(run("two", 2)).isEqualTo(EXPECTED);
    assertThat(run("three", 3)).isEqualTo(EXPECTED);
  }
}
