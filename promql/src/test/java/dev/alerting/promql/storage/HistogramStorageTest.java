package dev.alerting.promql.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alerting.model.Labels;
import dev.alerting.model.Matcher;
import dev.alerting.model.sample.FloatHistogram;
import dev.alerting.model.sample.HistogramSpan;
import dev.alerting.model.sample.Sample;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Native histogram samples in storage")
class HistogramStorageTest {
  private static final Labels H = Labels.of("__name__", "latency", "job", "a");

  private static FloatHistogram histogram(double count) {
    return FloatHistogram.builder()
        .count(count)
        .sum(count * 2)
        .positive(List.of(new HistogramSpan(0, 1)), new double[] {count})
        .build();
  }

  @Test
  @DisplayName("a float-only window carries no histogram array")
  void floatOnlyWindow() {
    SeriesBuffer b = new SeriesBuffer(H);
    b.add(1, 1.0);
    b.add(2, 2.0);
    assertThat(b.window(Long.MIN_VALUE, Long.MAX_VALUE).hasHistograms()).isFalse();
  }

  @Test
  @DisplayName("keeps histograms and floats of one series in time order, late ones included")
  void mixedInOrder() {
    SeriesBuffer b = new SeriesBuffer(H);
    b.add(10, 1.0);
    b.add(30, histogram(3));
    b.add(20, histogram(2)); // late
    b.add(40, Double.longBitsToDouble(Sample.STALE_NAN_BITS));
    SeriesSamples w = b.window(Long.MIN_VALUE, Long.MAX_VALUE);
    assertThat(w.timestamps()).containsExactly(10, 20, 30, 40);
    assertThat(w.histogram(0)).isNull();
    assertThat(w.histogram(1)).isEqualTo(histogram(2));
    assertThat(w.histogram(2)).isEqualTo(histogram(3));
    assertThat(w.histogram(3)).isNull();
    assertThat(Double.doubleToRawLongBits(w.values()[3])).isEqualTo(Sample.STALE_NAN_BITS);
    assertThat(b.newestHistogram()).isNull();
  }

  @Test
  @DisplayName("a window holding only the float part of a mixed series carries no histograms")
  void windowAfterHistograms() {
    SeriesBuffer b = new SeriesBuffer(H);
    b.add(10, histogram(1));
    b.add(20, 5.0);
    assertThat(b.window(10, 20).hasHistograms()).isFalse();
    assertThat(b.window(0, 10).histogram(0)).isEqualTo(histogram(1));
  }

  @Test
  @DisplayName("a float at a histogram's timestamp replaces it, and the other way round")
  void replacement() {
    SeriesBuffer b = new SeriesBuffer(H);
    b.add(10, histogram(1));
    assertThat(b.add(10, 7.0)).isFalse();
    assertThat(b.window(0, 10).hasHistograms()).isFalse();
    assertThat(b.newestValue()).isEqualTo(7.0);
    assertThat(b.add(10, histogram(4))).isFalse();
    assertThat(b.newestHistogram()).isEqualTo(histogram(4));
  }

  @Test
  @DisplayName("keeps histograms aligned with timestamps across compaction, growth and eviction")
  void alignedAcrossCompaction() {
    SeriesBuffer b = new SeriesBuffer(H);
    for (long t = 1; t <= 5_000; t++) {
      if (t % 3 == 0) {
        b.add(t, histogram(t));
      } else {
        b.add(t, (double) t);
      }
      b.evictUpTo(t - 100);
    }
    SeriesSamples w = b.window(Long.MIN_VALUE, Long.MAX_VALUE);
    assertThat(w.size()).isEqualTo(100);
    for (int i = 0; i < w.size(); i++) {
      long t = w.timestamps()[i];
      if (t % 3 == 0) {
        assertThat(w.histogram(i)).as("at %d", t).isEqualTo(histogram(t));
      } else {
        assertThat(w.histogram(i)).as("at %d", t).isNull();
        assertThat(w.values()[i]).isEqualTo(t);
      }
    }
  }

  @Test
  @DisplayName("keeps histograms aligned under late samples, replacements and wrap-around")
  void alignedUnderRandomWrites() {
    Random random = new Random(7);
    SeriesBuffer b = new SeriesBuffer(H);
    TreeMap<Long, Object> model = new TreeMap<>();
    long now = 0;
    for (int step = 0; step < 5_000; step++) {
      int op = random.nextInt(10);
      long t = op < 7 ? (now += 1 + random.nextInt(2)) : now - random.nextInt(40);
      if (op == 9) {
        long cutoff = now - 30 - random.nextInt(30);
        b.evictUpTo(cutoff);
        model.headMap(cutoff, true).clear();
        continue;
      }
      if (random.nextBoolean()) {
        FloatHistogram h = histogram(t);
        assertThat(b.add(t, h)).isEqualTo(model.put(t, h) == null);
      } else {
        assertThat(b.add(t, (double) t)).isEqualTo(model.put(t, (double) t) == null);
      }
      SeriesSamples w = b.window(Long.MIN_VALUE, Long.MAX_VALUE);
      assertThat(w.size()).isEqualTo(model.size());
      int i = 0;
      for (var e : model.entrySet()) {
        assertThat(w.timestamps()[i]).isEqualTo(e.getKey());
        if (e.getValue() instanceof FloatHistogram h) {
          assertThat(w.histogram(i)).isEqualTo(h);
        } else {
          assertThat(w.histogram(i)).isNull();
          assertThat(w.values()[i]).isEqualTo((Double) e.getValue());
        }
        i++;
      }
      Object newest = model.lastEntry().getValue();
      assertThat(b.newestHistogram()).isEqualTo(newest instanceof FloatHistogram h ? h : null);
    }
  }

  @Test
  @DisplayName("the store takes histogram samples and selects them with their series")
  void storeSelects() {
    MemorySeriesStore s = new MemorySeriesStore();
    assertThat(s.append(Sample.histogram(H, histogram(1), 1_000))).isTrue();
    StoredSeries held = s.find(H);
    assertThat(s.append(held, Sample.histogram(H, histogram(2), 2_000))).isTrue();
    assertThat(s.append(held, new Sample(H, 3.0, 3_000))).isTrue();
    assertThat(s.sampleCount()).isEqualTo(3);
    List<SeriesSamples> got = s.select(List.of(Matcher.eq("__name__", "latency")), 0, 2_000);
    assertThat(got).hasSize(1);
    assertThat(got.get(0).histogram(1)).isEqualTo(histogram(2));
    assertThat(held.newestValue()).isEqualTo(3.0);
    assertThat(held.newestHistogram()).isNull();
    s.evictBefore(2_000);
    assertThat(s.sampleCount()).isEqualTo(1);
  }
}
