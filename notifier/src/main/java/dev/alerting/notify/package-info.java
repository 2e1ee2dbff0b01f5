/**
 * The notifier: Alertmanager-style routing, grouping, inhibition, time intervals, silences and
 * delivery of the alert events on the {@code alerts} topic, with Alertmanager's API v2. The core
 * ({@code config}, {@code route}, {@code dispatch}, {@code inhibit}, {@code silence}, {@code
 * timeinterval}, {@code nflog}) is plain Java driven by an explicit clock; {@code stream}, {@code
 * receiver} notifiers and {@code api} are the Vert.x/Kafka adapters. Not here yet: templates, and
 * the Slack/PagerDuty/email/Opsgenie integrations (their configs load, their notifications go to
 * the log).
 */
package dev.alerting.notify;
