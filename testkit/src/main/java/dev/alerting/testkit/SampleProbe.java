package dev.alerting.testkit;

import dev.alerting.model.sample.Sample;
import dev.alerting.platform.codec.SampleDecoder;
import dev.alerting.platform.kafka.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads {@code metrics.samples} from the beginning, outside any consumer group, decoding each
 * record (either form) with the shared {@link SampleDecoder}, so tests assert on samples whatever
 * the ingest's encoding. Not thread-safe: one test thread polls it.
 */
public final class SampleProbe implements AutoCloseable {
  /** One decoded record: where it lies and the samples it holds, in order. */
  public record Read(ConsumerRecord<String, byte[]> record, List<Sample> samples) {}

  private final KafkaConsumer<String, byte[]> consumer;
  private final SampleDecoder decoder = new SampleDecoder();
  private final List<Read> seen = new ArrayList<>();

  public SampleProbe(String bootstrapServers) {
    consumer =
        new KafkaConsumer<>(
            Map.of(
                "bootstrap.servers", bootstrapServers,
                "enable.auto.commit", "false",
                "isolation.level", "read_committed"),
            new StringDeserializer(),
            new ByteArrayDeserializer());
    List<TopicPartition> parts =
        consumer.partitionsFor(Topics.SAMPLES, Duration.ofSeconds(30)).stream()
            .map(p -> new TopicPartition(Topics.SAMPLES, p.partition()))
            .collect(Collectors.toList());
    consumer.assign(parts);
    consumer.seekToBeginning(parts);
  }

  /** Every record read so far, decoded, in the order polled. */
  public List<Read> records() {
    return List.copyOf(seen);
  }

  /** Every sample read so far, in the order polled. */
  public List<Sample> samples() {
    return seen.stream().flatMap(r -> r.samples().stream()).toList();
  }

  /** Polls until at least {@code count} samples match, or fails after {@code timeout}. */
  public List<Sample> await(Predicate<Sample> match, int count, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      List<Sample> hits = samples().stream().filter(match).toList();
      if (hits.size() >= count) {
        return hits;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "expected "
                + count
                + " matching samples within "
                + timeout
                + ", saw "
                + hits.size()
                + " (of "
                + samples().size()
                + " read): "
                + samples());
      }
      poll(Duration.ofMillis(100));
    }
  }

  /** Reads everything currently on the topic (polls until two empty polls in a row). */
  public List<Sample> drain() {
    int empty = 0;
    while (empty < 2) {
      empty = poll(Duration.ofMillis(300)) == 0 ? empty + 1 : 0;
    }
    return samples();
  }

  private int poll(Duration timeout) {
    int n = 0;
    for (ConsumerRecord<String, byte[]> r : consumer.poll(timeout)) {
      seen.add(new Read(r, decoder.decode(r.headers(), r.value())));
      n++;
    }
    return n;
  }

  @Override
  public void close() {
    consumer.close(org.apache.kafka.clients.consumer.CloseOptions.timeout(Duration.ofSeconds(2)));
  }
}
