package dev.alerting.rule.stream;

import dev.alerting.model.sample.Sample;
import dev.alerting.platform.codec.CodecException;
import dev.alerting.platform.codec.SampleDecoder;
import io.vertx.kafka.client.common.TopicPartition;
import io.vertx.kafka.client.consumer.KafkaConsumerRecord;
import io.vertx.kafka.client.consumer.KafkaConsumerRecords;
import io.vertx.kafka.client.consumer.OffsetAndMetadata;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One poll of {@code metrics.samples}, decoded: the samples of the records not yet accounted for by
 * the checkpoint position, the offsets to commit and the next position per partition (of every
 * record, skipped or undecodable ones too), and per future-dated sample the latest engine clock it
 * may set.
 */
final class PolledSamples {
  // logged as the stream it belongs to, as before it had a class of its own
  private static final Logger LOG = LoggerFactory.getLogger(SampleStream.class);
  private static final Long NO_CAP = Long.MAX_VALUE;

  final List<Sample> samples;
  final Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
  final Map<Integer, Long> next = new HashMap<>();
  // Per sample, the latest engine clock it may set: its record's broker time plus the allowed
  // skew, so one sender's future-dated sample cannot move event time for everyone.
  private final Map<Sample, Long> caps = new IdentityHashMap<>();

  /**
   * Decodes {@code records}, skipping those below {@code skipBelow} of their partition; counts each
   * undecodable record as invalid.
   */
  PolledSamples(
      KafkaConsumerRecords<String, ByteBuffer> records,
      Map<Integer, Long> skipBelow,
      SampleDecoder decoder,
      Duration maxFutureSkew,
      StreamCounters counters) {
    samples = new ArrayList<>(records.size());
    for (int i = 0; i < records.size(); i++) {
      KafkaConsumerRecord<String, ByteBuffer> r = records.recordAt(i);
      offsets.put(
          new TopicPartition(r.topic(), r.partition()), new OffsetAndMetadata(r.offset() + 1, ""));
      next.merge(r.partition(), r.offset() + 1, Math::max);
      if (r.offset() < skipBelow.getOrDefault(r.partition(), 0L)) {
        continue;
      }
      int first = samples.size();
      try {
        decoder.decode(r.record().headers(), r.value(), samples);
        long cap = r.timestamp() + maxFutureSkew.toMillis();
        for (int j = first; r.timestamp() > 0 && j < samples.size(); j++) {
          if (samples.get(j).timestampMillis() > cap) {
            caps.put(samples.get(j), cap);
          }
        }
      } catch (CodecException e) {
        counters.invalid();
        LOG.warn(
            "skipping undecodable sample record at {}-{}@{}: {}",
            r.topic(),
            r.partition(),
            r.offset(),
            e.getMessage());
      }
    }
  }

  /** Per sample, the latest clock it may set (see {@link dev.alerting.rule.engine.RuleEngine}). */
  ToLongFunction<Sample> latestClock() {
    // no future-dated sample (the usual poll): no lookup, and no boxed default per sample
    return caps.isEmpty() ? s -> Long.MAX_VALUE : s -> caps.getOrDefault(s, NO_CAP);
  }
}
