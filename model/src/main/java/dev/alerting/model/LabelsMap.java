package dev.alerting.model;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.BiConsumer;

/**
 * The read-only sorted-map view {@link Labels#asMap()} returns over a label set's name/value array,
 * so a label set needs no map of its own; sub-maps are copies.
 */
final class LabelsMap extends AbstractMap<String, String> implements SortedMap<String, String> {
  private final String[] kv;

  LabelsMap(String[] kv) {
    this.kv = kv;
  }

  @Override
  public int size() {
    return kv.length / 2;
  }

  @Override
  public String get(Object key) {
    int i = key instanceof String s ? Labels.indexOf(kv, s) : -1;
    return i < 0 ? null : kv[i + 1];
  }

  @Override
  public boolean containsKey(Object key) {
    return key instanceof String s && Labels.indexOf(kv, s) >= 0;
  }

  @Override
  public void forEach(BiConsumer<? super String, ? super String> action) {
    for (int i = 0; i < kv.length; i += 2) {
      action.accept(kv[i], kv[i + 1]);
    }
  }

  @Override
  public Set<Entry<String, String>> entrySet() {
    return new AbstractSet<>() {
      @Override
      public int size() {
        return kv.length / 2;
      }

      @Override
      public Iterator<Entry<String, String>> iterator() {
        return new Iterator<>() {
          private int i;

          @Override
          public boolean hasNext() {
            return i < kv.length;
          }

          @Override
          public Entry<String, String> next() {
            if (i >= kv.length) {
              throw new NoSuchElementException();
            }
            Entry<String, String> e = Map.entry(kv[i], kv[i + 1]);
            i += 2;
            return e;
          }
        };
      }
    };
  }

  @Override
  public Comparator<? super String> comparator() {
    return null;
  }

  @Override
  public String firstKey() {
    if (kv.length == 0) {
      throw new NoSuchElementException();
    }
    return kv[0];
  }

  @Override
  public String lastKey() {
    if (kv.length == 0) {
      throw new NoSuchElementException();
    }
    return kv[kv.length - 2];
  }

  @Override
  public SortedMap<String, String> subMap(String fromKey, String toKey) {
    return Collections.unmodifiableSortedMap(new TreeMap<>(this).subMap(fromKey, toKey));
  }

  @Override
  public SortedMap<String, String> headMap(String toKey) {
    return Collections.unmodifiableSortedMap(new TreeMap<>(this).headMap(toKey));
  }

  @Override
  public SortedMap<String, String> tailMap(String fromKey) {
    return Collections.unmodifiableSortedMap(new TreeMap<>(this).tailMap(fromKey));
  }
}
