package dev.alerting.rule.alert;

import dev.alerting.model.Labels;
import dev.alerting.model.Matcher;
import dev.alerting.promql.Partition;
import dev.alerting.promql.storage.MemorySeriesStore;
import dev.alerting.promql.storage.StoredSeries;
import dev.alerting.rule.expr.Element;
import dev.alerting.rule.expr.Expression;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The current result of an expression whose input series split into independent groups ({@link
 * Partition}: {@code rate(a[5m]) / rate(b[5m])} per label set, {@code histogram_quantile} per
 * histogram, {@code sum by (job)} per job), kept per group, so that an evaluation at an instant
 * re-reads only the groups that got samples there and keeps the others' elements.
 *
 * <p>Unlike a steady expression's, a group's elements may change while it gets no sample (a rate's
 * window slides, a series leaves the lookback). A kept element is therefore the group's element at
 * its latest evaluation, which happens at each of its samples, at every {@link #tick} (which
 * re-evaluates every group: the whole result is then exact) and, between ticks, once {@code
 * refreshMillis} of event time have passed since the latest (the rule group's {@code interval}, so
 * no element is older than Prometheus's own evaluation would leave it).
 */
final class GroupResults extends KeptResults {
  /** One group: its series and its elements (with the candidates they expanded to). */
  private static final class Group extends DeadlineHeap.Entry {
    final List<String> key;
    // few per group mostly (one for a per-series key): a list; a series is added once (groupOf)
    final List<Labels> members = new ArrayList<>(1);
    List<Element> elements = List.of();
    List<Candidate> candidates = List.of();
    boolean marked;

    Group(List<String> key) {
      this.key = key;
    }
  }

  private final Expression expr;
  private final Partition partition;
  private final long refreshMillis;
  // in the order of their first series in the store, so an aggregation over the kept elements sums
  // in the order a whole evaluation would
  private final Map<List<String>, Group> groups = new LinkedHashMap<>();
  // The group of each series read, by its labels (their hash is kept): a changed series finds it
  // without computing its key. Keyed by labels, not by the stored series, so a series evicted
  // before the next tick rebuilds the groups leaves its samples to the collector.
  private final Map<Labels, Group> groupOf = new HashMap<>();
  private final DeadlineHeap<Group> refresh = new DeadlineHeap<>();
  private int size;

  GroupResults(Expression expr, Partition partition, long refreshMillis) {
    if (partition.single()) {
      throw new IllegalArgumentException("one group only: " + expr.text());
    }
    this.expr = expr;
    this.partition = partition;
    this.refreshMillis = refreshMillis;
  }

  @Override
  public void invalidate() {
    complete = false;
    groups.clear();
    groupOf.clear();
    refresh.clear();
    changes.clear();
    size = 0;
  }

  @Override
  public void update(
      MemorySeriesStore store,
      Collection<? extends StoredSeries> changed,
      long atMillis,
      Function<Element, Candidate> expand) {
    startUpdate();
    if (!complete) {
      rebuild(store, atMillis, expand);
      return;
    }
    List<Group> todo = new ArrayList<>();
    for (StoredSeries s : changed) {
      Group g = groupOf.get(s.labels());
      if (g == null) {
        g = groups.computeIfAbsent(partition.key(s.labels()), Group::new);
        g.members.add(s.labels());
        groupOf.put(s.labels(), g);
      }
      mark(g, todo);
    }
    refresh.takeDue(atMillis, g -> mark(g, todo));
    List<Labels> read = new ArrayList<>();
    for (Group g : todo) {
      read.addAll(g.members);
    }
    Map<List<String>, List<Element>> byKey;
    try {
      byKey = byKey(expr.evaluate(store.restrictedTo(read), atMillis), true);
    } catch (RuntimeException e) {
      invalidate();
      throw e;
    }
    for (Group g : todo) {
      g.marked = false;
      replace(g, byKey.getOrDefault(g.key, List.of()), expand);
      refresh.schedule(g, atMillis + refreshMillis);
    }
  }

  private static void mark(Group g, List<Group> todo) {
    if (!g.marked) {
      g.marked = true;
      todo.add(g);
    }
  }

  /**
   * The elements by group key; with {@code marked}, every element must belong to a group marked for
   * this update (else the partition would be wrong for this data: fail, and be evaluated in full).
   */
  private Map<List<String>, List<Element>> byKey(List<Element> result, boolean marked) {
    Map<List<String>, List<Element>> byKey = new HashMap<>();
    for (Element el : result) {
      List<String> key = partition.key(el.labels());
      Group g = groups.get(key);
      if (g == null || (marked && !g.marked)) {
        throw new IllegalStateException(
            "element " + el.labels() + " of " + expr.text() + " outside the groups read");
      }
      byKey.computeIfAbsent(key, k -> new ArrayList<>(1)).add(el);
    }
    return byKey;
  }

  /**
   * Evaluates every group: the groups are formed anew from the series held (those evicted leave),
   * and the elements compared with the kept ones when there are any.
   */
  private void rebuild(
      MemorySeriesStore store, long atMillis, Function<Element, Candidate> expand) {
    Map<List<String>, Group> before = new HashMap<>(complete ? groups : Map.of());
    groups.clear();
    groupOf.clear();
    refresh.clear();
    try {
      for (List<Matcher> selector : expr.requirements().selectors()) {
        for (Labels series : store.seriesMatching(selector)) {
          if (!groupOf.containsKey(series)) {
            Group g = groups.computeIfAbsent(partition.key(series), Group::new);
            g.members.add(series);
            groupOf.put(series, g);
          }
        }
      }
      Map<List<String>, List<Element>> byKey = byKey(expr.evaluate(store, atMillis), false);
      for (Group g : groups.values()) {
        Group old = before.remove(g.key);
        if (old != null) {
          g.elements = old.elements;
          g.candidates = old.candidates;
        }
        replace(g, byKey.getOrDefault(g.key, List.of()), expand);
        refresh.schedule(g, atMillis + refreshMillis);
      }
    } catch (RuntimeException e) {
      invalidate();
      throw e;
    }
    for (Group gone : before.values()) {
      for (Candidate c : gone.candidates) {
        changes.add(new Change(c, null));
      }
      size -= gone.candidates.size();
    }
    complete = true;
  }

  /** Gives {@code g} the elements {@code now}, noting each element that came, went or changed. */
  private void replace(Group g, List<Element> now, Function<Element, Candidate> expand) {
    List<Candidate> candidates = diff(g.elements, g.candidates, now, expand, changes);
    size += candidates.size() - g.candidates.size();
    g.elements = now;
    g.candidates = candidates;
  }

  /**
   * The candidates of the elements {@code now}, given the elements {@code before} and their
   * candidates: an element with the same labels and value as before keeps its candidate (no
   * template expanded again); each element that came, went or changed is added to {@code changes}.
   */
  static List<Candidate> diff(
      List<Element> before,
      List<Candidate> beforeCandidates,
      List<Element> now,
      Function<Element, Candidate> expand,
      List<Change> changes) {
    boolean[] kept = new boolean[before.size()];
    Map<Labels, Integer> positions = before.size() > 8 ? positions(before) : null;
    List<Candidate> candidates = new ArrayList<>(now.size());
    for (Element el : now) {
      int i =
          positions == null
              ? indexOf(before, el.labels())
              : positions.getOrDefault(el.labels(), -1);
      Candidate prior = i < 0 ? null : beforeCandidates.get(i);
      Candidate c;
      if (prior != null
          && el.histogram() == null
          && before.get(i).histogram() == null
          && Double.doubleToRawLongBits(el.value())
              == Double.doubleToRawLongBits(before.get(i).value())) {
        // the same element: its expansion (templates) stands, and nothing changed
        c = prior;
      } else {
        c = expand.apply(el);
        if (prior != null && prior.labels().equals(c.labels())) {
          // the alert's own Labels object: later lookups compare by identity
          c = new Candidate(prior.labels(), c.annotations(), c.value());
        }
        changes.add(new Change(prior, c));
      }
      if (i >= 0) {
        kept[i] = true;
      }
      candidates.add(c);
    }
    for (int i = 0; i < kept.length; i++) {
      if (!kept[i]) {
        changes.add(new Change(beforeCandidates.get(i), null));
      }
    }
    return candidates;
  }

  private static Map<Labels, Integer> positions(List<Element> elements) {
    Map<Labels, Integer> out = new HashMap<>();
    for (int i = 0; i < elements.size(); i++) {
      out.putIfAbsent(elements.get(i).labels(), i);
    }
    return out;
  }

  private static int indexOf(List<Element> elements, Labels labels) {
    for (int i = 0; i < elements.size(); i++) {
      if (elements.get(i).labels().equals(labels)) {
        return i;
      }
    }
    return -1;
  }

  @Override
  public boolean tick(MemorySeriesStore store, long atMillis, Function<Element, Candidate> expand) {
    if (!complete) {
      return false;
    }
    startUpdate();
    try {
      rebuild(store, atMillis, expand);
    } catch (RuntimeException e) {
      return false;
    }
    return true;
  }

  @Override
  public int size() {
    return size;
  }

  /** The elements of every group, as PromQL gave them (for an aggregation over them). */
  List<Element> elements() {
    List<Element> out = new ArrayList<>(size);
    for (Group g : groups.values()) {
      out.addAll(g.elements);
    }
    return out;
  }

  @Override
  public List<Candidate> current() {
    List<Candidate> out = new ArrayList<>(size);
    for (Group g : groups.values()) {
      out.addAll(g.candidates);
    }
    return out;
  }
}
