package dev.alerting.incident.store;

import java.util.Objects;

/** Where the incident database is and how many connections to keep to it. */
public record StoreSettings(String url, String user, String password, int poolSize) {
  public StoreSettings {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(user, "user");
    password = password == null ? "" : password;
    if (!isH2(url) && !isPostgres(url)) {
      throw new IllegalArgumentException("must be a jdbc:postgresql: or jdbc:h2: URL");
    }
    if (poolSize < 1) {
      throw new IllegalArgumentException("pool size must be at least 1");
    }
    url = durable(url);
  }

  /**
   * An embedded H2 database in files stores a commit only up to a second later by default
   * (WRITE_DELAY): a kill -9 in that second loses transactions whose Kafka offsets were already
   * committed (incidents, escalation steps), which is how a restart once missed a step. Such URLs
   * get {@code WRITE_DELAY=0} (each commit written before it returns) unless they set it.
   */
  static String durable(String url) {
    if (!isH2(url)) {
      return url;
    }
    String rest = url.substring("jdbc:h2:".length());
    boolean remoteOrMemory =
        rest.startsWith("mem:") || rest.startsWith("tcp:") || rest.startsWith("ssl:");
    boolean set = url.toUpperCase(java.util.Locale.ROOT).contains(";WRITE_DELAY=");
    return remoteOrMemory || set ? url : url + ";WRITE_DELAY=0";
  }

  public static boolean isH2(String url) {
    return url.startsWith("jdbc:h2:");
  }

  public static boolean isPostgres(String url) {
    return url.startsWith("jdbc:postgresql:");
  }

  @Override
  public String toString() {
    return "StoreSettings[url=" + url + ", user=" + user + ", poolSize=" + poolSize + "]";
  }
}
