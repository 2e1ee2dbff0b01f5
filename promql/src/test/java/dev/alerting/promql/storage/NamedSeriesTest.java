package dev.alerting.promql.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alerting.model.Labels;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The series of one metric name")
class NamedSeriesTest {
  private static final Labels UP = Labels.of("__name__", "up");

  @Test
  @DisplayName("hold every series across a page boundary, and removal moves the last one in place")
  void pagesAcrossABoundary() {
    NamedSeries named = new NamedSeries();
    List<SeriesBuffer> expected = new ArrayList<>();
    for (int i = 0; i < NamedSeries.PAGE + 10; i++) {
      SeriesBuffer b = new SeriesBuffer(UP);
      expected.add(b);
      named.add(b);
    }
    assertThat(named.pageCount()).isEqualTo(2);
    assertHolds(named, expected);

    // a series on the first page: the last one, on the second, takes its slot
    named.remove(3);
    expected.set(3, expected.remove(expected.size() - 1));
    assertHolds(named, expected);

    // a series on the second page, not the last: the last one takes its slot there
    named.remove(NamedSeries.PAGE + 2);
    expected.set(NamedSeries.PAGE + 2, expected.remove(expected.size() - 1));
    assertHolds(named, expected);

    // down to the boundary: the emptied second page is dropped
    while (expected.size() > NamedSeries.PAGE) {
      named.remove(0);
      expected.set(0, expected.remove(expected.size() - 1));
    }
    assertThat(named.pageCount()).isEqualTo(1);
    assertHolds(named, expected);

    // and across it again
    SeriesBuffer next = new SeriesBuffer(UP);
    named.add(next);
    expected.add(next);
    assertThat(named.pageCount()).isEqualTo(2);
    assertHolds(named, expected);
  }

  @Test
  @DisplayName("grow the last page by a quarter, not by doubling")
  void growsByAQuarter() {
    NamedSeries named = new NamedSeries();
    for (int i = 0; i < 1001; i++) {
      named.add(new SeriesBuffer(UP));
      assertThat(named.lastPageLength()).isBetween(i + 1, Math.max(4, (i + 1) * 5 / 4 + 4));
    }
  }

  private static void assertHolds(NamedSeries named, List<SeriesBuffer> expected) {
    assertThat(named.size()).isEqualTo(expected.size());
    for (int i = 0; i < expected.size(); i++) {
      assertThat(named.get(i)).as("slot %d", i).isSameAs(expected.get(i));
    }
  }
}
