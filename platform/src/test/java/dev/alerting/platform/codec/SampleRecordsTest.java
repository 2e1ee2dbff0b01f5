package dev.alerting.platform.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.alerting.model.Labels;
import dev.alerting.model.sample.Sample;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SampleRecordsTest {
  private static final long T = 1_767_225_600_123L;
  private static final double STALE = Double.longBitsToDouble(Sample.STALE_NAN_BITS);

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

  private static void assertSameSamples(List<Sample> actual, List<Sample> expected) {
    assertThat(actual).hasSameSizeAs(expected);
    for (int i = 0; i < expected.size(); i++) {
      assertThat(actual.get(i).series()).isEqualTo(expected.get(i).series());
      assertThat(actual.get(i).timestampMillis()).isEqualTo(expected.get(i).timestampMillis());
      // bit for bit: the stale marker is one NaN among many, told apart only by its bits
      assertThat(Double.doubleToRawLongBits(actual.get(i).value()))
          .as("value bits of sample %d", i)
          .isEqualTo(Double.doubleToRawLongBits(expected.get(i).value()));
    }
  }

  @Test
  @DisplayName("samples round-trip through a WriteRequest with their exact value bits and times")
  void roundTrip() {
    Labels api = Labels.of("__name__", "http_requests_total", "job", "api", "zone", "eu-1 ü");
    Labels db = Labels.of("__name__", "up", "job", "db", "path", "/a\"b\\c\n", "Z", "upper");
    List<Sample> samples =
        List.of(
            new Sample(api, 1, T),
            new Sample(api, -0.0, T + 1),
            new Sample(db, Double.NaN, T),
            new Sample(api, STALE, T + 2),
            new Sample(db, Double.POSITIVE_INFINITY, T + 3),
            new Sample(db, Double.NEGATIVE_INFINITY, T + 4),
            new Sample(api, 1.7976931348623157e308, T + 5),
            new Sample(api, -1.5e-300, 1),
            new Sample(Labels.of("__name__", "a_b:c"), 0, T));

    List<Sample> back = new SampleDecoder().decode(protobuf(), encode(samples));

    assertSameSamples(back, samples);
    assertThat(back.get(3).isStaleMarker()).isTrue();
  }

  @Test
  @DisplayName("thousands of label sets in one record decode to the same series, in order")
  void manyLabelSets() {
    Random random = new Random(7);
    List<Sample> samples = new ArrayList<>();
    for (int i = 0; i < 5000; i++) {
      TreeMap<String, String> m = new TreeMap<>();
      m.put("__name__", "m" + random.nextInt(20));
      for (int l = 0; l < random.nextInt(8); l++) {
        m.put("l" + random.nextInt(30), "v" + random.nextInt(1000) + (l % 3 == 0 ? "é" : ""));
      }
      samples.add(new Sample(Labels.of(m), random.nextGaussian(), T + random.nextInt(100_000)));
    }

    assertSameSamples(new SampleDecoder().decode(protobuf(), encode(samples)), samples);
  }

  @Test
  @DisplayName("a series read again is the same Labels instance, not a copy per sample")
  void internsLabels() {
    Labels series = Labels.of("__name__", "up", "job", "api");
    SampleDecoder decoder = new SampleDecoder();

    List<Sample> first = decoder.decode(protobuf(), encode(List.of(new Sample(series, 1, T))));
    List<Sample> second =
        decoder.decode(
            protobuf(),
            encode(
                List.of(
                    new Sample(Labels.of("__name__", "other"), 3, T),
                    new Sample(series, 2, T + 1))));

    assertThat(second.get(1).series()).isSameAs(first.get(0).series());
    assertThat(decoder.cachedSeries()).isEqualTo(2);
  }

  @Test
  @DisplayName("a full label cache starts over and still decodes every series correctly")
  void boundedCache() {
    SampleDecoder decoder = new SampleDecoder(2);
    for (int i = 0; i < 10; i++) {
      Sample s = new Sample(Labels.of("__name__", "up", "i", String.valueOf(i)), i, T);
      assertSameSamples(decoder.decode(protobuf(), encode(List.of(s))), List.of(s));
      assertThat(decoder.cachedSeries()).isLessThanOrEqualTo(2);
    }
  }

  @Test
  @DisplayName("a topic holding both forms decodes by header: JSON without it, protobuf with it")
  void mixedTopic() {
    Sample old = Sample.of("up", Labels.of("job", "old"), 1, T);
    Sample a = Sample.of("up", Labels.of("job", "new"), 2, T + 1);
    Sample b = Sample.of("up", Labels.of("job", "new"), STALE, T + 2);
    SampleDecoder decoder = new SampleDecoder();
    List<Sample> read = new ArrayList<>();

    decoder.decode(
        new RecordHeaders(), SampleCodec.encode(old).getBytes(StandardCharsets.UTF_8), read);
    decoder.decode(protobuf(), encode(List.of(a, b)), read);
    decoder.decode(null, SampleCodec.encode(a).getBytes(StandardCharsets.UTF_8), read);

    assertSameSamples(read, List.of(old, a, b, a));
  }

  /** A WriteRequest of one TimeSeries with a sample and no labels. */
  private static byte[] seriesWithoutLabels() {
    ProtoWriter request = new ProtoWriter(64);
    ProtoWriter series = new ProtoWriter(64);
    ProtoWriter sample = new ProtoWriter(16);
    sample.tag(SampleRecords.SAMPLE_VALUE, ProtoReader.FIXED64);
    sample.fixed64(1);
    series.message(SampleRecords.TIMESERIES_SAMPLES, sample);
    request.message(SampleRecords.WRITE_REQUEST_TIMESERIES, series);
    return request.toByteArray();
  }

  @Test
  @DisplayName("a series with samples but no labels is refused, and nothing of its record is kept")
  void emptyLabelsRejected() {
    byte[] valid = encode(List.of(Sample.of("up", Labels.empty(), 1, T)));
    byte[] bad = seriesWithoutLabels();
    // a valid series first: the refusal must take back what was already read of the record
    byte[] record = Arrays.copyOf(valid, valid.length + bad.length);
    System.arraycopy(bad, 0, record, valid.length, bad.length);
    List<Sample> out = new ArrayList<>();

    assertThatThrownBy(() -> new SampleDecoder().decode(protobuf(), record, out))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("no labels");
    assertThat(out).isEmpty();
  }

  @Test
  @DisplayName("a series whose labels lack __name__ is refused with a reason")
  void missingNameRejected() {
    ProtoWriter label = new ProtoWriter(16);
    label.string(SampleRecords.LABEL_NAME, "job", 3);
    label.string(SampleRecords.LABEL_VALUE, "api", 3);
    ProtoWriter sample = new ProtoWriter(16);
    sample.tag(SampleRecords.SAMPLE_VALUE, ProtoReader.FIXED64);
    sample.fixed64(1);
    ProtoWriter series = new ProtoWriter(64);
    series.message(SampleRecords.TIMESERIES_LABELS, label);
    series.message(SampleRecords.TIMESERIES_SAMPLES, sample);
    ProtoWriter request = new ProtoWriter(64);
    request.message(SampleRecords.WRITE_REQUEST_TIMESERIES, series);

    assertThatThrownBy(() -> new SampleDecoder().decode(protobuf(), request.toByteArray()))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("__name__");
  }

  @Test
  @DisplayName("a truncated record is refused, not read in part")
  void truncated() {
    byte[] full = encode(List.of(Sample.of("up", Labels.of("job", "a"), 1, T)));
    byte[] cut = Arrays.copyOf(full, full.length - 3);

    assertThatThrownBy(() -> new SampleDecoder().decode(protobuf(), cut))
        .isInstanceOf(CodecException.class);
  }

  @ParameterizedTest(name = "{0} partitions")
  @ValueSource(ints = {1, 2, 3, 7, 12, 64})
  @DisplayName("a series maps to the partition Kafka's default partitioner gives its JSON key")
  void partitionEqualsKafkasForTheFingerprintKey(int partitions) {
    Random random = new Random(partitions);
    for (int i = 0; i < 2000; i++) {
      Sample s =
          Sample.of(
              "m" + random.nextInt(50),
              Labels.of(Map.of("instance", "host-" + random.nextInt(100_000), "job", "j" + i)),
              1,
              T);
      // the default partitioner for a keyed record: murmur2 of the serialized key, made
      // positive, modulo the partition count (KafkaProducer#partition, BuiltInPartitioner)
      byte[] key = new StringSerializer().serialize("metrics.samples", SampleCodec.key(s));
      int byKafka = Utils.toPositive(Utils.murmur2(key)) % partitions;

      assertThat(SampleRecords.partition(s.series(), partitions)).isEqualTo(byKafka);
    }
  }

  @Test
  @DisplayName("byPartition puts each series in its partition's record, in request order")
  void byPartition() {
    List<Sample> samples = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      samples.add(Sample.of("m", Labels.of("i", String.valueOf(i % 40)), i, T + i));
    }

    byte[][] values = SampleRecords.byPartition(samples, 5);

    SampleDecoder decoder = new SampleDecoder();
    for (int p = 0; p < 5; p++) {
      int partition = p;
      List<Sample> expected =
          samples.stream()
              .filter(s -> SampleRecords.partition(s.series(), 5) == partition)
              .toList();
      List<Sample> actual = values[p] == null ? List.of() : decoder.decode(protobuf(), values[p]);
      assertSameSamples(actual, expected);
    }
  }

  @Test
  @DisplayName(
      "byPartition reuses its thread's encoder: each push gets exactly its own records, and earlier"
          + " records are not overwritten")
  void byPartitionReusesItsEncoder() {
    Random random = new Random(7);
    List<byte[][]> results = new ArrayList<>();
    List<byte[][]> expectations = new ArrayList<>();
    int[] sizes = {300, 0, 1, 40_000, 5, 1000, 2};
    int[] partitionCounts = {5, 3, 1, 7, 12, 1, 2};
    for (int push = 0; push < sizes.length; push++) {
      int partitions = partitionCounts[push];
      List<Sample> samples = new ArrayList<>();
      for (int i = 0; i < sizes[push]; i++) {
        Labels series = Labels.of("__name__", "m" + push, "i", String.valueOf(random.nextInt(60)));
        samples.add(new Sample(series, random.nextDouble(), T + i));
      }
      List<List<Sample>> byHand = new ArrayList<>();
      for (int p = 0; p < partitions; p++) {
        byHand.add(new ArrayList<>());
      }
      samples.forEach(s -> byHand.get(SampleRecords.partition(s.series(), partitions)).add(s));
      byte[][] expected = new byte[partitions][];
      for (int p = 0; p < partitions; p++) {
        expected[p] = byHand.get(p).isEmpty() ? null : encode(byHand.get(p));
      }
      byte[][] values = SampleRecords.byPartition(samples, partitions);
      results.add(values);
      expectations.add(expected);
      assertThat(values).as("push %d", push).isDeepEqualTo(expected);
    }
    for (int push = 0; push < sizes.length; push++) {
      assertThat(results.get(push))
          .as("push %d, later", push)
          .isDeepEqualTo(expectations.get(push));
    }
  }

  @Test
  @DisplayName(
      "label sets written again come from the encoder's cache with the same bytes: repeats, equal"
          + " copies, sets sharing a cache slot, non-ASCII values and a set too long to cache, read"
          + " back by protobuf-java")
  void cachedLabelFields() throws Exception {
    // two label sets whose fingerprints share their first cache slot (the low 11 bits)
    Labels first = Labels.of("__name__", "up", "i", "0");
    Labels rival = null;
    for (int i = 1; rival == null; i++) {
      Labels candidate = Labels.of("__name__", "up", "i", String.valueOf(i));
      if ((candidate.fingerprint() & 2047) == (first.fingerprint() & 2047)) {
        rival = candidate;
      }
    }
    Labels accented = Labels.of("__name__", "up", "zone", "zürich", "job", "é");
    Labels big = Labels.of("__name__", "up", "note", "x".repeat(3000)); // too long to cache
    List<Labels> order =
        List.of(
            first,
            rival,
            first,
            Labels.of("__name__", "up", "i", "0"), // equal to first, another instance
            accented,
            rival,
            accented,
            big,
            first,
            big);
    SampleRecords encoder = new SampleRecords();
    List<Sample> samples = new ArrayList<>();
    for (int round = 0; round < 3; round++) { // later rounds hit the cache filled by earlier ones
      for (int i = 0; i < order.size(); i++) {
        Sample s = new Sample(order.get(i), round * 100 + i, T + round * 100 + i);
        samples.add(s);
        encoder.add(s);
      }
    }
    byte[] value = encoder.finish();

    // an independent reader: Google's protobuf runtime, field by field
    var request = com.google.protobuf.UnknownFieldSet.parseFrom(value);
    List<Sample> read = new ArrayList<>();
    for (var bytes :
        request.getField(SampleRecords.WRITE_REQUEST_TIMESERIES).getLengthDelimitedList()) {
      var ts = com.google.protobuf.UnknownFieldSet.parseFrom(bytes);
      List<String> pairs = new ArrayList<>();
      for (var label : ts.getField(SampleRecords.TIMESERIES_LABELS).getLengthDelimitedList()) {
        var l = com.google.protobuf.UnknownFieldSet.parseFrom(label);
        pairs.add(
            l.getField(SampleRecords.LABEL_NAME).getLengthDelimitedList().get(0).toStringUtf8());
        pairs.add(
            l.getField(SampleRecords.LABEL_VALUE).getLengthDelimitedList().get(0).toStringUtf8());
      }
      Labels labels = Labels.of(pairs.toArray(String[]::new));
      for (var sample : ts.getField(SampleRecords.TIMESERIES_SAMPLES).getLengthDelimitedList()) {
        var f = com.google.protobuf.UnknownFieldSet.parseFrom(sample);
        read.add(
            new Sample(
                labels,
                Double.longBitsToDouble(
                    f.getField(SampleRecords.SAMPLE_VALUE).getFixed64List().get(0)),
                f.getField(SampleRecords.SAMPLE_TIMESTAMP).getVarintList().get(0)));
      }
    }
    assertSameSamples(read, samples);
    assertSameSamples(new SampleDecoder().decode(protobuf(), value), samples);
  }

  @ParameterizedTest(name = "{0} series")
  @ValueSource(ints = {1000, 5000})
  @DisplayName(
      "pushes cycling through more series than fit the encoder's cache, with the partition count"
          + " changing, give the records of a fresh encoder")
  void cacheEvictionKeepsRecordsExact(int seriesCount) {
    List<Labels> series = new ArrayList<>();
    for (int i = 0; i < seriesCount; i++) {
      series.add(Labels.of("__name__", "bench_load", "instance", "host-" + i % 100, "i", "" + i));
    }
    int[] partitionCounts = {3, 3, 3, 5, 5, 3};
    for (int push = 0; push < partitionCounts.length; push++) {
      int partitions = partitionCounts[push];
      List<Sample> samples = new ArrayList<>();
      for (int i = 0; i < 3000; i++) {
        // equal copies every other push, so hits by equality count as well as by identity
        Labels labels = series.get((push * 3000 + i) % seriesCount);
        if (push % 2 == 1) {
          labels = Labels.of(labels.asMap());
        }
        samples.add(new Sample(labels, push * 3000 + i, T + push));
      }
      byte[][] expected = new byte[partitions][];
      for (int p = 0; p < partitions; p++) {
        int partition = p;
        List<Sample> mine =
            samples.stream()
                .filter(s -> SampleRecords.partition(s.series(), partitions) == partition)
                .toList();
        expected[p] = mine.isEmpty() ? null : encode(mine);
      }

      assertThat(SampleRecords.byPartition(samples, partitions))
          .as("push %d", push)
          .isDeepEqualTo(expected);
    }
  }
}
