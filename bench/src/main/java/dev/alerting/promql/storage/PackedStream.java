package dev.alerting.promql.storage;

import dev.alerting.model.Labels;

/**
 * One compressed series for the bench's probes, through the narrow path a store uses (append a
 * sample to a series buffer, read how many bytes its stream holds). It sits in the storage package
 * (in the bench module) because that path is package-private, and uses nothing else of it, so that
 * a change to where the codec keeps its state does not reach the probes.
 */
public final class PackedStream {
  private final SeriesBuffer buffer = new SeriesBuffer(Labels.of("__name__", "probe"));

  /** Appends a sample; false when the buffer refused it (not newer, as the store's append). */
  public boolean add(long t, double v) {
    return buffer.add(t, v, true);
  }

  /** Bytes of the compressed stream in use, or -1 when the series is not held compressed. */
  public int streamBytes() {
    return buffer.packedBytes();
  }
}
