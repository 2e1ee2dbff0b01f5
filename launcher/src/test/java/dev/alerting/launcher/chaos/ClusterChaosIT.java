package dev.alerting.launcher.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alerting.launcher.chaos.ChaosScenario.Watch;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * The suite on a three-node KRaft cluster (topics with replication factor 3 and {@code
 * min.insync.replicas=2}): {@code kill -9} of the node that is the active controller, not
 * restarted. Two replicas stay in sync, so acks=all writes go on and nothing may be lost, missed or
 * repeated.
 */
@DisplayName("Chaos: kill -9 of one broker of three (RF 3, min ISR 2) under steady pushes")
@EnabledIfSystemProperty(named = "chaos.full", matches = "true")
@Timeout(value = 5, unit = TimeUnit.MINUTES) // a guard only: every wait has its own deadline
class ClusterChaosIT {
  @TempDir Path dir;
  private ChaosStack stack;

  @AfterEach
  void stop() {
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  @DisplayName("the cluster carries on without the killed node: nothing lost, missed or repeated")
  void oneBrokerOfThree() throws Exception {
    stack = ChaosStack.start(dir, 3, Map.of());
    int victim = stack.brokers.activeController();
    ChaosRow row =
        new ChaosScenario(stack)
            .run(
                "kill -9 broker " + victim + " of 3 (active controller), not restarted",
                "cluster",
                Watch.ALERTS,
                stack.brokers.node(victim)::kill,
                () -> {});
    System.out.println("CHAOS TABLE (three brokers)\n" + ChaosRow.header() + "\n" + row.markdown());
    assertThat(row.clean()).as("%s: %s", row.fault(), row.details()).isTrue();
  }
}
