package dev.alerting.bench.load;

import io.airlift.compress.snappy.SnappyCompressor;
import io.vertx.core.buffer.Buffer;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Request bodies of the background load: {@code batch} samples of {@code bench_load} spread over
 * {@code series} series, stamped now, each sample's value its own (request number + index), so
 * every sample is a new point of its series. Built per request, from each series' bytes encoded
 * once up front: a real sender is another machine, and in {@code --embedded} runs this process's
 * cores are the ingest's, so the harness spends on a body only what changes per request (values,
 * timestamp, the snappy compression of remote_write). The bytes are those of the straightforward
 * encoding ({@code PayloadsTest} compares them).
 */
public final class Payloads {
  public static final String METRIC = "bench_load";

  private static final byte[] TIMESTAMP_FIELD = ascii(",\"timestamp\":");

  private final int series;
  private final int batch;

  /** Per series: a JSON sample up to and including {@code "value":}. */
  private static final ThreadLocal<byte[]> JSON_SCRATCH =
      ThreadLocal.withInitial(() -> new byte[0]);

  private final byte[][] jsonHeads;

  /** Per series: the label fields of its remote_write TimeSeries message. */
  private final byte[][] labelFields;

  private final int maxJsonHead;
  private final int maxLabelFields;

  public Payloads(int series, int batch) {
    this.series = series;
    this.batch = batch;
    this.jsonHeads = new byte[series][];
    this.labelFields = new byte[series][];
    int json = 0;
    int labels = 0;
    for (int s = 0; s < series; s++) {
      jsonHeads[s] =
          ascii(
              "{\"name\":\""
                  + METRIC
                  + "\",\"labels\":{\"job\":\"bench\",\"instance\":\"host-"
                  + (s % 100)
                  + ":9100\",\"series\":\""
                  + s
                  + "\"},\"value\":");
      ByteArrayOutputStream ts = new ByteArrayOutputStream(96);
      label(ts, "__name__", METRIC);
      label(ts, "instance", "host-" + (s % 100) + ":9100");
      label(ts, "job", "bench");
      label(ts, "series", String.valueOf(s));
      labelFields[s] = ts.toByteArray();
      json = Math.max(json, jsonHeads[s].length);
      labels = Math.max(labels, labelFields[s].length);
    }
    this.maxJsonHead = json;
    this.maxLabelFields = labels;
  }

  /** The JSON array of {@code POST /api/v1/samples} for request number {@code request}. */
  public Buffer json(long request, long now) {
    byte[] stamp = concat(TIMESTAMP_FIELD, ascii(Long.toString(now)));
    // head, value (at most 20 digits), timestamp, '}' and ','
    byte[] out = jsonScratch(2 + batch * (maxJsonHead + 20 + stamp.length + 2));
    int n = 0;
    out[n++] = '[';
    for (int i = 0; i < batch; i++) {
      if (i > 0) {
        out[n++] = ',';
      }
      byte[] head = jsonHeads[seriesOf(request, i)];
      System.arraycopy(head, 0, out, n, head.length);
      n = decimal(out, n + head.length, request + i);
      System.arraycopy(stamp, 0, out, n, stamp.length);
      n += stamp.length;
      out[n++] = '}';
    }
    out[n++] = ']';
    // One exact-size copy: the harness runs in the measured JVM (--embedded), where a worst-case
    // array and two copies per request were ~17 % of all bytes allocated under the detection load.
    return Buffer.buffer(n).appendBytes(out, 0, n);
  }

  // Payloads are built on the load loops' event-loop threads: one scratch array per thread.
  private static byte[] jsonScratch(int size) {
    byte[] s = JSON_SCRATCH.get();
    if (s.length < size) {
      s = new byte[size];
      JSON_SCRATCH.set(s);
    }
    return s;
  }

  /** A snappy-compressed prometheus.WriteRequest (remote_write 1.0) with the same samples. */
  public Buffer remoteWrite(long request, long now) {
    // Sample message: value (field 1, fixed64) and timestamp (field 2, varint)
    int sampleBytes = 1 + 8 + 1 + varintLength(now);
    // per TimeSeries: its tag and length (at most 3 bytes each for these sizes), labels, sample
    byte[] out = new byte[batch * (4 + maxLabelFields + 2 + sampleBytes)];
    int n = 0;
    for (int i = 0; i < batch; i++) {
      byte[] labels = labelFields[seriesOf(request, i)];
      int seriesBytes = labels.length + 2 + sampleBytes;
      out[n++] = 0x0a; // WriteRequest field 1 (timeseries), length-delimited
      n = varint(out, n, seriesBytes);
      System.arraycopy(labels, 0, out, n, labels.length);
      n += labels.length;
      out[n++] = 0x12; // TimeSeries field 2 (samples), length-delimited
      out[n++] = (byte) sampleBytes;
      out[n++] = 0x09; // Sample field 1 (value), fixed64
      long bits = Double.doubleToRawLongBits((double) (request + i));
      for (int b = 0; b < 8; b++) {
        out[n++] = (byte) (bits >>> (8 * b));
      }
      out[n++] = 0x10; // Sample field 2 (timestamp), varint
      n = varint(out, n, now);
    }
    return Buffer.buffer(snappy(out, n));
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

  private static void bytesField(ByteArrayOutputStream out, int field, byte[] bytes) {
    byte[] scratch = new byte[10];
    out.write(scratch, 0, varint(scratch, 0, (long) field << 3 | 2));
    out.write(scratch, 0, varint(scratch, 0, bytes.length));
    out.write(bytes, 0, bytes.length);
  }

  /** Writes {@code v} as a protobuf varint at {@code at}; returns the index after it. */
  private static int varint(byte[] out, int at, long v) {
    while ((v & ~0x7fL) != 0) {
      out[at++] = (byte) ((v & 0x7f) | 0x80);
      v >>>= 7;
    }
    out[at++] = (byte) v;
    return at;
  }

  private static int varintLength(long v) {
    int n = 1;
    while ((v & ~0x7fL) != 0) {
      v >>>= 7;
      n++;
    }
    return n;
  }

  /** Writes {@code v} in decimal as {@link Long#toString(long)} does; returns the index after. */
  private static int decimal(byte[] out, int at, long v) {
    if (v < 0) {
      byte[] text = ascii(Long.toString(v));
      System.arraycopy(text, 0, out, at, text.length);
      return at + text.length;
    }
    int digits = 1;
    for (long rest = v / 10; rest != 0; rest /= 10) {
      digits++;
    }
    for (int i = at + digits - 1; i >= at; i--) {
      out[i] = (byte) ('0' + v % 10);
      v /= 10;
    }
    return at + digits;
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  private static byte[] snappy(byte[] raw, int length) {
    SnappyCompressor c = new SnappyCompressor();
    byte[] out = new byte[c.maxCompressedLength(length)];
    int n = c.compress(raw, 0, length, out, 0, out.length);
    return Arrays.copyOf(out, n);
  }
}
