package dev.alerting.ingest.remotewrite;

import dev.alerting.ingest.sample.Batch;
import dev.alerting.ingest.sample.FormatException;
import dev.alerting.ingest.sample.RejectReason;
import dev.alerting.ingest.sample.SampleLimits;
import dev.alerting.ingest.sample.Validation;
import dev.alerting.model.Labels;
import dev.alerting.model.sample.FloatHistogram;
import dev.alerting.platform.codec.CodecException;
import dev.alerting.platform.codec.HistogramReader;
import dev.alerting.platform.codec.LabelCache;
import dev.alerting.platform.codec.ProtoReader;
import dev.alerting.platform.codec.TimeSeriesReader;
import io.airlift.compress.MalformedInputException;
import io.airlift.compress.snappy.SnappyDecompressor;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Reads a Prometheus remote_write 1.0 body (2.0: {@link #parseV2}): snappy block format around a
 * protobuf {@code prometheus.WriteRequest}. Series are checked like any other push; errors name the
 * series index (0-based, in body order) and, for values and timestamps, the sample index within the
 * series. NaN values pass through, the staleness marker included, as Prometheus's own receiver
 * does.
 */
public final class RemoteWriteParser {
  // field number of prometheus/prompb/remote.proto (the TimeSeries inside: TimeSeriesReader)
  private static final int WRITE_REQUEST_TIMESERIES = 1;

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
    return unsnappyThen(body, "protobuf WriteRequest", proto -> parseProto(proto, nowMillis));
  }

  /**
   * Reads a remote write 2.0 body: snappy block format around an {@code
   * io.prometheus.write.v2.Request} ({@link RequestV2Reader}), checked as a 1.0 body is.
   */
  public Validation parseV2(byte[] body, long nowMillis) {
    return unsnappyThen(
        body,
        "protobuf io.prometheus.write.v2.Request",
        proto -> {
          Batch batch = new Batch(limits, "series", nowMillis, false);
          new RequestV2Reader(proto, batch).read();
          return batch.result();
        });
  }

  /**
   * Unpacks a snappy body and reads it with {@code read}; a bad snappy block, a body unpacking past
   * the limit and a bad protobuf ({@code message} names which) each become their validation.
   */
  private Validation unsnappyThen(byte[] body, String message, Function<byte[], Validation> read) {
    byte[] proto;
    try {
      proto = unsnappy(body);
    } catch (FormatException | CodecException e) {
      return new Validation.Malformed("snappy: " + e.getMessage());
    } catch (TooLarge e) {
      return new Validation.TooLarge(maxDecodedBytes);
    }
    try {
      return read.apply(proto);
    } catch (FormatException | CodecException e) {
      return new Validation.Malformed(message + ": " + e.getMessage());
    }
  }

  /** Reads an already decompressed WriteRequest: for tests and senders that skip snappy. */
  Validation parseProto(byte[] proto, long nowMillis) {
    Batch batch = new Batch(limits, "series", nowMillis, false);
    ProtoReader request = new ProtoReader(proto, 0, proto.length);
    TimeSeriesReader ts = new TimeSeriesReader();
    int index = 0;
    while (request.hasMore() && !batch.full()) {
      int tag = request.readTag();
      if (tag >>> 3 == WRITE_REQUEST_TIMESERIES) {
        ProtoReader.expect(tag, ProtoReader.LENGTH_DELIMITED, "WriteRequest.timeseries");
        int outer = request.enter();
        ts.read(request);
        addSeries(index++, ts, proto, batch);
        request.exit(outer);
      } else {
        request.skip(tag & 7); // metadata (3) and anything newer
      }
    }
    return batch.result();
  }

  /**
   * Checks and adds one TimeSeries. A label set seen before (Prometheus sends the same series every
   * scrape) was checked then: it is reused by its bytes instead of read and checked again.
   */
  private void addSeries(int index, TimeSeriesReader ts, byte[] buf, Batch batch) {
    int n = ts.samples();
    Labels known = ts.labelsContiguous() ? series.find(buf, ts.labelsFrom(), ts.labelsTo()) : null;
    if (known != null) {
      batch.addSeries(index, known, ts.values(), ts.timestamps(), n);
      addHistograms(index, known, ts, buf, batch);
      return;
    }
    Map<String, String> labels = new HashMap<>();
    String duplicate =
        ts.hasLabels()
            ? TimeSeriesReader.readLabels(buf, ts.labelsFrom(), ts.labelsTo(), labels)
            : null;
    if (duplicate != null) {
      batch.error(
          index,
          RejectReason.LABEL,
          "label " + duplicate + " appears more than once in the series");
      return;
    }
    if (n == 0 && ts.histograms() == 0) {
      return; // nothing to write: a series of exemplars only, say
    }
    Labels checked = batch.checkedLabels(labels);
    if (checked == null) {
      if (n > 0) {
        batch.addSeries(index, labels, ts.values(), ts.timestamps(), n); // names every problem
      } else {
        batch.checkSeriesLabels(index, labels);
      }
      addHistograms(index, null, ts, buf, batch);
      return;
    }
    if (ts.labelsContiguous()) {
      series.put(buf, ts.labelsFrom(), ts.labelsTo(), checked);
    }
    batch.addSeries(index, checked, ts.values(), ts.timestamps(), n);
    addHistograms(index, checked, ts, buf, batch);
  }

  /** Checks and adds the series' histograms; {@code checked} is null when its labels failed. */
  private static void addHistograms(
      int index, Labels checked, TimeSeriesReader ts, byte[] buf, Batch batch) {
    if (ts.histograms() == 0) {
      return;
    }
    HistogramReader reader = new HistogramReader();
    for (int h = 0; h < ts.histograms(); h++) {
      ts.readHistogram(buf, h, reader);
      String problem = reader.problem();
      FloatHistogram histogram = null;
      if (problem == null) {
        try {
          histogram = reader.histogram();
        } catch (CodecException e) {
          problem = e.getMessage(); // a rule of the model's own (custom bounds that decrease, say)
        }
      }
      batch.addHistogram(index, checked, h, histogram, problem, reader.timestampMillis());
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
