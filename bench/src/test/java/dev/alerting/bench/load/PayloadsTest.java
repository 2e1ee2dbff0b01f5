package dev.alerting.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.airlift.compress.snappy.SnappyDecompressor;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The bodies built from pre-encoded series are byte for byte those of the plain encoding, written
 * out here sample by sample (the harness's builder before it pre-encoded the series).
 */
class PayloadsTest {

  @DisplayName("bodies equal the sample-by-sample encoding")
  @ParameterizedTest(name = "{0} series, batch {1}, request {2}, now {3}")
  @CsvSource({
    "1000, 1000, 0, 1764806400000",
    "1000, 1000, 417, 1764806400123",
    "1000, 100, 9999999, 1764806400999",
    "7, 13, 3, 0",
    "1, 1, 0, 127",
    "150, 1000, 123456789012, 1764806400000",
  })
  void bodiesEqualPlainEncoding(int series, int batch, long request, long now) {
    Payloads payloads = new Payloads(series, batch);

    assertThat(payloads.json(request, now).toString(StandardCharsets.UTF_8))
        .isEqualTo(plainJson(series, batch, request, now));
    byte[] compressed = payloads.remoteWrite(request, now).getBytes();
    assertThat(unsnappy(compressed)).isEqualTo(plainWriteRequest(series, batch, request, now));
  }

  private static String plainJson(int series, int batch, long request, long now) {
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < batch; i++) {
      int s = (int) ((request * batch + i) % series);
      sb.append(i == 0 ? "" : ",")
          .append("{\"name\":\"bench_load\",\"labels\":{\"job\":\"bench\",\"instance\":\"host-")
          .append(s % 100)
          .append(":9100\",\"series\":\"")
          .append(s)
          .append("\"},\"value\":")
          .append(request + i)
          .append(",\"timestamp\":")
          .append(now)
          .append('}');
    }
    return sb.append(']').toString();
  }

  private static byte[] plainWriteRequest(int series, int batch, long request, long now) {
    ByteArrayOutputStream req = new ByteArrayOutputStream();
    for (int i = 0; i < batch; i++) {
      int s = (int) ((request * batch + i) % series);
      ByteArrayOutputStream ts = new ByteArrayOutputStream();
      label(ts, "__name__", "bench_load");
      label(ts, "instance", "host-" + (s % 100) + ":9100");
      label(ts, "job", "bench");
      label(ts, "series", String.valueOf(s));
      ByteArrayOutputStream sample = new ByteArrayOutputStream();
      sample.write(0x09);
      long bits = Double.doubleToRawLongBits(request + i);
      for (int b = 0; b < 8; b++) {
        sample.write((int) (bits >>> (8 * b)) & 0xff);
      }
      sample.write(0x10);
      varint(sample, now);
      bytesField(ts, 2, sample.toByteArray());
      bytesField(req, 1, ts.toByteArray());
    }
    return req.toByteArray();
  }

  private static void label(ByteArrayOutputStream ts, String name, String value) {
    ByteArrayOutputStream l = new ByteArrayOutputStream();
    bytesField(l, 1, name.getBytes(StandardCharsets.UTF_8));
    bytesField(l, 2, value.getBytes(StandardCharsets.UTF_8));
    bytesField(ts, 1, l.toByteArray());
  }

  private static void bytesField(ByteArrayOutputStream out, int field, byte[] bytes) {
    varint(out, (long) field << 3 | 2);
    varint(out, bytes.length);
    out.write(bytes, 0, bytes.length);
  }

  private static void varint(ByteArrayOutputStream out, long v) {
    while ((v & ~0x7fL) != 0) {
      out.write((int) ((v & 0x7f) | 0x80));
      v >>>= 7;
    }
    out.write((int) v);
  }

  private static byte[] unsnappy(byte[] compressed) {
    int length = SnappyDecompressor.getUncompressedLength(compressed, 0);
    byte[] out = new byte[length];
    int n =
        new SnappyDecompressor().decompress(compressed, 0, compressed.length, out, 0, out.length);
    return Arrays.copyOf(out, n);
  }
}
