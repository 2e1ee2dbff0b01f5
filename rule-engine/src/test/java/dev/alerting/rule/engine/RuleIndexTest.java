package dev.alerting.rule.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alerting.model.Labels;
import dev.alerting.rule.alert.AlertContext;
import dev.alerting.rule.expr.PromQLParser;
import dev.alerting.rule.file.RuleFileLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

@DisplayName("The rule index")
class RuleIndexTest {
  static final String RULES =
      """
      groups:
      - name: g
        rules:
        - alert: Shard1
          expr: a{shard="1"} > 1
        - alert: Shard2
          expr: a{shard="2", job="x"} > 1
        - alert: AnyA
          expr: a > 5
        - alert: Ratio
          expr: a{shard="1"} / a{shard="3"} > 1
        - alert: EmptyShard
          expr: a{shard=""} > 1
        - alert: ByRegex
          expr: '{__name__=~"a|b"} > 0'
        - alert: NotShard
          expr: a{shard!="1"} > 0
        - record: b_sum
          expr: sum(b{shard="2"})
      """;

  static Stream<Labels> series() {
    return Stream.of(
        Labels.of("__name__", "a", "shard", "1"),
        Labels.of("__name__", "a", "shard", "2", "job", "x"),
        Labels.of("__name__", "a", "shard", "2", "job", "y"),
        Labels.of("__name__", "a", "shard", "3"),
        Labels.of("__name__", "a"),
        Labels.of("__name__", "b", "shard", "2"),
        Labels.of("__name__", "c", "shard", "1"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("series")
  @DisplayName("routes a series to exactly the rules whose selectors match it")
  void sameAsEveryRule(Labels series) {
    RuleSet rules =
        new RuleSet(
            new RuleFileLoader(new PromQLParser()).parse(RULES, "r.yml"),
            AlertContext.defaults(),
            EngineOptions.UNLIMITED,
            true);
    List<Integer> expected = new ArrayList<>();
    IntStream.range(0, rules.slots.size())
        .filter(i -> rules.slots.get(i).requirements.wants(series))
        .forEach(expected::add);
    assertThat(rules.route(series).slots)
        .containsExactly(expected.stream().mapToInt(i -> i).toArray());
  }
}
