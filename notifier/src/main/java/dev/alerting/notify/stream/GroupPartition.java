package dev.alerting.notify.stream;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.utils.Utils;

/**
 * The partition of a group id on {@code notifier.groups} and {@code notifications.log}: Kafka's
 * default key hash, computed here and set explicitly on every record, so both topics agree and the
 * owner of a group's events also owns its notification log entry.
 */
public final class GroupPartition {
  private GroupPartition() {}

  public static int of(String groupId, int partitions) {
    return Utils.toPositive(Utils.murmur2(groupId.getBytes(StandardCharsets.UTF_8))) % partitions;
  }
}
