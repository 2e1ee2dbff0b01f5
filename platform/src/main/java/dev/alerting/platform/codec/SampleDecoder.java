package dev.alerting.platform.codec;

import dev.alerting.model.Labels;
import dev.alerting.model.sample.Sample;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.header.Headers;

/**
 * Reads {@code metrics.samples} records of either form into samples: the protobuf form ({@link
 * SampleRecords}, several samples) when the record carries its header, else the JSON form ({@link
 * SampleCodec}, one sample). Every reader of the topic uses this one decoder.
 *
 * <p>Label sets are interned: one {@link Labels} per distinct encoded label set, shared by all its
 * samples, so a series read a million times is built once. Keep one decoder per consumer (it is not
 * thread-safe); its cache ({@link EncodedLabelSets}: an array slot per label set, checked against
 * the record's bytes without keeping a copy of them) holds at most {@code maxSeries} label sets and
 * starts over when full. Label sets of the JSON form are neither cached nor interned.
 *
 * <p>Label names and values of the label sets it builds are interned ({@link StringInterner}, a
 * fixed table of {@value #INTERNED_STRINGS} slots): the series of one host share its {@code
 * instance} String, those of one metric its name, instead of a copy each, which a consumer keeping
 * every series (the rule engine's store) would otherwise hold per series.
 */
public final class SampleDecoder {
  /** The cache bound of {@link #SampleDecoder()}: well above one instance's usual series count. */
  public static final int DEFAULT_MAX_SERIES = 1 << 20;

  /** Slots of the string interner: the distinct names and values of a large instance's series. */
  static final int INTERNED_STRINGS = 1 << 16;

  private final EncodedLabelSets cache;
  private final StringInterner strings = new StringInterner(INTERNED_STRINGS);
  private final TimeSeriesReader series = new TimeSeriesReader();
  private HistogramReader histogram;

  public SampleDecoder() {
    this(DEFAULT_MAX_SERIES);
  }

  public SampleDecoder(int maxSeries) {
    this.cache = new EncodedLabelSets(maxSeries);
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
    decode(headers, value, 0, value.length, out);
  }

  /**
   * As {@link #decode(Headers, byte[], List)}, reading the value where the consumer left it (a
   * {@code ByteBufferDeserializer} hands out the record's bytes without the copy into a {@code
   * byte[]} that {@code ByteArrayDeserializer} makes); the buffer's position is not moved.
   */
  public void decode(Headers headers, ByteBuffer value, List<Sample> out) {
    if (value == null) {
      throw new CodecException("sample record has no value");
    }
    if (value.hasArray()) {
      int from = value.arrayOffset() + value.position();
      decode(headers, value.array(), from, from + value.remaining(), out);
    } else {
      byte[] copy = new byte[value.remaining()];
      value.duplicate().get(copy);
      decode(headers, copy, 0, copy.length, out);
    }
  }

  private void decode(Headers headers, byte[] value, int from, int to, List<Sample> out) {
    if (!SampleRecords.isProtobuf(headers)) {
      out.add(SampleCodec.decode(new String(value, from, to - from, StandardCharsets.UTF_8)));
      return;
    }
    int start = out.size();
    try {
      readRequest(new ProtoReader(value, from, to), out);
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

  /** One TimeSeries: its label set looked up (or built) once for all of its samples. */
  private void readSeries(ProtoReader in, List<Sample> out) {
    series.read(in);
    int n = series.samples();
    int h = series.histograms();
    if (n == 0 && h == 0) {
      return;
    }
    if (!series.hasLabels()) {
      throw new CodecException("a TimeSeries of the record has samples but no labels");
    }
    boolean cacheable = series.labelsContiguous();
    int from = series.labelsFrom();
    int to = series.labelsTo();
    Labels labels = cacheable ? cache.find(in.buffer(), from, to) : null;
    if (labels == null) {
      labels = readLabels(in.buffer(), from, to);
      if (cacheable) {
        cache.put(in.buffer(), from, to, labels);
      }
    }
    for (int i = 0; i < n; i++) {
      out.add(new Sample(labels, series.values()[i], series.timestamps()[i]));
    }
    for (int i = 0; i < h; i++) {
      if (histogram == null) {
        histogram = new HistogramReader();
      }
      series.readHistogram(in.buffer(), i, histogram);
      out.add(Sample.histogram(labels, histogram.histogram(), histogram.timestampMillis()));
    }
  }

  private Labels readLabels(byte[] buf, int from, int to) {
    TreeMap<String, String> labels = new TreeMap<>();
    String duplicate = TimeSeriesReader.readLabels(buf, from, to, labels);
    if (duplicate != null) {
      throw new CodecException("label " + duplicate + " appears more than once in a TimeSeries");
    }
    String[] pairs = new String[labels.size() * 2];
    int i = 0;
    for (Map.Entry<String, String> e : labels.entrySet()) {
      pairs[i++] = strings.intern(e.getKey());
      pairs[i++] = strings.intern(e.getValue());
    }
    Labels built = Labels.of(pairs);
    if (built.metricName() == null) {
      throw new CodecException("a TimeSeries of the record has no __name__ label");
    }
    return built;
  }
}
