package dev.alerting.rule.alert;

import dev.alerting.model.Labels;
import dev.alerting.rule.alert.KeptResults.Change;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What lets a rule evaluated per series run its state machine on the elements that changed instead
 * of on the whole result: per alert, how many elements carry its labels and its next deadline. An
 * evaluation then looks only at the alerts whose elements came, went or changed and those due, in
 * the alert map's order, which is what the whole state machine would change, in the same order.
 * Valid after {@link #rebuild} from a whole evaluation that succeeded; anything else that touches
 * the alerts {@link #invalidate}s it.
 */
final class AlertIndex {
  private final AlertMap active;
  private final long holdMillis;
  private final long keepFiringMillis;
  private final DeadlineHeap<Tracked> deadlines = new DeadlineHeap<>();
  private long nextSeq;
  private boolean valid;

  AlertIndex(AlertMap active, Duration hold, Duration keepFiringFor) {
    this.active = active;
    this.holdMillis = hold.toMillis();
    this.keepFiringMillis = keepFiringFor.toMillis();
  }

  boolean valid() {
    return valid;
  }

  void invalidate() {
    valid = false;
    deadlines.clear();
  }

  /** Indexes the alerts after a successful decision on the whole result {@code current}. */
  void rebuild(List<Candidate> current) {
    deadlines.clear();
    nextSeq = 0;
    for (Tracked t : active) {
      t.seq = nextSeq++;
      t.producers = 0;
      // adopted alerts may still carry the position they had in the previous rule's heap
      t.heapIndex = -1;
      t.examined = false;
    }
    for (Candidate c : current) {
      active.get(c.labels()).producers++;
    }
    active.forEach(this::reschedule);
    valid = true;
  }

  /**
   * Applies one evaluation's element changes to the alerts (as the whole merge would: values and
   * annotations refreshed, new alerts added in label order) and returns the alerts whose state may
   * change at {@code at}, in alert order; null, with nothing changed but the index invalid, when
   * the result has two elements with the same labels (the caller decides on the whole result).
   */
  List<Tracked> apply(List<Change> changes, Instant at) {
    Map<Labels, Candidate> added = null;
    boolean consistent = true;
    for (Change c : changes) {
      if (c.before() != null) {
        Tracked t = active.get(c.before().labels());
        if (t == null) {
          consistent = false;
        } else {
          t.producers--;
        }
      }
    }
    for (Change c : changes) {
      if (c.after() != null) {
        Tracked t = active.get(c.after().labels());
        if (t != null) {
          consistent &= ++t.producers == 1;
        } else {
          if (added == null) {
            added = new HashMap<>();
          }
          consistent &= added.put(c.after().labels(), c.after()) == null;
        }
      }
    }
    if (!consistent) {
      invalidate();
      return null;
    }
    List<Tracked> examined = new ArrayList<>();
    for (Change c : changes) {
      Tracked t = c.after() == null ? null : active.get(c.after().labels());
      if (t != null) {
        t.value = c.after().value();
        t.annotations = c.after().annotations();
        if (t.keepFiringSince != null) {
          t.keepFiringSince = null;
          examine(t, examined);
        }
      }
      Tracked gone = c.before() == null ? null : active.get(c.before().labels());
      if (gone != null && gone.producers == 0) {
        examine(gone, examined);
      }
    }
    if (added != null) {
      List<Candidate> fresh = new ArrayList<>(added.values());
      if (fresh.size() > 1) {
        fresh.sort(Comparator.comparing(c -> c.labels().toString()));
      }
      for (Candidate c : fresh) {
        Tracked t = new Tracked(c.labels(), c.annotations(), c.value(), at);
        t.seq = nextSeq++;
        t.producers = 1;
        active.put(t);
        examine(t, examined);
      }
    }
    deadlines.takeDue(at.toEpochMilli(), t -> examine(t, examined));
    if (examined.size() > 1) {
      examined.sort(Comparator.comparingLong(t -> t.seq));
    }
    examined.forEach(t -> t.examined = false);
    return examined;
  }

  private static void examine(Tracked t, List<Tracked> examined) {
    if (!t.examined) {
      t.examined = true;
      examined.add(t);
    }
  }

  /** Sets the next instant {@code t} can change without an element changing. */
  void reschedule(Tracked t) {
    if (t.producers > 0 && t.state == AlertState.PENDING) {
      deadlines.schedule(t, t.activeAt.toEpochMilli() + holdMillis);
    } else if (t.producers == 0 && t.keepFiringSince != null) {
      deadlines.schedule(t, t.keepFiringSince.toEpochMilli() + keepFiringMillis);
    } else {
      deadlines.remove(t);
    }
  }

  /** Forgets {@code t}, removed from the alerts. */
  void removed(Tracked t) {
    deadlines.remove(t);
  }
}
