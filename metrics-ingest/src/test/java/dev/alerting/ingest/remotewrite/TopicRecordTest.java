package dev.alerting.ingest.remotewrite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alerting.ingest.sample.SampleLimits;
import dev.alerting.ingest.sample.Validation;
import dev.alerting.model.Labels;
import dev.alerting.model.sample.Sample;
import dev.alerting.platform.codec.SampleRecords;
import dev.alerting.testkit.WriteRequestEncoder;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A {@code metrics.samples} record in the protobuf form is a remote-write WriteRequest: our own
 * remote_write receiver (written against Prometheus's schema) reads it back unchanged.
 */
class TopicRecordTest {
  @Test
  @DisplayName("a topic record, snappy-compressed, is a remote_write body with the same samples")
  void topicRecordIsARemoteWriteBody() {
    long now = System.currentTimeMillis();
    List<Sample> samples =
        List.of(
            Sample.of("up", Labels.of("job", "api", "instance", "a:9100"), 1, now - 2),
            Sample.of("up", Labels.of("job", "api", "instance", "a:9100"), 0, now - 1),
            Sample.of("temp", Labels.of("room", "kök"), -3.25, now),
            Sample.of(
                "up", Labels.of("job", "db"), Double.longBitsToDouble(Sample.STALE_NAN_BITS), now));
    SampleRecords record = new SampleRecords();
    samples.forEach(record::add);
    SampleLimits limits =
        new SampleLimits(1000, 64, 256, 2048, Duration.ofMinutes(10), Duration.ofHours(24));

    Validation v =
        new RemoteWriteParser(limits, 1 << 20)
            .parse(WriteRequestEncoder.snappy(record.finish()), now);

    assertThat(v).isInstanceOf(Validation.Valid.class);
    List<Sample> read = ((Validation.Valid) v).samples();
    assertThat(read).hasSize(samples.size());
    for (int i = 0; i < samples.size(); i++) {
      assertThat(read.get(i).series()).isEqualTo(samples.get(i).series());
      assertThat(read.get(i).timestampMillis()).isEqualTo(samples.get(i).timestampMillis());
      assertThat(Double.doubleToRawLongBits(read.get(i).value()))
          .isEqualTo(Double.doubleToRawLongBits(samples.get(i).value()));
    }
  }
}
