package dev.alerting.incident.escalation;

import java.time.Instant;

/**
 * A step of a running escalation: its {@code position} in the whole chain (rounds included, from
 * 0), the round (0 = first pass), the step's number within the policy (1-based), and when it is
 * due.
 */
public record DueStep(int position, int round, int number, Step step, Instant dueAt) {}
