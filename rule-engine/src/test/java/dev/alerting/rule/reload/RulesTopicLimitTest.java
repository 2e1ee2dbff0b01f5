package dev.alerting.rule.reload;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alerting.platform.kafka.KafkaSettings;
import dev.alerting.rule.file.RuleFileException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The rules topic's size limit (RULES_MAX_FILE_BYTES)")
class RulesTopicLimitTest {

  @Test
  @DisplayName(
      "a rule file over the limit (from RULES_FILE at start-up or on reload) is refused before the"
          + " producer, naming the key and the file")
  void oversizedFileRefusedBeforeProducer() {
    Vertx vertx = Vertx.vertx();
    try {
      // an unreachable broker: the refusal must not need one
      RulesTopic topic =
          new RulesTopic(vertx, new KafkaSettings("localhost:1", 1, (short) 1), 1024);
      Future<Long> published = topic.publish("#".repeat(2000), "/etc/rules/big.yml");
      assertThat(published.failed()).isTrue();
      assertThat(published.cause())
          .isInstanceOf(RuleFileException.class)
          .hasMessageContaining("RULES_MAX_FILE_BYTES=1024")
          .hasMessageContaining("/etc/rules/big.yml");
    } finally {
      vertx.close().await();
    }
  }
}
