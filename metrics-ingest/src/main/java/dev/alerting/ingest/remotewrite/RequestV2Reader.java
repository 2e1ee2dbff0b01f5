package dev.alerting.ingest.remotewrite;

import dev.alerting.ingest.sample.Batch;
import dev.alerting.ingest.sample.FormatException;
import dev.alerting.ingest.sample.RejectReason;
import dev.alerting.model.Labels;
import dev.alerting.model.sample.FloatHistogram;
import dev.alerting.platform.codec.CodecException;
import dev.alerting.platform.codec.HistogramReader;
import dev.alerting.platform.codec.ProtoReader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a remote write 2.0 {@code io.prometheus.write.v2.Request} (already unpacked) into a batch:
 * the symbols table, then each {@code TimeSeries} with its labels given as pairs of references into
 * it, its float samples and native histograms. Exemplars are skipped, metadata and created
 * timestamps ignored. Symbols may come after the series that use them (field order is free in
 * protobuf), so the request is read twice.
 */
final class RequestV2Reader {
  // field numbers of prometheus/prompb/io/prometheus/write/v2/types.proto
  static final int REQUEST_SYMBOLS = 4;
  static final int REQUEST_TIMESERIES = 5;
  static final int SERIES_LABELS_REFS = 1;
  static final int SERIES_SAMPLES = 2;
  static final int SERIES_HISTOGRAMS = 3;
  static final int SAMPLE_VALUE = 1;
  static final int SAMPLE_TIMESTAMP = 2;

  private final byte[] proto;
  private final Batch batch;
  private final List<String> symbols = new ArrayList<>();
  private long[] refs = new long[16];
  private int refCount;
  private double[] values = new double[16];
  private long[] timestamps = new long[16];
  private int samples;
  private int[] histogramFrom = new int[4];
  private int[] histogramTo = new int[4];
  private int histograms;
  private HistogramReader histogramReader;

  RequestV2Reader(byte[] proto, Batch batch) {
    this.proto = proto;
    this.batch = batch;
  }

  void read() {
    readSymbols();
    ProtoReader in = new ProtoReader(proto, 0, proto.length);
    int index = 0;
    while (in.hasMore() && !batch.full()) {
      int tag = in.readTag();
      if (tag >>> 3 == REQUEST_TIMESERIES) {
        ProtoReader.expect(tag, ProtoReader.LENGTH_DELIMITED, "Request.timeseries");
        int outer = in.enter();
        readSeries(in);
        in.exit(outer);
        addSeries(index++);
      } else {
        in.skip(tag & 7);
      }
    }
  }

  private void readSymbols() {
    ProtoReader in = new ProtoReader(proto, 0, proto.length);
    while (in.hasMore()) {
      int tag = in.readTag();
      if (tag >>> 3 == REQUEST_SYMBOLS) {
        ProtoReader.expect(tag, ProtoReader.LENGTH_DELIMITED, "Request.symbols");
        symbols.add(in.readString());
      } else {
        in.skip(tag & 7);
      }
    }
    if (!symbols.isEmpty() && !symbols.get(0).isEmpty()) {
      throw new FormatException("the symbols table must start with the empty string");
    }
  }

  private void readSeries(ProtoReader in) {
    refCount = 0;
    samples = 0;
    histograms = 0;
    while (in.hasMore()) {
      int tag = in.readTag();
      switch (tag >>> 3) {
        case SERIES_LABELS_REFS -> readRefs(in, tag);
        case SERIES_SAMPLES -> {
          ProtoReader.expect(tag, ProtoReader.LENGTH_DELIMITED, "TimeSeries.samples");
          int outer = in.enter();
          readSample(in);
          in.exit(outer);
        }
        case SERIES_HISTOGRAMS -> {
          ProtoReader.expect(tag, ProtoReader.LENGTH_DELIMITED, "TimeSeries.histograms");
          int outer = in.enter();
          int from = in.offset();
          in.exit(outer);
          noteHistogram(from, in.offset());
        }
        default -> in.skip(tag & 7); // exemplars (4), metadata (5), created_timestamp (6)
      }
    }
  }

