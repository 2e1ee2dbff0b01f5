/**
 * Test support shared by every module: an in-process Kafka broker from the official jars, a probe
 * that reads a topic from the beginning, and deadline-based polling.
 *
 * <p>Deliberately not here: mocks of the broker or of any service, and fixtures for one service
 * only (those stay in that service's tests). The one-command stack also uses {@link
 * dev.alerting.testkit.EmbeddedKafka}.
 */
package dev.alerting.testkit;
