package dev.alerting.rule.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alerting.model.alert.Alert;
import dev.alerting.model.sample.Sample;
import dev.alerting.rule.alert.AlertContext;
import dev.alerting.rule.alert.AlertingRuleState;
import dev.alerting.rule.expr.PromQLParser;
import dev.alerting.rule.file.RuleFileLoader;
import dev.alerting.rule.group.RuleGroup;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * An engine keeping its samples compressed ({@code RULES_STORAGE_COMPRESSION}) against one keeping
 * them uncompressed, on {@link IncrementalEvaluationTest}'s random stream (late samples,
 * redeliveries, stale markers, gaps, a counter for {@code rate}): the same events and alerts after
 * every poll and tick.
 */
@DisplayName("Compressed sample storage")
class CompressedStorageTest {

  static RuleEngine engine(boolean compress) {
    List<RuleGroup> groups =
        new RuleFileLoader(new PromQLParser()).parse(IncrementalEvaluationTest.RULES, "r.yml");
    return new RuleEngine(
        groups,
        AlertContext.defaults(),
        new EngineOptions(true, EngineOptions.UNLIMITED, true, compress));
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("dev.alerting.rule.engine.IncrementalEvaluationTest#seeds")
  @DisplayName("gives the same events and alerts as uncompressed storage on a random stream")
  void sameAsUncompressed(int seed) {
    Random random = new Random(seed);
    RuleEngine packed = engine(true);
    RuleEngine plain = engine(false);
    IncrementalEvaluationTest.Stream stream = new IncrementalEvaluationTest.Stream(random);
    int events = 0;
    for (int step = 0; step < 400; step++) {
      String where = "seed " + seed + ", step " + step;
      List<Sample> poll = stream.poll();
      List<Alert> expected = plain.accept(poll);
      assertThat(packed.accept(poll)).as(where).isEqualTo(expected);
      events += expected.size();
      assertSameState(packed, plain, where);
      if (random.nextInt(10) < 4) {
        Instant tick = Instant.ofEpochMilli(stream.tick(plain));
        List<Alert> ticked = plain.advanceTo(tick);
        assertThat(packed.advanceTo(tick)).as(where + ", tick").isEqualTo(ticked);
        assertSameState(packed, plain, where + ", tick");
        events += ticked.size();
      }
      assertThat(packed.storedSamples()).as(where).isEqualTo(plain.storedSamples());
    }
    assertThat(events).as("events compared").isGreaterThan(20);
  }

  private static void assertSameState(RuleEngine packed, RuleEngine plain, String where) {
    List<AlertingRuleState> got = packed.alertingRules();
    List<AlertingRuleState> want = plain.alertingRules();
    assertThat(got).hasSameSizeAs(want);
    for (int i = 0; i < want.size(); i++) {
      String rule = where + ", rule " + want.get(i).rule().name();
      assertThat(got.get(i).alerts()).as(rule).isEqualTo(want.get(i).alerts());
      assertThat(got.get(i).health()).as(rule).isEqualTo(want.get(i).health());
      assertThat(got.get(i).lastError()).as(rule).isEqualTo(want.get(i).lastError());
    }
  }
}
