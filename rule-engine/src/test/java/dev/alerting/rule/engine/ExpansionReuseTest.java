package dev.alerting.rule.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alerting.model.Labels;
import dev.alerting.model.sample.Sample;
import dev.alerting.rule.alert.ActiveAlert;
import dev.alerting.rule.group.Rule;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A rule evaluated in full again and again reuses the alert labels and annotations of an element
 * back with the same labels and value (and the label sets its expression derived): the alerts must
 * still be exactly what one evaluation with nothing kept makes of the same samples.
 */
@DisplayName("Reused expansions and derived labels")
class ExpansionReuseTest {
  private static final String RULES =
      """
      groups:
      - name: g
        rules:
        - alert: Rate
          expr: rate(req_total[1m]) > 0 or histogram_quantile(0.9, rate(lat_bucket[1m])) > 0
          labels:
            level: '{{ if gt $value 1.0 }}high{{ else }}low{{ end }}'
          annotations:
            summary: '{{ $labels.code }} at {{ $value }}'
        - alert: Ratio
          expr: sum by (job) (rate(req_total{code="500"}[1m])) / ignoring (code) sum by (job) (rate(req_total[1m])) > 0
          annotations:
            summary: '{{ $value | humanizePercentage }}'
      """;

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3})
  @DisplayName("alerts after every poll equal a fresh engine's single evaluation")
  void sameAsFresh(long seed) {
    Random random = new Random(seed);
    RuleEngine engine = RuleEnginePromQLTest.engine(RULES);
    List<Sample> all = new ArrayList<>();
    double[] counters = new double[6];
    for (int step = 1; step <= 60; step++) {
      long t = RuleEnginePromQLTest.T0 + step * 15_000L;
      List<Sample> poll = new ArrayList<>();
      for (int c = 0; c < counters.length; c++) {
        // often unchanged slopes (the same value again), sometimes flat or reset
        int dice = random.nextInt(6);
        counters[c] = dice == 0 ? 0 : counters[c] + (dice == 1 ? 0 : 1 + c % 2);
        String code = c < 3 ? "200" : "500";
        poll.add(
            Sample.of("req_total", Labels.of("job", "j" + c % 3, "code", code), counters[c], t));
        poll.add(
            Sample.of(
                "lat_bucket",
                Labels.of("job", "j" + c % 3, "le", c < 3 ? "0.5" : "+Inf"),
                counters[c] * 2,
                t));
      }
      all.addAll(poll);
      engine.accept(poll);

      RuleEngine fresh = RuleEnginePromQLTest.engine(RULES);
      fresh.load(all);
      fresh.evaluateAt(Instant.ofEpochMilli(t));
      for (Rule rule : engine.groups().get(0).rules()) {
        assertThat(shown(engine, rule))
            .as("%s at step %d", rule.name(), step)
            .isEqualTo(shown(fresh, fresh.groups().get(0).rules().get(indexOf(engine, rule))));
      }
    }
  }

  private static int indexOf(RuleEngine engine, Rule rule) {
    return engine.groups().get(0).rules().indexOf(rule);
  }

  /** What a rule's alerts show: labels, annotations and value, in no particular order. */
  private static Set<String> shown(RuleEngine engine, Rule rule) {
    return engine.state(rule).alerts().stream()
        .map(ExpansionReuseTest::shown)
        .collect(Collectors.toSet());
  }

  private static String shown(ActiveAlert a) {
    return a.labels() + " " + a.annotations() + " " + a.value();
  }
}
