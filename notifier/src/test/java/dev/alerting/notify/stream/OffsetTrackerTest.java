package dev.alerting.notify.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Committable offsets")
class OffsetTrackerTest {
  @Test
  @DisplayName("only the finished prefix of a partition is committable, past its last record")
  void contiguousPrefix() {
    OffsetTracker t = new OffsetTracker();
    t.track(0, 10);
    t.track(0, 11);
    t.track(0, 14); // a gap, as after compaction
    t.finish(0, 11);
    assertThat(t.takeCommittable()).isEmpty();
    t.finish(0, 10);
    assertThat(t.takeCommittable()).isEqualTo(Map.of(0, 12L));
    assertThat(t.takeCommittable()).as("reported once").isEmpty();
    t.finish(0, 14);
    assertThat(t.takeCommittable()).isEqualTo(Map.of(0, 15L));
    assertThat(t.inFlight()).isZero();
  }

  @Test
  @DisplayName("partitions advance independently and revoked ones are forgotten")
  void partitions() {
    OffsetTracker t = new OffsetTracker();
    t.track(0, 1);
    t.track(1, 5);
    t.track(1, 6);
    t.finish(1, 5);
    assertThat(t.takeCommittable()).isEqualTo(Map.of(1, 6L));
    t.forget(1);
    t.finish(1, 6);
    assertThat(t.takeCommittable()).isEmpty();
    assertThat(t.inFlight()).isEqualTo(1);
  }
}
