package dev.alerting.notify.route;

import dev.alerting.model.Labels;
import dev.alerting.model.Matcher;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A node of the routing tree with its settings already inherited from its parent. {@code key} is
 * Alertmanager's route key (the matchers of the path from the root, e.g. {@code {}/{team="db"}}),
 * the prefix of every group key; {@code id} adds the sibling position, so two routes with equal
 * matchers still get separate groups.
 */
public record Route(
    String receiver,
    GroupBy groupBy,
    Duration groupWait,
    Duration groupInterval,
    Duration repeatInterval,
    List<Matcher> matchers,
    boolean continueMatching,
    List<Route> routes,
    String key,
    String id) {

  public static final Duration DEFAULT_GROUP_WAIT = Duration.ofSeconds(30);
  public static final Duration DEFAULT_GROUP_INTERVAL = Duration.ofMinutes(5);
  public static final Duration DEFAULT_REPEAT_INTERVAL = Duration.ofHours(4);

  public Route {
    if (receiver == null || receiver.isBlank()) {
      throw new IllegalArgumentException("route has no receiver");
    }
    Objects.requireNonNull(groupBy, "group_by");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(id, "id");
    if (groupWait.isNegative()) {
      throw new IllegalArgumentException("group_wait must not be negative");
    }
    if (groupInterval.isZero() || groupInterval.isNegative()) {
      throw new IllegalArgumentException("group_interval must be positive");
    }
    if (repeatInterval.isZero() || repeatInterval.isNegative()) {
      throw new IllegalArgumentException("repeat_interval must be positive");
    }
    matchers = List.copyOf(matchers);
    routes = List.copyOf(routes);
  }

  /** The route key of a node under {@code parentKey} (null for the root) with these matchers. */
  public static String keyOf(String parentKey, List<Matcher> matchers) {
    String own =
        matchers.stream().map(Matcher::toString).collect(Collectors.joining(",", "{", "}"));
    return parentKey == null ? own : parentKey + "/" + own;
  }

  public boolean matches(Labels labels) {
    for (Matcher m : matchers) {
      if (!m.matches(labels)) {
        return false;
      }
    }
    return true;
  }

  /**
   * The routes an alert goes to, as Alertmanager decides: depth first, the first matching child
   * wins unless it has {@code continue: true}; a node none of whose children match is itself the
   * match. Empty when this node does not match.
   */
  public List<Route> match(Labels labels) {
    if (!matches(labels)) {
      return List.of();
    }
    List<Route> all = new ArrayList<>();
    for (Route child : routes) {
      List<Route> m = child.match(labels);
      all.addAll(m);
      if (!m.isEmpty() && !child.continueMatching) {
        break;
      }
    }
    if (all.isEmpty()) {
      all.add(this);
    }
    return all;
  }

  /** Every node of the tree, depth first, this one included. */
  public List<Route> flatten() {
    List<Route> out = new ArrayList<>();
    out.add(this);
    for (Route r : routes) {
      out.addAll(r.flatten());
    }
    return out;
  }
}
