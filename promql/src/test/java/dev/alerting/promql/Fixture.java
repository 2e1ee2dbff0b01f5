package dev.alerting.promql;

import dev.alerting.model.Labels;
import dev.alerting.promql.engine.InstantSample;
import dev.alerting.promql.notation.SeriesNotation;
import dev.alerting.promql.storage.MemorySeriesStore;
import dev.alerting.promql.syntax.Parser;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Test data in promtool notation at a 1-minute interval, evaluated through the public facade. */
public final class Fixture {
  private final MemorySeriesStore store = new MemorySeriesStore();

  public static Fixture of(String... seriesAndValues) {
    Fixture f = new Fixture();
    for (int i = 0; i < seriesAndValues.length; i += 2) {
      Labels labels = SeriesNotation.parseLabels(seriesAndValues[i]);
      for (SeriesNotation.Step s : SeriesNotation.parseValues(seriesAndValues[i + 1])) {
        if (s.isHistogram()) {
          f.store.append(labels, s.histogram(), s.index() * 60_000L);
        } else {
          f.store.append(labels, s.value(), s.index() * 60_000L);
        }
      }
    }
    return f;
  }

  public MemorySeriesStore store() {
    return store;
  }

  /** Result as "labels" -> value in test notation (a float or {{...}}), sorted. */
  public Map<String, String> evalText(String expr, long seconds) {
    List<InstantSample> out = PromQL.evaluateVector(Parser.parse(expr), seconds * 1000, store);
    Map<String, String> m = new TreeMap<>();
    out.forEach(
        s ->
            m.put(
                s.labels().toString(),
                s.isHistogram() ? s.histogram().toString() : Double.toString(s.value())));
    return m;
  }

  /** Result as "labels" -> value, sorted, for compact assertions. */
  public Map<String, Double> eval(String expr, long seconds) {
    List<InstantSample> out = PromQL.evaluateVector(Parser.parse(expr), seconds * 1000, store);
    Map<String, Double> m = new TreeMap<>();
    out.forEach(s -> m.put(s.labels().toString(), s.value()));
    return m;
  }
}
