package dev.alerting.notify.route;

import java.util.List;

/**
 * A route's {@code mute_time_intervals} and {@code active_time_intervals} (names of {@code
 * time_intervals}). Like Alertmanager, they belong to the route that names them and are not
 * inherited by its children.
 */
public record RouteTimes(List<String> mute, List<String> active) {
  public static final RouteTimes NONE = new RouteTimes(List.of(), List.of());

  public RouteTimes {
    mute = List.copyOf(mute);
    active = List.copyOf(active);
  }
}
