package dev.alerting.notify.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.alerting.model.Matcher;
import dev.alerting.notify.receiver.email.EmailConfig;
import dev.alerting.notify.receiver.webhook.WebhookConfig;
import dev.alerting.notify.route.Route;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@DisplayName("Alertmanager config loading")
class ConfigLoaderTest {

  private static Path seed() throws URISyntaxException {
    return Path.of(ConfigLoaderTest.class.getResource("/seed-alertmanager.yml").toURI());
  }

  @Test
  @DisplayName("the seed config from a real user loads with its routes, receivers and inhibit rule")
  void seedLoads() throws Exception {
    AlertmanagerConfig c = ConfigLoader.load(seed());
    Route root = c.route();
    assertThat(root.receiver()).isEqualTo("default");
    assertThat(root.groupBy().names()).containsExactly("alertname", "cluster", "service");
    assertThat(root.groupWait()).isEqualTo(Duration.ofSeconds(10));
    assertThat(root.groupInterval()).isEqualTo(Duration.ofSeconds(30));
    assertThat(root.repeatInterval()).isEqualTo(Duration.ofHours(12));
    assertThat(root.routes()).hasSize(6);
    Route critical = root.routes().get(0);
    assertThat(critical.continueMatching()).isTrue();
    assertThat(critical.matchers()).containsExactly(Matcher.eq("severity", "critical"));
    assertThat(critical.key()).isEqualTo("{}/{severity=\"critical\"}");
    // children inherit the parent's grouping and timers
    assertThat(critical.groupBy()).isEqualTo(root.groupBy());
    assertThat(critical.repeatInterval()).isEqualTo(Duration.ofHours(12));
    assertThat(c.receivers())
        .containsOnlyKeys(
            "default",
            "critical-alerts",
            "database-team",
            "backend-team",
            "infrastructure-team",
            "game-team",
            "business-team");
    assertThat(c.receiver("critical-alerts").integrations())
        .extracting(i -> i.name())
        .containsExactly("slack", "pagerduty");
    EmailConfig email = (EmailConfig) c.receiver("business-team").integrations().get(0);
    assertThat(email.smarthost()).isEqualTo("smtp.gmail.com:587");
    assertThat(email.from()).isEqualTo("alerts@llamawool.com");
    assertThat(c.inhibitRules()).hasSize(1);
    assertThat(c.inhibitRules().get(0).equal()).containsExactly("alertname", "cluster", "service");
  }

  @Test
  @DisplayName("defaults apply and children inherit receiver and timers they do not set")
  void defaultsAndInheritance() {
    AlertmanagerConfig c =
        ConfigLoader.parse(
            """
            route:
              receiver: hook
              routes:
              - matchers: ['team=~"db|storage"', 'env!="dev"']
                group_wait: 1s
                routes:
                - match_re: {service: 'pg.*'}
                  receiver: other
            receivers:
            - name: hook
              webhook_configs:
              - url: http://example.test/hook
                max_alerts: 5
            - name: other
            """);
    Route root = c.route();
    assertThat(root.groupWait()).isEqualTo(Duration.ofSeconds(30));
    assertThat(root.groupInterval()).isEqualTo(Duration.ofMinutes(5));
    assertThat(root.repeatInterval()).isEqualTo(Duration.ofHours(4));
    Route team = root.routes().get(0);
    assertThat(team.receiver()).isEqualTo("hook");
    assertThat(team.groupWait()).isEqualTo(Duration.ofSeconds(1));
    assertThat(team.matchers())
        .containsExactly(
            Matcher.of("team", Matcher.Type.RE, "db|storage"),
            Matcher.of("env", Matcher.Type.NEQ, "dev"));
    Route pg = team.routes().get(0);
    assertThat(pg.receiver()).isEqualTo("other");
    assertThat(pg.groupWait()).isEqualTo(Duration.ofSeconds(1));
    WebhookConfig hook = (WebhookConfig) c.receiver("hook").integrations().get(0);
    assertThat(hook.sendResolved()).isTrue();
    assertThat(hook.maxAlerts()).isEqualTo(5);
    assertThat(hook.timeout()).isEqualTo(Optional.empty());
    assertThat(c.receiver("other").integrations()).isEmpty();
  }

  @Test
  @DisplayName("group_by ['...'] groups by every label")
  void groupByAll() {
    AlertmanagerConfig c =
        ConfigLoader.parse("route: {receiver: r, group_by: ['...']}\nreceivers: [{name: r}]\n");
    assertThat(c.route().groupBy().all()).isTrue();
  }

