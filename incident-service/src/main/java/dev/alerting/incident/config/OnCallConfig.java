package dev.alerting.incident.config;

import dev.alerting.incident.escalation.EscalationPolicy;
import dev.alerting.incident.escalation.Target;
import dev.alerting.incident.oncall.Schedule;
import dev.alerting.model.Labels;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The validated on-call file: users and their receivers, schedules, escalation policies (first
 * match wins) and incident grouping. Every name a policy uses refers to something that exists.
 */
public record OnCallConfig(
    Map<String, OnCallUser> users,
    Map<String, Schedule> schedules,
    List<EscalationPolicy> policies,
    Grouping grouping) {

  public OnCallConfig {
    users = Map.copyOf(users);
    schedules = Map.copyOf(schedules);
    policies = List.copyOf(policies);
    for (EscalationPolicy p : policies) {
      for (var step : p.steps()) {
        for (Target t : step.targets()) {
          checkTarget(p, t, users, schedules);
        }
      }
    }
  }

  private static void checkTarget(
      EscalationPolicy p, Target t, Map<String, OnCallUser> users, Map<String, Schedule> s) {
    if (t.kind() == Target.Kind.USER && !users.containsKey(t.name())) {
      throw new IllegalArgumentException(
          "policy " + p.name() + " notifies unknown user '" + t.name() + "'");
    }
    if (t.kind() == Target.Kind.SCHEDULE && !s.containsKey(t.name())) {
      throw new IllegalArgumentException(
          "policy " + p.name() + " notifies unknown schedule '" + t.name() + "'");
    }
  }

  /** No users, schedules or policies: incidents are grouped by default and nobody is paged. */
  public static OnCallConfig empty() {
    return new OnCallConfig(Map.of(), Map.of(), List.of(), Grouping.DEFAULT);
  }

  public Optional<EscalationPolicy> policyFor(Labels labels) {
    return EscalationPolicy.first(policies, labels);
  }

  public Optional<EscalationPolicy> policy(String name) {
    return policies.stream().filter(p -> p.name().equals(name)).findFirst();
  }

  /** The labels that group alerts into incidents: the matching policy's, else the global ones. */
  public List<String> groupBy(Labels labels) {
    return policyFor(labels)
        .map(EscalationPolicy::groupBy)
        .filter(g -> !g.isEmpty())
        .orElse(grouping.groupBy());
  }
}
