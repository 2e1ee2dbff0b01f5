package dev.alerting.model.sample;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A native histogram with float bucket counts, as Prometheus's {@code FloatHistogram}: exponential
 * buckets (schema -4..8, bucket boundaries at powers of 2^(2^-schema), plus a zero bucket) or
 * custom buckets (schema -53, upper bounds in {@link #customValues()}). Buckets are sparse: spans
 * give the layout, bucket arrays hold absolute counts. Immutable; the structure is validated on
 * construction (counts are not: arithmetic on gauge histograms legitimately produces negative
 * buckets).
 */
public final class FloatHistogram {

  /**
   * The schema of histograms with custom bucket bounds ("native histograms with custom buckets").
   */
  public static final int CUSTOM_BUCKETS_SCHEMA = -53;

  public static final int MIN_EXPONENTIAL_SCHEMA = -4;
  public static final int MAX_EXPONENTIAL_SCHEMA = 8;

  private static final HistogramSpan[] NO_SPANS = new HistogramSpan[0];
  private static final double[] NO_VALUES = new double[0];

  private final CounterResetHint counterResetHint;
  private final int schema;
  private final double zeroThreshold;
  private final double zeroCount;
  private final double count;
  private final double sum;
  private final HistogramSpan[] positiveSpans;
  private final double[] positiveBuckets;
  private final HistogramSpan[] negativeSpans;
  private final double[] negativeBuckets;
  private final double[] customValues;

  public FloatHistogram(
      CounterResetHint counterResetHint,
      int schema,
      double zeroThreshold,
      double zeroCount,
      double count,
      double sum,
      List<HistogramSpan> positiveSpans,
      double[] positiveBuckets,
      List<HistogramSpan> negativeSpans,
      double[] negativeBuckets,
      double[] customValues) {
    this.counterResetHint = Objects.requireNonNull(counterResetHint, "counterResetHint");
    this.schema = schema;
    this.zeroThreshold = zeroThreshold;
    this.zeroCount = zeroCount;
    this.count = count;
    this.sum = sum;
    this.positiveSpans = spans(positiveSpans);
    this.positiveBuckets = values(positiveBuckets);
    this.negativeSpans = spans(negativeSpans);
    this.negativeBuckets = values(negativeBuckets);
    this.customValues = values(customValues);
    HistogramLayout.validate(this);
  }

  /** A builder starting from an empty exponential histogram of schema 0, hint unknown. */
  public static FloatHistogramBuilder builder() {
    return new FloatHistogramBuilder();
  }

  /** A builder holding this histogram's fields, to derive a changed copy. */
  public FloatHistogramBuilder toBuilder() {
    return new FloatHistogramBuilder()
        .counterResetHint(counterResetHint)
        .schema(schema)
        .zeroThreshold(zeroThreshold)
        .zeroCount(zeroCount)
        .count(count)
        .sum(sum)
        .positive(List.of(positiveSpans), positiveBuckets)
        .negative(List.of(negativeSpans), negativeBuckets)
        .customValues(customValues);
  }

  public CounterResetHint counterResetHint() {
    return counterResetHint;
  }

  public int schema() {
    return schema;
  }

  public double zeroThreshold() {
    return zeroThreshold;
  }

  public double zeroCount() {
    return zeroCount;
  }

  public double count() {
    return count;
  }

  public double sum() {
    return sum;
  }

  public List<HistogramSpan> positiveSpans() {
    return List.of(positiveSpans);
  }

  public List<HistogramSpan> negativeSpans() {
    return List.of(negativeSpans);
  }

  /** A copy of the positive bucket counts, in span order. */
  public double[] positiveBuckets() {
    return positiveBuckets.clone();
  }

  /** A copy of the negative bucket counts, in span order. */
  public double[] negativeBuckets() {
    return negativeBuckets.clone();
  }

  /** A copy of the custom upper bounds (schema -53 only; empty otherwise). */
  public double[] customValues() {
    return customValues.clone();
  }

  public int positiveBucketCount() {
    return positiveBuckets.length;
  }

  public int negativeBucketCount() {
    return negativeBuckets.length;
  }

  public double positiveBucket(int i) {
    return positiveBuckets[i];
  }

  public double negativeBucket(int i) {
    return negativeBuckets[i];
  }

  public int customValueCount() {
    return customValues.length;
  }

  public double customValue(int i) {
    return customValues[i];
  }

  /** The absolute bucket index of every positive bucket, in span order. */
  public int[] positiveBucketIndexes() {
    return HistogramLayout.indexes(positiveSpans, positiveBuckets.length);
  }

  /** The absolute bucket index of every negative bucket, in span order. */
  public int[] negativeBucketIndexes() {
    return HistogramLayout.indexes(negativeSpans, negativeBuckets.length);
  }

  public boolean usesCustomBuckets() {
    return schema == CUSTOM_BUCKETS_SCHEMA;
  }

  /** This histogram with another counter reset hint. */
  public FloatHistogram withCounterResetHint(CounterResetHint hint) {
    return hint == counterResetHint ? this : toBuilder().counterResetHint(hint).build();
  }

  HistogramSpan[] rawPositiveSpans() {
    return positiveSpans;
  }

  HistogramSpan[] rawNegativeSpans() {
    return negativeSpans;
  }

  double[] rawCustomValues() {
    return customValues;
  }

  private static HistogramSpan[] spans(List<HistogramSpan> spans) {
    if (spans == null || spans.isEmpty()) {
      return NO_SPANS;
    }
    HistogramSpan[] copy = spans.toArray(NO_SPANS);
    for (HistogramSpan span : copy) {
      Objects.requireNonNull(span, "span");
    }
    return copy;
  }

  private static double[] values(double[] values) {
    return values == null || values.length == 0 ? NO_VALUES : values.clone();
  }

  /** Exact equality of every field, the hint included; NaN equals NaN as in records. */
  @Override
  public boolean equals(Object o) {
    return o instanceof FloatHistogram h
        && counterResetHint == h.counterResetHint
        && schema == h.schema
        && Double.compare(zeroThreshold, h.zeroThreshold) == 0
        && Double.compare(zeroCount, h.zeroCount) == 0
        && Double.compare(count, h.count) == 0
        && Double.compare(sum, h.sum) == 0
        && Arrays.equals(positiveSpans, h.positiveSpans)
        && Arrays.equals(positiveBuckets, h.positiveBuckets)
        && Arrays.equals(negativeSpans, h.negativeSpans)
        && Arrays.equals(negativeBuckets, h.negativeBuckets)
        && Arrays.equals(customValues, h.customValues);
  }

  @Override
  public int hashCode() {
    int h = Objects.hash(counterResetHint, schema, zeroThreshold, zeroCount, count, sum);
    h = 31 * h + Arrays.hashCode(positiveSpans);
    h = 31 * h + Arrays.hashCode(positiveBuckets);
    h = 31 * h + Arrays.hashCode(negativeSpans);
    h = 31 * h + Arrays.hashCode(negativeBuckets);
    return 31 * h + Arrays.hashCode(customValues);
  }

  /** Prometheus's test notation, e.g. {@code {{schema:0 count:4 sum:5 buckets:[1 2 1]}}}. */
  @Override
  public String toString() {
    return HistogramNotation.format(this);
  }
}
