package dev.alerting.incident.lifecycle;

/** The result of a lifecycle action: the incident afterwards, and whether anything changed. */
public record Transition(Incident incident, boolean changed) {}
