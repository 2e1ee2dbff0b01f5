package dev.alerting.rule.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@DisplayName("The restart replay's bound (RULES_REPLAY_MAX_SAMPLES)")
class SampleReplayBoundTest {

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of(
            "under the bound: everything",
            new long[] {0, 0},
            new long[] {100, 50},
            1000,
            new long[] {0, 0},
            0L),
        Arguments.of(
            "three equal partitions over the bound keep their newest",
            new long[] {0, 0, 0},
            new long[] {1000, 1000, 1000},
            300,
            new long[] {900, 900, 900},
            2700L),
        Arguments.of(
            "uneven partitions keep their share",
            new long[] {0, 500},
            new long[] {900, 600},
            100,
            new long[] {810, 590},
            900L),
        Arguments.of(
            "a partition with nothing to replay stays empty",
            new long[] {40, 7},
            new long[] {40, 1007},
            10,
            new long[] {40, 997},
            990L));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  @DisplayName("starts are moved forward so at most the bound is read, newest kept")
  void bound(String name, long[] from, long[] until, int max, long[] expected, long skipped) {
    Map<TopicPartition, Long> f = new HashMap<>();
    Map<TopicPartition, Long> u = new HashMap<>();
    for (int p = 0; p < from.length; p++) {
      f.put(new TopicPartition("metrics.samples", p), from[p]);
      u.put(new TopicPartition("metrics.samples", p), until[p]);
    }
    assertThat(SampleReplay.bound(f, u, max)).isEqualTo(skipped);
    long read = 0;
    for (int p = 0; p < from.length; p++) {
      TopicPartition tp = new TopicPartition("metrics.samples", p);
      assertThat(f.get(tp)).as("start of partition %d", p).isEqualTo(expected[p]);
      read += u.get(tp) - f.get(tp);
    }
    assertThat(read).isLessThanOrEqualTo(max);
  }
}
