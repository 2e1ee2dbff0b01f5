package dev.alerting.rule.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alerting.model.Labels;
import dev.alerting.model.sample.Sample;
import dev.alerting.rule.alert.AlertContext;
import dev.alerting.rule.engine.EngineOptions;
import dev.alerting.rule.engine.RuleEngine;
import dev.alerting.rule.expr.PromQLParser;
import dev.alerting.rule.file.RuleFileLoader;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Rules API documents")
class RulesApiTest {
  static final String RULES =
      """
      groups:
      - name: g
        limit: 2
        rules:
        - alert: Up
          expr: up > 0
        - record: up:copy
          expr: up
      - name: h
        rules:
        - alert: Few
          expr: count(up) > 0
      """;

  @Test
  @DisplayName(
      "a rule refused by its series limit shows health err and the refusal as lastError; groups show their limit")
  void refusedRuleInRulesDocument() {
    RuleEngine engine =
        new RuleEngine(
            new RuleFileLoader(new PromQLParser()).parse(RULES, "r.yml"),
            AlertContext.defaults(),
            new EngineOptions(false, 100));
    engine.accept(
        List.of(
            Sample.of("up", Labels.of("instance", "a"), 1, 1000),
            Sample.of("up", Labels.of("instance", "b"), 1, 1000),
            Sample.of("up", Labels.of("instance", "c"), 1, 1000)));

    List<JsonObject> groups =
        new RulesApi(engine, null).groups().stream().map(JsonObject.class::cast).toList();

    assertThat(groups).extracting(g -> g.getInteger("limit")).containsExactly(2, 0);
    List<JsonObject> limited =
        groups.get(0).getJsonArray("rules").stream().map(JsonObject.class::cast).toList();
    assertThat(limited)
        .extracting(
            r -> r.getString("name") + " " + r.getString("health") + " " + r.getString("lastError"))
        .containsExactly(
            "Up err series limit 2 exceeded: 3 series",
            "up:copy err series limit 2 exceeded: 3 series");
    assertThat(limited.get(0).getJsonArray("alerts")).isEmpty();
    JsonObject few = groups.get(1).getJsonArray("rules").getJsonObject(0);
    assertThat(few.getString("health")).isEqualTo("ok");
    assertThat(few.getJsonArray("alerts")).hasSize(1);
  }
}
