package dev.alerting.promql.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alerting.model.Labels;
import dev.alerting.model.sample.FloatHistogram;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The compressed series buffer against the uncompressed one as the reference: every read bit-exact
 * (values compared as raw bits, so NaN payloads such as stale markers count).
 */
@DisplayName("A compressed series buffer")
class PackedSeriesBufferTest {
  private static final Labels UP = Labels.of("__name__", "up");
  private static final long STALE = 0x7ff0000000000002L;

  private static final double[] SPECIAL = {
    Double.NaN,
    Double.longBitsToDouble(STALE),
    Double.longBitsToDouble(0x7ff8dead_beef0001L),
    Double.POSITIVE_INFINITY,
    Double.NEGATIVE_INFINITY,
    -0.0,
    0.0,
    Double.MIN_VALUE,
    -Double.MAX_VALUE,
    1.0,
  };

  private static double counter;

  private static double value(Random random) {
    return switch (random.nextInt(12)) {
      // whole numbers far apart: steps past an int, which the encoder keeps clamped
      case 11 -> (double) (random.nextLong() >> 14);
      // decimals in tenths to thousandths, and one digit more
      case 9 -> Math.round(random.nextGaussian() * 1e6) / Math.pow(10, random.nextInt(5));
      case 10 -> counter += random.nextInt(100) / 100.0;
      case 0 -> SPECIAL[random.nextInt(SPECIAL.length)];
      case 1 -> Double.longBitsToDouble(random.nextLong());
      case 2 -> random.nextDouble();
      case 3 -> random.nextInt(1000);
      // whole numbers at and past 2^53, where the integer code must not be used
      case 4 -> (double) ((1L << 53) + random.nextInt(5) - 2) * (random.nextBoolean() ? 1 : -1);
      case 5 -> (double) random.nextLong();
      case 6, 7 -> counter += random.nextInt(3) == 0 ? random.nextInt(1 << 20) : 1500;
      default -> 42;
    };
  }

  private static long step(Random random) {
    return switch (random.nextInt(8)) {
      case 0 -> 1 + random.nextInt(1 << 20); // gaps in every timestamp bucket
      case 1 -> 1 + (random.nextLong() >>> 20); // huge gaps: the 64-bit bucket
      case 2 -> 1;
      default -> 15_000 + random.nextInt(11) - 5;
    };
  }

  private static void assertSame(SeriesBuffer actual, SeriesBuffer reference) {
    assertThat(actual.size()).isEqualTo(reference.size());
    if (reference.size() == 0) {
      return;
    }
    assertThat(actual.oldest()).isEqualTo(reference.oldest());
    assertThat(actual.newestTimestamp()).isEqualTo(reference.newestTimestamp());
    assertThat(Double.doubleToRawLongBits(actual.newestValue()))
        .isEqualTo(Double.doubleToRawLongBits(reference.newestValue()));
    assertWindow(actual, reference, Long.MIN_VALUE, Long.MAX_VALUE);
  }

