package dev.alerting.rule.alert;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alerting.model.Labels;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("An alert map")
class AlertMapTest {
  private static Labels alert(int i) {
    return Labels.of("alertname", "A", "instance", "host-" + i);
  }

  private static Tracked tracked(int i) {
    return new Tracked(alert(i), Map.of(), i, Instant.EPOCH);
  }

  private static List<Tracked> contents(AlertMap map) {
    List<Tracked> out = new ArrayList<>();
    map.forEach(out::add);
    return out;
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(ints = {1, 2, 3, 4, 5, 6})
  @DisplayName("keeps a LinkedHashMap's order through puts, replacements and removals")
  void sameAsLinkedHashMap(int seed) {
    Random random = new Random(seed);
    AlertMap map = new AlertMap();
    Map<Labels, Tracked> reference = new LinkedHashMap<>();
    for (int step = 0; step < 10_000; step++) {
      int i = random.nextInt(300);
      switch (random.nextInt(5)) {
        case 0, 1 -> {
          Tracked t = tracked(i);
          map.put(t);
          reference.put(t.labels, t);
        }
        case 2 -> assertThat(map.remove(alert(i))).isSameAs(reference.remove(alert(i)));
        case 3 -> {
          // removal while iterating, as a rule's transitions do
          Iterator<Tracked> it = map.iterator();
          Iterator<Tracked> ref = reference.values().iterator();
          while (it.hasNext()) {
            Tracked t = it.next();
            assertThat(t).isSameAs(ref.next());
            if (t.labels.hashCode() % 7 == i % 7) {
              it.remove();
              ref.remove();
            }
          }
          assertThat(ref.hasNext()).isFalse();
        }
        default -> assertThat(map.get(alert(i))).isSameAs(reference.get(alert(i)));
      }
      assertThat(map.size()).isEqualTo(reference.size());
    }
    assertThat(contents(map)).containsExactlyElementsOf(reference.values());
  }

  @Test
  @DisplayName("moves another map's alerts to its end in their order, replacing equal labels")
  void takeAll() {
    AlertMap map = new AlertMap();
    map.put(tracked(1));
    map.put(tracked(2));
    AlertMap other = new AlertMap();
    Tracked three = tracked(3);
    Tracked twoAgain = tracked(2);
    Tracked four = tracked(4);
    other.put(three);
    other.put(twoAgain);
    other.put(four);

    map.takeAll(other);

    assertThat(other.isEmpty()).isTrue();
    assertThat(contents(other)).isEmpty();
    assertThat(contents(map))
        .extracting(t -> t.labels)
        .containsExactly(alert(1), alert(2), alert(3), alert(4));
    assertThat(map.get(alert(2))).isSameAs(twoAgain);
    map.remove(alert(1));
    map.remove(alert(4));
    assertThat(contents(map)).containsExactly(twoAgain, three);
    map.clear();
    assertThat(contents(map)).isEmpty();
    map.put(four);
    assertThat(contents(map)).containsExactly(four);
  }
}
