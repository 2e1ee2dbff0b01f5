package dev.alerting.template;

import java.util.SortedMap;

/**
 * Data that templates see as a Go map (field syntax looks keys up, {@code range} walks the keys in
 * order, {@code len}/{@code index} work) while its public methods stay callable, like
 * Alertmanager's {@code KV}. Plain {@link java.util.Map}s are maps too; this adds the methods and
 * the zero value a missing key yields.
 */
public interface GoMap {
  /** The entries, sorted by key (Go prints and ranges over maps in key order). */
  SortedMap<String, ?> entries();

  /** What a missing key gives: {@code ""} for a {@code map[string]string}. */
  default Object zeroValue() {
    return "";
  }
}
