package dev.alerting.platform.codec;

import java.util.Arrays;
import java.util.Map;

/**
 * Reads one Prometheus {@code TimeSeries} in place: its samples into reusable primitive arrays, its
 * label fields noted as a byte range (read into strings only when asked), native histograms noted
 * as the byte ranges of their messages (read with {@link HistogramReader} when wanted). Shared by
 * the remote_write receiver and the {@code metrics.samples} decoder; not thread-safe, reused series
 * after series.
 */
public final class TimeSeriesReader {

  private double[] values = new double[16];
  private long[] timestamps = new long[16];
  private int samples;
  private int histograms;
  private int[] histogramFrom = new int[4];
  private int[] histogramTo = new int[4];
  private int labelsFrom;
  private int labelsTo;
  private boolean interleaved;

  /** Reads the TimeSeries {@code in} was {@link ProtoReader#enter() entered} into, to its end. */
  public void read(ProtoReader in) {
    samples = 0;
    histograms = 0;
    labelsFrom = -1;
    labelsTo = -1;
    interleaved = false;
    while (in.hasMore()) {
      int fieldStart = in.offset();
      int tag = in.readTag();
      switch (tag >>> 3) {
        case SampleRecords.TIMESERIES_LABELS -> {
          ProtoReader.expect(tag, ProtoReader.LENGTH_DELIMITED, "TimeSeries.labels");
          interleaved |= labelsFrom >= 0 && labelsTo != fieldStart;
          labelsFrom = labelsFrom < 0 ? fieldStart : labelsFrom;
          in.skip(ProtoReader.LENGTH_DELIMITED);
          labelsTo = in.offset();
        }
        case SampleRecords.TIMESERIES_SAMPLES -> {
          ProtoReader.expect(tag, ProtoReader.LENGTH_DELIMITED, "TimeSeries.samples");
          int outer = in.enter();
          readSample(in);
          in.exit(outer);
        }
        case SampleRecords.TIMESERIES_HISTOGRAMS -> {
          ProtoReader.expect(tag, ProtoReader.LENGTH_DELIMITED, "TimeSeries.histograms");
          int outer = in.enter();
          int from = in.offset();
          in.exit(outer);
          noteHistogram(from, in.offset());
        }
        default -> in.skip(tag & 7); // exemplars (3) and anything newer
      }
    }
  }

  public int samples() {
    return samples;
  }

  /** The values of the samples read; valid up to {@link #samples()}. */
  public double[] values() {
    return values;
  }

  /** The timestamps of the samples read; valid up to {@link #samples()}. */
  public long[] timestamps() {
    return timestamps;
  }

  /** How many native histogram samples the series has. */
  public int histograms() {
    return histograms;
  }

  /**
   * Reads histogram {@code i} (below {@link #histograms()}) of the series last read from {@code
   * buf}, the buffer it was read from, into {@code reader}.
   */
  public void readHistogram(byte[] buf, int i, HistogramReader reader) {
    reader.read(new ProtoReader(buf, histogramFrom[i], histogramTo[i]));
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

  public boolean hasLabels() {
    return labelsFrom >= 0;
  }

  /**
   * Whether the label fields are one run of bytes ({@link #labelsFrom()} to {@link #labelsTo()}),
   * as every writer we know puts them: then those bytes identify the label set.
   */
  public boolean labelsContiguous() {
    return labelsFrom >= 0 && !interleaved;
  }

  public int labelsFrom() {
    return labelsFrom;
  }

  public int labelsTo() {
    return labelsTo;
  }

  /**
   * Puts the Label fields among {@code [from, to)} of {@code buf} into {@code labels} (other fields
   * there are skipped); returns the first name that appeared twice, or null.
   */
  public static String readLabels(byte[] buf, int from, int to, Map<String, String> labels) {
    ProtoReader in = new ProtoReader(buf, from, to);
    String duplicate = null;
    while (in.hasMore()) {
      int tag = in.readTag();
      if (tag >>> 3 != SampleRecords.TIMESERIES_LABELS) {
        in.skip(tag & 7);
        continue;
      }
      int outer = in.enter();
      String name = "";
      String value = "";
      while (in.hasMore()) {
        int field = in.readTag();
        switch (field >>> 3) {
          case SampleRecords.LABEL_NAME -> {
            ProtoReader.expect(field, ProtoReader.LENGTH_DELIMITED, "Label.name");
            name = in.readString();
          }
          case SampleRecords.LABEL_VALUE -> {
            ProtoReader.expect(field, ProtoReader.LENGTH_DELIMITED, "Label.value");
            value = in.readString();
          }
          default -> in.skip(field & 7);
        }
      }
      in.exit(outer);
      if (labels.put(name, value) != null && duplicate == null) {
        duplicate = name;
      }
    }
    return duplicate;
  }

  private void readSample(ProtoReader in) {
    if (samples == values.length) {
      values = Arrays.copyOf(values, samples * 2);
      timestamps = Arrays.copyOf(timestamps, samples * 2);
    }
    double value = 0; // proto3: an absent field is its zero value
    long timestamp = 0;
    while (in.hasMore()) {
      int tag = in.readTag();
      switch (tag >>> 3) {
        case SampleRecords.SAMPLE_VALUE -> {
          ProtoReader.expect(tag, ProtoReader.FIXED64, "Sample.value");
          value = in.readDouble();
        }
        case SampleRecords.SAMPLE_TIMESTAMP -> {
          ProtoReader.expect(tag, ProtoReader.VARINT, "Sample.timestamp");
          timestamp = in.readVarint();
        }
        default -> in.skip(tag & 7);
      }
    }
    values[samples] = value;
    timestamps[samples] = timestamp;
    samples++;
  }
}
