package dev.alerting.rule.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("A deadline heap")
class DeadlineHeapTest {
  static final class Item extends DeadlineHeap.Entry {}

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8})
  @DisplayName("hands over exactly the entries due, after random schedules, moves and removals")
  void sameAsReference(int seed) {
    Random random = new Random(seed);
    DeadlineHeap<Item> heap = new DeadlineHeap<>();
    Map<Item, Long> reference = new HashMap<>();
    List<Item> items = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      items.add(new Item());
    }
    long now = 0;
    for (int step = 0; step < 5_000; step++) {
      Item item = items.get(random.nextInt(items.size()));
      switch (random.nextInt(4)) {
        case 0, 1 -> {
          long deadline = now + random.nextInt(100);
          heap.schedule(item, deadline);
          reference.put(item, deadline);
        }
        case 2 -> {
          heap.remove(item);
          reference.remove(item);
        }
        default -> {
          now += random.nextInt(20);
          long at = now;
          List<Item> due = new ArrayList<>();
          heap.takeDue(at, due::add);
          List<Item> expected = new ArrayList<>();
          reference.forEach(
              (e, d) -> {
                if (d <= at) {
                  expected.add(e);
                }
              });
          expected.forEach(reference::remove);
          assertThat(due).containsExactlyInAnyOrderElementsOf(expected);
          for (int i = 1; i < due.size(); i++) {
            assertThat(due.get(i).deadline).isGreaterThanOrEqualTo(due.get(i - 1).deadline);
          }
          due.forEach(e -> assertThat(e.scheduled()).isFalse());
        }
      }
      assertThat(heap.size()).isEqualTo(reference.size());
    }
  }
}
