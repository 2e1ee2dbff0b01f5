package dev.alerting.rule.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.alerting.model.Labels;
import dev.alerting.model.alert.Alert;
import dev.alerting.model.alert.AlertStatus;
import dev.alerting.model.sample.Sample;
import dev.alerting.rule.alert.AlertContext;
import dev.alerting.rule.expr.PromQLParser;
import dev.alerting.rule.file.RuleFileLoader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("A series evicted while its rule was not evaluated")
class EvictedSeriesTest {
  static final long T0 = Instant.parse("2024-01-01T00:00:00Z").toEpochMilli();
  static final Labels X = Labels.of("__name__", "x", "i", "1");
  static final Labels Y = Labels.of("__name__", "y", "i", "1");

  static RuleEngine engine(boolean incremental) {
    String rules =
        """
        groups:
        - name: g
          rules:
          - alert: XHigh
            expr: x > 5
          - alert: YHigh
            expr: y > 5
        """;
    return new RuleEngine(
        new RuleFileLoader(new PromQLParser()).parse(rules, "r.yml"),
        AlertContext.defaults(),
        new EngineOptions(false, EngineOptions.UNLIMITED, incremental));
  }

  @ParameterizedTest(name = "incremental={0}")
  @ValueSource(booleans = {true, false})
  @DisplayName("comes back as a new series whose alert resolves as in full evaluation")
  void comesBack(boolean incremental) {
    RuleEngine engine = engine(incremental);
    List<Alert> events = new ArrayList<>();
    events.addAll(engine.accept(new Sample(X, 10, T0)));
    // only y's rule runs at t0+10m; x is evicted (older than the 5 m retention) after it
    events.addAll(engine.accept(new Sample(Y, 1, T0 + 600_000)));
    assertThat(engine.seriesCount()).isEqualTo(1);
    events.addAll(engine.accept(new Sample(X, 10, T0 + 615_000)));
    events.addAll(engine.accept(new Sample(X, 1, T0 + 630_000)));
    // XHigh was not evaluated while x was gone: its alert carries on from t0 and resolves when x
    // drops, in both modes (incremental: the element kept for the evicted series moves to the new
    // one, so the drop is seen)
    assertThat(events)
        .extracting(Alert::status, a -> a.startsAt().toEpochMilli())
        .containsExactly(tuple(AlertStatus.FIRING, T0), tuple(AlertStatus.RESOLVED, T0));
    assertThat(engine.alertingRules().get(0).alerts()).isEmpty();
  }
}
