package dev.alerting.testkit;

import java.io.ByteArrayOutputStream;

/**
 * Hand-encodes a Prometheus {@code Histogram} message (remote write 1.0 and 2.0 share it), integer
 * (count_int, bucket deltas) or float (count_float, absolute counts), for tests.
 */
public final class HistogramEncoder {
  private final boolean integer;
  private final double count;
  private final double sum;
  private final int schema;
  private double zeroThreshold;
  private double zeroCount;
  private int[] positiveSpans = new int[0];
  private double[] positive = new double[0];
  private int[] negativeSpans = new int[0];
  private double[] negative = new double[0];
  private double[] customValues = new double[0];
  private int resetHint;
  private long timestamp;

  private HistogramEncoder(boolean integer, double count, double sum, int schema) {
    this.integer = integer;
    this.count = count;
    this.sum = sum;
    this.schema = schema;
  }

  /** An integer histogram; its buckets are given as deltas. */
  public static HistogramEncoder integer(long count, double sum, int schema) {
    return new HistogramEncoder(true, count, sum, schema);
  }

  /** A float histogram; its buckets are given as absolute counts. */
  public static HistogramEncoder floats(double count, double sum, int schema) {
    return new HistogramEncoder(false, count, sum, schema);
  }

  public HistogramEncoder zero(double threshold, double count) {
    zeroThreshold = threshold;
    zeroCount = count;
    return this;
  }

  /**
   * Positive spans as offset, length pairs; buckets as deltas (integer) or counts (float), as
   * given.
   */
  public HistogramEncoder positive(int[] spans, double... buckets) {
    positiveSpans = spans;
    positive = buckets;
    return this;
  }

  public HistogramEncoder negative(int[] spans, double... buckets) {
    negativeSpans = spans;
    negative = buckets;
    return this;
  }

  public HistogramEncoder customValues(double... bounds) {
    customValues = bounds;
    return this;
  }

  /** 0 unknown, 1 reset, 2 not reset, 3 gauge. */
  public HistogramEncoder resetHint(int hint) {
    resetHint = hint;
    return this;
  }

  public HistogramEncoder timestamp(long millis) {
    timestamp = millis;
    return this;
  }

  public byte[] bytes() {
    ByteArrayOutputStream h = new ByteArrayOutputStream();
    if (integer) {
      tag(h, 1, 0);
      WriteRequestEncoder.varint(h, (long) count);
    } else {
      fixed64(h, 2, count);
    }
    fixed64(h, 3, sum);
    tag(h, 4, 0);
    WriteRequestEncoder.varint(h, zigzag(schema));
    fixed64(h, 5, zeroThreshold);
    if (integer) {
      tag(h, 6, 0);
      WriteRequestEncoder.varint(h, (long) zeroCount);
    } else {
      fixed64(h, 7, zeroCount);
    }
    side(h, 8, negativeSpans, negative);
    side(h, 11, positiveSpans, positive);
    tag(h, 14, 0);
    WriteRequestEncoder.varint(h, resetHint);
    tag(h, 15, 0);
    WriteRequestEncoder.varint(h, timestamp);
    if (customValues.length > 0) {
      WriteRequestEncoder.bytesField(h, 16, doubles(customValues));
    }
    return h.toByteArray();
  }

  /** Spans at {@code spanField}, then deltas (spanField + 1) or counts (spanField + 2), packed. */
  private void side(ByteArrayOutputStream h, int spanField, int[] spans, double[] buckets) {
    for (int i = 0; i < spans.length; i += 2) {
      ByteArrayOutputStream span = new ByteArrayOutputStream();
      tag(span, 1, 0);
      WriteRequestEncoder.varint(span, zigzag(spans[i]));
      tag(span, 2, 0);
      WriteRequestEncoder.varint(span, spans[i + 1]);
      WriteRequestEncoder.bytesField(h, spanField, span.toByteArray());
    }
    if (buckets.length == 0) {
      return;
    }
    if (integer) {
      ByteArrayOutputStream deltas = new ByteArrayOutputStream();
      for (double d : buckets) {
        WriteRequestEncoder.varint(deltas, zigzag((long) d));
      }
      WriteRequestEncoder.bytesField(h, spanField + 1, deltas.toByteArray());
    } else {
      WriteRequestEncoder.bytesField(h, spanField + 2, doubles(buckets));
    }
  }

  private static byte[] doubles(double[] values) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (double v : values) {
      long bits = Double.doubleToRawLongBits(v);
      for (int i = 0; i < 8; i++) {
        out.write((int) (bits >>> (8 * i)) & 0xff);
      }
    }
    return out.toByteArray();
  }

  private static void fixed64(ByteArrayOutputStream out, int field, double v) {
    tag(out, field, 1);
    byte[] bits = doubles(new double[] {v});
    out.write(bits, 0, bits.length);
  }

  private static void tag(ByteArrayOutputStream out, int field, int wireType) {
    WriteRequestEncoder.varint(out, (long) field << 3 | wireType);
  }

  private static long zigzag(long v) {
    return (v << 1) ^ (v >> 63);
  }
}
