package dev.alerting.rule.alert;

import dev.alerting.model.Labels;
import java.time.Instant;
import java.util.Map;

/**
 * A snapshot of one pending or firing alert of a rule, as the API shows it. {@code activeAt} is
 * when it became pending; {@code keepFiringSince} is set while {@code keep_firing_for} holds it.
 */
public record ActiveAlert(
    Labels labels,
    Map<String, String> annotations,
    AlertState state,
    Instant activeAt,
    Instant firedAt,
    Instant keepFiringSince,
    double value) {

  public ActiveAlert {
    annotations = Map.copyOf(annotations);
  }
}
