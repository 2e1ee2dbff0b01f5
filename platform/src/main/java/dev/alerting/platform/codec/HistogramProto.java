package dev.alerting.platform.codec;

import dev.alerting.model.sample.CounterResetHint;
import dev.alerting.model.sample.FloatHistogram;
import dev.alerting.model.sample.HistogramSpan;
import java.util.List;

/**
 * The Prometheus {@code Histogram} message (prometheus/prompb types.proto; the same numbers in
 * remote write 2.0's {@code io.prometheus.write.v2.Histogram}) and its float form as {@link
 * SampleRecords} writes it. Every histogram on the topic is written as a float histogram ({@code
 * count_float}, {@code zero_count_float}, absolute {@code *_counts}): that is what the model holds,
 * and integer counts up to 2^53 survive it exactly.
 */
final class HistogramProto {
  static final int COUNT_INT = 1;
  static final int COUNT_FLOAT = 2;
  static final int SUM = 3;
  static final int SCHEMA = 4; // sint32
  static final int ZERO_THRESHOLD = 5;
  static final int ZERO_COUNT_INT = 6;
  static final int ZERO_COUNT_FLOAT = 7;
  static final int NEGATIVE_SPANS = 8;
  static final int NEGATIVE_DELTAS = 9; // sint64, integer histograms
  static final int NEGATIVE_COUNTS = 10; // double, float histograms
  static final int POSITIVE_SPANS = 11;
  static final int POSITIVE_DELTAS = 12;
  static final int POSITIVE_COUNTS = 13;
  static final int RESET_HINT = 14; // enum: 0 unknown, 1 yes, 2 no, 3 gauge
  static final int TIMESTAMP = 15;
  static final int CUSTOM_VALUES = 16;

  static final int SPAN_OFFSET = 1; // sint32
  static final int SPAN_LENGTH = 2; // uint32

  private HistogramProto() {}

  /**
   * Writes the fields of one Histogram message into {@code out}. The oneof {@code count_float} is
   * written even when 0: its presence is what marks a float histogram.
   */
  static void write(ProtoWriter out, ProtoWriter span, FloatHistogram h, long timestampMillis) {
    out.doubleField(COUNT_FLOAT, h.count());
    out.doubleField(SUM, h.sum());
    out.tag(SCHEMA, ProtoReader.VARINT);
    out.sint(h.schema());
    out.doubleField(ZERO_THRESHOLD, h.zeroThreshold());
    out.doubleField(ZERO_COUNT_FLOAT, h.zeroCount());
    spans(out, span, NEGATIVE_SPANS, h.negativeSpans());
    out.packedDoubles(NEGATIVE_COUNTS, h.negativeBuckets());
    spans(out, span, POSITIVE_SPANS, h.positiveSpans());
    out.packedDoubles(POSITIVE_COUNTS, h.positiveBuckets());
    out.tag(RESET_HINT, ProtoReader.VARINT);
    out.varint(hintNumber(h.counterResetHint()));
    out.tag(TIMESTAMP, ProtoReader.VARINT);
    out.varint(timestampMillis);
    out.packedDoubles(CUSTOM_VALUES, h.customValues());
  }

  private static void spans(ProtoWriter out, ProtoWriter span, int field, List<HistogramSpan> s) {
    for (HistogramSpan sp : s) {
      span.reset();
      span.tag(SPAN_OFFSET, ProtoReader.VARINT);
      span.sint(sp.offset());
      span.tag(SPAN_LENGTH, ProtoReader.VARINT);
      span.varint(sp.length());
      out.message(field, span);
    }
  }

  static int hintNumber(CounterResetHint hint) {
    return switch (hint) {
      case UNKNOWN -> 0;
      case COUNTER_RESET -> 1;
      case NOT_COUNTER_RESET -> 2;
      case GAUGE -> 3;
    };
  }

  /** The hint of a {@code ResetHint} number, or null for a number the enum does not have. */
  static CounterResetHint hint(long number) {
    if (number < 0 || number > 3) {
      return null;
    }
    return switch ((int) number) {
      case 0 -> CounterResetHint.UNKNOWN;
      case 1 -> CounterResetHint.COUNTER_RESET;
      case 2 -> CounterResetHint.NOT_COUNTER_RESET;
      default -> CounterResetHint.GAUGE;
    };
  }
}
