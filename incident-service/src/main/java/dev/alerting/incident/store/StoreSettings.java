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
