/**
 * Which instance of the rule engine is the active one (a Kafka consumer group on {@code
 * rules.leader}); the others are hot standbys. Deliberately not here: what may be written, which
 * the transactional id decides ({@code stream.TransactionalWriter}), and what a term as the active
 * does ({@code ActiveTerm}).
 */
package dev.alerting.rule.election;