  private void readRefs(ProtoReader in, int tag) {
    if ((tag & 7) == ProtoReader.LENGTH_DELIMITED) {
      int outer = in.enter();
      while (in.hasMore()) {
        addRef(in.readVarint());
      }
      in.exit(outer);
    } else {
      ProtoReader.expect(tag, ProtoReader.VARINT, "TimeSeries.labels_refs");
      addRef(in.readVarint());
    }
  }

  private void addRef(long ref) {
    if (refCount == refs.length) {
      refs = Arrays.copyOf(refs, refCount * 2);
    }
    refs[refCount++] = ref;
  }

  private void readSample(ProtoReader in) {
    if (samples == values.length) {
      values = Arrays.copyOf(values, samples * 2);
      timestamps = Arrays.copyOf(timestamps, samples * 2);
    }
    double value = 0;
    long timestamp = 0;
    while (in.hasMore()) {
      int tag = in.readTag();
      switch (tag >>> 3) {
        case SAMPLE_VALUE -> {
          ProtoReader.expect(tag, ProtoReader.FIXED64, "Sample.value");
          value = in.readDouble();
        }
        case SAMPLE_TIMESTAMP -> {
          ProtoReader.expect(tag, ProtoReader.VARINT, "Sample.timestamp");
          timestamp = in.readVarint();
        }
        default -> in.skip(tag & 7); // start_timestamp and anything newer
      }
    }
    values[samples] = value;
    timestamps[samples] = timestamp;
    samples++;
  }

  private void noteHistogram(int from, int to) {
    if (histograms == histogramFrom.length) {
      histogramFrom = Arrays.copyOf(histogramFrom, histograms * 2);
      histogramTo = Arrays.copyOf(histogramTo, histograms * 2);
    }
    histogramFrom[histograms] = from;
    histogramTo[histograms] = to;
    histograms++;
  }

  /** Checks and adds the series just read, at {@code index} in body order. */
  private void addSeries(int index) {
    Map<String, String> labels = new HashMap<>();
    String problem = labels(labels);
    if (problem != null) {
      batch.error(index, RejectReason.LABEL, problem);
      return;
    }
    Labels checked = batch.checkedLabels(labels);
    if (checked == null) {
      if (samples > 0) {
        batch.addSeries(index, labels, values, timestamps, samples); // names every problem
      } else {
        batch.checkSeriesLabels(index, labels);
      }
    } else {
      batch.addSeries(index, checked, values, timestamps, samples);
    }
    for (int h = 0; h < histograms; h++) {
      addHistogram(index, checked, h);
    }
  }

  /** Resolves the label references into {@code labels}; what is wrong with them, or null. */
  private String labels(Map<String, String> labels) {
    if (refCount % 2 != 0) {
      return "labels_refs has " + refCount + " references, not name-value pairs";
    }
    for (int i = 0; i < refCount; i += 2) {
      long name = refs[i];
      long value = refs[i + 1];
      if (name >= symbols.size() || value >= symbols.size() || name < 0 || value < 0) {
        return "labels_refs "
            + name
            + ", "
            + value
            + " point past the symbols table of "
            + symbols.size();
      }
      String n = symbols.get((int) name);
      if (labels.put(n, symbols.get((int) value)) != null) {
        return "label " + n + " appears more than once in the series";
      }
    }
    return null;
  }

  private void addHistogram(int index, Labels checked, int h) {
    if (histogramReader == null) {
      histogramReader = new HistogramReader();
    }
    histogramReader.read(new ProtoReader(proto, histogramFrom[h], histogramTo[h]));
    String problem = histogramReader.problem();
    FloatHistogram histogram = null;
    if (problem == null) {
      try {
        histogram = histogramReader.histogram();
      } catch (CodecException e) {
        problem = e.getMessage();
      }
    }
    batch.addHistogram(index, checked, h, histogram, problem, histogramReader.timestampMillis());
  }
}
