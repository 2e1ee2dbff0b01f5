package dev.alerting.rule.stream;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.InvalidTxnStateException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("When the rule engine's transactional writer can write no more")
class TransactionalWriterTest {
  @Test
  @DisplayName(
      "fenced, or its transaction taken during a commit (the producer then stays in an error"
          + " state): the term ends; a timeout is retried")
  void endsTheTermOnlyWhenItCannotWrite() {
    assertThat(TransactionalWriter.isFencing(new ProducerFencedException("newer epoch"))).isTrue();
    // seen in CI: another claim aborted the open transaction during its commit
    InvalidTxnStateException taken =
        new InvalidTxnStateException(
            "The producer attempted a transactional operation in an invalid state.");
    assertThat(TransactionalWriter.isFencing(taken)).isTrue();
    assertThat(
            TransactionalWriter.isFencing(
                new KafkaException(
                    "Cannot execute transactional method because we are in an error state",
                    new KafkaException("some other fatal error"))))
        .isTrue();
    assertThat(TransactionalWriter.isFencing(new KafkaException("wrapped", taken))).isTrue();

    assertThat(TransactionalWriter.isFencing(new TimeoutException("Expiring 1 record(s)")))
        .isFalse();
    assertThat(TransactionalWriter.isFencing(new KafkaException("broker unreachable"))).isFalse();
  }
}
