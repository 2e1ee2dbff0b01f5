package dev.alerting.promql.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class KahanSumTest {

  static Stream<Arguments> means() {
    return Stream.of(
        Arguments.of(
            "small values around a cancelling pair", new double[] {2, 8, 1e100, -1e100}, 2.5),
        Arguments.of("pair in the middle", new double[] {1, 1e100, 1, -1e100}, 0.5),
        Arguments.of("pair first", new double[] {1e100, 2, -1e100, 8}, 2.5),
        Arguments.of("plain values", new double[] {1, 2, 3, 4}, 2.5),
        Arguments.of(
            "overflow switches to the incremental mean", new double[] {1e308, 1e308}, 1e308));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("means")
  void meanKeepsWhatPlainSummationLoses(String name, double[] values, double expected) {
    assertThat(KahanSum.mean(values, values.length)).isEqualTo(expected);
  }
}
