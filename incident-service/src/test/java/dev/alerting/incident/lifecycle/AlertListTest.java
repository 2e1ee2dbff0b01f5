package dev.alerting.incident.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alerting.model.Labels;
import dev.alerting.model.alert.Alert;
import dev.alerting.model.alert.AlertStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("An incident's alert list")
class AlertListTest {
  private static final Instant T0 = Instant.parse("2026-12-05T00:00:00Z");

  private static IncidentAlert alert(int series, AlertStatus status) {
    return IncidentAlert.of(
        new Alert(
            status,
            Labels.of("alertname", "Storm", "series", "s" + series),
            Map.of(),
            T0,
            status == AlertStatus.RESOLVED ? T0.plusSeconds(60) : null,
            ""));
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3})
  @DisplayName(
      "finds and replaces by fingerprint exactly as a scan of a plain list does, across lists"
          + " branched from one another (small and indexed sizes)")
  void behavesAsAPlainList(long seed) {
    Random random = new Random(seed);
    List<AlertList> lists = new ArrayList<>(List.of(AlertList.of(List.of())));
    List<List<IncidentAlert>> plain = new ArrayList<>(List.of(List.of()));
    for (int step = 0; step < 600; step++) {
      // derive mostly from one of the latest lists (long chains past the indexed size) and at
      // times from any earlier one, so branches share (and disagree on) one index
      int from =
          random.nextInt(10) == 0
              ? random.nextInt(lists.size())
              : lists.size() - 1 - random.nextInt(Math.min(lists.size(), 3));
      IncidentAlert a =
          alert(
              random.nextInt(60), random.nextBoolean() ? AlertStatus.FIRING : AlertStatus.RESOLVED);
      lists.add(lists.get(from).with(a));
      List<IncidentAlert> next = new ArrayList<>(plain.get(from));
      int at = -1;
      for (int k = 0; k < next.size(); k++) {
        if (next.get(k).fingerprint().equals(a.fingerprint())) {
          at = k;
          break;
        }
      }
      if (at >= 0) {
        next.set(at, a);
      } else {
        next.add(a);
      }
      plain.add(next);
    }
    assertThat(lists).anySatisfy(l -> assertThat(l.size()).isGreaterThan(20));
    for (int k = 0; k < lists.size(); k++) {
      AlertList list = lists.get(k);
      List<IncidentAlert> expected = plain.get(k);
      assertThat(list).as("list %d", k).isEqualTo(expected);
      for (int s = 0; s < 60; s++) {
        String fp = alert(s, AlertStatus.FIRING).fingerprint();
        int want = -1;
        for (int j = 0; j < expected.size(); j++) {
          if (expected.get(j).fingerprint().equals(fp)) {
            want = j;
            break;
          }
        }
        assertThat(list.find(fp)).as("list %d, series %d", k, s).isEqualTo(want);
      }
    }
  }
}
