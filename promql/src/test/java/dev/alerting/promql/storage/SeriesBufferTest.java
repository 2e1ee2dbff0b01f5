package dev.alerting.promql.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alerting.model.Labels;
import java.util.Arrays;
import java.util.Random;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.LongStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("A series buffer")
class SeriesBufferTest {
  private static final Labels UP = Labels.of("__name__", "up");

  @ParameterizedTest(name = "{0} samples")
  @ValueSource(ints = {1, 20, 31, 260, 1000})
  @DisplayName("fits a steady window to its size, one more and 1/32 for jitter (1/16 at most)")
  void steadyWindowCapacity(int window) {
    SeriesBuffer b = new SeriesBuffer(UP);
    for (long t = 1; t <= 10_000; t++) {
      b.add(t, t);
      b.evictUpTo(t - window);
    }
    assertThat(b.size()).isEqualTo(window);
    int fitted = window + 1 + window / 32;
    assertThat(b.capacity()).isBetween(window + 1, fitted + fitted / 32);
    assertThat(b.window(Long.MIN_VALUE, Long.MAX_VALUE).timestamps())
        .containsExactly(LongStream.rangeClosed(10_001 - window, 10_000).toArray());
  }

  @Test
  @DisplayName("grows when the retention grows and fits again when it shrinks")
  void retentionChange() {
    SeriesBuffer b = new SeriesBuffer(UP);
    long t = 0;
    for (int retention : new int[] {20, 80, 10}) {
      for (int i = 0; i < 500; i++) {
        t++;
        b.add(t, t);
        b.evictUpTo(t - retention);
      }
      assertThat(b.size()).as("retention %d", retention).isEqualTo(retention);
      assertThat(b.capacity())
          .as("retention %d", retention)
          .isEqualTo(retention + 1 + retention / 32);
      assertThat(b.oldest()).isEqualTo(t - retention + 1);
      assertThat(b.newestTimestamp()).isEqualTo(t);
    }
  }

  @Test
  @DisplayName("grows for a window larger now and then, and is fitted again at the next eviction")
  void jitter() {
    SeriesBuffer b = new SeriesBuffer(UP);
    for (long t = 1; t <= 2_000; t++) {
      b.add(t, t);
      // the cutoff lags a step every 7th tick: the window holds 21 instead of 20 samples
      b.evictUpTo(t % 7 == 0 ? t - 21 : t - 20);
    }
    assertThat(b.capacity()).isEqualTo(21);
    b.add(2_001, 2_001);
    b.add(2_002, 2_002);
    assertThat(b.capacity()).isGreaterThan(21);
    b.evictUpTo(1_982);
    assertThat(b.capacity()).isEqualTo(21);
  }

  /**
   * Random appends, late samples, redeliveries and evictions against a sorted map, through growth,
   * fitting and the ring's wrap-around.
   */
  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3, 42})
  @DisplayName("reads as a sorted map of its samples under any mix of writes and evictions")
  void matchesSortedMap(long seed) {
    Random random = new Random(seed);
    SeriesBuffer b = new SeriesBuffer(UP);
    TreeMap<Long, Double> model = new TreeMap<>();
    long now = 0;
    for (int step = 0; step < 20_000; step++) {
      int op = random.nextInt(20);
      if (op < 14) {
        now += 1 + random.nextInt(3);
        double v = random.nextDouble();
        assertThat(b.add(now, v)).isEqualTo(model.put(now, v) == null);
      } else if (op < 18 && !model.isEmpty()) {
        long late = now - random.nextInt(60);
        double v = random.nextDouble();
        assertThat(b.add(late, v)).isEqualTo(model.put(late, v) == null);
      } else {
        long cutoff = now - 10 - random.nextInt(100);
        b.evictUpTo(cutoff);
        model.headMap(cutoff, true).clear();
      }
      assertThat(b.size()).isEqualTo(model.size());
      if (!model.isEmpty()) {
        assertThat(b.newestTimestamp()).isEqualTo(model.lastKey());
        assertThat(b.newestValue()).isEqualTo(model.lastEntry().getValue());
        assertThat(b.oldest()).isEqualTo(model.firstKey());
      }
      if (step % 97 == 0) {
        long min = now - random.nextInt(120);
        long max = min + random.nextInt(120);
        SeriesSamples w = b.window(min, max);
        SortedMap<Long, Double> expected = model.subMap(min, false, max, true);
        if (expected.isEmpty()) {
          assertThat(w).isNull();
        } else {
          assertThat(w.timestamps())
              .containsExactly(expected.keySet().stream().mapToLong(Long::longValue).toArray());
          assertThat(w.values())
              .containsExactly(
                  expected.values().stream().mapToDouble(Double::doubleValue).toArray());
          assertThat(w.hasHistograms()).isFalse();
        }
      }
    }
  }

  @Test
  @DisplayName("keeps in-place insertion and replacement correct across compactions")
  void outOfOrderAcrossCompactions() {
    SeriesBuffer b = new SeriesBuffer(UP);
    for (long t = 0; t < 2_000; t += 2) {
      assertThat(b.add(t, t)).isTrue();
      b.evictUpTo(t - 100);
      if (t % 10 == 0 && t >= 4) {
        // a late sample between two held ones, and a redelivery of a held one
        assertThat(b.add(t - 3, -1)).as("new timestamp %d", t - 3).isTrue();
        assertThat(b.add(t - 2, -2)).as("held timestamp %d", t - 2).isFalse();
      }
    }
    SeriesSamples w = b.window(Long.MIN_VALUE, Long.MAX_VALUE);
    for (int i = 1; i < w.size(); i++) {
      assertThat(w.timestamps()[i]).isGreaterThan(w.timestamps()[i - 1]);
    }
    assertThat(w.timestamps()[0]).isGreaterThan(1_998 - 100);
    int n = w.size();
    assertThat(Arrays.copyOfRange(w.timestamps(), n - 7, n))
        .containsExactly(1_987, 1_988, 1_990, 1_992, 1_994, 1_996, 1_998);
    assertThat(Arrays.copyOfRange(w.values(), n - 7, n))
        .containsExactly(-1, -2, 1_990, 1_992, 1_994, 1_996, 1_998);
    assertThat(b.size()).isEqualTo(n);
  }
}
