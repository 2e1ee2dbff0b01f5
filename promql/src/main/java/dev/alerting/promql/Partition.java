package dev.alerting.promql;

import dev.alerting.model.Labels;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

/**
 * A key on label sets that splits an expression's input series into independent groups (see {@link
 * PromQL#partition}): every result element comes from input series of one group, carries that
 * group's key in its own labels, and evaluating the expression over one group's series alone gives
 * exactly the elements the whole evaluation gives for that key. The key is either the labels
 * outside a set of names ({@code ignoring}, {@code without}; {@code __name__} is always outside the
 * key) or only the labels inside one ({@code on}, {@code by}).
 */
public final class Partition {
  /** Each series on its own, whatever its metric name: {@code rate(x[5m]) > 1}. */
  static final Partition SERIES = new Partition(false, List.of(Labels.METRIC_NAME));

  // keep: the key is the labels named here; else the labels not named here
  private final boolean keep;
  private final String[] names;

  private Partition(boolean keep, Collection<String> names) {
    this.keep = keep;
    this.names = new TreeSet<>(names).toArray(String[]::new);
  }

  /** The key of the labels in {@code names}. */
  static Partition only(Collection<String> names) {
    List<String> kept = new ArrayList<>(names);
    kept.remove(Labels.METRIC_NAME);
    return new Partition(true, kept);
  }

  /** The key of the labels outside {@code names} and {@code __name__}. */
  static Partition allBut(Collection<String> names) {
    List<String> dropped = new ArrayList<>(names);
    dropped.add(Labels.METRIC_NAME);
    return new Partition(false, dropped);
  }

  /**
   * The finest key coarser than both: series with the same key under either have the same key under
   * the result.
   */
  Partition join(Partition other) {
    if (!keep && !other.keep) {
      List<String> union = new ArrayList<>(Arrays.asList(names));
      union.addAll(Arrays.asList(other.names));
      return new Partition(false, union);
    }
    if (keep && other.keep) {
      List<String> both = new ArrayList<>(Arrays.asList(names));
      both.retainAll(Arrays.asList(other.names));
      return new Partition(true, both);
    }
    Partition kept = keep ? this : other;
    Partition dropped = keep ? other : this;
    List<String> left = new ArrayList<>(Arrays.asList(kept.names));
    left.removeAll(Arrays.asList(dropped.names));
    return new Partition(true, left);
  }

  /** Whether every label set has the same key: one group, nothing to gain by splitting. */
  public boolean single() {
    return keep && names.length == 0;
  }

  /**
   * The key of {@code labels}: its names and values alternating, in label order. Equal keys mean
   * the same group.
   */
  public List<String> key(Labels labels) {
    int n = 0;
    for (int i = 0; i < labels.size(); i++) {
      n += inKey(labels.name(i)) ? 2 : 0;
    }
    // exactly sized: a kept group holds its key as long as it lives
    String[] out = new String[n];
    int k = 0;
    for (int i = 0; i < labels.size(); i++) {
      String name = labels.name(i);
      if (inKey(name)) {
        out[k++] = name;
        out[k++] = labels.value(i);
      }
    }
    return Arrays.asList(out);
  }

  private boolean inKey(String name) {
    return (Arrays.binarySearch(names, name) >= 0) == keep;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Partition p && p.keep == keep && Arrays.equals(p.names, names);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(names) * 31 + (keep ? 1 : 0);
  }

  @Override
  public String toString() {
    return (keep ? "on" : "ignoring") + Arrays.toString(names);
  }
}
