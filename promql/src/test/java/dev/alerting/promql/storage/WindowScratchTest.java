package dev.alerting.promql.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alerting.model.Labels;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Window reads share one set of arrays per thread; a visitor that reads another window while it
 * runs must not find its own window overwritten by that read.
 */
@DisplayName("A window visitor reading another window")
class WindowScratchTest {
  @ParameterizedTest(name = "compressed: {0}")
  @ValueSource(booleans = {false, true})
  @DisplayName("still holds its own window after the other read")
  void nestedRead(boolean compress) {
    SeriesBuffer outer = series("outer", 0, 0, compress);
    SeriesBuffer inner = series("inner", 7, 1_000, compress);
    List<Long> innerTimes = new ArrayList<>();
    List<Double> innerValues = new ArrayList<>();
    List<Double> outerValues = new ArrayList<>();
    outer.visitWindow(
        Long.MIN_VALUE,
        Long.MAX_VALUE,
        (labels, ts, vs, hs, from, to) -> {
          inner.visitWindow(
              Long.MIN_VALUE,
              Long.MAX_VALUE,
              (l, its, ivs, ihs, ifrom, ito) -> {
                for (int i = ifrom; i < ito; i++) {
                  innerTimes.add(its[i]);
                  innerValues.add(ivs[i]);
                }
              });
          for (int i = from; i < to; i++) {
            assertThat(ts[i]).isEqualTo(15_000L * (i - from));
            outerValues.add(vs[i]);
          }
        });
    assertThat(innerTimes).containsExactly(7L, 15_007L, 30_007L, 45_007L, 60_007L);
    assertThat(innerValues).containsExactly(1_000.0, 1_001.0, 1_002.0, 1_003.0, 1_004.0);
    assertThat(outerValues).containsExactly(0.0, 1.0, 2.0, 3.0, 4.0);
  }

  private static SeriesBuffer series(String name, long start, int first, boolean compress) {
    SeriesBuffer b = new SeriesBuffer(Labels.of("__name__", name));
    for (int i = 0; i < 5; i++) {
      b.add(start + 15_000L * i, first + i, compress);
    }
    return b;
  }
}
