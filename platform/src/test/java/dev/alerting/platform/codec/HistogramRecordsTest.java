package dev.alerting.platform.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.UnknownFieldSet;
import dev.alerting.model.Labels;
import dev.alerting.model.sample.CounterResetHint;
import dev.alerting.model.sample.FloatHistogram;
import dev.alerting.model.sample.HistogramSpan;
import dev.alerting.model.sample.Sample;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class HistogramRecordsTest {
  private static final long T = 1_767_225_600_123L;
  private static final Labels LATENCY = Labels.of("__name__", "rpc_latency_seconds", "job", "api");
  private static final Labels UP = Labels.of("__name__", "up", "job", "api");

  private static Headers protobuf() {
    RecordHeaders h = new RecordHeaders();
    h.add(SampleRecords.protobufHeader());
    return h;
  }

  private static byte[] encode(List<Sample> samples) {
    SampleRecords r = new SampleRecords();
    samples.forEach(r::add);
    assertThat(r.count()).isEqualTo(samples.size());
    return r.finish();
  }

  static FloatHistogram exponential() {
    return FloatHistogram.builder()
        .schema(3)
        .zeroThreshold(1e-128)
        .zeroCount(2)
        .count(19)
        .sum(-7.25)
        .positive(
            List.of(new HistogramSpan(-2, 2), new HistogramSpan(3, 1)), new double[] {1, 3.5, 4})
        .negative(List.of(new HistogramSpan(0, 3)), new double[] {0.5, 0, 8})
        .counterResetHint(CounterResetHint.NOT_COUNTER_RESET)
        .build();
  }

  static FloatHistogram custom() {
    return FloatHistogram.builder()
        .schema(FloatHistogram.CUSTOM_BUCKETS_SCHEMA)
        .count(6)
        .sum(Double.NaN)
        .positive(List.of(new HistogramSpan(0, 2), new HistogramSpan(1, 1)), new double[] {1, 2, 3})
        .customValues(new double[] {0.1, 0.5, 1})
        .counterResetHint(CounterResetHint.GAUGE)
        .build();
  }

  @Test
  @DisplayName("histogram samples round-trip among float samples, every field and the order kept")
  void roundTrip() {
    FloatHistogram empty = FloatHistogram.builder().build();
    List<Sample> samples =
        List.of(
            new Sample(UP, 1, T),
            Sample.histogram(LATENCY, exponential(), T),
            Sample.histogram(LATENCY, custom(), T + 1000),
            new Sample(LATENCY, 3, T + 1500), // the same series switching kind keeps its order
            Sample.histogram(LATENCY, empty, T + 2000),
            new Sample(UP, 0, T + 1000));

    List<Sample> back = new SampleDecoder().decode(protobuf(), encode(samples));

    assertThat(back).hasSameSizeAs(samples);
    for (int i = 0; i < samples.size(); i++) {
      Sample want = samples.get(i);
      assertThat(back.get(i).series()).as("series of %d", i).isEqualTo(want.series());
      assertThat(back.get(i).timestampMillis())
          .as("time of %d", i)
          .isEqualTo(want.timestampMillis());
      assertThat(back.get(i).histogram()).as("histogram of %d", i).isEqualTo(want.histogram());
      if (!want.isHistogram()) {
        assertThat(back.get(i).value()).isEqualTo(want.value());
      }
    }
  }

  @Test
  @DisplayName("an integer histogram (count_int, bucket deltas) decodes to absolute float counts")
  void integerHistogram() {
    ProtoWriter h = new ProtoWriter(64);
    h.tag(HistogramProto.COUNT_INT, ProtoReader.VARINT);
    h.varint(12);
    h.doubleField(HistogramProto.SUM, 30.5);
    h.tag(HistogramProto.SCHEMA, ProtoReader.VARINT);
    h.sint(-2);
    h.tag(HistogramProto.ZERO_COUNT_INT, ProtoReader.VARINT);
    h.varint(1);
    span(h, HistogramProto.POSITIVE_SPANS, 1, 3);
    // packed deltas 2, +3, -1 -> counts 2, 5, 4
    ProtoWriter deltas = new ProtoWriter(8);
    deltas.sint(2);
    deltas.sint(3);
    deltas.sint(-1);
    h.message(HistogramProto.POSITIVE_DELTAS, deltas);
    h.tag(HistogramProto.RESET_HINT, ProtoReader.VARINT);
    h.varint(1);
    h.tag(HistogramProto.TIMESTAMP, ProtoReader.VARINT);
    h.varint(T);

    List<Sample> back = new SampleDecoder().decode(protobuf(), writeRequest(LATENCY, h));

    FloatHistogram want =
        FloatHistogram.builder()
            .schema(-2)
            .zeroCount(1)
            .count(12)
            .sum(30.5)
            .positive(List.of(new HistogramSpan(1, 3)), new double[] {2, 5, 4})
            .counterResetHint(CounterResetHint.COUNTER_RESET)
            .build();
    assertThat(back).containsExactly(Sample.histogram(LATENCY, want, T));
  }

  @Test
  @DisplayName("a record with histograms is a WriteRequest Google's protobuf parser reads as such")
  void readableByAnotherDecoder() throws Exception {
    byte[] record = encode(List.of(Sample.histogram(LATENCY, exponential(), T)));

    UnknownFieldSet request = UnknownFieldSet.parseFrom(record);
    List<ByteString> series = request.getField(1).getLengthDelimitedList();
    assertThat(series).hasSize(1);
    UnknownFieldSet ts = UnknownFieldSet.parseFrom(series.get(0));
    assertThat(ts.getField(1).getLengthDelimitedList()).hasSize(2); // __name__, job
    assertThat(ts.hasField(2)).isFalse(); // no float samples
    List<ByteString> histograms = ts.getField(4).getLengthDelimitedList();
    assertThat(histograms).hasSize(1);

    UnknownFieldSet h = UnknownFieldSet.parseFrom(histograms.get(0));
    assertThat(Double.longBitsToDouble(h.getField(2).getFixed64List().get(0))).isEqualTo(19.0);
    assertThat(Double.longBitsToDouble(h.getField(3).getFixed64List().get(0))).isEqualTo(-7.25);
    assertThat(CodedInputStream.decodeZigZag64(h.getField(4).getVarintList().get(0))).isEqualTo(3);
    assertThat(Double.longBitsToDouble(h.getField(7).getFixed64List().get(0))).isEqualTo(2.0);
    List<long[]> spans = new ArrayList<>();
    for (ByteString s : h.getField(11).getLengthDelimitedList()) {
      UnknownFieldSet span = UnknownFieldSet.parseFrom(s);
      spans.add(
          new long[] {
            CodedInputStream.decodeZigZag32(span.getField(1).getVarintList().get(0).intValue()),
            span.getField(2).getVarintList().get(0)
          });
    }
    assertThat(spans).containsExactly(new long[] {-2, 2}, new long[] {3, 1});
    assertThat(packedDoubles(h.getField(13).getLengthDelimitedList().get(0)))
        .containsExactly(1, 3.5, 4);
    assertThat(packedDoubles(h.getField(10).getLengthDelimitedList().get(0)))
        .containsExactly(0.5, 0, 8);
    assertThat(h.getField(14).getVarintList()).containsExactly(2L); // RESET_HINT NO
    assertThat(h.getField(15).getVarintList()).containsExactly(T);
    assertThat(h.hasField(1)).as("no count_int: the oneof holds count_float").isFalse();
  }

  @Test
  @DisplayName("a histogram whose structure does not hold fails the record, naming the problem")
  void brokenStructure() {
    ProtoWriter h = new ProtoWriter(64);
    h.doubleField(HistogramProto.COUNT_FLOAT, 3);
    span(h, HistogramProto.POSITIVE_SPANS, 0, 2);
    h.packedDoubles(HistogramProto.POSITIVE_COUNTS, new double[] {3});

    assertThatThrownBy(() -> new SampleDecoder().decode(protobuf(), writeRequest(LATENCY, h)))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("positive spans cover 2 buckets but 1 are given");
  }

  private static double[] packedDoubles(ByteString bytes) throws Exception {
    CodedInputStream in = bytes.newCodedInput();
    List<Double> out = new ArrayList<>();
    while (!in.isAtEnd()) {
      out.add(in.readDouble());
    }
    return out.stream().mapToDouble(Double::doubleValue).toArray();
  }

  static void span(ProtoWriter h, int field, int offset, int length) {
    ProtoWriter s = new ProtoWriter(8);
    s.tag(HistogramProto.SPAN_OFFSET, ProtoReader.VARINT);
    s.sint(offset);
    s.tag(HistogramProto.SPAN_LENGTH, ProtoReader.VARINT);
    s.varint(length);
    h.message(field, s);
  }

  /** A WriteRequest of one TimeSeries with {@code labels} and the one Histogram {@code h}. */
  static byte[] writeRequest(Labels labels, ProtoWriter h) {
    ProtoWriter ts = new ProtoWriter(128);
    labels
        .asMap()
        .forEach(
            (k, v) -> {
              ProtoWriter l = new ProtoWriter(32);
              l.string(SampleRecords.LABEL_NAME, k, ProtoWriter.utf8Length(k));
              l.string(SampleRecords.LABEL_VALUE, v, ProtoWriter.utf8Length(v));
              ts.message(SampleRecords.TIMESERIES_LABELS, l);
            });
    ts.message(SampleRecords.TIMESERIES_HISTOGRAMS, h);
    ProtoWriter request = new ProtoWriter(256);
    request.message(SampleRecords.WRITE_REQUEST_TIMESERIES, ts);
    return request.toByteArray();
  }
}
