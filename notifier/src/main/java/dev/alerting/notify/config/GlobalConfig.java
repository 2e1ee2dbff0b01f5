package dev.alerting.notify.config;

import java.time.Duration;

/**
 * The {@code global} section: defaults that integrations fall back to. {@code resolve_timeout} is
 * accepted for compatibility; our alert events always carry an explicit status, so it is unused.
 */
public record GlobalConfig(
    Duration resolveTimeout,
    String smtpFrom,
    String smtpSmarthost,
    String slackApiUrl,
    String opsgenieApiKey,
    String opsgenieApiUrl,
    String pagerdutyUrl) {

  public static final Duration DEFAULT_RESOLVE_TIMEOUT = Duration.ofMinutes(5);

  public GlobalConfig {
    if (resolveTimeout.isNegative() || resolveTimeout.isZero()) {
      throw new IllegalArgumentException("resolve_timeout must be positive");
    }
  }

  public static GlobalConfig defaults() {
    return new GlobalConfig(DEFAULT_RESOLVE_TIMEOUT, "", "", "", "", "", "");
  }
}
