package dev.alerting.promql.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alerting.model.Labels;
import dev.alerting.model.Matcher;
import dev.alerting.model.sample.Sample;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The in-memory series store")
class MemorySeriesStoreTest {
  private static final Labels A = Labels.of("__name__", "up", "job", "a");
  private static final Labels B = Labels.of("__name__", "up", "job", "b");
  private static final Labels C = Labels.of("__name__", "down", "job", "a");

  private static MemorySeriesStore store() {
    MemorySeriesStore s = new MemorySeriesStore();
    for (long t = 0; t <= 600_000; t += 60_000) {
      s.append(A, t, t);
      s.append(B, t, t);
      s.append(C, t, t);
    }
    return s;
  }

  @Test
  @DisplayName("returns samples of the left-open window (min, max] for matching series only")
  void window() {
    List<SeriesSamples> got =
        store()
            .select(
                List.of(Matcher.eq("__name__", "up"), Matcher.eq("job", "a")), 120_000, 300_000);
    assertThat(got).hasSize(1);
    assertThat(got.get(0).timestamps()).containsExactly(180_000, 240_000, 300_000);
  }

  @Test
  @DisplayName("matches metric names by regex across the name index")
  void regexName() {
    List<SeriesSamples> got =
        store()
            .select(
                List.of(Matcher.of("__name__", Matcher.Type.RE, "up|down"), Matcher.eq("job", "a")),
                0,
                600_000);
    assertThat(got).extracting(SeriesSamples::labels).containsExactlyInAnyOrder(A, C);
  }

  @Test
  @DisplayName("inserts late samples in order and overwrites a redelivered timestamp")
  void outOfOrderAndDuplicates() {
    MemorySeriesStore s = new MemorySeriesStore();
    List<Boolean> added = List.of(s.append(A, 3, 3000), s.append(A, 1, 1000), s.append(A, 2, 2000));
    boolean replacedAdded = s.append(A, 20, 2000);
    assertThat(added).containsOnly(true);
    assertThat(replacedAdded).as("a redelivered timestamp reports a replacement").isFalse();
    SeriesSamples got = s.select(List.of(Matcher.eq("job", "a")), 0, 5000).get(0);
    assertThat(got.timestamps()).containsExactly(1000, 2000, 3000);
    assertThat(got.values()).containsExactly(1, 20, 3);
    assertThat(s.sampleCount()).isEqualTo(3);
  }

  @Test
  @DisplayName("evicts samples at or before the cutoff and forgets emptied series")
  void eviction() {
    MemorySeriesStore s = store();
    s.append(Labels.of("__name__", "old"), 1, 0);
    s.evictBefore(300_000);
    assertThat(s.seriesCount()).isEqualTo(3);
    assertThat(s.sampleCount()).isEqualTo(3 * 5);
    assertThat(s.select(List.of(Matcher.eq("__name__", "up")), 0, 600_000).get(0).timestamps()[0])
        .isEqualTo(360_000);
    s.evictBefore(600_000);
    assertThat(s.seriesCount()).isZero();
  }

  @Test
  @DisplayName("evicts a late sample older than everything evicted before")
  void evictionAfterLateSample() {
    MemorySeriesStore s = new MemorySeriesStore();
    s.append(A, 1, 1_000);
    s.append(A, 2, 2_000);
    s.evictBefore(1_000);
    s.evictBefore(1_500); // nothing at or before 1 500 is left: no scan, nothing dropped
    assertThat(s.sampleCount()).isEqualTo(1);
    s.append(A, 0, 500); // late
    s.append(B, 3, 3_000);
    s.evictBefore(1_999);
    assertThat(s.sampleCount()).isEqualTo(2);
    s.evictBefore(2_000);
    assertThat(s.sampleCount()).isEqualTo(1);
    assertThat(s.seriesCount()).isEqualTo(1);
  }

  @Test
  @DisplayName("keeps buffers correct across many appends and evictions")
  void churn() {
    MemorySeriesStore s = new MemorySeriesStore();
    for (long t = 0; t < 10_000; t++) {
      s.append(A, t, t);
      if (t % 100 == 0) {
        s.evictBefore(t - 50);
      }
    }
    SeriesSamples got = s.select(List.of(Matcher.eq("job", "a")), 9_989, 9_999).get(0);
    assertThat(got.timestamps()).hasSize(10).startsWith(9_990).endsWith(9_999);
  }

