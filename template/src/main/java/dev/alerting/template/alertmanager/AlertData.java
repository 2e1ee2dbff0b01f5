package dev.alerting.template.alertmanager;

import dev.alerting.model.alert.Alert;
import dev.alerting.template.GoType;

/**
 * One alert as templates see it, fields in Alertmanager's order (which {@code %v} prints): {@code
 * .Status .Labels .Annotations .StartsAt .EndsAt .GeneratorURL .Fingerprint}.
 */
@GoType("template.Alert")
public record AlertData(
    String status,
    KV labels,
    KV annotations,
    GoTime startsAt,
    GoTime endsAt,
    String generatorURL,
    String fingerprint) {

  public static AlertData of(Alert a) {
    return new AlertData(
        a.status().wire(),
        new KV(a.labels().asMap()),
        new KV(a.annotations()),
        GoTime.of(a.startsAt()),
        GoTime.of(a.endsAt()),
        a.generatorUrl(),
        a.fingerprint());
  }
}
