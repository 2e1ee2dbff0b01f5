package dev.alerting.ingest.remotewrite;

import dev.alerting.ingest.sample.Batch;
import dev.alerting.ingest.sample.FormatException;
import dev.alerting.ingest.sample.RejectReason;
import dev.alerting.ingest.sample.SampleLimits;
import dev.alerting.ingest.sample.Validation;
import dev.alerting.model.Labels;
import io.airlift.compress.MalformedInputException;
import io.airlift.compress.snappy.SnappyDecompressor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
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

  private final SampleLimits limits;
  private final long maxDecodedBytes;

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
    } catch (FormatException e) {
      return new Validation.Malformed("snappy: " + e.getMessage());
    } catch (TooLarge e) {
      return new Validation.TooLarge(maxDecodedBytes);
    }
    try {
      return parseProto(proto, nowMillis);
    } catch (FormatException e) {
      return new Validation.Malformed("protobuf WriteRequest: " + e.getMessage());
    }
  }

  /** Reads an already decompressed WriteRequest: for tests and senders that skip snappy. */
  Validation parseProto(byte[] proto, long nowMillis) {
    Batch batch = new Batch(limits, "series", nowMillis, false);
    ProtoReader request = new ProtoReader(proto, 0, proto.length);
    int series = 0;
    while (request.hasMore() && !batch.full()) {
      int tag = request.readTag();
      if (tag >>> 3 == WRITE_REQUEST_TIMESERIES) {
        ProtoReader.expect(tag, ProtoReader.LENGTH_DELIMITED, "WriteRequest.timeseries");
        readSeries(series++, request.readMessage(), batch);
      } else {
        request.skip(tag & 7); // metadata (3) and anything newer
      }
    }
    return batch.result();
  }

  private static void readSeries(int index, ProtoReader in, Batch batch) {
    Map<String, String> labels = new HashMap<>();
    List<Point> samples = new ArrayList<>();
    String duplicate = null;
    while (in.hasMore()) {
      int tag = in.readTag();
      switch (tag >>> 3) {
        case TIMESERIES_LABELS -> {
          ProtoReader.expect(tag, ProtoReader.LENGTH_DELIMITED, "TimeSeries.labels");
          String[] label = readLabel(in.readMessage());
          if (labels.put(label[0], label[1]) != null && duplicate == null) {
            duplicate = label[0];
          }
        }
        case TIMESERIES_SAMPLES -> {
          ProtoReader.expect(tag, ProtoReader.LENGTH_DELIMITED, "TimeSeries.samples");
          samples.add(readSample(in.readMessage()));
        }
        case TIMESERIES_HISTOGRAMS -> {
          in.skip(tag & 7);
          batch.skip(SKIPPED_HISTOGRAM);
        }
        default -> in.skip(tag & 7); // exemplars (3) and anything newer
      }
    }
    if (duplicate != null) {
      batch.error(
          index,
          RejectReason.LABEL,
          "label " + duplicate + " appears more than once in the series");
      return;
    }
    if (!labels.containsKey(Labels.METRIC_NAME) && samples.isEmpty()) {
      return; // nothing to write and nothing to name: a series of histograms only, say
    }
    for (int i = 0; i < samples.size() && !batch.full(); i++) {
      batch.add(
          index, "sample " + i + ": ", labels, samples.get(i).value(), samples.get(i).timestamp());
    }
  }

  private static String[] readLabel(ProtoReader in) {
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
    return new String[] {name, value};
  }

  private static Point readSample(ProtoReader in) {
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
    return new Point(value, timestamp);
  }

  private record Point(double value, long timestamp) {}

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
    } catch (FormatException e) {
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
