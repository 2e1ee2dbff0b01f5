package dev.alerting.template.alertmanager;

import dev.alerting.template.GoType;
import java.util.AbstractList;
import java.util.List;

/** Alertmanager's {@code Pairs}: a list of pairs with {@code .Names} and {@code .Values}. */
@GoType("template.Pairs")
public final class Pairs extends AbstractList<Pair> {
  private final List<Pair> pairs;

  Pairs(List<Pair> pairs) {
    this.pairs = List.copyOf(pairs);
  }

  @Override
  public Pair get(int index) {
    return pairs.get(index);
  }

  @Override
  public int size() {
    return pairs.size();
  }

  public StringSlice names() {
    return new StringSlice(pairs.stream().map(Pair::name).toList());
  }

  public StringSlice values() {
    return new StringSlice(pairs.stream().map(Pair::value).toList());
  }
}
