package dev.alerting.incident.stream;

import dev.alerting.incident.store.PagingStore;
import dev.alerting.platform.kafka.KafkaSettings;
import dev.alerting.platform.kafka.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Sends outbox pages to the {@code pages} topic and returns only when the broker has every one
 * (acks=all, idempotent producer), so the outbox marks them published only then. Blocking: called
 * on a worker inside the outbox transaction.
 */
public final class PagePublisher
    implements Consumer<List<PagingStore.OutboxRecord>>, AutoCloseable {
  private static final Duration ACK_TIMEOUT = Duration.ofSeconds(15);

  private final KafkaProducer<String, String> producer;

  public PagePublisher(KafkaSettings kafka, String clientId) {
    Map<String, Object> props = new HashMap<>(kafka.producer(clientId));
    this.producer = new KafkaProducer<>(props);
  }

  @Override
  public void accept(List<PagingStore.OutboxRecord> pages) {
    List<Future<RecordMetadata>> sent = new ArrayList<>();
    for (PagingStore.OutboxRecord p : pages) {
      sent.add(producer.send(new ProducerRecord<>(Topics.PAGES, p.key(), p.value())));
    }
    try {
      for (Future<RecordMetadata> f : sent) {
        f.get(ACK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      }
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("pages not acknowledged by Kafka: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while publishing pages", e);
    }
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(5));
  }
}
