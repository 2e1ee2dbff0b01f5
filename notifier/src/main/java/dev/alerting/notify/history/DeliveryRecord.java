package dev.alerting.notify.history;

import java.time.Instant;
import java.util.Objects;

/**
 * One delivery of one notification to one integration, as {@code GET /api/v1/notifications} shows
 * it. {@code status} is delivered or failed; {@code reason} is empty when delivered and free of
 * secrets otherwise.
 */
public record DeliveryRecord(
    Instant at,
    String receiver,
    String integration,
    String groupKey,
    String status,
    int attempts,
    long latencyMillis,
    int alerts,
    String reason,
    String deadLetterId) {
  public DeliveryRecord {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(receiver, "receiver");
    Objects.requireNonNull(integration, "integration");
    Objects.requireNonNull(groupKey, "groupKey");
    if (!status.equals("delivered") && !status.equals("failed")) {
      throw new IllegalArgumentException("status must be delivered or failed");
    }
    reason = reason == null ? "" : reason;
    deadLetterId = deadLetterId == null ? "" : deadLetterId;
  }
}