  private static void assertWindow(
      SeriesBuffer actual, SeriesBuffer reference, long min, long max) {
    SeriesSamples e = reference.window(min, max);
    SeriesSamples a = actual.window(min, max);
    long[][] visited = new long[2][];
    actual.visitWindow(
        min,
        max,
        (labels, ts, vs, hs, from, to) -> {
          visited[0] = java.util.Arrays.copyOfRange(ts, from, to);
          long[] bits = new long[to - from];
          for (int i = from; i < to; i++) {
            bits[i - from] = Double.doubleToRawLongBits(vs[i]);
          }
          visited[1] = bits;
        });
    if (e == null) {
      assertThat(a).isNull();
      assertThat(visited[0]).isNull();
      return;
    }
    assertThat(a.timestamps()).containsExactly(e.timestamps());
    assertThat(visited[0]).containsExactly(e.timestamps());
    long[] expectedBits = new long[e.size()];
    long[] actualBits = new long[a.size()];
    for (int i = 0; i < e.size(); i++) {
      expectedBits[i] = Double.doubleToRawLongBits(e.values()[i]);
      actualBits[i] = Double.doubleToRawLongBits(a.values()[i]);
    }
    assertThat(actualBits).containsExactly(expectedBits);
    assertThat(visited[1]).containsExactly(expectedBits);
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 42, 1234})
  @DisplayName("reads back bit-exact what the uncompressed buffer holds, under any mix of writes")
  void roundTrip(long seed) {
    Random random = new Random(seed);
    SeriesBuffer packed = new SeriesBuffer(UP);
    SeriesBuffer reference = new SeriesBuffer(UP);
    long now = random.nextLong() >> 8;
    for (int step = 0; step < 3_000; step++) {
      int op = random.nextInt(40);
      if (op < 32 || reference.size() == 0) {
        now += step(random);
        double v = value(random);
        assertThat(packed.add(now, v, true)).isEqualTo(reference.add(now, v));
      } else if (op < 34) {
        // an equal timestamp replaces, as without compression
        double v = value(random);
        assertThat(packed.add(now, v, true)).isEqualTo(reference.add(now, v)).isFalse();
      } else if (op < 36) {
        long late = now - random.nextInt(100_000);
        double v = value(random);
        assertThat(packed.add(late, v, true)).isEqualTo(reference.add(late, v));
      } else {
        long cutoff = reference.time(random.nextInt(reference.size())) - random.nextInt(2);
        packed.evictUpTo(cutoff, true);
        reference.evictUpTo(cutoff);
        assertThat(reference.size() == 0 || packed.packed()).isTrue();
      }
      assertSame(packed, reference);
      if (reference.size() > 0 && step % 7 == 0) {
        long min = reference.time(random.nextInt(reference.size())) - random.nextInt(3);
        long max = min + random.nextInt(200_000);
        assertWindow(packed, reference, min, max);
      }
    }
  }

  @ParameterizedTest(name = "{0} samples")
  @ValueSource(ints = {1, 2, 3, 65, 260})
  @DisplayName("evicts correctly at every position, and appends on after it")
  void evictionAtEveryPosition(int n) {
    Random random = new Random(n);
    long[] times = new long[n];
    double[] values = new double[n];
    long t = 1_700_000_000_000L;
    for (int i = 0; i < n; i++) {
      t += step(random);
      times[i] = t;
      values[i] = value(random);
    }
    for (int k = 0; k <= n; k++) {
      SeriesBuffer packed = new SeriesBuffer(UP);
      SeriesBuffer reference = new SeriesBuffer(UP);
      for (int i = 0; i < n; i++) {
        packed.add(times[i], values[i], true);
        reference.add(times[i], values[i]);
      }
      long cutoff = k == 0 ? times[0] - 1 : times[k - 1];
      packed.evictUpTo(cutoff, true);
      reference.evictUpTo(cutoff);
      assertThat(packed.size()).isEqualTo(n - k);
      assertSame(packed, reference);
      for (int i = 0; i < 5; i++) {
        long next = times[n - 1] + 15_000L * (i + 1) + i;
        packed.add(next, i * 0.5, true);
        reference.add(next, i * 0.5);
      }
      assertSame(packed, reference);
    }
  }

  /**
   * A scraped series read as rules read it: every step appends one sample (counters with resets,
   * NaN, stale markers, jitter), evicts past the retention, then reads windows ending at the newest
   * sample ([5m], [10m], [1h], an {@code offset 1h}, twice the same), windows starting exactly at a
   * held sample and one millisecond before it (the read cursor's boundary), and random ones further
   * back; each against the uncompressed buffer.
   */
  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3, 11, 99})
  @DisplayName("reads the windows rules read, from its read cursor, as the uncompressed buffer")
  void slidingReads(long seed) {
    Random random = new Random(seed);
    SeriesBuffer packed = new SeriesBuffer(UP);
    SeriesBuffer reference = new SeriesBuffer(UP);
    long retention = 65 * 60_000L;
    long t = 1_700_000_000_000L;
    double counter = 0;
    for (int step = 0; step < 1_500; step++) {
      t += 15_000 + random.nextInt(5) - 2;
      int kind = random.nextInt(50);
      if (kind == 0) {
        counter = random.nextInt(10); // a counter reset
      } else {
        counter += random.nextInt(2_000);
      }
      double v =
          switch (kind) {
            case 1 -> Double.longBitsToDouble(STALE);
            case 2 -> Double.NaN;
            case 3 -> value(random);
            default -> counter;
          };
      packed.add(t, v, true);
      reference.add(t, v);
      if (random.nextInt(3) > 0) {
        packed.evictUpTo(t - retention, true);
        reference.evictUpTo(t - retention);
      }
      for (long range : new long[] {5 * 60_000L, 5 * 60_000L, 10 * 60_000L, 3_600_000L}) {
        assertWindow(packed, reference, t - range, t);
      }
      assertWindow(packed, reference, t - retention, t - 3_600_000L);
      int i = random.nextInt(reference.size());
      long at = reference.time(i);
      assertWindow(packed, reference, at, t);
      assertWindow(packed, reference, at - 1, t);
      assertWindow(packed, reference, at, at + random.nextInt(100_000));
      if (random.nextInt(10) == 0) {
        long min = t - random.nextInt((int) retention + 60_000);
        assertWindow(packed, reference, min, min + random.nextInt(600_000));
      }
    }
    assertThat(packed.packed()).isTrue();
  }

  @Test
  @DisplayName("holds a sliding window of scraped counters in under 2 bytes a sample")
  void scrapedCounter() {
    Random random = new Random(7);
    SeriesBuffer b = new SeriesBuffer(UP);
    SeriesBuffer reference = new SeriesBuffer(UP);
    long t = 1_700_000_000_000L;
    double counter = 123_456;
    for (int i = 0; i < 2_000; i++) {
      t += 15_000 + (random.nextInt(5) == 0 ? random.nextInt(5) - 2 : 0);
      counter += random.nextInt(4);
      b.add(t, counter, true);
      reference.add(t, counter);
      b.evictUpTo(t - 65 * 60_000, true);
      reference.evictUpTo(t - 65 * 60_000);
    }
    assertThat(b.size()).isBetween(259, 261);
    assertThat(b.packedBytes()).isLessThan(2 * b.size());
    assertSame(b, reference);
  }

  @Test
  @DisplayName("unpacks for a late sample and packs again at the next eviction")
  void lateSample() {
    SeriesBuffer b = new SeriesBuffer(UP);
    for (long t = 1; t <= 100; t++) {
      b.add(t * 10, t, true);
    }
    assertThat(b.packed()).isTrue();
    assertThat(b.add(505, -1, true)).isTrue();
    assertThat(b.add(510, -2, true)).isFalse();
    assertThat(b.packed()).isFalse();
    b.evictUpTo(100, true);
    assertThat(b.packed()).isTrue();
    assertThat(b.size()).isEqualTo(91);
    SeriesSamples w = b.window(500, 520);
    assertThat(w.timestamps()).containsExactly(505, 510, 520);
    assertThat(w.values()).containsExactly(-1, -2, 52);
  }

  @Test
  @DisplayName("keeps a series with native histograms in the ring")
  void histograms() {
    SeriesBuffer b = new SeriesBuffer(UP);
    b.add(10, 1.0, true);
    b.add(20, 2.0, true);
    FloatHistogram h = FloatHistogram.builder().count(3).sum(6).build();
    b.add(30, h);
    b.evictUpTo(10, true);
    assertThat(b.packed()).isFalse();
    assertThat(b.newestHistogram()).isSameAs(h);
    assertThat(b.histogram(0)).isNull();
    assertThat(b.window(0, 100).timestamps()).containsExactly(20, 30);
  }
}
