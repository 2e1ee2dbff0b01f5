package dev.alerting.platform.codec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alerting.model.Labels;
import dev.alerting.model.sample.Sample;
import java.util.List;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("The sample decoder's label sets")
class SampleDecoderLabelsTest {
  private static final long T = 1_767_225_600_000L;

  private static Headers protobuf() {
    RecordHeaders h = new RecordHeaders();
    h.add(SampleRecords.protobufHeader());
    return h;
  }

  private static Labels decodeOne(SampleDecoder decoder, Labels series) {
    SampleRecords r = new SampleRecords();
    r.add(new Sample(series, 1, T));
    return decoder.decode(protobuf(), r.finish()).get(0).series();
  }

  /** A record of one series with its label fields in the order given, not sorted. */
  private static byte[] unsorted(String... pairs) {
    ProtoWriter series = new ProtoWriter(64);
    for (int i = 0; i < pairs.length; i += 2) {
      ProtoWriter label = new ProtoWriter(32);
      label.string(SampleRecords.LABEL_NAME, pairs[i], ProtoWriter.utf8Length(pairs[i]));
      label.string(SampleRecords.LABEL_VALUE, pairs[i + 1], ProtoWriter.utf8Length(pairs[i + 1]));
      series.message(SampleRecords.TIMESERIES_LABELS, label);
    }
    ProtoWriter sample = new ProtoWriter(16);
    sample.tag(SampleRecords.SAMPLE_VALUE, ProtoReader.FIXED64);
    sample.fixed64(1);
    series.message(SampleRecords.TIMESERIES_SAMPLES, sample);
    ProtoWriter request = new ProtoWriter(64);
    request.message(SampleRecords.WRITE_REQUEST_TIMESERIES, series);
    return request.toByteArray();
  }

  @Test
  @DisplayName("series sharing a label value share its String, built once")
  void sharedStrings() {
    SampleDecoder decoder = new SampleDecoder();
    Labels a =
        decodeOne(decoder, Labels.of("__name__", "up", "instance", "host-1:9100", "shard", "1"));
    Labels b =
        decodeOne(decoder, Labels.of("__name__", "up", "instance", "host-1:9100", "shard", "2"));

    assertThat(a).isNotEqualTo(b);
    assertThat(b.get("instance")).isSameAs(a.get("instance"));
    assertThat(b.metricName()).isSameAs(a.metricName());
    assertThat(b.name(1)).isSameAs(a.name(1));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"plain", "zone eü-1 ☃", "a\"b\\c\nd", "long"})
  @DisplayName("finds a series again by its record bytes, whatever its label values")
  void findsAgain(String name) {
    // "long": over 127 bytes, so lengths take two varint bytes
    String value = name.equals("long") ? "x".repeat(200) : name;
    SampleDecoder decoder = new SampleDecoder();
    Labels series = Labels.of("__name__", "up", "Zone", value, "job", "api");
    Labels first = decodeOne(decoder, series);
    Labels second = decodeOne(decoder, Labels.of("__name__", "up", "Zone", value, "job", "api"));

    assertThat(first).isEqualTo(series);
    assertThat(second).isSameAs(first);
    assertThat(decoder.cachedSeries()).isEqualTo(1);

    // the label fields as the ingest writes them: the fingerprint read from them is the label
    // set's own, and they are its encoding; one byte changed, they are not
    ProtoWriter fields = new ProtoWriter(64);
    for (int i = 0; i < series.size(); i++) {
      ProtoWriter label = new ProtoWriter(32);
      label.string(
          SampleRecords.LABEL_NAME, series.name(i), ProtoWriter.utf8Length(series.name(i)));
      label.string(
          SampleRecords.LABEL_VALUE, series.value(i), ProtoWriter.utf8Length(series.value(i)));
      fields.message(SampleRecords.TIMESERIES_LABELS, label);
    }
    byte[] bytes = fields.toByteArray();
    assertThat(EncodedLabelSets.fingerprint(bytes, 0, bytes.length))
        .isEqualTo(series.fingerprint());
    assertThat(EncodedLabelSets.encodes(series, bytes, 0, bytes.length)).isTrue();
    bytes[bytes.length - 1]++;
    assertThat(EncodedLabelSets.encodes(series, bytes, 0, bytes.length)).isFalse();
  }

  @Test
  @DisplayName("a label set differing in one byte is a different series")
  void oneByteApart() {
    SampleDecoder decoder = new SampleDecoder();
    Labels a = decodeOne(decoder, Labels.of("__name__", "up", "job", "api1"));
    Labels b = decodeOne(decoder, Labels.of("__name__", "up", "job", "api2"));
    Labels c = decodeOne(decoder, Labels.of("__name__", "up", "job", "api"));
    Labels d = decodeOne(decoder, Labels.of("__name__", "up", "jobs", "api"));

    assertThat(List.of(a, b, c, d)).doesNotHaveDuplicates();
    assertThat(c.get("job")).isEqualTo("api");
    assertThat(d.get("jobs")).isEqualTo("api");
    assertThat(decoder.cachedSeries()).isEqualTo(4);
  }

  @Test
  @DisplayName("labels not in the order the ingest writes them decode right and are not kept")
  void unsortedNotKept() {
    SampleDecoder decoder = new SampleDecoder();
    byte[] record = unsorted("job", "api", "__name__", "up");

    Labels first = decoder.decode(protobuf(), record).get(0).series();
    Labels second = decoder.decode(protobuf(), record).get(0).series();

    assertThat(first).isEqualTo(Labels.of("__name__", "up", "job", "api")).isEqualTo(second);
    assertThat(decoder.cachedSeries()).isZero();
  }

  @Test
  @DisplayName("the string interner never holds more than its slots")
  void internerBounded() {
    StringInterner interner = new StringInterner(100);
    assertThat(interner.capacity()).isEqualTo(128);
    String first = interner.intern(new String("host-0"));
    for (int i = 0; i < 10_000; i++) {
      String s = "host-" + i;
      assertThat(interner.intern(s)).isEqualTo(s);
    }
    // still a correct String, whichever instance the slot holds now
    assertThat(interner.intern(new String("host-0"))).isEqualTo(first);
    assertThat(interner.capacity()).isEqualTo(128);
  }
}
