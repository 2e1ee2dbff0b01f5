package dev.alerting.promql.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alerting.model.Labels;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The store's series index")
class SeriesIndexTest {
  private static Labels series(int k) {
    // a new but equal label set at each call, as a decoder that rebuilt it would hand over
    return Labels.of("__name__", "m" + (k % 7), "instance", "host-" + k);
  }

  private static void assertSame(SeriesIndex index, Map<Integer, SeriesBuffer> expected, int keys) {
    assertThat(index.size()).isEqualTo(expected.size());
    for (int k = 0; k < keys; k++) {
      assertThat(index.get(series(k))).as("series %d", k).isSameAs(expected.get(k));
    }
  }

  @Test
  @DisplayName(
      "finds and removes series as a hash map does while it grows over many pages and back")
  void againstHashMap() {
    int keys = 150_000;
    SeriesIndex index = new SeriesIndex();
    Map<Integer, SeriesBuffer> expected = new HashMap<>();
    List<Integer> held = new ArrayList<>();
    Random random = new Random(13);
    int next = 0;
    int ops = 0;
    while (next < keys) {
      if (random.nextInt(4) == 0 && !held.isEmpty()) {
        int k = held.remove(random.nextInt(held.size()));
        index.remove(expected.remove(k));
      } else {
        SeriesBuffer b = new SeriesBuffer(series(next));
        index.add(b);
        expected.put(next, b);
        held.add(next++);
      }
      if (++ops % 40_000 == 0) {
        assertSame(index, expected, next);
      }
    }
    assertThat(index.capacity()).isGreaterThan(4 * SeriesIndex.PAGE);
    assertSame(index, expected, keys);
    while (!held.isEmpty()) {
      int k = held.remove(random.nextInt(held.size()));
      SeriesBuffer b = expected.remove(k);
      index.remove(b);
      index.remove(b); // a second removal finds nothing to remove
      if (held.size() % 20_000 == 0) {
        assertSame(index, expected, keys);
      }
    }
    assertThat(index.size()).isZero();
    assertThat(index.capacity()).isLessThanOrEqualTo(32);
  }

  @Test
  @DisplayName(
      "keeps no array of slots as large as half of G1's smallest region (no humongous table)")
  void noHumongousTable() {
    SeriesIndex index = new SeriesIndex();
    for (int k = 0; k < 200_000; k++) {
      index.add(new SeriesBuffer(series(k)));
    }
    assertThat(index.capacity()).isEqualTo(1 << 19);
    // 8 bytes a reference without compressed pointers, plus the array header
    assertThat(8L * index.longestPage() + 16).isLessThan(512 * 1024);
  }
}
