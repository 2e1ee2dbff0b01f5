package dev.alerting.promql.notation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.alerting.model.sample.CounterResetHint;
import dev.alerting.model.sample.FloatHistogram;
import dev.alerting.model.sample.HistogramSpan;
import dev.alerting.promql.syntax.ParseException;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Histograms in series notation")
class HistogramNotationTest {

  @Test
  @DisplayName("reads every field of upstream's notation")
  void everyField() {
    FloatHistogram h =
        HistogramLiteral.parse(
            "schema:1 sum:-0.3 count:3.1 z_bucket:7.1 z_bucket_w:0.05 buckets:[5.1 10 7]"
                + " offset:-3 n_buckets:[4.1 5] n_offset:-5 counter_reset_hint:gauge",
            0);
    assertThat(h.schema()).isEqualTo(1);
    assertThat(h.sum()).isEqualTo(-0.3);
    assertThat(h.count()).isEqualTo(3.1);
    assertThat(h.zeroCount()).isEqualTo(7.1);
    assertThat(h.zeroThreshold()).isEqualTo(0.05);
    assertThat(h.positiveSpans()).containsExactly(new HistogramSpan(-3, 3));
    assertThat(h.positiveBuckets()).containsExactly(5.1, 10, 7);
    assertThat(h.negativeSpans()).containsExactly(new HistogramSpan(-5, 2));
    assertThat(h.negativeBuckets()).containsExactly(4.1, 5);
    assertThat(h.counterResetHint()).isEqualTo(CounterResetHint.GAUGE);
  }

  @Test
  @DisplayName("reads custom bucket bounds and the empty histogram")
  void customAndEmpty() {
    FloatHistogram h = HistogramLiteral.parse("schema:-53 custom_values:[1 5] buckets:[1 2]", 0);
    assertThat(h.usesCustomBuckets()).isTrue();
    assertThat(h.customValues()).containsExactly(1, 5);
    assertThat(HistogramLiteral.parse("", 0)).isEqualTo(FloatHistogram.builder().build());
  }

  @Test
  @DisplayName("repeats with xN and grows with +{{...}}xN, mixed with floats and gaps")
  void expansion() {
    List<SeriesNotation.Step> steps =
        SeriesNotation.parseValues("1 _ {{count:1 buckets:[1]}}+{{count:2 buckets:[2]}}x2 {{}}x1");
    assertThat(steps).extracting(SeriesNotation.Step::index).containsExactly(0, 2, 3, 4, 5, 6);
    assertThat(steps.get(0).isHistogram()).isFalse();
    assertThat(steps.get(3).histogram().count()).isEqualTo(5);
    assertThat(steps.get(3).histogram().positiveBuckets()).containsExactly(5);
    assertThat(steps.get(5).histogram()).isEqualTo(FloatHistogram.builder().build());
  }

  @Test
  @DisplayName("rejects unknown fields and unclosed braces with a parse error")
  void rejects() {
    assertThatThrownBy(() -> SeriesNotation.parseValues("{{bogus:1}}"))
        .isInstanceOf(ParseException.class)
        .hasMessageContaining("bogus");
    assertThatThrownBy(() -> SeriesNotation.parseValues("{{count:1"))
        .isInstanceOf(ParseException.class);
  }
}
