package dev.alerting.ingest.sample;

import dev.alerting.model.Durations;
import dev.alerting.model.Labels;
import dev.alerting.model.sample.Sample;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Collects the samples a format parser reads from one body and checks each against the same rules
 * as the JSON push (names, label limits, timestamp window), so every format yields the same
 * all-or-nothing {@link Validation}. Errors are kept per position (line or series), one per
 * position, with every reason found there.
 */
public final class Batch {
  private final SampleLimits limits;
  private final String unit;
  private final long nowMillis;
  private final boolean finiteOnly;
  private final List<Sample> samples = new ArrayList<>();
  private final Map<Integer, Problems> problems = new LinkedHashMap<>();
  private final Map<String, Integer> skipped = new TreeMap<>();
  private int count;

  /**
   * @param unit what positions count: {@code line} or {@code series}
   * @param finiteOnly whether NaN and infinities are refused (formats that cannot mean them)
   */
  public Batch(SampleLimits limits, String unit, long nowMillis, boolean finiteOnly) {
    this.limits = limits;
    this.unit = unit;
    this.nowMillis = nowMillis;
    this.finiteOnly = finiteOnly;
  }

  public long nowMillis() {
    return nowMillis;
  }

  /** True once more samples were offered than one request may hold: the parser should stop. */
  public boolean full() {
    return count > limits.maxSamplesPerRequest();
  }

  /**
   * Offers one sample read at {@code position}; {@code labels} holds every label including {@code
   * __name__}. Invalid samples become errors of their position.
   */
  public void add(int position, Map<String, String> labels, double value, long timestampMillis) {
    add(position, "", labels, value, timestampMillis);
  }

  /**
   * As {@link #add(int, Map, double, long)}, with {@code where} (e.g. {@code "sample 3: "})
   * prefixed to reasons about the value or timestamp, for formats with several samples per
   * position.
   */
  public void add(
      int position, String where, Map<String, String> labels, double value, long timestampMillis) {
    count++;
    if (full()) {
      return;
    }
    Problems p = new Problems();
    checkLabels(labels, p);
    if (finiteOnly && !Double.isFinite(value)) {
      p.add(RejectReason.VALUE, where + "value must be a finite number, got " + value);
    }
    checkTimestamp(timestampMillis, where, p);
    if (p.isEmpty()) {
      String name = labels.get(Labels.METRIC_NAME);
      samples.add(
          Sample.of(name, Labels.of(labels).without(Labels.METRIC_NAME), value, timestampMillis));
    } else {
      merge(position, p);
    }
  }

  /** Records a problem at {@code position} that is not about one sample (syntax, structure). */
  public void error(int position, RejectReason reason, String text) {
    Problems p = new Problems();
    p.add(reason, text);
    merge(position, p);
  }

  /** Counts input of a kind the topic cannot carry and that is deliberately dropped. */
  public void skip(String kind) {
    skipped.merge(kind, 1, Integer::sum);
  }

  public Validation result() {
    if (full()) {
      return new Validation.TooManySamples(count, limits.maxSamplesPerRequest());
    }
    if (problems.isEmpty()) {
      return new Validation.Valid(samples, skipped);
    }
    List<SampleError> errors = new ArrayList<>(problems.size());
    problems.forEach((position, p) -> errors.add(p.toError(position)));
    return new Validation.Invalid(errors, Math.max(count, errors.size()), unit);
  }

  private void merge(int position, Problems p) {
    Problems existing = problems.get(position);
    if (existing == null) {
      problems.put(position, p);
    } else {
      existing.addAll(p);
    }
  }

  private void checkLabels(Map<String, String> labels, Problems p) {
    String name = labels.get(Labels.METRIC_NAME);
    if (name == null || name.isEmpty()) {
      p.add(RejectReason.METRIC_NAME, "the series has no metric name (__name__)");
    } else if (name.length() > limits.maxLabelNameLength()) {
      p.add(RejectReason.LIMIT, Reasons.metricNameTooLong(name, limits));
    } else if (!Labels.isValidMetricName(name)) {
      p.add(
          RejectReason.METRIC_NAME,
          "metric name " + Reasons.quote(name) + " must match [a-zA-Z_:][a-zA-Z0-9_:]*");
    }
    int count = labels.size() - (labels.containsKey(Labels.METRIC_NAME) ? 1 : 0);
    if (count > limits.maxLabels()) {
      p.add(RejectReason.LIMIT, Reasons.tooManyLabels("the series", count, limits));
      return;
    }
    labels.forEach(
        (k, v) -> {
          if (!k.equals(Labels.METRIC_NAME)) {
            checkLabel(k, v, p);
          }
        });
  }

  private void checkLabel(String name, String value, Problems p) {
    if (name.length() > limits.maxLabelNameLength()) {
      p.add(RejectReason.LIMIT, Reasons.labelNameTooLong(name, limits));
    } else if (name.startsWith("__")) {
      p.add(
          RejectReason.LABEL,
          "label name " + Reasons.quote(name) + " is reserved (starts with __)");
    } else if (!Labels.isValidLabelName(name)) {
      p.add(
          RejectReason.LABEL,
          "label name " + Reasons.quote(name) + " must match [a-zA-Z_][a-zA-Z0-9_]*");
    }
    if (value.length() > limits.maxLabelValueLength()) {
      p.add(RejectReason.LIMIT, Reasons.labelValueTooLong(name, value, limits));
    }
  }

  private void checkTimestamp(long ts, String where, Problems p) {
    if (ts <= 0) {
      p.add(
          RejectReason.TIMESTAMP,
          where + "timestamp must be positive epoch milliseconds, got " + ts);
    } else if (ts > nowMillis + limits.maxFutureSkew().toMillis()) {
      p.add(
          RejectReason.TIMESTAMP,
          where
              + "timestamp "
              + ts
              + " is more than "
              + Durations.format(limits.maxFutureSkew())
              + " in the future (INGEST_MAX_FUTURE_SKEW)");
    } else if (ts < nowMillis - limits.maxSampleAge().toMillis()) {
      p.add(
          RejectReason.TIMESTAMP,
          where
              + "timestamp "
              + ts
              + " is more than "
              + Durations.format(limits.maxSampleAge())
              + " old (INGEST_MAX_SAMPLE_AGE)");
    }
  }
}
