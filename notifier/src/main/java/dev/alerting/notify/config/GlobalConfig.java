package dev.alerting.notify.config;

import dev.alerting.notify.receiver.http.HttpConfig;
import java.time.Duration;
import java.util.Optional;

/**
 * The {@code global} section: defaults that integrations fall back to. {@code resolve_timeout} is
 * accepted for compatibility; our alert events always carry an explicit status, so it is unused.
 * Secrets given as {@code *_file} are already read.
 */
public record GlobalConfig(
    Duration resolveTimeout,
    HttpConfig http,
    String smtpFrom,
    String smtpHello,
    String smtpSmarthost,
    String smtpAuthUsername,
    String smtpAuthPassword,
    String smtpAuthSecret,
    String smtpAuthIdentity,
    boolean smtpRequireTls,
    Optional<HttpConfig.TlsConfig> smtpTls,
    String slackApiUrl,
    String opsgenieApiKey,
    String opsgenieApiUrl,
    String pagerdutyUrl,
    String telegramApiUrl,
    String webexApiUrl) {

  public static final Duration DEFAULT_RESOLVE_TIMEOUT = Duration.ofMinutes(5);

  public GlobalConfig {
    if (resolveTimeout.isNegative() || resolveTimeout.isZero()) {
      throw new IllegalArgumentException("resolve_timeout must be positive");
    }
    http = http == null ? HttpConfig.DEFAULT : http;
    smtpTls = smtpTls == null ? Optional.empty() : smtpTls;
  }

  public static GlobalConfig defaults() {
    return new GlobalConfig(
        DEFAULT_RESOLVE_TIMEOUT,
        HttpConfig.DEFAULT,
        "",
        "localhost",
        "",
        "",
        "",
        "",
        "",
        true,
        Optional.empty(),
        "",
        "",
        "",
        "",
        "",
        "");
  }
}
