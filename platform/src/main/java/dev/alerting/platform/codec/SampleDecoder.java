package dev.alerting.platform.codec;

import dev.alerting.model.Labels;
import dev.alerting.model.sample.Sample;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;
import org.apache.kafka.common.header.Headers;

/**
 * Reads {@code metrics.samples} records of either form into samples: the protobuf form ({@link
 * SampleRecords}, several samples) when the record carries its header, else the JSON form ({@link
 * SampleCodec}, one sample). Every reader of the topic uses this one decoder.
 *
 * <p>Label sets are interned: one {@link Labels} per distinct encoded label set, shared by all its
 * samples, so a series read a million times is built once. Keep one decoder per consumer (it is not
 * thread-safe); its cache holds at most {@code maxSeries} label sets and starts over when full.
 */
public final class SampleDecoder {
  /** The cache bound of {@link #SampleDecoder()}: well above one instance's usual series count. */
  public static final int DEFAULT_MAX_SERIES = 1 << 20;

  private final LabelCache cache;
  private double[] values = new double[16];
  private long[] timestamps = new long[16];

  public SampleDecoder() {
    this(DEFAULT_MAX_SERIES);
  }

  public SampleDecoder(int maxSeries) {
    this.cache = new LabelCache(maxSeries);
  }

  /** The samples of one record, in record order. */
  public List<Sample> decode(Headers headers, byte[] value) {
    List<Sample> out = new ArrayList<>();
    decode(headers, value, out);
    return out;
  }

  /**
   * Appends the samples of one record to {@code out}; on a {@link CodecException} nothing of the
   * record is appended.
   */
  public void decode(Headers headers, byte[] value, List<Sample> out) {
    if (value == null) {
      throw new CodecException("sample record has no value");
    }
    if (!SampleRecords.isProtobuf(headers)) {
      out.add(SampleCodec.decode(new String(value, StandardCharsets.UTF_8)));
      return;
    }
    int start = out.size();
    try {
      readRequest(new ProtoReader(value, 0, value.length), out);
    } catch (CodecException | IllegalArgumentException e) {
      out.subList(start, out.size()).clear();
      throw e instanceof CodecException c
          ? c
          : new CodecException("invalid WriteRequest record: " + e.getMessage(), e);
    }
  }

  /** How many distinct label sets are cached. */
  public int cachedSeries() {
    return cache.size();
  }

  private void readRequest(ProtoReader in, List<Sample> out) {
    while (in.hasMore()) {
      int tag = in.readTag();
      if (tag >>> 3 == SampleRecords.WRITE_REQUEST_TIMESERIES) {
        ProtoReader.expect(tag, ProtoReader.LENGTH_DELIMITED, "WriteRequest.timeseries");
        int outer = in.enter();
        readSeries(in, out);
        in.exit(outer);
      } else {
        in.skip(tag & 7);
      }
    }
  }

  /**
   * One TimeSeries: its samples into the scratch arrays, the byte range of its labels noted, then
   * the labels looked up (or built) once for all of its samples.
   */
  private void readSeries(ProtoReader in, List<Sample> out) {
    int labelsFrom = -1;
    int labelsTo = -1;
    boolean interleaved = false;
    int n = 0;
    while (in.hasMore()) {
      int fieldStart = in.offset();
      int tag = in.readTag();
      switch (tag >>> 3) {
        case SampleRecords.TIMESERIES_LABELS -> {
          ProtoReader.expect(tag, ProtoReader.LENGTH_DELIMITED, "TimeSeries.labels");
          if (labelsFrom < 0) {
            labelsFrom = fieldStart;
          } else if (labelsTo != fieldStart) {
            interleaved = true;
          }
          in.skip(ProtoReader.LENGTH_DELIMITED);
          labelsTo = in.offset();
        }
        case SampleRecords.TIMESERIES_SAMPLES -> {
          ProtoReader.expect(tag, ProtoReader.LENGTH_DELIMITED, "TimeSeries.samples");
          int outer = in.enter();
          readSample(in, n++);
          in.exit(outer);
        }
        default -> in.skip(tag & 7); // exemplars, histograms: not samples this topic carries
      }
    }
    if (n == 0) {
      return;
    }
    if (labelsFrom < 0) {
      throw new CodecException("a TimeSeries of the record has samples but no labels");
    }
    Labels labels = interleaved ? null : cache.find(in.buffer(), labelsFrom, labelsTo);
    if (labels == null) {
      labels = readLabels(in.buffer(), labelsFrom, labelsTo);
      if (!interleaved) {
        cache.put(in.buffer(), labelsFrom, labelsTo, labels);
      }
    }
    for (int i = 0; i < n; i++) {
      out.add(new Sample(labels, values[i], timestamps[i]));
    }
  }

  private void readSample(ProtoReader in, int i) {
    if (i == values.length) {
      values = Arrays.copyOf(values, i * 2);
      timestamps = Arrays.copyOf(timestamps, i * 2);
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
    values[i] = value;
    timestamps[i] = timestamp;
  }

  /** The label fields in {@code [from, to)} of a TimeSeries (other fields there are skipped). */
  private Labels readLabels(byte[] buf, int from, int to) {
    ProtoReader in = new ProtoReader(buf, from, to);
    TreeMap<String, String> labels = new TreeMap<>();
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
      if (labels.put(name, value) != null) {
        throw new CodecException("label " + name + " appears more than once in a TimeSeries");
      }
    }
    Labels built = Labels.of(labels);
    if (built.metricName() == null) {
      throw new CodecException("a TimeSeries of the record has no __name__ label");
    }
    return built;
  }
}
