package dev.alerting.template.alertmanager;

import dev.alerting.template.GoType;
import java.util.AbstractList;
import java.util.List;

/**
 * Alertmanager's {@code Alerts}: the group's alerts, with {@code .Firing} and {@code .Resolved}.
 */
@GoType("template.Alerts")
public final class Alerts extends AbstractList<AlertData> {
  private final List<AlertData> alerts;

  public Alerts(List<AlertData> alerts) {
    this.alerts = List.copyOf(alerts);
  }

  @Override
  public AlertData get(int index) {
    return alerts.get(index);
  }

  @Override
  public int size() {
    return alerts.size();
  }

  public AlertList firing() {
    return new AlertList(alerts.stream().filter(a -> a.status().equals("firing")).toList());
  }

  public AlertList resolved() {
    return new AlertList(alerts.stream().filter(a -> a.status().equals("resolved")).toList());
  }

  /** {@code []template.Alert}: what {@code .Firing} and {@code .Resolved} return (no methods). */
  @GoType("[]template.Alert")
  public static final class AlertList extends AbstractList<AlertData> {
    private final List<AlertData> alerts;

    AlertList(List<AlertData> alerts) {
      this.alerts = alerts;
    }

    @Override
    public AlertData get(int index) {
      return alerts.get(index);
    }

    @Override
    public int size() {
      return alerts.size();
    }
  }
}