  @Test
  @DisplayName("unknown keys and unimplemented features load with a warning naming their path")
  void warnings() {
    AlertmanagerConfig c =
        ConfigLoader.parse(
            """
            time_intervals:
            - name: nights
              time_intervals: [{times: [{start_time: '22:00', end_time: '24:00'}]}]
            route:
              receiver: r
              routes:
              - receiver: r
                mute_time_intervals: [nights]
                colour: blue
            receivers:
            - name: r
            """);
    assertThat(c.warnings()).contains("route.routes[0].colour: unknown key, ignored");
  }

  @Test
  @DisplayName(
      "a route is muted inside its mute intervals and outside its active ones; children do not"
          + " inherit them, as in Alertmanager")
  void timeIntervals() {
    AlertmanagerConfig c =
        ConfigLoader.parse(
            """
            mute_time_intervals:
            - name: nights
              time_intervals: [{times: [{start_time: '22:00', end_time: '24:00'}]}]
            time_intervals:
            - name: office
              time_intervals: [{weekdays: ['monday:friday'], times: [{start_time: '09:00', end_time: '17:00'}]}]
            route:
              receiver: r
              routes:
              - matchers: [team=db]
                mute_time_intervals: [nights]
                routes: [{matchers: [sev=page]}]
              - matchers: [team=web]
                active_time_intervals: [office]
            receivers: [{name: r}]
            """);
    Route db = c.route().routes().get(0);
    Route dbChild = db.routes().get(0);
    Route web = c.route().routes().get(1);
    java.time.Instant thursdayNight = java.time.Instant.parse("2026-12-03T23:00:00Z");
    java.time.Instant thursdayNoon = java.time.Instant.parse("2026-12-03T12:00:00Z");
    assertThat(c.timeMuted(db, thursdayNight)).isTrue();
    assertThat(c.timeMuted(db, thursdayNoon)).isFalse();
    assertThat(c.timeMuted(dbChild, thursdayNight)).as("not inherited").isFalse();
    assertThat(c.timeMuted(web, thursdayNight)).isTrue();
    assertThat(c.timeMuted(web, thursdayNoon)).isFalse();
    assertThat(c.timeMuted(c.route(), thursdayNight)).isFalse();
  }

