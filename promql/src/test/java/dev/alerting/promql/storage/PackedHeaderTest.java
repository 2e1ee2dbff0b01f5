package dev.alerting.promql.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alerting.model.Labels;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A compressed series' coder state lives in its own array's header words and one coder per thread
 * works on every series: no series may see another's state.
 */
@DisplayName("A compressed series' header state")
class PackedHeaderTest {
  private static final Labels UP = Labels.of("__name__", "up");

  @Test
  @DisplayName("keeps each of the nine small states over its whole range, beside the others")
  void smallStatesRoundTrip() {
    for (int index = 0; index < 9; index++) {
      for (int v = -64; v <= 63; v++) {
        // the others set to a pattern that must survive the write
        long word = 0;
        for (int other = 0; other < 9; other++) {
          word = PackedHeader.withState(word, other, other * 7 - 30);
        }
        word = PackedHeader.withState(word, index, v);
        for (int other = 0; other < 9; other++) {
          assertThat(PackedHeader.state(word, other))
              .as("state %d after writing %d at %d", other, v, index)
              .isEqualTo((byte) (other == index ? v : other * 7 - 30));
        }
      }
    }
  }

  @ParameterizedTest(name = "high {0}")
  @ValueSource(ints = {0, 1, -1, Integer.MIN_VALUE, Integer.MAX_VALUE, 4_096})
  @DisplayName("keeps two ints in a word, negative low halves included")
  void pairsRoundTrip(int high) {
    for (int low : new int[] {0, 1, -1, Integer.MIN_VALUE, Integer.MAX_VALUE, 768}) {
      long word = PackedHeader.pair(high, low);
      assertThat(PackedHeader.high(word)).isEqualTo(high);
      assertThat(PackedHeader.low(word)).isEqualTo(low);
    }
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3, 4})
  @DisplayName(
      "is the series' own: two series appended, evicted and read in turn decode as their"
          + " uncompressed references")
  void seriesInTurnKeepTheirOwnState(long seed) {
    Random random = new Random(seed);
    SeriesBuffer[] packed = {new SeriesBuffer(UP), new SeriesBuffer(UP)};
    SeriesBuffer[] reference = {new SeriesBuffer(UP), new SeriesBuffer(UP)};
    long[] t = {1_000, 7};
    double[] v = {0, 0};
    for (int step = 0; step < 3_000; step++) {
      int s = step & 1;
      // series 0 a counter (the integer code, its step state), series 1 values whose XOR window
      // moves (leading and trailing zeros); both with a jittered interval (the delta state)
      t[s] += 15_000 + random.nextInt(9) - 4;
      v[s] =
          s == 0
              ? v[s] + 100 + random.nextInt(3)
              : Double.longBitsToDouble(random.nextLong() >>> random.nextInt(40));
      packed[s].add(t[s], v[s], true);
      reference[s].add(t[s], v[s]);
      packed[s].evictUpTo(t[s] - 30 * 60_000, true);
      reference[s].evictUpTo(t[s] - 30 * 60_000);
      assertThat(packed[s].packed()).isTrue();
      // a rule's sliding 5m window (from the read cursor) and the whole retention
      for (long min : new long[] {t[s] - 5 * 60_000, Long.MIN_VALUE}) {
        assertSameWindow(packed[s], reference[s], min);
      }
      assertThat(packed[s].newestTimestamp()).isEqualTo(reference[s].newestTimestamp());
      assertThat(Double.doubleToRawLongBits(packed[s].newestValue()))
          .isEqualTo(Double.doubleToRawLongBits(reference[s].newestValue()));
    }
  }

  private static void assertSameWindow(SeriesBuffer packed, SeriesBuffer reference, long min) {
    SeriesSamples e = reference.window(min, Long.MAX_VALUE);
    SeriesSamples a = packed.window(min, Long.MAX_VALUE);
    assertThat(a.timestamps()).containsExactly(e.timestamps());
    long[] expected = new long[e.size()];
    long[] actual = new long[a.size()];
    for (int i = 0; i < e.size(); i++) {
      expected[i] = Double.doubleToRawLongBits(e.values()[i]);
      actual[i] = Double.doubleToRawLongBits(a.values()[i]);
    }
    assertThat(actual).containsExactly(expected);
  }
}