  @Test
  @DisplayName("looks up one series' window, and restricts selects to given series")
  void oneSeriesAndRestrictedView() {
    MemorySeriesStore s = store();
    assertThat(s.window(A, 120_000, 300_000).timestamps())
        .containsExactly(180_000, 240_000, 300_000);
    assertThat(s.window(Labels.of("__name__", "up", "job", "z"), 0, 600_000)).isNull();
    assertThat(s.newestTimestamp(B)).isEqualTo(600_000);
    assertThat(s.newestTimestamp(Labels.of("__name__", "none"))).isEqualTo(Long.MIN_VALUE);
    assertThat(s.seriesMatching(List.of(Matcher.eq("job", "a")))).containsExactlyInAnyOrder(A, C);
    SeriesSource onlyAc = s.restrictedTo(List.of(A, C));
    assertThat(onlyAc.select(List.of(Matcher.eq("__name__", "up")), 0, 600_000))
        .extracting(SeriesSamples::labels)
        .as("B is outside the view, C fails the matcher")
        .containsExactly(A);
    assertThat(onlyAc.select(List.of(Matcher.eq("job", "a")), 540_000, 600_000))
        .extracting(SeriesSamples::labels)
        .containsExactly(A, C);
  }

  /**
   * Series come and go (each lives a random span) against a map of what should be held: the store's
   * open-addressing index must find each live series, with equal but not identical label sets too,
   * and forget evicted ones, through its growth, backward-shift removals and shrinking.
   */
  @Test
  @DisplayName("finds every held series and no evicted one as thousands come and go")
  void seriesChurn() {
    Random random = new Random(11);
    MemorySeriesStore s = new MemorySeriesStore();
    Map<Labels, Long> lastSample = new HashMap<>();
    for (long t = 1; t <= 400; t++) {
      int born = t < 200 ? 200 : 5;
      for (int k = 0; k < born; k++) {
        Labels l =
            Labels.of("__name__", "m" + random.nextInt(7), "id", "s" + random.nextInt(5_000));
        s.append(l, t, t);
        lastSample.put(l, t);
      }
      long cutoff = t - 1 - random.nextInt(30);
      if (t % 10 == 0) {
        s.evictBefore(cutoff);
        lastSample.values().removeIf(last -> last <= cutoff);
      }
      assertThat(s.seriesCount()).isEqualTo(lastSample.size());
    }
    for (int id = 0; id < 5_000; id++) {
      for (int m = 0; m < 7; m++) {
        // a fresh, equal label set: found by value, not by identity
        Labels l = Labels.of("__name__", "m" + m, "id", "s" + id);
        Long last = lastSample.get(l);
        StoredSeries held = s.find(l);
        if (last == null) {
          assertThat(held).as("%s", l).isNull();
        } else {
          assertThat(held).as("%s", l).isNotNull();
          assertThat(held.labels()).isEqualTo(l);
          assertThat(held.newestTimestamp()).isEqualTo(last);
        }
      }
    }
    s.evictBefore(Long.MAX_VALUE);
    assertThat(s.seriesCount()).isZero();
    assertThat(s.sampleCount()).isZero();
    assertThat(s.find(A)).isNull();
  }

  @Test
  @DisplayName("findAll finds each sample's series in order, null for one not held, and no further")
  void findAll() {
    MemorySeriesStore s = new MemorySeriesStore(true);
    s.append(A, 1, 1000);
    s.append(A, 2, 2000);
    s.append(B, 1, 1000);
    Labels packed = Labels.of("__name__", "up", "job", "packed");
    for (long t = 1000; t <= 5000; t += 1000) {
      s.append(packed, t, t);
    }
    Labels absent = Labels.of("__name__", "up", "job", "absent");
    List<Sample> batch =
        List.of(
            new Sample(B, 5, 3000),
            new Sample(absent, 5, 3000),
            new Sample(packed, 5, 6000),
            new Sample(A, 5, 3000),
            new Sample(C, 5, 3000));
    StoredSeries[] out = new StoredSeries[4];
    s.findAll(batch, out);
    assertThat(out).containsExactly(s.find(B), null, s.find(packed), s.find(A));
    assertThat(out[0].labels()).isEqualTo(B);
    assertThat(out[2].labels()).isEqualTo(packed);
    assertThat(out[3].labels()).isEqualTo(A);
  }
}
