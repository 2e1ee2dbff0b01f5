package dev.alerting.testkit;

import io.airlift.compress.snappy.SnappyCompressor;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

/** Hand-encodes a prometheus.WriteRequest and snappy-compresses it, for tests. */
public final class WriteRequestEncoder {
  private final ByteArrayOutputStream request = new ByteArrayOutputStream();

  /** Adds a series; {@code samples} alternate value and timestamp: v0, t0, v1, t1, ... */
  public WriteRequestEncoder series(Map<String, String> labels, double... samples) {
    ByteArrayOutputStream ts = new ByteArrayOutputStream();
    labels.forEach(
        (k, v) -> {
          ByteArrayOutputStream label = new ByteArrayOutputStream();
          bytesField(label, 1, k.getBytes(StandardCharsets.UTF_8));
          bytesField(label, 2, v.getBytes(StandardCharsets.UTF_8));
          bytesField(ts, 1, label.toByteArray());
        });
    for (int i = 0; i < samples.length; i += 2) {
      bytesField(ts, 2, sample(samples[i], (long) samples[i + 1]));
    }
    bytesField(request, 1, ts.toByteArray());
    return this;
  }

  /** Adds a series of native histograms only (TimeSeries field 4). */
  public WriteRequestEncoder histogramSeries(
      Map<String, String> labels, HistogramEncoder... histograms) {
    ByteArrayOutputStream ts = new ByteArrayOutputStream();
    labels.forEach(
        (k, v) -> {
          ByteArrayOutputStream label = new ByteArrayOutputStream();
          bytesField(label, 1, k.getBytes(StandardCharsets.UTF_8));
          bytesField(label, 2, v.getBytes(StandardCharsets.UTF_8));
          bytesField(ts, 1, label.toByteArray());
        });
    for (HistogramEncoder h : histograms) {
      bytesField(ts, 4, h.bytes());
    }
    bytesField(request, 1, ts.toByteArray());
    return this;
  }

  /** Adds raw bytes as a field of the WriteRequest (metadata, garbage). */
  public WriteRequestEncoder raw(int field, byte[] bytes) {
    bytesField(request, field, bytes);
    return this;
  }

  public byte[] proto() {
    return request.toByteArray();
  }

  public byte[] snappy() {
    return snappy(proto());
  }

  public static byte[] snappy(byte[] raw) {
    SnappyCompressor c = new SnappyCompressor();
    byte[] out = new byte[c.maxCompressedLength(raw.length)];
    int n = c.compress(raw, 0, raw.length, out, 0, out.length);
    return Arrays.copyOf(out, n);
  }

  public static byte[] sample(double value, long timestamp) {
    ByteArrayOutputStream s = new ByteArrayOutputStream();
    s.write(0x09); // field 1, fixed64
    long bits = Double.doubleToRawLongBits(value);
    for (int i = 0; i < 8; i++) {
      s.write((int) (bits >>> (8 * i)) & 0xff);
    }
    s.write(0x10); // field 2, varint
    varint(s, timestamp);
    return s.toByteArray();
  }

  public static void bytesField(ByteArrayOutputStream out, int field, byte[] bytes) {
    varint(out, (long) field << 3 | 2);
    varint(out, bytes.length);
    out.write(bytes, 0, bytes.length);
  }

  public static void varint(ByteArrayOutputStream out, long v) {
    while ((v & ~0x7fL) != 0) {
      out.write((int) ((v & 0x7f) | 0x80));
      v >>>= 7;
    }
    out.write((int) v);
  }
}
