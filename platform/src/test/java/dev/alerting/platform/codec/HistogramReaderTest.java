package dev.alerting.platform.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What the reader refuses, as Prometheus's {@code Histogram.Validate} / ingest checks do. */
class HistogramReaderTest {

  /** An integer histogram: count_int, sum, schema, positive span and packed deltas. */
  private static Consumer<ProtoWriter> integer(
      long count, double sum, int schema, int[] span, long... deltas) {
    return h -> {
      h.tag(HistogramProto.COUNT_INT, ProtoReader.VARINT);
      h.varint(count);
      h.doubleField(HistogramProto.SUM, sum);
      h.tag(HistogramProto.SCHEMA, ProtoReader.VARINT);
      h.sint(schema);
      for (int i = 0; i < span.length; i += 2) {
        HistogramRecordsTest.span(h, HistogramProto.POSITIVE_SPANS, span[i], span[i + 1]);
      }
      ProtoWriter packed = new ProtoWriter(16);
      for (long d : deltas) {
        packed.sint(d);
      }
      if (deltas.length > 0) {
        h.message(HistogramProto.POSITIVE_DELTAS, packed);
      }
    };
  }

  /** A float histogram: count_float, sum 1, schema 0, one positive span, absolute counts. */
  private static Consumer<ProtoWriter> floats(double count, double... counts) {
    return h -> {
      h.doubleField(HistogramProto.COUNT_FLOAT, count);
      h.doubleField(HistogramProto.SUM, 1);
      HistogramRecordsTest.span(h, HistogramProto.POSITIVE_SPANS, 0, counts.length);
      h.packedDoubles(HistogramProto.POSITIVE_COUNTS, counts);
    };
  }

  private static Arguments valid(String name, Consumer<ProtoWriter> h) {
    return Arguments.of(Named.of(name, h), null);
  }

  private static Arguments invalid(String name, Consumer<ProtoWriter> h, String problem) {
    return Arguments.of(Named.of(name, h), problem);
  }

  static Stream<Arguments> cases() {
    int[] three = {0, 3};
    return Stream.of(
        valid("integer, count equals the buckets", integer(6, 10, 0, three, 1, 1, 1)),
        valid(
            "integer, NaN sum, count above the buckets",
            integer(9, Double.NaN, 0, new int[] {0, 2}, 1, 1)),
        valid("empty histogram (no count field: integer 0)", h -> {}),
        valid("lowest and highest exponential schema", integer(0, 0, -4, new int[0])),
        valid("float, count below the buckets (not checked, as upstream)", floats(1, 5, 5)),
        valid(
            "custom buckets with bounds",
            h -> {
              integer(3, 2, -53, new int[] {0, 2}, 1, 1).accept(h);
              h.packedDoubles(HistogramProto.CUSTOM_VALUES, new double[] {0.5, 1});
            }),
        invalid("schema 9", integer(0, 0, 9, new int[0]), "schema 9 is not supported"),
        invalid("schema -5", integer(0, 0, -5, new int[0]), "schema -5 is not supported"),
        invalid(
            "custom_values with an exponential schema",
            h -> {
              integer(0, 0, 2, new int[0]).accept(h);
              h.packedDoubles(HistogramProto.CUSTOM_VALUES, new double[] {1});
            },
            "custom_values are only allowed with schema -53"),
        invalid(
            "spans cover more buckets than given",
            integer(2, 1, 0, new int[] {0, 3}, 1, 0),
            "positive spans cover 3 buckets but 2 are given"),
        invalid(
            "second span with a negative offset",
            integer(3, 1, 0, new int[] {0, 1, -1, 1}, 1, 0),
            "positive span 2 has a negative offset -1"),
        invalid(
            "deltas reaching a negative count",
            integer(1, 1, 0, three, 2, -3, 2),
            "positive side has a bucket with a negative count"),
        invalid(
            "integer count differs from the buckets while sum is set",
            integer(4, 1, 0, three, 1, 1, 1),
            "6 observations found in buckets, but count is 4 (must be equal when sum is set)"),
        invalid(
            "integer count below the buckets with NaN sum",
            integer(2, Double.NaN, 0, three, 1, 0, 0),
            "3 observations found in buckets, but count is 2 (must be at least that)"),
        invalid(
            "float negative bucket", floats(3, 1, -2), "positive bucket 1 has a negative count"),
        invalid(
            "integer count with float bucket counts",
            h -> {
              h.tag(HistogramProto.COUNT_INT, ProtoReader.VARINT);
              h.varint(1);
              h.packedDoubles(HistogramProto.POSITIVE_COUNTS, new double[] {1});
            },
            "integer histogram (count_int) with float positive_counts"),
        invalid(
            "unknown reset hint",
            h -> {
              h.tag(HistogramProto.RESET_HINT, ProtoReader.VARINT);
              h.varint(7);
            },
            "reset_hint 7 is not one of 0..3"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void problem(Consumer<ProtoWriter> fields, String expected) {
    ProtoWriter h = new ProtoWriter(64);
    fields.accept(h);
    byte[] bytes = h.toByteArray();
    HistogramReader reader = new HistogramReader();
    reader.read(new ProtoReader(bytes, 0, bytes.length));

    if (expected == null) {
      assertThat(reader.problem()).isNull();
      assertThat(reader.histogram()).isNotNull();
    } else {
      assertThat(reader.problem()).contains(expected);
    }
  }
}
