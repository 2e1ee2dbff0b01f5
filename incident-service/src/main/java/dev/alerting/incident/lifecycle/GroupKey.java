package dev.alerting.incident.lifecycle;

import dev.alerting.model.Labels;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The identity of an alert group: a hash of the grouping label names and the alert's values for
 * them (a missing label counts as empty), so any label value fits a fixed-size column.
 */
public final class GroupKey {
  private GroupKey() {}

  public static String of(Labels labels, List<String> groupBy) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      for (String name : groupBy) {
        sha.update(name.getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0);
        sha.update(labels.getOrEmpty(name).getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 1);
      }
      return HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JVM", e);
    }
  }
}
