package dev.alerting.platform.trace;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The parent of a span caused by several records")
class CausesTest {
  private static SpanContext ctx(int trace, int span) {
    return SpanContext.createFromRemoteParent(
        String.format("%032x", trace),
        String.format("%016x", span),
        TraceFlags.getSampled(),
        TraceState.getDefault());
  }

  @Test
  @DisplayName("no traced cause: a new trace, no links")
  void none() {
    Causes c = Causes.of(List.of(SpanContext.getInvalid()));
    assertThat(c.hasParent()).isFalse();
    assertThat(c.links()).isEmpty();
  }

  @Test
  @DisplayName("causes from one trace (one ingest request): child of the latest of them")
  void oneTrace() {
    Causes c = Causes.of(List.of(ctx(1, 1), SpanContext.getInvalid(), ctx(1, 2)));
    assertThat(c.parent()).isEqualTo(ctx(1, 2));
    assertThat(c.links()).isEmpty();
  }

  @Test
  @DisplayName("causes from several traces: a new trace linking to the latest span of each")
  void severalTraces() {
    Causes c = Causes.of(List.of(ctx(1, 1), ctx(2, 5), ctx(1, 3)));
    assertThat(c.hasParent()).isFalse();
    assertThat(c.links()).containsExactly(ctx(2, 5), ctx(1, 3));
  }

  @Test
  @DisplayName("a poll of many traces links to at most 32 of them")
  void capped() {
    List<SpanContext> many = new ArrayList<>();
    for (int i = 1; i <= 100; i++) {
      many.add(ctx(i, i));
    }
    assertThat(Causes.of(many).links()).hasSize(Causes.MAX_LINKS).startsWith(ctx(1, 1));
  }
}
