package dev.alerting.notify.api.v2;

import dev.alerting.model.Labels;
import dev.alerting.model.Matcher;
import dev.alerting.model.MatcherParser;
import io.vertx.core.MultiMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The query parameters of {@code GET /api/v2/alerts} and {@code /alerts/groups}: {@code filter}
 * matchers (all must match the labels), {@code receiver} (an anchored regex on a receiver name),
 * and the {@code active}, {@code silenced}, {@code inhibited}, {@code unprocessed} switches
 * (default true: show them).
 */
record AlertQuery(
    List<Matcher> filter,
    Optional<Pattern> receiver,
    boolean active,
    boolean silenced,
    boolean inhibited,
    boolean unprocessed) {

  /** Parses the parameters; IllegalArgumentException carries Alertmanager's 400 message. */
  static AlertQuery of(MultiMap params) {
    List<Matcher> filter = new ArrayList<>();
    for (String f : params.getAll("filter")) {
      try {
        filter.addAll(MatcherParser.parse(f));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("bad matcher format: " + f, e);
      }
    }
    Optional<Pattern> receiver = Optional.empty();
    String r = params.get("receiver");
    if (r != null && !r.isEmpty()) {
      try {
        receiver = Optional.of(Pattern.compile("^(?:" + r + ")$"));
      } catch (PatternSyntaxException e) {
        throw new IllegalArgumentException(
            "failed to parse receiver param: " + e.getDescription(), e);
      }
    }
    return new AlertQuery(
        filter,
        receiver,
        bool(params, "active"),
        bool(params, "silenced"),
        bool(params, "inhibited"),
        bool(params, "unprocessed"));
  }

  private static boolean bool(MultiMap params, String name) {
    String v = params.get(name);
    if (v == null || v.isEmpty()) {
      return true;
    }
    return switch (v) {
      case "true", "1" -> true;
      case "false", "0" -> false;
      default ->
          throw new IllegalArgumentException(
              name + " in query must be of type boolean: \"" + v + "\"");
    };
  }

  boolean labelsMatch(Labels labels) {
    for (Matcher m : filter) {
      if (!m.matches(labels)) {
        return false;
      }
    }
    return true;
  }

  boolean receiverMatches(String name) {
    return receiver.map(p -> p.matcher(name).matches()).orElse(true);
  }

  /** Whether an alert with this status is shown (all our alerts are processed). */
  boolean shows(AlertJson a) {
    if (!a.receivers().stream().anyMatch(this::receiverMatches)) {
      return false;
    }
    if (!labelsMatch(a.alert().labels())) {
      return false;
    }
    if (!active && !a.suppressed()) {
      return false;
    }
    if (!silenced && !a.silencedBy().isEmpty()) {
      return false;
    }
    return inhibited || a.inhibitedBy().isEmpty();
  }
}
