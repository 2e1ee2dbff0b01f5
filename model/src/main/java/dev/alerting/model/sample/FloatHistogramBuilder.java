package dev.alerting.model.sample;

import java.util.List;

/** Collects the fields of a {@link FloatHistogram}; {@link #build()} validates them. */
public final class FloatHistogramBuilder {

  private CounterResetHint counterResetHint = CounterResetHint.UNKNOWN;
  private int schema;
  private double zeroThreshold;
  private double zeroCount;
  private double count;
  private double sum;
  private List<HistogramSpan> positiveSpans = List.of();
  private double[] positiveBuckets;
  private List<HistogramSpan> negativeSpans = List.of();
  private double[] negativeBuckets;
  private double[] customValues;

  FloatHistogramBuilder() {}

  public FloatHistogramBuilder counterResetHint(CounterResetHint hint) {
    this.counterResetHint = hint;
    return this;
  }

  public FloatHistogramBuilder schema(int schema) {
    this.schema = schema;
    return this;
  }

  public FloatHistogramBuilder zeroThreshold(double zeroThreshold) {
    this.zeroThreshold = zeroThreshold;
    return this;
  }

  public FloatHistogramBuilder zeroCount(double zeroCount) {
    this.zeroCount = zeroCount;
    return this;
  }

  public FloatHistogramBuilder count(double count) {
    this.count = count;
    return this;
  }

  public FloatHistogramBuilder sum(double sum) {
    this.sum = sum;
    return this;
  }

  public FloatHistogramBuilder positive(List<HistogramSpan> spans, double[] buckets) {
    this.positiveSpans = spans;
    this.positiveBuckets = buckets;
    return this;
  }

  public FloatHistogramBuilder negative(List<HistogramSpan> spans, double[] buckets) {
    this.negativeSpans = spans;
    this.negativeBuckets = buckets;
    return this;
  }

  public FloatHistogramBuilder customValues(double[] customValues) {
    this.customValues = customValues;
    return this;
  }

  public FloatHistogram build() {
    return new FloatHistogram(
        counterResetHint,
        schema,
        zeroThreshold,
        zeroCount,
        count,
        sum,
        positiveSpans,
        positiveBuckets,
        negativeSpans,
        negativeBuckets,
        customValues);
  }
}
