package dev.alerting.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collection;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("the one-command stack's start-up waves")
class StartWavesTest {
  @Test
  @DisplayName("deploy every service exactly once, ingest and the rule engine first")
  void everyServiceOnce() {
    List<Service> all = AlertingStack.WAVES.stream().flatMap(Collection::stream).toList();
    assertThat(all).containsExactlyInAnyOrder(Service.values());
    assertThat(AlertingStack.WAVES.get(0)).containsExactlyInAnyOrder(Service.INGEST, Service.RULES);
  }
}
