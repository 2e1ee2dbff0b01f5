package dev.alerting.platform.codec;

import dev.alerting.model.Labels;
import dev.alerting.model.sample.Sample;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiConsumer;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeader;

/**
 * The protobuf form of {@code metrics.samples} records: a Prometheus remote-write 1.0 {@code
 * prometheus.WriteRequest} (uncompressed) holding several samples, marked by the header {@value
 * #CONTENT_TYPE}: {@value #PROTOBUF}. Records without that header are the JSON form of {@link
 * SampleCodec}, one sample each; {@link SampleDecoder} reads both.
 *
 * <p>One encoder builds one record: samples are appended in order, consecutive samples of one
 * series share a {@code TimeSeries}, labels are written sorted by name with {@code __name__} among
 * them (as Prometheus does), values with their exact bits (stale markers, NaN, ±Inf). Native
 * histogram samples go to {@code TimeSeries.histograms} as float histograms ({@link
 * HistogramProto}); a series switching between floats and histograms starts a new {@code
 * TimeSeries}, so decoding keeps the order. Not thread-safe; reusable after {@link #finish()}.
 */
public final class SampleRecords {
  /** The header naming a record's format. */
  public static final String CONTENT_TYPE = "content-type";

  /** The header value of the protobuf form. */
  public static final String PROTOBUF = "application/x-protobuf; proto=prometheus.WriteRequest";

  private static final byte[] PROTOBUF_BYTES = PROTOBUF.getBytes(StandardCharsets.US_ASCII);

  // field numbers of prometheus/prompb/remote.proto and types.proto
  static final int WRITE_REQUEST_TIMESERIES = 1;
  static final int TIMESERIES_LABELS = 1;
  static final int TIMESERIES_SAMPLES = 2;
  static final int TIMESERIES_HISTOGRAMS = 4;
  static final int LABEL_NAME = 1;
  static final int LABEL_VALUE = 2;
  static final int SAMPLE_VALUE = 1;
  static final int SAMPLE_TIMESTAMP = 2;

  /** A record buffer grown past this is not kept for the next record (one huge push). */
  private static final int RETAINED_BYTES = 1 << 20;

  /** What {@link #byPartition} reuses per thread: one encoder and its sorting arrays. */
  private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

  /**
   * Slots of the encoded-labels cache: a push's series are mostly those of the pushes before it, so
   * their label fields (and partition) are copied from here instead of computed again (at most this
   * many arrays of up to {@link #CACHED_LABEL_BYTES} bytes per encoder, one encoder per thread). A
   * label set may sit in either of two slots picked by two parts of its fingerprint, and a new one
   * takes the one of its two that was used less recently: with one slot per set, 1000 series in
   * 2048 slots collided for ~39 % of them, and those were encoded again on every push (issue 13,
   * docs/benchmarks.md "Issue 13, ingest against raw Kafka"). A slot's array is reused by the next
   * series taking the slot, so series that outnumber the slots cost a copy, not an allocation.
   */
  private static final int LABEL_SLOTS = 2048;

  private ProtoWriter request = new ProtoWriter(4096);
  private final ProtoWriter series = new ProtoWriter(512);
  private final BiConsumer<String, String> writeLabel = this::writeLabel;

  /** Label fields longer than this are encoded each time, not cached. */
  private static final int CACHED_LABEL_BYTES = 1024;

  private final Labels[] encodedSeries = new Labels[LABEL_SLOTS];
  private final byte[][] encodedLabels = new byte[LABEL_SLOTS][];
  private final int[] encodedLength = new int[LABEL_SLOTS];

  /** Per slot: when it was last used ({@link #clock}), to pick which of two slots a set evicts. */
  private final int[] encodedUse = new int[LABEL_SLOTS];

  /** Per slot: the set's partition for {@link #cachedPartitions} partitions, -1 until computed. */
  private final int[] encodedPartition = new int[LABEL_SLOTS];

  private int cachedPartitions;
  private int clock;
  private ProtoWriter histogram;
  private ProtoWriter span;
  private Labels current;
  private boolean currentHistograms;
  private int count;

  /** Appends a sample to the record being built. */
  public void add(Sample s) {
    if (s.series() != current && !s.series().equals(current)
        || current != null && s.isHistogram() != currentHistograms) {
      endSeries();
      current = s.series();
      currentHistograms = s.isHistogram();
      writeLabels(current);
    }
    long ts = s.timestampMillis();
    if (s.isHistogram()) {
      addHistogram(s, ts);
      return;
    }
    series.tag(TIMESERIES_SAMPLES, ProtoReader.LENGTH_DELIMITED);
    series.varint(1 + 8 + 1 + ProtoWriter.varintSize(ts));
    series.tag(SAMPLE_VALUE, ProtoReader.FIXED64);
    series.fixed64(s.value());
    series.tag(SAMPLE_TIMESTAMP, ProtoReader.VARINT);
    series.varint(ts);
    count++;
  }

