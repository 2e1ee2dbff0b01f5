package dev.alerting.notify.receiver;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Deliveries in flight are bounded per receiver")
class LimiterTest {
  @Test
  @DisplayName(
      "at most max tasks of one receiver run at once; the rest start in order as others end")
  void bounded() {
    Limiter limiter = new Limiter(2);
    List<Promise<String>> running = new ArrayList<>();
    List<String> started = new ArrayList<>();
    List<Future<String>> results = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      String name = "a" + i;
      results.add(
          limiter.run(
              "a",
              () -> {
                started.add(name);
                Promise<String> p = Promise.promise();
                running.add(p);
                return p.future();
              }));
    }
    Promise<String> other = Promise.promise();
    limiter.run("b", () -> other.future());
    assertThat(started).containsExactly("a0", "a1");
    running.get(0).complete("done0");
    assertThat(started).containsExactly("a0", "a1", "a2");
    assertThat(results.get(0).result()).isEqualTo("done0");
    running.get(1).fail("boom");
    running.get(2).complete("x");
    assertThat(started).containsExactly("a0", "a1", "a2", "a3", "a4");
    assertThat(results.get(1).failed()).isTrue();
  }
}
