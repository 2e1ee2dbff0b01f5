/**
 * Paging: what the incident service asks the notifier to deliver to a person, and what came of it.
 *
 * <p>Deliberately not here: who is on call or when to escalate (the incident service decides), and
 * how a receiver delivers (the notifier's business).
 */
package dev.alerting.model.page;
