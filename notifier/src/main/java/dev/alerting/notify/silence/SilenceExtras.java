package dev.alerting.notify.silence;

import java.util.List;
import java.util.Objects;

/**
 * What a silence may carry beyond Alertmanager's model, as extra JSON fields that amtool and
 * Grafana ignore: {@code timeIntervals} names {@code time_intervals} of the routing file, and the
 * silence mutes only while one of them contains the time (a recurring silence, e.g. a weekly
 * maintenance window); {@code untilResolved} expires the silence once every alert it matched has
 * resolved.
 */
public record SilenceExtras(List<String> timeIntervals, boolean untilResolved) {
  public static final SilenceExtras NONE = new SilenceExtras(List.of(), false);

  public SilenceExtras {
    timeIntervals = List.copyOf(Objects.requireNonNull(timeIntervals, "timeIntervals"));
    for (String name : timeIntervals) {
      if (name.isBlank()) {
        throw new IllegalArgumentException("silence invalid: empty time interval name");
      }
    }
    if (timeIntervals.size() != timeIntervals.stream().distinct().count()) {
      throw new IllegalArgumentException("silence invalid: time interval named twice");
    }
  }

  public boolean recurring() {
    return !timeIntervals.isEmpty();
  }
}