  /**
   * The {@code TimeSeries.labels} fields of {@code labels}, copied from the cache when this encoder
   * wrote the same label set recently (slot by its hash, checked by identity or equality), else
   * encoded and remembered in its slot.
   */
  private void writeLabels(Labels labels) {
    int slot = slotOf(labels);
    if (slot >= 0) {
      series.raw(encodedLabels[slot], encodedLength[slot]);
      return;
    }
    int start = series.size();
    labels.forEach(writeLabel);
    int length = series.size() - start;
    if (length <= CACHED_LABEL_BYTES) {
      slot = victim(labels);
      byte[] bytes = encodedLabels[slot];
      if (bytes == null || bytes.length < length) {
        bytes = new byte[Math.max(length, 128)];
        encodedLabels[slot] = bytes;
      }
      series.copyTo(start, bytes);
      encodedSeries[slot] = labels;
      encodedLength[slot] = length;
      encodedPartition[slot] = -1;
    }
  }

  /**
   * The cache slot holding {@code labels} (the same instance or an equal one), or -1. An equal
   * instance found is replaced by {@code labels}: the parsers hand out one instance per label set,
   * so the next lookup is an identity check, not {@link Labels#equals}.
   */
  private int slotOf(Labels labels) {
    long fp = labels.fingerprint();
    int a = (int) fp & (LABEL_SLOTS - 1);
    int b = (int) (fp >>> 32) & (LABEL_SLOTS - 1);
    int slot = encodedSeries[a] == labels ? a : encodedSeries[b] == labels ? b : -1;
    if (slot < 0) {
      slot = labels.equals(encodedSeries[a]) ? a : labels.equals(encodedSeries[b]) ? b : -1;
      if (slot < 0) {
        return -1;
      }
      encodedSeries[slot] = labels;
    }
    encodedUse[slot] = ++clock;
    return slot;
  }

  /** Of the two slots {@code labels} may sit in, the empty or less recently used one. */
  private int victim(Labels labels) {
    long fp = labels.fingerprint();
    int a = (int) fp & (LABEL_SLOTS - 1);
    int b = (int) (fp >>> 32) & (LABEL_SLOTS - 1);
    // compared as a difference, so the int clock may wrap
    int slot = encodedSeries[a] == null || encodedUse[a] - encodedUse[b] <= 0 ? a : b;
    if (encodedSeries[slot] != null && encodedSeries[b] == null) {
      slot = b;
    }
    encodedUse[slot] = ++clock;
    return slot;
  }

  /**
   * {@link #partition(Labels, int, byte[])}, remembered in the series' cache slot when it has one
   * (a series not yet cached is computed each time until this encoder writes it).
   */
  private int cachedPartition(Labels labels, int partitions, byte[] hex) {
    if (partitions != cachedPartitions) {
      Arrays.fill(encodedPartition, -1);
      cachedPartitions = partitions;
    }
    int slot = slotOf(labels);
    if (slot < 0) {
      return partition(labels, partitions, hex);
    }
    int p = encodedPartition[slot];
    if (p < 0) {
      p = partition(labels, partitions, hex);
      encodedPartition[slot] = p;
    }
    return p;
  }

  private void writeLabel(String name, String value) {
    int nameLength = ProtoWriter.utf8Length(name);
    int valueLength = ProtoWriter.utf8Length(value);
    series.tag(TIMESERIES_LABELS, ProtoReader.LENGTH_DELIMITED);
    series.varint(
        2
            + ProtoWriter.varintSize(nameLength)
            + nameLength
            + ProtoWriter.varintSize(valueLength)
            + valueLength);
    series.string(LABEL_NAME, name, nameLength);
    series.string(LABEL_VALUE, value, valueLength);
  }

  private void addHistogram(Sample s, long ts) {
    if (histogram == null) {
      histogram = new ProtoWriter(256);
      span = new ProtoWriter(16);
    }
    histogram.reset();
    HistogramProto.write(histogram, span, s.histogram(), ts);
    series.message(TIMESERIES_HISTOGRAMS, histogram);
    count++;
  }

  /** How many samples the record being built holds. */
  public int count() {
    return count;
  }

