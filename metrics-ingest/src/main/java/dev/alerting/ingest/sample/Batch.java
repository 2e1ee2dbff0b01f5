package dev.alerting.ingest.sample;

import dev.alerting.model.Durations;
import dev.alerting.model.Labels;
import dev.alerting.model.sample.FloatHistogram;
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
    count++;
    if (full()) {
      return;
    }
    Problems p = checkLabels(labels, null);
    p = checkValue(value, timestampMillis, -1, p);
    if (p == null) {
      samples.add(new Sample(Labels.of(labels), value, timestampMillis));
    } else {
      merge(position, p);
    }
  }

  /**
   * As {@link #add(int, Map, double, long)} for a label set that passed every label check already
   * (one {@link #checkedLabels} returned, cached by a format for label sets it reads again).
   */
  public void add(int position, Labels checked, double value, long timestampMillis) {
    count++;
    if (full()) {
      return;
    }
    Problems p = checkValue(value, timestampMillis, -1, null);
    if (p == null) {
      samples.add(new Sample(checked, value, timestampMillis));
    } else {
      merge(position, p);
    }
  }

  /**
   * Offers the first {@code n} samples of one series read at {@code position} (formats with several
   * samples per position): the labels are checked and built once for all of them; reasons about a
   * value or timestamp name the sample ({@code "sample 3: "}).
   */
  public void addSeries(
      int position, Map<String, String> labels, double[] values, long[] timestamps, int n) {
    if (n == 0) {
      return;
    }
    Problems p = checkLabels(labels, null);
    Labels series = p == null ? Labels.of(labels) : null;
    p = addSamples(series, values, timestamps, n, p);
    if (p != null) {
      merge(position, p);
    }
  }

  /**
   * As {@link #addSeries(int, Map, double[], long[], int)} for a series whose labels were checked
   * already (a label set read before and cached by its bytes).
   */
  public void addSeries(int position, Labels checked, double[] values, long[] timestamps, int n) {
    Problems p = addSamples(checked, values, timestamps, n, null);
    if (p != null) {
      merge(position, p);
    }
  }

  /** Checks each sample, adding the valid ones when {@code series} is (non-null); the problems. */
  private Problems addSamples(
      Labels series, double[] values, long[] timestamps, int n, Problems p) {
    for (int i = 0; i < n; i++) {
      count++;
      if (full()) {
        return p;
      }
      Problems sample = checkValue(values[i], timestamps[i], i, null);
      if (sample == null && series != null) {
        samples.add(new Sample(series, values[i], timestamps[i]));
      } else if (sample != null && p == null) {
        p = sample;
      } else if (sample != null) {
        p.addAll(sample);
      }
    }
    return p;
  }

  /**
   * Offers native histogram {@code sample} of a series read at {@code position}: {@code checked}
   * labels (null when they failed: the histogram is then only checked), and the histogram, or null
   * with the {@code problem} its reader found. Timestamps are checked as for float samples.
   */
  public void addHistogram(
      int position,
      Labels checked,
      int sample,
      FloatHistogram histogram,
      String problem,
      long timestampMillis) {
    count++;
    if (full()) {
      return;
    }
    Problems p =
        problem == null
            ? null
            : add(null, RejectReason.VALUE, "histogram " + sample + ": " + problem);
    p = checkValue(0, timestampMillis, sample, p);
    if (p == null && checked != null) {
      samples.add(Sample.histogram(checked, histogram, timestampMillis));
    } else if (p != null) {
      merge(position, p);
    }
  }

  /** Records the label problems of a series that has no float sample to carry them. */
  public void checkSeriesLabels(int position, Map<String, String> labels) {
    Problems p = checkLabels(labels, null);
    if (p != null) {
      merge(position, p);
    }
  }

  /**
   * The label set of {@code labels} if it passes every label check, else null (nothing recorded):
   * what a format may cache for label sets it reads again.
   */
  public Labels checkedLabels(Map<String, String> labels) {
    return checkLabels(labels, null) == null ? Labels.of(labels) : null;
  }

  /** Records a problem at {@code position} that is not about one sample (syntax, structure). */
  public void error(int position, RejectReason reason, String text) {
    merge(position, add(null, reason, text));
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

  /** Adds the label problems to {@code p} (created when the first is found); returns it. */
  private Problems checkLabels(Map<String, String> labels, Problems p) {
    String name = labels.get(Labels.METRIC_NAME);
    if (name == null || name.isEmpty()) {
      p = add(p, RejectReason.METRIC_NAME, "the series has no metric name (__name__)");
    } else if (name.length() > limits.maxLabelNameLength()) {
      p = add(p, RejectReason.LIMIT, Reasons.metricNameTooLong(name, limits));
    } else if (!Labels.isValidMetricName(name)) {
      p =
          add(
              p,
              RejectReason.METRIC_NAME,
              "metric name " + Reasons.quote(name) + " must match [a-zA-Z_:][a-zA-Z0-9_:]*");
    }
    int count = labels.size() - (labels.containsKey(Labels.METRIC_NAME) ? 1 : 0);
    if (count > limits.maxLabels()) {
      return add(p, RejectReason.LIMIT, Reasons.tooManyLabels("the series", count, limits));
    }
    for (Map.Entry<String, String> e : labels.entrySet()) {
      if (!e.getKey().equals(Labels.METRIC_NAME)) {
        p = checkLabel(e.getKey(), e.getValue(), p);
      }
    }
    return p;
  }

  private Problems checkLabel(String name, String value, Problems p) {
    if (name.length() > limits.maxLabelNameLength()) {
      p = add(p, RejectReason.LIMIT, Reasons.labelNameTooLong(name, limits));
    } else if (name.startsWith("__")) {
      p =
          add(
              p,
              RejectReason.LABEL,
              "label name " + Reasons.quote(name) + " is reserved (starts with __)");
    } else if (!Labels.isValidLabelName(name)) {
      p =
          add(
              p,
              RejectReason.LABEL,
              "label name " + Reasons.quote(name) + " must match [a-zA-Z_][a-zA-Z0-9_]*");
    }
    if (value.length() > limits.maxLabelValueLength()) {
      p = add(p, RejectReason.LIMIT, Reasons.labelValueTooLong(name, value, limits));
    }
    return p;
  }

  /**
   * Adds the value and timestamp problems to {@code p}; {@code sample} (≥ 0) prefixes them with
   * {@code "sample N: "}.
   */
  private Problems checkValue(double value, long ts, int sample, Problems p) {
    if (finiteOnly && !Double.isFinite(value)) {
      p = add(p, RejectReason.VALUE, where(sample) + "value must be a finite number, got " + value);
    }
    if (ts <= 0) {
      p =
          add(
              p,
              RejectReason.TIMESTAMP,
              where(sample) + "timestamp must be positive epoch milliseconds, got " + ts);
    } else if (ts > nowMillis + limits.maxFutureSkew().toMillis()) {
      p =
          add(
              p,
              RejectReason.TIMESTAMP,
              where(sample)
                  + "timestamp "
                  + ts
                  + " is more than "
                  + Durations.format(limits.maxFutureSkew())
                  + " in the future (INGEST_MAX_FUTURE_SKEW)");
    } else if (ts < nowMillis - limits.maxSampleAge().toMillis()) {
      p =
          add(
              p,
              RejectReason.TIMESTAMP,
              where(sample)
                  + "timestamp "
                  + ts
                  + " is more than "
                  + Durations.format(limits.maxSampleAge())
                  + " old (INGEST_MAX_SAMPLE_AGE)");
    }
    return p;
  }

  private static String where(int sample) {
    return sample < 0 ? "" : "sample " + sample + ": ";
  }

  /** Problems are built only once there is one: valid samples allocate none. */
  private static Problems add(Problems p, RejectReason reason, String text) {
    Problems to = p == null ? new Problems() : p;
    to.add(reason, text);
    return to;
  }
}
