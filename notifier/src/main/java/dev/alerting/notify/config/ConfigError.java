package dev.alerting.notify.config;

/** An Alertmanager config that cannot be used; the message starts with the key path at fault. */
public final class ConfigError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String path;

  public ConfigError(String path, String reason) {
    super(path.isEmpty() ? reason : path + ": " + reason);
    this.path = path;
  }

  /** Where in the file, e.g. {@code receivers[2].webhook_configs[0].url}. */
  public String path() {
    return path;
  }
}
