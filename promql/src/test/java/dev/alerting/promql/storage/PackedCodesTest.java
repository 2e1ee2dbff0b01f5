package dev.alerting.promql.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alerting.model.Labels;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.LongUnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The compressed stream's codes (a gap less the sticky interval, a value step's change): each feed
 * below through a compressed buffer and an uncompressed one, read back bit-exact, with evictions
 * and window reads from the read cursor on the way; the codes' bucket boundaries one by one; the
 * interval's rule; and the bits a jittered scrape costs.
 */
@DisplayName("The compressed stream's codes")
class PackedCodesTest {
  private static final Labels UP = Labels.of("__name__", "up");
  private static final long STALE = 0x7ff0000000000002L;
  private static final long RETENTION = 65 * 60_000;

  /** The magnitudes at each side of each bucket edge of the gap code and of the step code. */
  private static final long[] EDGES = {
    0, 1, 2, 4, 5, 9, 10, 20, 21, 137, 138, 148, 149, 524_425, 524_426, 524_436, 524_437, 1L << 40
  };

  /**
   * A feed's next gap (ms) after step {@code i}; may be 0 or negative (a replaced or late sample).
   */
  private record Times(String name, LongUnaryOperator gap) {}

  /** A feed's value at step {@code i}. */
  private record Values(String name, java.util.function.LongToDoubleFunction value) {}

  private static List<Times> times(Random r) {
    return List.of(
        new Times("15 s ±2 ms", i -> 15_000 + r.nextInt(5) - r.nextInt(5)),
        new Times("15 s ±10 ms", i -> 15_000 + r.nextInt(21) - r.nextInt(21)),
        new Times("on the grid", i -> 15_000),
        new Times(
            "grid shifts of 1 to 300 ms", i -> 15_000 + (i % 97 == 0 ? r.nextInt(601) - 300 : 0)),
        new Times(
            "the interval changing", i -> i % 200 < 100 ? 15_000 : i % 200 < 150 ? 30_000 : 1),
        new Times("every gap code edge", i -> 15_000 + edge(i, r)),
        new Times("huge gaps", i -> r.nextInt(10) == 0 ? 1 + (r.nextLong() >>> 24) : 15_000),
        new Times("late and equal samples", i -> r.nextInt(20) == 0 ? -r.nextInt(40_000) : 15_000));
  }

  private static List<Values> values(Random r) {
    double[] counter = {0};
    return List.of(
        new Values(
            "a counter resetting", i -> counter[0] = i % 50 == 0 ? 0 : counter[0] + r.nextInt(30)),
        new Values(
            "a counter in hundredths", i -> (double) Math.round(i * 123.45 + r.nextInt(9)) / 100),
        new Values("every step code edge", i -> counter[0] += (double) (i * 1500 + edge(i, r))),
        new Values(
            "NaN, stale markers, ±Inf among whole numbers",
            i ->
                switch (r.nextInt(8)) {
                  case 0 -> Double.longBitsToDouble(STALE);
                  case 1 -> Double.NaN;
                  case 2 -> r.nextBoolean() ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
                  default -> r.nextInt(100);
                }));
  }

  private static long edge(long i, Random r) {
    long m = EDGES[(int) (i % EDGES.length)];
    return r.nextBoolean() ? m : -m;
  }

