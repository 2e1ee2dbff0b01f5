package dev.alerting.ingest.remotewrite;

import dev.alerting.ingest.sample.Batch;
import dev.alerting.ingest.sample.FormatException;
import dev.alerting.ingest.sample.RejectReason;
import dev.alerting.ingest.sample.SampleLimits;
import dev.alerting.ingest.sample.Validation;
import dev.alerting.model.Labels;
import dev.alerting.platform.codec.CodecException;
import dev.alerting.platform.codec.LabelCache;
import dev.alerting.platform.codec.ProtoReader;
import io.airlift.compress.MalformedInputException;
import io.airlift.compress.snappy.SnappyDecompressor;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads a Prometheus remote_write 1.0 body: snappy block format around a protobuf {@code
 * prometheus.WriteRequest}. Series are checked like any other push; errors name the series index
 * (0-based, in body order) and, for values and timestamps, the sample index within the series. NaN
 * values pass through, the staleness marker included, as Prometheus's own receiver does.
 */
public final class RemoteWriteParser {
  /** Native histograms are not samples the topic can carry: counted, not written. */
  public static final String SKIPPED_HISTOGRAM = "native_histogram";

  // field numbers of prometheus/prompb/remote.proto and types.proto
  private static final int WRITE_REQUEST_TIMESERIES = 1;
  private static final int TIMESERIES_LABELS = 1;
  private static final int TIMESERIES_SAMPLES = 2;
  private static final int TIMESERIES_HISTOGRAMS = 4;
  private static final int LABEL_NAME = 1;
  private static final int LABEL_VALUE = 2;
  private static final int SAMPLE_VALUE = 1;
  private static final int SAMPLE_TIMESTAMP = 2;

  /**
   * How many checked label sets the parser keeps, by their encoded bytes: enough for the series of
   * a large Prometheus; past it the cache starts over (a few hundred bytes each).
   */
  static final int CACHED_SERIES = 50_000;

  private final SampleLimits limits;
  private final long maxDecodedBytes;
  private final LabelCache series = new LabelCache(CACHED_SERIES);

  /**
   * @param maxDecodedBytes the largest protobuf a body may unpack to (the body limit)
   */
  public RemoteWriteParser(SampleLimits limits, long maxDecodedBytes) {
    this.limits = limits;
    this.maxDecodedBytes = maxDecodedBytes;
  }

  public Validation parse(byte[] body, long nowMillis) {
    byte[] proto;
    try {
      proto = unsnappy(body);
    } catch (FormatException | CodecException e) {
      return new Validation.Malformed("snappy: " + e.getMessage());
    } catch (TooLarge e) {
      return new Validation.TooLarge(maxDecodedBytes);
    }
    try {
      return parseProto(proto, nowMillis);
    } catch (FormatException | CodecException e) {
      return new Validation.Malformed("protobuf WriteRequest: " + e.getMessage());
    }
  }

  /** Reads an already decompressed WriteRequest: for tests and senders that skip snappy. */
  Validation parseProto(byte[] proto, long nowMillis) {
    Batch batch = new Batch(limits, "series", nowMillis, false);
    ProtoReader request = new ProtoReader(proto, 0, proto.length);
    SeriesReader series = new SeriesReader();
    int index = 0;
    while (request.hasMore() && !batch.full()) {
      int tag = request.readTag();
      if (tag >>> 3 == WRITE_REQUEST_TIMESERIES) {
        ProtoReader.expect(tag, ProtoReader.LENGTH_DELIMITED, "WriteRequest.timeseries");
        int outer = request.enter();
        series.read(index++, request, batch);
        request.exit(outer);
      } else {
        request.skip(tag & 7); // metadata (3) and anything newer
      }
    }
    return batch.result();
  }

  /** Reads TimeSeries one after the other, reusing its sample arrays. */
  private final class SeriesReader {
    private double[] values = new double[8];
    private long[] timestamps = new long[8];

