package dev.alerting.rule.alert;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alerting.model.Labels;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("A label table")
class LabelTableTest {
  record Item(Labels key, int value) implements LabelTable.Keyed {}

  private static Labels series(int i) {
    return Labels.of("__name__", "m", "instance", "host-" + i);
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(ints = {1, 2, 3, 4})
  @DisplayName("finds, replaces and removes as a hash map does, through growth and shrinking")
  void sameAsReference(int seed) {
    Random random = new Random(seed);
    LabelTable<Item> table = new LabelTable<>();
    Map<Labels, Item> reference = new HashMap<>();
    // a few keys churn hard (long probe runs at small sizes), then many fill and drain the table
    for (int phase = 0; phase < 3; phase++) {
      int keys = phase == 1 ? 2_000 : 40;
      for (int step = 0; step < 6_000; step++) {
        // an equal label set built afresh: lookups must not rely on identity
        Labels key = series(random.nextInt(keys));
        int op = phase == 2 ? random.nextInt(5) : random.nextInt(3);
        if (op == 0) {
          Item item = new Item(key, step);
          assertThat(table.put(item)).isEqualTo(reference.put(key, item));
        } else if (op == 1 || op >= 3) {
          assertThat(table.remove(key)).isEqualTo(reference.remove(key));
        } else {
          assertThat(table.get(key)).isEqualTo(reference.get(key));
        }
        assertThat(table.size()).isEqualTo(reference.size());
      }
      List<Item> all = new ArrayList<>();
      table.forEach(all::add);
      assertThat(all).containsExactlyInAnyOrderElementsOf(reference.values());
      for (Map.Entry<Labels, Item> e : reference.entrySet()) {
        assertThat(table.get(e.getKey())).isSameAs(e.getValue());
      }
    }
  }

  @Test
  @DisplayName("keeps every entry reachable after removals from the middle of probe runs")
  void removalKeepsRunsReachable() {
    LabelTable<Item> table = new LabelTable<>();
    for (int i = 0; i < 10_000; i++) {
      table.put(new Item(series(i), i));
    }
    for (int i = 0; i < 10_000; i += 3) {
      assertThat(table.remove(series(i))).extracting(Item::value).isEqualTo(i);
    }
    for (int i = 0; i < 10_000; i++) {
      Item found = table.get(series(i));
      if (i % 3 == 0) {
        assertThat(found).isNull();
      } else {
        assertThat(found).extracting(Item::value).isEqualTo(i);
      }
    }
    for (int i = 0; i < 10_000; i++) {
      table.remove(series(i));
    }
    assertThat(table.isEmpty()).isTrue();
    table.put(new Item(series(7), 7));
    assertThat(table.get(series(7))).extracting(Item::value).isEqualTo(7);
    table.clear();
    assertThat(table.size()).isZero();
    assertThat(table.get(series(7))).isNull();
  }
}
