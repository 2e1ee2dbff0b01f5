package dev.alerting.bench.load;

import io.airlift.compress.snappy.SnappyCompressor;
import io.vertx.core.buffer.Buffer;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Request bodies of the background load: {@code batch} samples of {@code bench_load} spread over
 * {@code series} series, stamped now. Built per request, as a real client would.
 */
public final class Payloads {
  public static final String METRIC = "bench_load";

  private final int series;
  private final int batch;

  public Payloads(int series, int batch) {
    this.series = series;
    this.batch = batch;
  }

  /** The JSON array of {@code POST /api/v1/samples} for request number {@code request}. */
  public Buffer json(long request, long now) {
    StringBuilder sb = new StringBuilder(batch * 120).append('[');
    for (int i = 0; i < batch; i++) {
      int s = seriesOf(request, i);
      sb.append(i == 0 ? "" : ",")
          .append("{\"name\":\"" + METRIC + "\",\"labels\":{\"job\":\"bench\",\"instance\":\"host-")
          .append(s % 100)
          .append(":9100\",\"series\":\"")
          .append(s)
          .append("\"},\"value\":")
          .append(request + i)
          .append(",\"timestamp\":")
          .append(now)
          .append('}');
    }
    return Buffer.buffer(sb.append(']').toString());
  }

  /** A snappy-compressed prometheus.WriteRequest (remote_write 1.0) with the same samples. */
  public Buffer remoteWrite(long request, long now) {
    ByteArrayOutputStream req = new ByteArrayOutputStream(batch * 80);
    for (int i = 0; i < batch; i++) {
      int s = seriesOf(request, i);
      ByteArrayOutputStream ts = new ByteArrayOutputStream(96);
      label(ts, "__name__", METRIC);
      label(ts, "instance", "host-" + (s % 100) + ":9100");
      label(ts, "job", "bench");
      label(ts, "series", String.valueOf(s));
      bytesField(ts, 2, sample(request + i, now));
      bytesField(req, 1, ts.toByteArray());
    }
    return Buffer.buffer(snappy(req.toByteArray()));
  }

  private int seriesOf(long request, int i) {
    return (int) ((request * batch + i) % series);
  }

  private static void label(ByteArrayOutputStream ts, String name, String value) {
    ByteArrayOutputStream l = new ByteArrayOutputStream(32);
    bytesField(l, 1, name.getBytes(StandardCharsets.UTF_8));
    bytesField(l, 2, value.getBytes(StandardCharsets.UTF_8));
    bytesField(ts, 1, l.toByteArray());
  }

  private static byte[] sample(double value, long timestamp) {
    ByteArrayOutputStream s = new ByteArrayOutputStream(20);
    s.write(0x09); // field 1 (value), fixed64
    long bits = Double.doubleToRawLongBits(value);
    for (int i = 0; i < 8; i++) {
      s.write((int) (bits >>> (8 * i)) & 0xff);
    }
    s.write(0x10); // field 2 (timestamp), varint
    varint(s, timestamp);
    return s.toByteArray();
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

  static byte[] snappy(byte[] raw) {
    SnappyCompressor c = new SnappyCompressor();
    byte[] out = new byte[c.maxCompressedLength(raw.length)];
    int n = c.compress(raw, 0, raw.length, out, 0, out.length);
    return Arrays.copyOf(out, n);
  }
}
