package dev.alerting.platform.codec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alerting.model.Labels;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The decoder's table of encoded label sets")
class EncodedLabelSetsTest {
  private static Labels series(int k) {
    return Labels.of("__name__", "m" + (k % 7), "instance", "host-" + k, "job", "node");
  }

  /** The label fields of a TimeSeries as the ingest writes them. */
  private static byte[] encoded(Labels labels) {
    ProtoWriter fields = new ProtoWriter(64);
    for (int i = 0; i < labels.size(); i++) {
      String name = labels.name(i);
      String value = labels.value(i);
      ProtoWriter label = new ProtoWriter(32);
      label.string(SampleRecords.LABEL_NAME, name, ProtoWriter.utf8Length(name));
      label.string(SampleRecords.LABEL_VALUE, value, ProtoWriter.utf8Length(value));
      fields.message(SampleRecords.TIMESERIES_LABELS, label);
    }
    return fields.toByteArray();
  }

  private static boolean put(EncodedLabelSets table, Labels labels) {
    byte[] b = encoded(labels);
    return table.put(b, 0, b.length, labels);
  }

  private static Labels find(EncodedLabelSets table, Labels labels) {
    byte[] b = encoded(labels);
    return table.find(b, 0, b.length);
  }

  @Test
  @DisplayName("finds each of 200 000 label sets from fresh bytes, in pages below a humongous size")
  void manyPages() {
    EncodedLabelSets table = new EncodedLabelSets(1 << 20);
    Labels[] stored = new Labels[200_000];
    for (int k = 0; k < stored.length; k++) {
      stored[k] = series(k);
      assertThat(put(table, stored[k])).isTrue();
    }
    assertThat(table.size()).isEqualTo(stored.length);
    for (int k = 0; k < stored.length; k++) {
      assertThat(find(table, series(k))).as("label set %d", k).isSameAs(stored[k]);
    }
    assertThat(find(table, series(stored.length))).isNull();
    // 8 bytes a reference without compressed pointers, plus the array header
    assertThat(8L * table.longestPage() + 16).isLessThan(512 * 1024);
    // past 4 pages it grows by a quarter: at least 3/5 full (doubling would leave it 3/8 full)
    assertThat(table.size()).isGreaterThanOrEqualTo(table.capacity() * 3 / 5);
  }

  @Test
  @DisplayName("starts over when full: no label set stored before is found in any page")
  void startsOver() {
    int max = 3 * EncodedLabelSets.PAGE;
    EncodedLabelSets table = new EncodedLabelSets(max);
    for (int k = 0; k < max; k++) {
      put(table, series(k));
    }
    put(table, series(max));
    assertThat(table.size()).isOne();
    assertThat(find(table, series(max))).isNotNull();
    int found = 0;
    for (int k = 0; k < max; k++) {
      found += find(table, series(k)) == null ? 0 : 1;
    }
    assertThat(found).isZero();
  }
}
