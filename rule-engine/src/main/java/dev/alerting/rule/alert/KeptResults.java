package dev.alerting.rule.alert;

import dev.alerting.promql.storage.MemorySeriesStore;
import dev.alerting.promql.storage.StoredSeries;
import dev.alerting.rule.expr.Element;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;

/**
 * A rule's current result kept between evaluations, so that an evaluation re-reads only what
 * changed: per series ({@link SeriesResults}) or per independent group of series ({@link
 * GroupResults}). Only valid while every stored sample of the selected series reaches {@link
 * #update} as changed; {@link #invalidate} when samples were stored behind its back.
 */
abstract class KeptResults {
  /**
   * How one element changed in the latest update or tick: {@code before} or {@code after} is null
   * when there was, or now is, no element.
   */
  record Change(Candidate before, Candidate after) {}

  /** How the elements changed in the latest update or tick. */
  protected final List<Change> changes = new ArrayList<>();

  /** Whether the latest update read everything anew. */
  protected boolean reread;

  /** Whether a whole result is kept: false at first and after {@link #invalidate}. */
  protected boolean complete;

  /** Forgets everything: the next update evaluates every selected series. */
  abstract void invalidate();

  /**
   * Re-evaluates what {@code changed} concerns (everything after {@link #invalidate}) at {@code
   * atMillis}.
   *
   * @throws RuntimeException when an evaluation fails; the results are then invalid
   */
  abstract void update(
      MemorySeriesStore store,
      Collection<? extends StoredSeries> changed,
      long atMillis,
      Function<Element, Candidate> expand);

  /**
   * A tick at {@code atMillis} with no sample stored since the latest update: brings the kept
   * result to what a whole evaluation there gives and returns true, or returns false when the rule
   * must be evaluated in full (nothing kept yet, or the evaluation failed).
   */
  abstract boolean tick(
      MemorySeriesStore store, long atMillis, Function<Element, Candidate> expand);

  /** Starts an update or a tick: no changes yet, and a reread when no whole result is kept. */
  protected final void startUpdate() {
    changes.clear();
    reread = !complete;
  }

  /** Whether a whole result is kept. */
  final boolean complete() {
    return complete;
  }

  /**
   * Whether the latest update read everything anew: its {@link #changes} are then not the
   * difference to an earlier result.
   */
  final boolean reread() {
    return reread;
  }

  /** How the elements changed in the latest {@link #update} or {@link #tick}. */
  final List<Change> changes() {
    return changes;
  }

  /** Drops the {@link #changes} once applied, so they keep no previous candidates alive. */
  final void changesConsumed() {
    changes.clear();
  }

  /** How many elements the whole result has. */
  abstract int size();

  /** The whole result, one candidate per element (in no particular order). */
  abstract List<Candidate> current();
}