  static Stream<Arguments> errors() {
    return Stream.of(
        Arguments.of(
            "root route with mute intervals",
            "time_intervals: [{name: n}]\nroute: {receiver: r, mute_time_intervals: [n]}\nreceivers: [{name: r}]",
            "route.mute_time_intervals: root route must not have any mute time intervals"),
        Arguments.of(
            "root route with active intervals",
            "time_intervals: [{name: n}]\nroute: {receiver: r, active_time_intervals: [n]}\nreceivers: [{name: r}]",
            "route.active_time_intervals: root route must not have any active time intervals"),
        Arguments.of(
            "undefined time interval",
            "route: {receiver: r, routes: [{receiver: r, mute_time_intervals: [x]}]}\nreceivers: [{name: r}]",
            "route.routes[0].mute_time_intervals: undefined time interval \"x\" used in route"),
        Arguments.of(
            "duplicate time interval",
            "time_intervals: [{name: n}, {name: n}]\nroute: {receiver: r}\nreceivers: [{name: r}]",
            "time_intervals[1].name: time interval \"n\" is not unique"),
        Arguments.of(
            "bad time in an interval",
            "time_intervals: [{name: n, time_intervals: [{times: [{start_time: '9am', end_time: '10:00'}]}]}]\nroute: {receiver: r}\nreceivers: [{name: r}]",
            "time_intervals[0].time_intervals[0].times[0].start_time: couldn't parse timestamp 9am, invalid format"),
        Arguments.of(
            "route references an unknown receiver",
            "route: {receiver: r, routes: [{match: {a: b}, receiver: nope}]}\nreceivers: [{name: r}]",
            "route.routes[0].receiver: route route.routes[0] references unknown receiver 'nope'"),
        Arguments.of(
            "root route references an unknown receiver",
            "route: {receiver: ghost}\nreceivers: [{name: r}]",
            "route.receiver: route route references unknown receiver 'ghost'"),
        Arguments.of("no route", "receivers: [{name: r}]", "route: is required"),
        Arguments.of(
            "root route without receiver",
            "route: {group_by: [a]}\nreceivers: [{name: r}]",
            "route.receiver: the root route must have a receiver"),
        Arguments.of(
            "root route with matchers",
            "route: {receiver: r, match: {a: b}}\nreceivers: [{name: r}]",
            "route: the root route must not have any matchers"),
        Arguments.of(
            "bad duration",
            "route: {receiver: r, group_wait: 10x}\nreceivers: [{name: r}]",
            "route.group_wait: '10x' is not a duration"),
        Arguments.of(
            "zero group_interval",
            "route: {receiver: r, group_interval: 0s}\nreceivers: [{name: r}]",
            "route.group_interval: cannot be zero"),
        Arguments.of(
            "wildcard mixed with labels",
            "route: {receiver: r, group_by: ['...', a]}\nreceivers: [{name: r}]",
            "route.group_by: cannot have wildcard"),
        Arguments.of(
            "bad matcher syntax",
            "route: {receiver: r, routes: [{matchers: ['a=~\"x']}]}\nreceivers: [{name: r}]",
            "route.routes[0].matchers[0]: bad matcher"),
        Arguments.of(
            "bad regex",
            "route: {receiver: r, routes: [{match_re: {a: '('}}]}\nreceivers: [{name: r}]",
            "route.routes[0].match_re.a: invalid regex"),
        Arguments.of(
            "webhook without url",
            "route: {receiver: r}\nreceivers: [{name: r, webhook_configs: [{send_resolved: false}]}]",
            "receivers[0].webhook_configs[0].url: one of url or url_file is required"),
        Arguments.of(
            "webhook url not http",
            "route: {receiver: r}\nreceivers: [{name: r, webhook_configs: [{url: 'ftp://x/y'}]}]",
            "receivers[0].webhook_configs[0].url: is not an http(s) URL"),
        Arguments.of(
            "negative max_alerts",
            "route: {receiver: r}\nreceivers: [{name: r, webhook_configs: [{url: 'http://x/', max_alerts: -1}]}]",
            "receivers[0].webhook_configs[0].url: max_alerts must not be negative"),
        Arguments.of(
            "slack without api_url",
            "route: {receiver: r}\nreceivers: [{name: r, slack_configs: [{channel: '#a'}]}]",
            "receivers[0].slack_configs[0].api_url: api_url is required"),
        Arguments.of(
            "pagerduty without key",
            "route: {receiver: r}\nreceivers: [{name: r, pagerduty_configs: [{severity: x}]}]",
            "receivers[0].pagerduty_configs[0].routing_key: one of routing_key or service_key is required"),
        Arguments.of(
            "email without to",
            "route: {receiver: r}\nreceivers: [{name: r, email_configs: [{from: a@b, smarthost: 'h:25'}]}]",
            "receivers[0].email_configs[0].to: to is required"),
        Arguments.of(
            "email without smarthost",
            "route: {receiver: r}\nreceivers: [{name: r, email_configs: [{to: a@b, from: c@d}]}]",
            "receivers[0].email_configs[0].smarthost: smarthost is required"),
        Arguments.of(
            "opsgenie without api_key",
            "route: {receiver: r}\nreceivers: [{name: r, opsgenie_configs: [{}]}]",
            "receivers[0].opsgenie_configs[0].api_key: api_key is required"),
        Arguments.of(
            "receiver without name",
            "route: {receiver: r}\nreceivers: [{webhook_configs: []}]",
            "receivers[0].name: is required"),
        Arguments.of(
            "duplicate receiver",
            "route: {receiver: r}\nreceivers: [{name: r}, {name: r}]",
            "receivers[1].name: receiver 'r' is defined more than once"),
        Arguments.of(
            "inhibit rule with bad matcher",
            "route: {receiver: r}\nreceivers: [{name: r}]\ninhibit_rules: [{source_matchers: ['a~b']}]",
            "inhibit_rules[0].source_matchers[0]: bad matcher"),
        Arguments.of("not YAML", "route: [", "not valid YAML"),
        Arguments.of("empty file", "", "the configuration is empty"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("errors")
  @DisplayName("a bad config fails with the key path and the reason")
  void rejects(String name, String yaml, String message) {
    assertThatThrownBy(() -> ConfigLoader.parse(yaml))
        .isInstanceOf(ConfigError.class)
        .hasMessageContaining(message);
  }

  @Test
  @DisplayName("the built-in default routes everything to an integration-less receiver named log")
  void builtInDefault() {
    AlertmanagerConfig c = AlertmanagerConfig.defaults();
    assertThat(c.route().receiver()).isEqualTo("log");
    assertThat(c.receiver("log").integrations()).isEmpty();
    assertThat(c.receiver("log").effectiveIntegrations())
        .extracting(i -> i.name())
        .containsExactly("log");
    assertThat(c.route().match(dev.alerting.model.Labels.of("alertname", "X")))
        .containsExactly(c.route());
    assertThat(
            List.of(c.route().groupWait(), c.route().groupInterval(), c.route().repeatInterval()))
        .containsExactly(Duration.ofSeconds(30), Duration.ofMinutes(5), Duration.ofHours(4));
  }
}