  /** The record's value (a serialized WriteRequest); the encoder is empty again afterwards. */
  public byte[] finish() {
    endSeries();
    byte[] value = request.toByteArray();
    request.reset();
    if (request.capacity() > RETAINED_BYTES) {
      request = new ProtoWriter(4096);
    }
    count = 0;
    return value;
  }

  private void endSeries() {
    if (current != null) {
      request.message(WRITE_REQUEST_TIMESERIES, series);
      series.reset();
      current = null;
    }
  }

  /**
   * The samples of one request as one record value per partition: index {@code p} holds a
   * WriteRequest of the samples whose series {@link #partition map} to {@code p}, in request order,
   * or null when none does.
   */
  public static byte[][] byPartition(List<Sample> samples, int partitions) {
    // one encoder per thread, filled partition after partition (samples sorted by partition,
    // stably): its buffers are grown once and reused, so a push allocates little beyond its
    // record values (an encoder per partition per push was ~4.7 KB of buffers each)
    Scratch scratch = SCRATCH.get();
    int n = samples.size();
    int[] end = scratch.ends(partitions);
    int[] partitionOf = scratch.partitionOf(n);
    for (int i = 0; i < n; i++) {
      int p = scratch.encoder.cachedPartition(samples.get(i).series(), partitions, scratch.hex);
      partitionOf[i] = p;
      end[p + 1]++;
    }
    for (int p = 0; p < partitions; p++) {
      end[p + 1] += end[p];
    }
    int[] order = scratch.order(n);
    for (int i = 0; i < n; i++) {
      order[end[partitionOf[i]]++] = i; // end[p] moves from p's first slot past its last
    }
    byte[][] values = new byte[partitions][];
    SampleRecords encoder = scratch.encoder;
    encoder.reset();
    int from = 0;
    for (int p = 0; p < partitions; p++) {
      if (from < end[p]) {
        for (int i = from; i < end[p]; i++) {
          encoder.add(samples.get(order[i]));
        }
        values[p] = encoder.finish();
      }
      from = end[p];
    }
    scratch.release();
    return values;
  }

  /** Drops a record being built (after a failure part-way), so the encoder starts empty. */
  private void reset() {
    request.reset();
    series.reset();
    current = null;
    count = 0;
  }

  /** The per-thread state of {@link #byPartition}. */
  private static final class Scratch {
    private static final int RETAINED_SAMPLES = 1 << 15;

    final SampleRecords encoder = new SampleRecords();
    final byte[] hex = new byte[16];
    private int[] ends = new int[0];
    private int[] partitionOf = new int[0];
    private int[] order = new int[0];

    /** Zeroed, one more than {@code partitions}. */
    int[] ends(int partitions) {
      if (ends.length < partitions + 1) {
        ends = new int[partitions + 1];
      } else {
        Arrays.fill(ends, 0, partitions + 1, 0);
      }
      return ends;
    }

    int[] partitionOf(int samples) {
      if (partitionOf.length < samples) {
        partitionOf = new int[samples];
      }
      return partitionOf;
    }

    int[] order(int samples) {
      if (order.length < samples) {
        order = new int[samples];
      }
      return order;
    }

    /** Forgets arrays sized for an unusually large push. */
    void release() {
      if (order.length > RETAINED_SAMPLES) {
        order = new int[0];
        partitionOf = new int[0];
      }
    }
  }

  /** The header every protobuf record carries. */
  public static Header protobufHeader() {
    return new RecordHeader(CONTENT_TYPE, PROTOBUF_BYTES);
  }

  /** Whether a record with these headers is the protobuf form (otherwise it is JSON). */
  public static boolean isProtobuf(Headers headers) {
    Header h = headers == null ? null : headers.lastHeader(CONTENT_TYPE);
    return h != null && Arrays.equals(h.value(), PROTOBUF_BYTES);
  }

  /**
   * The partition Kafka's default partitioner gives a record keyed by the series fingerprint
   * ({@link SampleCodec#key}, the JSON form's key): protobuf records are written to it explicitly,
   * so a series stays on the partition it had, in order, whichever form it is written in.
   */
  public static int partition(Labels series, int partitions) {
    return partition(series, partitions, new byte[16]);
  }

  /** As {@link #partition(Labels, int)}, writing the key into {@code hex} (16 bytes). */
  private static int partition(Labels series, int partitions, byte[] hex) {
    long fp = series.fingerprint();
    for (int i = 15; i >= 0; i--) {
      int digit = (int) (fp & 0xf);
      hex[i] = (byte) (digit < 10 ? '0' + digit : 'a' + digit - 10);
      fp >>>= 4;
    }
    return BuiltInPartitioner.partitionForKey(hex, partitions);
  }
}
