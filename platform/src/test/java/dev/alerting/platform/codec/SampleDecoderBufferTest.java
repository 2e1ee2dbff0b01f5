package dev.alerting.platform.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.alerting.model.Labels;
import dev.alerting.model.sample.Sample;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The decoder reading a record value in place, as the rule engine's consumer hands it over: a
 * window of a larger array (an uncompressed fetch), a buffer of its own, or off-heap.
 */
@DisplayName("The sample decoder on a ByteBuffer value")
class SampleDecoderBufferTest {
  private static final long T = 1_767_225_600_000L;
  private static final Labels UP = Labels.of("__name__", "up", "job", "api");
  private static final Labels DOWN = Labels.of("__name__", "down", "job", "db");

  private static Headers protobuf() {
    RecordHeaders h = new RecordHeaders();
    h.add(SampleRecords.protobufHeader());
    return h;
  }

  private static byte[] record() {
    SampleRecords r = new SampleRecords();
    r.add(new Sample(UP, 1.5, T));
    r.add(new Sample(DOWN, -2, T + 1));
    return r.finish();
  }

  /** {@code value} in the middle of a larger array, other bytes around it. */
  private static ByteBuffer window(byte[] value) {
    byte[] big = new byte[value.length + 37];
    Arrays.fill(big, (byte) 0x7f);
    System.arraycopy(value, 0, big, 19, value.length);
    return ByteBuffer.wrap(big, 19, value.length).slice();
  }

  @Test
  @DisplayName("a window of a larger array decodes as the bytes alone, position unmoved")
  void window() {
    byte[] value = record();
    ByteBuffer buf = window(value);
    ByteBuffer moved = ByteBuffer.wrap(new byte[value.length + 5]);
    moved.position(5);
    moved.put(value);
    moved.position(5);
    List<Sample> expected = new SampleDecoder().decode(protobuf(), value);

    for (ByteBuffer b : List.of(buf, moved)) {
      List<Sample> out = new ArrayList<>();
      int position = b.position();
      new SampleDecoder().decode(protobuf(), b, out);
      assertThat(out).isEqualTo(expected).hasSize(2);
      assertThat(b.position()).isEqualTo(position);
    }
  }

  @Test
  @DisplayName("an off-heap buffer decodes too")
  void direct() {
    byte[] value = record();
    ByteBuffer d = ByteBuffer.allocateDirect(value.length);
    d.put(value).flip();
    List<Sample> out = new ArrayList<>();
    new SampleDecoder().decode(protobuf(), d, out);
    assertThat(out).extracting(Sample::series).containsExactly(UP, DOWN);
    assertThat(d.remaining()).isEqualTo(value.length);
  }

  @Test
  @DisplayName("a JSON record in a window decodes from its own bytes only")
  void json() {
    Sample s = new Sample(UP, 3, T);
    byte[] value = SampleCodec.encode(s).getBytes(StandardCharsets.UTF_8);
    List<Sample> out = new ArrayList<>();
    new SampleDecoder().decode(new RecordHeaders(), window(value), out);
    assertThat(out).containsExactly(s);
  }

  @Test
  @DisplayName("a truncated window fails and leaves nothing of the record")
  void truncated() {
    byte[] value = record();
    ByteBuffer cut = ByteBuffer.wrap(value, 0, value.length - 3).slice();
    List<Sample> out = new ArrayList<>();
    out.add(new Sample(UP, 0, T - 1));
    assertThatThrownBy(() -> new SampleDecoder().decode(protobuf(), cut, out))
        .isInstanceOf(CodecException.class);
    assertThat(out).hasSize(1);
  }
}
