package dev.alerting.promql.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alerting.model.Labels;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A compressed series' read cursor, where window reads start decoding: it follows the window of the
 * rule reading the newest samples and is not taken back by a rule reading further back.
 */
@DisplayName("A compressed series' read cursor")
class PackedCursorTest {
  private static final Labels UP = Labels.of("__name__", "up");

  @Test
  @DisplayName("moves on with a sliding window and stays there when a read reaches further back")
  void neverMovesBack() {
    SeriesBuffer b = new SeriesBuffer(UP);
    long t = 0;
    for (int i = 0; i < 260; i++) {
      t = 15_000L * i;
      b.add(t, i, true);
    }
    assertThat(b.packed()).isTrue();
    b.window(t - 300_000, t);
    assertThat(cursorTime(b)).isEqualTo(t - 300_000);
    // a rule with an offset: decoded from the oldest sample, the cursor left where it was
    assertThat(b.window(t - 3_600_000, t - 3_000_000).timestamps()).hasSize(40);
    assertThat(cursorTime(b)).isEqualTo(t - 300_000);
    b.window(t - 285_000, t);
    assertThat(cursorTime(b)).isEqualTo(t - 285_000);
  }

  private static long cursorTime(SeriesBuffer b) {
    assertThat(PackedHeader.low(b.ring[PackedHeader.COUNTS])).as("cursor position").isNotNegative();
    return b.ring[PackedHeader.CURSOR_TIME];
  }
}
