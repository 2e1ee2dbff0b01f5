package dev.alerting.testkit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads a whole topic from the beginning, outside any consumer group, so tests can assert what a
 * service wrote. Not thread-safe: one test thread polls it.
 */
public final class TopicProbe implements AutoCloseable {
  private final KafkaConsumer<String, String> consumer;
  private final List<ConsumerRecord<String, String>> seen = new ArrayList<>();

  public TopicProbe(String bootstrapServers, String topic) {
    consumer =
        new KafkaConsumer<>(
            Map.of(
                "bootstrap.servers", bootstrapServers,
                "enable.auto.commit", "false",
                "isolation.level", "read_committed"),
            new StringDeserializer(),
            new StringDeserializer());
    List<TopicPartition> parts =
        consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
            .map(p -> new TopicPartition(topic, p.partition()))
            .collect(Collectors.toList());
    consumer.assign(parts);
    consumer.seekToBeginning(parts);
  }

  /** Everything read so far, in the order polled. */
  public List<ConsumerRecord<String, String>> records() {
    return List.copyOf(seen);
  }

  /** Polls until at least {@code count} records match, or fails after {@code timeout}. */
  public List<ConsumerRecord<String, String>> await(
      Predicate<ConsumerRecord<String, String>> match, int count, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      List<ConsumerRecord<String, String>> hits = seen.stream().filter(match).toList();
      if (hits.size() >= count) {
        return hits;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "expected "
                + count
                + " matching records within "
                + timeout
                + ", saw "
                + hits.size()
                + " (of "
                + seen.size()
                + " read): "
                + seen.stream().map(ConsumerRecord::value).toList());
      }
      consumer.poll(Duration.ofMillis(100)).forEach(seen::add);
    }
  }

  /** Reads everything currently on the topic (polls until two empty polls in a row). */
  public List<ConsumerRecord<String, String>> drain() {
    int empty = 0;
    while (empty < 2) {
      var batch = consumer.poll(Duration.ofMillis(300));
      if (batch.isEmpty()) {
        empty++;
      } else {
        empty = 0;
        batch.forEach(seen::add);
      }
    }
    return List.copyOf(seen);
  }

  @Override
  public void close() {
    consumer.close(org.apache.kafka.clients.consumer.CloseOptions.timeout(Duration.ofSeconds(2)));
  }
}
