package dev.alerting.rule.alert;

import dev.alerting.model.Labels;
import java.util.Map;

/** One result element expanded into what an alert shows: alert labels, annotations and value. */
record Candidate(Labels labels, Map<String, String> annotations, double value) {}
