package dev.alerting.rule.expr;

import dev.alerting.model.Matcher;
import dev.alerting.model.sample.Sample;
import java.util.List;

/**
 * What an expression may read from the engine's series state at an evaluation instant. The PromQL
 * evaluator will need range reads too; they get added here, next to the instant read.
 */
public interface SeriesSource {

  /**
   * The latest sample of every series matching all {@code matchers} that lies in the lookback window
   * {@code (atMillis - lookback, atMillis]} and is not a staleness marker, as a PromQL instant
   * vector selector sees it.
   */
  List<Sample> instant(List<Matcher> matchers, long atMillis);
}
