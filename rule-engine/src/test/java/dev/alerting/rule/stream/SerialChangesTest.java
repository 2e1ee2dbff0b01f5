package dev.alerting.rule.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@DisplayName("Serial engine changes (polls, ticks, reloads)")
class SerialChangesTest {

  static Stream<Arguments> failures() {
    return Stream.of(
        Arguments.of(
            "the change throws (an engine bug in one evaluation)",
            (Supplier<Future<Void>>)
                () -> {
                  throw new IllegalStateException("boom");
                }),
        Arguments.of(
            "the change's output fails",
            (Supplier<Future<Void>>) () -> Future.failedFuture(new IllegalStateException("boom"))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("failures")
  @DisplayName("a failed change fails alone: nothing stays busy and every later tick still runs")
  void failedChangeDoesNotStopLaterOnes(String name, Supplier<Future<Void>> failing) {
    SerialChanges changes = new SerialChanges();
    List<String> ran = new ArrayList<>();

    Future<Void> bad = changes.run(failing, () -> ran.add("after"));

    assertThat(bad.failed()).isTrue();
    assertThat(changes.busy()).as("busy after the failed change").isFalse();
    for (int i = 0; i < 3; i++) {
      int n = i;
      Future<Void> tick =
          changes.run(
              () -> {
                ran.add("tick " + n);
                return Future.succeededFuture();
              },
              () -> {});
      assertThat(tick.succeeded()).isTrue();
    }
    assertThat(ran).containsExactly("after", "tick 0", "tick 1", "tick 2");
    assertThat(changes.drained().succeeded()).isTrue();
  }
}
