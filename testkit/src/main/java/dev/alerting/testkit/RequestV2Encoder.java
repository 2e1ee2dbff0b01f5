package dev.alerting.testkit;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Hand-encodes a remote write 2.0 {@code io.prometheus.write.v2.Request}: a symbols table (starting
 * with "") and series whose labels are references into it, for tests.
 */
public final class RequestV2Encoder {
  private final Map<String, Integer> symbols = new LinkedHashMap<>();
  private final List<byte[]> series = new ArrayList<>();
  private boolean symbolsLast;

  public RequestV2Encoder() {
    symbols.put("", 0);
  }

  /** Writes the symbols after the series (field order is free in protobuf). */
  public RequestV2Encoder symbolsLast() {
    symbolsLast = true;
    return this;
  }

  /**
   * Adds a series; {@code samples} alternate value and timestamp; {@code histograms} are Histogram
   * messages. Every series also carries an exemplar and metadata, which receivers skip.
   */
  public RequestV2Encoder series(
      Map<String, String> labels, double[] samples, HistogramEncoder... histograms) {
    ByteArrayOutputStream refs = new ByteArrayOutputStream();
    labels.forEach(
        (k, v) -> {
          WriteRequestEncoder.varint(refs, ref(k));
          WriteRequestEncoder.varint(refs, ref(v));
        });
    return rawSeries(refs.toByteArray(), samples, histograms);
  }

  /** Adds a series with the given packed labels_refs bytes (bad references, odd counts). */
  public RequestV2Encoder rawSeries(
      byte[] packedRefs, double[] samples, HistogramEncoder... histograms) {
    ByteArrayOutputStream ts = new ByteArrayOutputStream();
    WriteRequestEncoder.bytesField(ts, 1, packedRefs);
    for (int i = 0; i < samples.length; i += 2) {
      WriteRequestEncoder.bytesField(
          ts, 2, WriteRequestEncoder.sample(samples[i], (long) samples[i + 1]));
    }
    for (HistogramEncoder h : histograms) {
      WriteRequestEncoder.bytesField(ts, 3, h.bytes());
    }
    // an exemplar (field 4: labels_refs 0, value 1.5) and metadata (field 5): both to be ignored
    WriteRequestEncoder.bytesField(
        ts, 4, new byte[] {0x0a, 0x00, 0x11, 0, 0, 0, 0, 0, 0, -8, 0x3f});
    WriteRequestEncoder.bytesField(ts, 5, new byte[] {0x08, 0x01});
    series.add(ts.toByteArray());
    return this;
  }

  public int ref(String symbol) {
    return symbols.computeIfAbsent(symbol, s -> symbols.size());
  }

  public byte[] proto() {
    ByteArrayOutputStream request = new ByteArrayOutputStream();
    if (!symbolsLast) {
      writeSymbols(request);
    }
    for (byte[] ts : series) {
      WriteRequestEncoder.bytesField(request, 5, ts);
    }
    if (symbolsLast) {
      writeSymbols(request);
    }
    return request.toByteArray();
  }

  public byte[] snappy() {
    return WriteRequestEncoder.snappy(proto());
  }

  private void writeSymbols(ByteArrayOutputStream request) {
    for (String s : symbols.keySet()) {
      WriteRequestEncoder.bytesField(request, 4, s.getBytes(StandardCharsets.UTF_8));
    }
  }
}