  static Stream<Arguments> feeds() {
    List<Arguments> out = new ArrayList<>();
    Random names = new Random(0);
    for (Times t : times(names)) {
      for (Values v : values(names)) {
        out.add(Arguments.of(t.name(), v.name()));
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0}, {1}")
  @MethodSource("feeds")
  @DisplayName("reads back every timestamp and value bit-exact")
  void roundTrip(String timeFeed, String valueFeed) {
    for (long seed = 1; seed <= 3; seed++) {
      Random r = new Random(seed);
      Times times = times(r).stream().filter(t -> t.name().equals(timeFeed)).findFirst().get();
      Values values = values(r).stream().filter(v -> v.name().equals(valueFeed)).findFirst().get();
      SeriesBuffer packed = new SeriesBuffer(UP);
      SeriesBuffer reference = new SeriesBuffer(UP);
      long t = (r.nextLong() >> 2) - (1L << 61);
      for (long i = 0; i < 1_200; i++) {
        t += times.gap().applyAsLong(i);
        double v = values.value().applyAsDouble(i);
        assertThat(packed.add(t, v, true)).isEqualTo(reference.add(t, v));
        if (i % 3 == 0) {
          packed.evictUpTo(t - RETENTION, true);
          reference.evictUpTo(t - RETENTION);
        }
        if (i % 5 == 0) {
          // a rule's [5m] window, then one further back, as rules read them
          assertWindow(packed, reference, t - 300_000, t);
          assertWindow(packed, reference, t - 1_800_000 - r.nextInt(3), t - 60_000);
        }
      }
      assertWindow(packed, reference, Long.MIN_VALUE, Long.MAX_VALUE);
    }
  }

  @ParameterizedTest(name = "gap {0} ms off the interval")
  @MethodSource("edges")
  @DisplayName("codes a gap at each side of each bucket edge")
  void gapEdges(long off) {
    SeriesBuffer packed = new SeriesBuffer(UP);
    SeriesBuffer reference = new SeriesBuffer(UP);
    // the first gap sets the interval; the second is coded as its difference to it
    long[] ts = {1_000, 16_000, 31_000 + off, 46_000 + off, 61_000 + off};
    for (long t : ts) {
      assertThat(packed.add(t, 1, true)).isEqualTo(reference.add(t, 1));
    }
    assertWindow(packed, reference, Long.MIN_VALUE, Long.MAX_VALUE);
  }

  @ParameterizedTest(name = "step change {0}")
  @MethodSource("edges")
  @DisplayName("codes a counter's step change at each side of each bucket edge")
  void stepEdges(long change) {
    SeriesBuffer packed = new SeriesBuffer(UP);
    SeriesBuffer reference = new SeriesBuffer(UP);
    double[] vs = {1e6, 1e6 + 700, 1e6 + 1400 + change, 1e6 + 2100 + 2 * change};
    for (int i = 0; i < vs.length; i++) {
      assertThat(packed.add(15_000L * i, vs[i], true)).isEqualTo(reference.add(15_000L * i, vs[i]));
    }
    assertWindow(packed, reference, Long.MIN_VALUE, Long.MAX_VALUE);
  }

  static Stream<Long> edges() {
    return Stream.of(EDGES)
        .flatMapToLong(java.util.Arrays::stream)
        .boxed()
        .flatMap(m -> Stream.of(m, -m))
        .distinct();
  }

  @ParameterizedTest(name = "interval {0}, gap {1} -> {2}")
  @CsvSource({
    "0, 15003, 15003", // the first gap
    "15000, 15003, 15000", // jitter leaves it
    "15000, 14996, 15000",
    "15000, 15004, 15001", // 1/8 of the way, rounded
    "15000, 14995, 14999",
    "15000, 15128, 15016",
    "15000, 14872, 14984",
    "15000, 15129, 15129", // too far off: a new interval
    "15000, 14871, 14871",
    "15000, 30000, 30000",
    "15000, 1099511627776, 2147483647", // clamped as the decoder clamps it
  })
  @DisplayName("moves the interval 1/8 of the way to a gap, or resets it to a gap far off it")
  void interval(int interval, long gap, int expected) {
    assertThat(TimeCode.interval(interval, gap)).isEqualTo(expected);
  }

  @Test
  @DisplayName("codes a constant series scraped ±2 ms off a 15 s grid in under 5.6 bits a sample")
  void jitterCost() {
    // the gap less the interval is the difference of two offsets (±4, 80 % of them 5 bits); a
    // delta of deltas is that difference's difference (±8, mostly 6 bits): about 6.2 with the value
    Random r = new Random(11);
    SeriesBuffer b = new SeriesBuffer(UP);
    long grid = 1_700_000_000_000L;
    for (int i = 0; i < 2_000; i++) {
      b.add(grid + 15_000L * i + r.nextInt(5) - 2, 42, true);
    }
    assertThat(b.packedBytes() * 8.0 / (b.size() - 1)).isLessThan(5.6);
  }

  @Test
  @DisplayName("codes whole numbers far apart by their XOR, where the integer code would be longer")
  void integerCodeOnlyWhenShorter() {
    // steps of up to 2^49 units take the step code's 64 raw bits (74 a sample with the prefixes and
    // the gap); the XOR of two such doubles leaves their common sign and exponent bits out: 55.6
    Random r = new Random(5);
    SeriesBuffer b = new SeriesBuffer(UP);
    for (int i = 0; i < 2_000; i++) {
      b.add(15_000L * i, (double) (r.nextLong() >>> 15), true);
    }
    assertThat(b.packedBytes() * 8.0 / (b.size() - 1)).isLessThan(60);
  }

  private static void assertWindow(
      SeriesBuffer actual, SeriesBuffer reference, long min, long max) {
    SeriesSamples e = reference.window(min, max);
    SeriesSamples a = actual.window(min, max);
    if (e == null) {
      assertThat(a).isNull();
      return;
    }
    assertThat(a.timestamps()).containsExactly(e.timestamps());
    long[] expected = new long[e.size()];
    long[] got = new long[a.size()];
    for (int i = 0; i < e.size(); i++) {
      expected[i] = Double.doubleToRawLongBits(e.values()[i]);
      got[i] = Double.doubleToRawLongBits(a.values()[i]);
    }
    assertThat(got).containsExactly(expected);
  }
}
