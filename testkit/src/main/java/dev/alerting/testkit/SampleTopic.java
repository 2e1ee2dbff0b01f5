package dev.alerting.testkit;

import dev.alerting.model.sample.Sample;
import dev.alerting.platform.codec.SampleCodec;
import dev.alerting.platform.codec.SampleRecords;
import dev.alerting.platform.kafka.Topics;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Records for {@code metrics.samples} as metrics-ingest writes them, for tests that feed the rule
 * engine without an ingest: the protobuf form (one WriteRequest per partition, the default) or the
 * JSON form (one keyed record per sample).
 */
public final class SampleTopic {
  private SampleTopic() {}

  /**
   * The records of one push of {@code samples}: one per partition they map to, dated {@code
   * timestampMillis} (null: the producer's clock).
   */
  public static List<ProducerRecord<String, byte[]>> protobuf(
      List<Sample> samples, int partitions, Long timestampMillis) {
    byte[][] values = SampleRecords.byPartition(samples, partitions);
    List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
    for (int p = 0; p < partitions; p++) {
      if (values[p] != null) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(SampleRecords.protobufHeader());
        records.add(
            new ProducerRecord<>(
                Topics.SAMPLES, p, timestampMillis, (String) null, values[p], headers));
      }
    }
    return records;
  }

  /** The one protobuf record of a single sample. */
  public static ProducerRecord<String, byte[]> protobuf(
      Sample s, int partitions, Long timestampMillis) {
    return protobuf(List.of(s), partitions, timestampMillis).get(0);
  }

  /** The JSON form of a sample, keyed by its series fingerprint (Kafka picks the partition). */
  public static ProducerRecord<String, byte[]> json(Sample s, Long timestampMillis) {
    return new ProducerRecord<>(
        Topics.SAMPLES,
        null,
        timestampMillis,
        SampleCodec.key(s),
        SampleCodec.encode(s).getBytes(StandardCharsets.UTF_8));
  }

  /** How many partitions {@code metrics.samples} has, as the producer sees it. */
  public static int partitions(Producer<?, ?> producer) {
    return producer.partitionsFor(Topics.SAMPLES).size();
  }
}