    void read(int index, ProtoReader in, Batch batch) {
      int labelsFrom = -1;
      int labelsTo = -1;
      boolean interleaved = false;
      int n = 0;
      while (in.hasMore()) {
        int fieldStart = in.offset();
        int tag = in.readTag();
        switch (tag >>> 3) {
          case TIMESERIES_LABELS -> {
            ProtoReader.expect(tag, ProtoReader.LENGTH_DELIMITED, "TimeSeries.labels");
            interleaved |= labelsFrom >= 0 && labelsTo != fieldStart;
            labelsFrom = labelsFrom < 0 ? fieldStart : labelsFrom;
            in.skip(ProtoReader.LENGTH_DELIMITED);
            labelsTo = in.offset();
          }
          case TIMESERIES_SAMPLES -> {
            ProtoReader.expect(tag, ProtoReader.LENGTH_DELIMITED, "TimeSeries.samples");
            int outer = in.enter();
            readSample(in, n++);
            in.exit(outer);
          }
          case TIMESERIES_HISTOGRAMS -> {
            in.skip(tag & 7);
            batch.skip(SKIPPED_HISTOGRAM);
          }
          default -> in.skip(tag & 7); // exemplars (3) and anything newer
        }
      }
      // a label set seen before (Prometheus sends the same series every scrape) was checked
      // then: reuse it instead of reading and checking its labels again
      Labels known =
          interleaved || labelsFrom < 0 ? null : series.find(in.buffer(), labelsFrom, labelsTo);
      if (known != null) {
        batch.addSeries(index, known, values, timestamps, n);
        return;
      }
      Map<String, String> labels = new HashMap<>();
      String duplicate =
          labelsFrom < 0 ? null : readLabels(in.buffer(), labelsFrom, labelsTo, labels);
      if (duplicate != null) {
        batch.error(
            index,
            RejectReason.LABEL,
            "label " + duplicate + " appears more than once in the series");
        return;
      }
      if (n == 0) {
        return; // nothing to write: a series of histograms only, say
      }
      Labels checked = batch.checkedLabels(labels);
      if (checked == null) {
        batch.addSeries(index, labels, values, timestamps, n); // names every problem
        return;
      }
      if (!interleaved) {
        series.put(in.buffer(), labelsFrom, labelsTo, checked);
      }
      batch.addSeries(index, checked, values, timestamps, n);
    }

    /** Reads the Label fields in {@code [from, to)}; returns the first name seen twice, if any. */
    private static String readLabels(byte[] buf, int from, int to, Map<String, String> labels) {
      ProtoReader in = new ProtoReader(buf, from, to);
      String duplicate = null;
      while (in.hasMore()) {
        int tag = in.readTag();
        if (tag >>> 3 != TIMESERIES_LABELS) {
          in.skip(tag & 7);
          continue;
        }
        int outer = in.enter();
        String name = readLabel(in, labels);
        in.exit(outer);
        duplicate = duplicate == null ? name : duplicate;
      }
      return duplicate;
    }

    /** Puts one Label into {@code labels}; returns its name if it was already there. */
    private static String readLabel(ProtoReader in, Map<String, String> labels) {
      String name = "";
      String value = "";
      while (in.hasMore()) {
        int tag = in.readTag();
        switch (tag >>> 3) {
          case LABEL_NAME -> {
            ProtoReader.expect(tag, ProtoReader.LENGTH_DELIMITED, "Label.name");
            name = in.readString();
          }
          case LABEL_VALUE -> {
            ProtoReader.expect(tag, ProtoReader.LENGTH_DELIMITED, "Label.value");
            value = in.readString();
          }
          default -> in.skip(tag & 7);
        }
      }
      return labels.put(name, value) != null ? name : null;
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
          case SAMPLE_VALUE -> {
            ProtoReader.expect(tag, ProtoReader.FIXED64, "Sample.value");
            value = in.readDouble();
          }
          case SAMPLE_TIMESTAMP -> {
            ProtoReader.expect(tag, ProtoReader.VARINT, "Sample.timestamp");
            timestamp = in.readVarint();
          }
          default -> in.skip(tag & 7);
        }
      }
      values[i] = value;
      timestamps[i] = timestamp;
    }
  }

  /**
   * Unpacks a snappy block, refusing before allocation when its declared length is over the limit,
   * so a few bytes cannot make us allocate gigabytes.
   */
  private byte[] unsnappy(byte[] body) {
    if (body.length == 0) {
      throw new FormatException("body is empty");
    }
    ProtoReader preamble = new ProtoReader(body, 0, Math.min(body.length, 5));
    long length;
    try {
      length = preamble.readVarint();
    } catch (CodecException e) {
      throw new FormatException("the block does not start with a valid length");
    }
    if (length > 0xffffffffL) {
      throw new FormatException("the block does not start with a valid length");
    }
    if (length > maxDecodedBytes) {
      throw new TooLarge();
    }
    byte[] out = new byte[(int) length];
    try {
      int n = new SnappyDecompressor().decompress(body, 0, body.length, out, 0, out.length);
      if (n != length) {
        throw new FormatException("the block declares " + length + " bytes but holds " + n);
      }
      return out;
    } catch (MalformedInputException e) {
      throw new FormatException("corrupt block at byte " + e.getOffset());
    }
  }

  /** The declared decompressed length is over the body limit. */
  private static final class TooLarge extends RuntimeException {
    TooLarge() {
      super(null, null, false, false);
    }
  }
}
