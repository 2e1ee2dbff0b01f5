package dev.alerting.platform.config;

/** A configuration value that cannot be used; the message names the key and the reason. */
public final class ConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String key;

  public ConfigException(String key, String reason) {
    super("config " + key + ": " + reason);
    this.key = key;
  }

  public String key() {
    return key;
  }
}
