package dev.alerting.rule.stream;

import dev.alerting.model.alert.Alert;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/**
 * How long the engine takes per pass: {@code
 * rules_evaluation_duration_seconds{trigger="samples|tick"}} (a histogram of one pass: a polled
 * batch stored and the rules reading it evaluated, or a tick evaluating every rule at the clock).
 * What the engine holds is read by {@link EngineMeters}.
 */
final class EvaluationMetrics {
  private final Timer samples;
  private final Timer tick;

  EvaluationMetrics(MeterRegistry registry) {
    this.samples = timer(registry, "samples");
    this.tick = timer(registry, "tick");
  }

  private static Timer timer(MeterRegistry registry, String trigger) {
    return Timer.builder("rules.evaluation.duration")
        .description("One engine pass: a polled batch of samples, or a tick at the clock")
        .tag("trigger", trigger)
        .publishPercentileHistogram()
        .minimumExpectedValue(Duration.ofNanos(10_000))
        .maximumExpectedValue(Duration.ofSeconds(30))
        .register(registry);
  }

  /** Runs a pass over a polled batch, timed. */
  List<Alert> samples(Supplier<List<Alert>> pass) {
    return time(samples, pass);
  }

  /** Runs a tick, timed. */
  List<Alert> tick(Supplier<List<Alert>> pass) {
    return time(tick, pass);
  }

  private static List<Alert> time(Timer timer, Supplier<List<Alert>> pass) {
    long start = System.nanoTime();
    try {
      return pass.get();
    } finally {
      timer.record(Duration.ofNanos(System.nanoTime() - start));
    }
  }
}
