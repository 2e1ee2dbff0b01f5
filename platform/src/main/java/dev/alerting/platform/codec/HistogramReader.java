package dev.alerting.platform.codec;

import dev.alerting.model.sample.CounterResetHint;
import dev.alerting.model.sample.FloatHistogram;
import dev.alerting.model.sample.HistogramSpan;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads one Prometheus {@code Histogram} message (remote write 1.0 and 2.0 share it), integer or
 * float, into a {@link FloatHistogram}: integer bucket deltas are summed into absolute counts.
 * {@link #problem()} checks what Prometheus's receiver checks before it stores one; {@link
 * #histogram()} only needs the structure to hold. Reused message after message; not thread-safe.
 */
public final class HistogramReader {
  private final Side negative = new Side("negative");
  private final Side positive = new Side("positive");
  private boolean floatCount;
  private long countInt;
  private double countFloat;
  private boolean floatZeroCount;
  private long zeroCountInt;
  private double zeroCountFloat;
  private double sum;
  private long schema;
  private double zeroThreshold;
  private long resetHint;
  private long timestamp;
  private double[] customValues = new double[0];
  private int customCount;

  /** Reads the Histogram {@code in} was {@link ProtoReader#enter() entered} into, to its end. */
  public void read(ProtoReader in) {
    negative.clear();
    positive.clear();
    floatCount = false;
    countInt = 0;
    countFloat = 0;
    floatZeroCount = false;
    zeroCountInt = 0;
    zeroCountFloat = 0;
    sum = 0;
    schema = 0;
    zeroThreshold = 0;
    resetHint = 0;
    timestamp = 0;
    customCount = 0;
    while (in.hasMore()) {
      int tag = in.readTag();
      switch (tag >>> 3) {
        case HistogramProto.COUNT_INT -> {
          ProtoReader.expect(tag, ProtoReader.VARINT, "Histogram.count_int");
          countInt = in.readVarint();
          floatCount = false;
        }
        case HistogramProto.COUNT_FLOAT -> {
          ProtoReader.expect(tag, ProtoReader.FIXED64, "Histogram.count_float");
          countFloat = in.readDouble();
          floatCount = true;
        }
        case HistogramProto.SUM -> sum = readDouble(in, tag, "Histogram.sum");
        case HistogramProto.SCHEMA -> {
          ProtoReader.expect(tag, ProtoReader.VARINT, "Histogram.schema");
          schema = in.readSignedVarint();
        }
        case HistogramProto.ZERO_THRESHOLD ->
            zeroThreshold = readDouble(in, tag, "Histogram.zero_threshold");
        case HistogramProto.ZERO_COUNT_INT -> {
          ProtoReader.expect(tag, ProtoReader.VARINT, "Histogram.zero_count_int");
          zeroCountInt = in.readVarint();
          floatZeroCount = false;
        }
        case HistogramProto.ZERO_COUNT_FLOAT -> {
          zeroCountFloat = readDouble(in, tag, "Histogram.zero_count_float");
          floatZeroCount = true;
        }
        case HistogramProto.NEGATIVE_SPANS -> negative.readSpan(in, tag);
        case HistogramProto.NEGATIVE_DELTAS -> negative.readDeltas(in, tag);
        case HistogramProto.NEGATIVE_COUNTS -> negative.readCounts(in, tag);
        case HistogramProto.POSITIVE_SPANS -> positive.readSpan(in, tag);
        case HistogramProto.POSITIVE_DELTAS -> positive.readDeltas(in, tag);
        case HistogramProto.POSITIVE_COUNTS -> positive.readCounts(in, tag);
        case HistogramProto.RESET_HINT -> {
          ProtoReader.expect(tag, ProtoReader.VARINT, "Histogram.reset_hint");
          resetHint = in.readVarint();
        }
        case HistogramProto.TIMESTAMP -> {
          ProtoReader.expect(tag, ProtoReader.VARINT, "Histogram.timestamp");
          timestamp = in.readVarint();
        }
        case HistogramProto.CUSTOM_VALUES -> readCustomValues(in, tag);
        default -> in.skip(tag & 7);
      }
    }
  }

  public long timestampMillis() {
    return timestamp;
  }

  /** Whether the histogram has integer counts (count_int, or no count at all, as in Prometheus). */
  public boolean isInteger() {
    return !floatCount;
  }

  /**
   * What Prometheus would refuse about the histogram read, in words, or null: the schema, custom
   * bounds, spans against bucket counts, negative counts, and for integer histograms the count
   * against the buckets' total (equal, or at least it when the sum is NaN, as Prometheus's {@code
   * Histogram.Validate}; float histograms skip that check, as upstream, for rounding's sake).
   */
  public String problem() {
    boolean custom = schema == FloatHistogram.CUSTOM_BUCKETS_SCHEMA;
    if (!custom
        && (schema < FloatHistogram.MIN_EXPONENTIAL_SCHEMA
            || schema > FloatHistogram.MAX_EXPONENTIAL_SCHEMA)) {
      return "schema " + schema + " is not supported (-4..8, or -53 with custom_values)";
    }
    if (!custom && customCount > 0) {
      return "custom_values are only allowed with schema -53, got schema " + schema;
    }
    if (resetHint < 0 || resetHint > 3) {
      return "reset_hint " + resetHint + " is not one of 0..3";
    }
    String mixed = negative.mixedForm(floatCount);
    mixed = mixed != null ? mixed : positive.mixedForm(floatCount);
    if (mixed != null) {
      return mixed;
    }
    if (!floatCount && floatZeroCount || floatCount && !floatZeroCount && zeroCountInt != 0) {
      return "count and zero count must both be integers or both floats";
    }
    String spans = negative.spanProblem();
    spans = spans != null ? spans : positive.spanProblem();
    if (spans != null) {
      return spans;
    }
    return floatCount ? floatCountProblem() : integerCountProblem();
  }

  private String floatCountProblem() {
    if (countFloat < 0 || zeroCountFloat < 0) {
      return "count and zero count must not be negative";
    }
    String p = negative.negativeFloatCount();
    return p != null ? p : positive.negativeFloatCount();
  }

  private String integerCountProblem() {
    long n = negative.integerTotal();
    long p = positive.integerTotal();
    if (n < 0 || p < 0) {
      return (n < 0 ? "negative" : "positive") + " side has a bucket with a negative count";
    }
    long buckets = n + p + zeroCountInt;
    if (Double.isNaN(sum) ? Long.compareUnsigned(countInt, buckets) < 0 : countInt != buckets) {
      return buckets
          + " observations found in buckets, but count is "
          + Long.toUnsignedString(countInt)
          + (Double.isNaN(sum) ? " (must be at least that)" : " (must be equal when sum is set)");
    }
    return null;
  }

  /**
   * The histogram read, as floats. Throws {@link CodecException} when its structure does not hold
   * (the checks of {@link FloatHistogram}'s constructor); counts are taken as they are.
   */
  public FloatHistogram histogram() {
    CounterResetHint hint = HistogramProto.hint(resetHint);
    if (hint == null || schema != (int) schema) {
      throw new CodecException("invalid Histogram: " + problem());
    }
    try {
      return new FloatHistogram(
          hint,
          (int) schema,
          zeroThreshold,
          floatZeroCount ? zeroCountFloat : (double) zeroCountInt,
          floatCount ? countFloat : unsigned(countInt),
          sum,
          positive.spans(),
          positive.counts(floatCount),
          negative.spans(),
          negative.counts(floatCount),
          Arrays.copyOf(customValues, customCount));
    } catch (IllegalArgumentException e) {
      throw new CodecException("invalid Histogram: " + e.getMessage(), e);
    }
  }

  private static double unsigned(long v) {
    return v >= 0 ? v : (double) (v >>> 1) * 2.0;
  }

  private void readCustomValues(ProtoReader in, int tag) {
    if ((tag & 7) == ProtoReader.LENGTH_DELIMITED) {
      int outer = in.enter();
      while (in.hasMore()) {
        addCustomValue(in.readDouble());
      }
      in.exit(outer);
    } else {
      addCustomValue(readDouble(in, tag, "Histogram.custom_values"));
    }
  }

  private void addCustomValue(double v) {
    if (customCount == customValues.length) {
      customValues = Arrays.copyOf(customValues, Math.max(8, customCount * 2));
    }
    customValues[customCount++] = v;
  }

  private static double readDouble(ProtoReader in, int tag, String field) {
    ProtoReader.expect(tag, ProtoReader.FIXED64, field);
    return in.readDouble();
  }

  /** One side's spans and buckets, as read. */
  private static final class Side {
    private final String name;
    private final List<long[]> spans = new ArrayList<>();
    private long[] deltas = new long[16];
    private int deltaCount;
    private double[] counts = new double[16];
    private int countCount;

    Side(String name) {
      this.name = name;
    }

    void clear() {
      spans.clear();
      deltaCount = 0;
      countCount = 0;
    }

    void readSpan(ProtoReader in, int tag) {
      ProtoReader.expect(tag, ProtoReader.LENGTH_DELIMITED, "Histogram." + name + "_spans");
      int outer = in.enter();
      long offset = 0;
      long length = 0;
      while (in.hasMore()) {
        int field = in.readTag();
        switch (field >>> 3) {
          case HistogramProto.SPAN_OFFSET -> {
            ProtoReader.expect(field, ProtoReader.VARINT, "BucketSpan.offset");
            offset = in.readSignedVarint();
          }
          case HistogramProto.SPAN_LENGTH -> {
            ProtoReader.expect(field, ProtoReader.VARINT, "BucketSpan.length");
            length = in.readVarint();
          }
          default -> in.skip(field & 7);
        }
      }
      in.exit(outer);
      spans.add(new long[] {offset, length});
    }

    void readDeltas(ProtoReader in, int tag) {
      if ((tag & 7) == ProtoReader.LENGTH_DELIMITED) {
        int outer = in.enter();
        while (in.hasMore()) {
          addDelta(in.readSignedVarint());
        }
        in.exit(outer);
      } else {
        ProtoReader.expect(tag, ProtoReader.VARINT, "Histogram." + name + "_deltas");
        addDelta(in.readSignedVarint());
      }
    }

    void readCounts(ProtoReader in, int tag) {
      if ((tag & 7) == ProtoReader.LENGTH_DELIMITED) {
        int outer = in.enter();
        while (in.hasMore()) {
          addCount(in.readDouble());
        }
        in.exit(outer);
      } else {
        addCount(readDouble(in, tag, "Histogram." + name + "_counts"));
      }
    }

    private void addDelta(long d) {
      if (deltaCount == deltas.length) {
        deltas = Arrays.copyOf(deltas, deltaCount * 2);
      }
      deltas[deltaCount++] = d;
    }

    private void addCount(double c) {
      if (countCount == counts.length) {
        counts = Arrays.copyOf(counts, countCount * 2);
      }
      counts[countCount++] = c;
    }

    String mixedForm(boolean floatCount) {
      if (floatCount && deltaCount > 0) {
        return "float histogram (count_float) with integer " + name + "_deltas";
      }
      if (!floatCount && countCount > 0) {
        return "integer histogram (count_int) with float " + name + "_counts";
      }
      return null;
    }

    String spanProblem() {
      long total = 0;
      for (int i = 0; i < spans.size(); i++) {
        long[] s = spans.get(i);
        if (i > 0 && s[0] < 0) {
          return name + " span " + (i + 1) + " has a negative offset " + s[0];
        }
        if (s[0] != (int) s[0] || s[1] > Integer.MAX_VALUE) {
          return name + " span " + (i + 1) + " is out of range";
        }
        total += s[1];
      }
      int buckets = deltaCount + countCount;
      if (total != buckets) {
        return name + " spans cover " + total + " buckets but " + buckets + " are given";
      }
      return null;
    }

    String negativeFloatCount() {
      for (int i = 0; i < countCount; i++) {
        if (counts[i] < 0) {
          return name + " bucket " + i + " has a negative count " + counts[i];
        }
      }
      return null;
    }

    /** The total of the integer buckets, or -1 when one of them is negative. */
    long integerTotal() {
      long bucket = 0;
      long total = 0;
      for (int i = 0; i < deltaCount; i++) {
        bucket += deltas[i];
        if (bucket < 0) {
          return -1;
        }
        total += bucket;
      }
      return total;
    }

    List<HistogramSpan> spans() {
      List<HistogramSpan> out = new ArrayList<>(spans.size());
      for (long[] s : spans) {
        if (s[0] != (int) s[0] || s[1] > Integer.MAX_VALUE) {
          throw new CodecException("invalid Histogram: " + name + " span out of range");
        }
        out.add(new HistogramSpan((int) s[0], (int) s[1]));
      }
      return out;
    }

    double[] counts(boolean floatCount) {
      if (floatCount) {
        return Arrays.copyOf(counts, countCount);
      }
      double[] out = new double[deltaCount];
      long bucket = 0;
      for (int i = 0; i < deltaCount; i++) {
        bucket += deltas[i];
        out[i] = bucket;
      }
      return out;
    }
  }
}
