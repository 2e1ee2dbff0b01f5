package dev.alerting.template.alertmanager;

import dev.alerting.template.GoType;
import java.util.AbstractList;
import java.util.List;

/** A Go {@code []string}: what {@code stringSlice}, {@code .Names} and {@code .Values} return. */
@GoType("[]string")
public final class StringSlice extends AbstractList<String> {
  private final List<String> items;

  public StringSlice(List<String> items) {
    this.items = List.copyOf(items);
  }

  @Override
  public String get(int index) {
    return items.get(index);
  }

  @Override
  public int size() {
    return items.size();
  }
}
