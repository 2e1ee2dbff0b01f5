package dev.alerting.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alerting.incident.config.OnCallConfig;
import dev.alerting.incident.config.OnCallConfigParser;
import dev.alerting.incident.config.OnCallUser;
import dev.alerting.model.Labels;
import dev.alerting.notify.config.AlertmanagerConfig;
import dev.alerting.notify.config.ConfigLoader;
import dev.alerting.platform.config.Settings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The on-call file {@code ./alerting up} ships, against the routing file it ships. */
@DisplayName("deploy/oncall.yml")
class DeployOnCallTest {
  private static final Path DEPLOY = Path.of("..", "deploy");

  @Test
  @DisplayName(
      "implements the seeds' four levels for critical alerts, with receivers of alertmanager.yml")
  void fourLevels() {
    OnCallConfig oncall = OnCallConfigParser.load(DEPLOY.resolve("oncall.yml"));
    AlertmanagerConfig routing = ConfigLoader.load(DEPLOY.resolve("alertmanager.yml"));

    var policy = oncall.policyFor(Labels.of("severity", "critical")).orElseThrow();
    assertThat(policy.steps())
        .extracting(s -> s.after(), s -> s.targets().get(0).toString())
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(Duration.ZERO, "schedule/primary"),
            org.assertj.core.groups.Tuple.tuple(Duration.ofMinutes(30), "user/team-lead"),
            org.assertj.core.groups.Tuple.tuple(Duration.ofHours(1), "user/eng-manager"),
            org.assertj.core.groups.Tuple.tuple(Duration.ofHours(2), "user/cto"));
    assertThat(oncall.policyFor(Labels.of("severity", "warning"))).isEmpty();
    for (OnCallUser u : oncall.users().values()) {
      assertThat(routing.receivers()).containsKey(u.receiver());
    }
  }

  @Test
  @DisplayName("./alerting up reads ALERTING_ONCALL, defaulting to deploy/oncall.yml")
  void launcherDefault() {
    assertThat(Main.stackSettings(Settings.of(Map.of())).optional("INCIDENT_ONCALL_CONFIG"))
        .contains("deploy/oncall.yml");
    assertThat(
            Main.stackSettings(Settings.of(Map.of("ALERTING_ONCALL", "/etc/oncall.yml")))
                .optional("INCIDENT_ONCALL_CONFIG"))
        .contains("/etc/oncall.yml");
  }
}
