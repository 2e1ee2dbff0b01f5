package dev.alerting.promql.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alerting.model.Labels;
import java.util.Arrays;
import java.util.stream.LongStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A series buffer")
class SeriesBufferTest {
  private static final Labels UP = Labels.of("__name__", "up");

  @Test
  @DisplayName("holds a steady window of 260 samples in at most 4/3 as many slots")
  void steadyWindowCapacity() {
    SeriesBuffer b = new SeriesBuffer(UP);
    for (long t = 1; t <= 10_000; t++) {
      b.add(t, t);
      b.evictUpTo(t - 260);
    }
    assertThat(b.size()).isEqualTo(260);
    assertThat(b.capacity()).isBetween(261, 260 * 4 / 3 + 1);
    assertThat(b.window(Long.MIN_VALUE, Long.MAX_VALUE).timestamps())
        .containsExactly(LongStream.rangeClosed(9_741, 10_000).toArray());
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
