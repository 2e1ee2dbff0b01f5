package dev.alerting.promql.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alerting.promql.PromQL;
import dev.alerting.promql.engine.InstantSample;
import dev.alerting.promql.storage.MemorySeriesStore;
import dev.alerting.promql.syntax.Parser;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Runs every promql_expr_test of the conformance suite through our parser, store and evaluator. */
@DisplayName("The conformance suite")
class ConformanceTest {
  private static final AtomicInteger RUN = new AtomicInteger();
  private static final AtomicInteger PASSED = new AtomicInteger();

  @TestFactory
  @DisplayName("evaluates every case as the expected samples say")
  List<DynamicTest> everyCase() throws Exception {
    List<DynamicTest> tests = new ArrayList<>();
    for (Path file : ConformanceFiles.files()) {
      for (ConformanceCase c : ConformanceFiles.cases(file)) {
        tests.add(DynamicTest.dynamicTest(c.displayName(), () -> run(c)));
      }
    }
    assertThat(tests).as("conformance cases").hasSizeGreaterThan(200);
    return tests;
  }

  @AfterAll
  static void summary() {
    System.out.printf(
        "[conformance] %d cases run through our engine, %d passed%n", RUN.get(), PASSED.get());
  }

  private static void run(ConformanceCase c) {
    RUN.incrementAndGet();
    MemorySeriesStore store = new MemorySeriesStore();
    for (ConformanceCase.Input in : c.inputs()) {
      in.steps().forEach(s -> store.append(in.labels(), s.value(), s.index() * c.intervalMillis()));
    }
    List<InstantSample> got =
        PromQL.evaluateVector(Parser.parse(c.expr()), c.evalTimeMillis(), store);
    List<String> gotText =
        render(got.stream().map(s -> new ConformanceCase.Expected(s.labels(), s.value())).toList());
    List<String> expText = render(c.expected());
    assertThat(got).as("result of %s: got %s", c.expr(), gotText).hasSameSizeAs(c.expected());
    List<ConformanceCase.Expected> gotSorted =
        sorted(got.stream().map(s -> new ConformanceCase.Expected(s.labels(), s.value())).toList());
    List<ConformanceCase.Expected> expSorted = sorted(c.expected());
    for (int i = 0; i < gotSorted.size(); i++) {
      ConformanceCase.Expected g = gotSorted.get(i);
      ConformanceCase.Expected e = expSorted.get(i);
      assertThat(g.labels())
          .as("labels of %s: got %s, expected %s", c.expr(), gotText, expText)
          .isEqualTo(e.labels());
      assertThat(Tolerance.close(g.value(), e.value()))
          .as("value of %s %s: got %s, expected %s", c.expr(), g.labels(), g.value(), e.value())
          .isTrue();
    }
    PASSED.incrementAndGet();
  }

  private static List<ConformanceCase.Expected> sorted(List<ConformanceCase.Expected> in) {
    List<ConformanceCase.Expected> out = new ArrayList<>(in);
    out.sort(Comparator.comparing(e -> e.labels().toString()));
    return out;
  }

  private static List<String> render(List<ConformanceCase.Expected> in) {
    return sorted(in).stream().map(e -> e.labels() + " " + e.value()).toList();
  }
}
