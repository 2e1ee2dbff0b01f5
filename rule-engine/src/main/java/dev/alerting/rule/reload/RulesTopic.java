package dev.alerting.rule.reload;

import dev.alerting.platform.kafka.KafkaSettings;
import dev.alerting.platform.kafka.Topics;
import dev.alerting.rule.checkpoint.CompactedTopic;
import dev.alerting.rule.file.RuleFileException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.kafka.client.common.TopicPartition;
import io.vertx.kafka.client.consumer.KafkaConsumer;
import io.vertx.kafka.client.consumer.KafkaConsumerRecord;
import io.vertx.kafka.client.producer.KafkaProducer;
import io.vertx.kafka.client.producer.KafkaProducerRecord;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The compacted {@code rules} topic: writes a new rule file and follows the topic, outside any
 * consumer group, so every instance sees every version (its own included) in the same order.
 */
public final class RulesTopic {
  private static final Logger LOG = LoggerFactory.getLogger(RulesTopic.class);

  /** One version of the rules as read from the topic. */
  public record Version(String text, long offset, String source) {}

  private final Vertx vertx;
  private final KafkaSettings kafka;
  private final int maxBytes;
  private KafkaProducer<String, String> producer;
  private KafkaConsumer<String, String> consumer;

  /** {@code maxBytes}: the largest rule-file text written ({@code RULES_MAX_FILE_BYTES}). */
  public RulesTopic(Vertx vertx, KafkaSettings kafka, int maxBytes) {
    this.vertx = vertx;
    this.kafka = kafka;
    this.maxBytes = maxBytes;
  }

  /** Writes {@code text} as the current rules; completes with its offset once acknowledged. */
  public Future<Long> publish(String text, String source) {
    int size = text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    if (size > maxBytes) {
      return Future.failedFuture(
          new RuleFileException(
              List.of(
                  source
                      + ": the rule file is "
                      + size
                      + " bytes, over RULES_MAX_FILE_BYTES="
                      + maxBytes)));
    }
    if (producer == null) {
      Map<String, String> config = kafka.producer("rule-engine-rules");
      config.put("max.request.size", String.valueOf(maxBytes + Topics.RECORD_OVERHEAD_BYTES));
      producer = KafkaProducer.create(vertx, config);
    }
    KafkaProducerRecord<String, String> r =
        KafkaProducerRecord.create(Topics.RULES, Topics.RULES_KEY, text)
            .addHeader(CompactedTopic.SOURCE_HEADER, Buffer.buffer(source));
    return producer.send(r).map(md -> md.getOffset());
  }

  /** Delivers every version written at or after {@code fromOffset}, on this context. */
  public Future<Void> follow(long fromOffset, Consumer<Version> handler) {
    Map<String, String> config = kafka.consumer(null, "rule-engine-rules-follower");
    consumer = KafkaConsumer.create(vertx, config);
    consumer.exceptionHandler(e -> LOG.warn("rules topic consumer error: {}", e.getMessage()));
    consumer.handler(r -> deliver(r, fromOffset, handler));
    TopicPartition tp = new TopicPartition(Topics.RULES, 0);
    return consumer.assign(tp).compose(v -> consumer.seek(tp, fromOffset));
  }

  private static void deliver(
      KafkaConsumerRecord<String, String> r, long from, Consumer<Version> handler) {
    if (r.offset() < from || r.value() == null || !Topics.RULES_KEY.equals(r.key())) {
      return;
    }
    String source =
        r.headers().stream()
            .filter(h -> h.key().equals(CompactedTopic.SOURCE_HEADER))
            .map(h -> h.value().toString())
            .reduce((a, b) -> b)
            .orElse(Topics.RULES);
    handler.accept(new Version(r.value(), r.offset(), source));
  }

  public Future<Void> close() {
    Future<Void> c =
        consumer == null
            ? Future.succeededFuture()
            : consumer.close().recover(e -> Future.succeededFuture());
    return c.compose(
        v ->
            producer == null
                ? Future.succeededFuture()
                : producer.close().recover(e -> Future.succeededFuture()));
  }
}
