/**
 * The notifier: Alertmanager-style routing, grouping, inhibition and delivery of the alert events
 * on the {@code alerts} topic. The core ({@code config}, {@code route}, {@code dispatch}, {@code
 * inhibit}) is plain Java driven by an explicit clock; {@code stream}, {@code receiver} notifiers
 * and {@code api} are the Vert.x/Kafka adapters. Not here yet: silences, time intervals, templates,
 * a notification log in Kafka, and the Slack/PagerDuty/email/Opsgenie integrations (their configs
 * load, their notifications go to the log).
 */
package dev.alerting.notify;
