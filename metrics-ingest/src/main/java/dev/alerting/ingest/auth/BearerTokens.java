package dev.alerting.ingest.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The tokens that may push, and the check of an {@code Authorization} header against them. An empty
 * set means authentication is off. Both {@code Bearer} (Prometheus, Alloy, Pushgateway clients) and
 * {@code Token} (Telegraf's InfluxDB v2 output) schemes carry the token.
 */
public final class BearerTokens {
  /** What a request's credentials amount to. */
  public enum Verdict {
    ALLOWED,
    MISSING,
    WRONG
  }

  private final List<byte[]> tokens;

  public BearerTokens(Set<String> tokens) {
    this.tokens = tokens.stream().map(t -> t.getBytes(StandardCharsets.UTF_8)).toList();
  }

  public boolean enabled() {
    return !tokens.isEmpty();
  }

  public Verdict check(String authorization) {
    if (!enabled()) {
      return Verdict.ALLOWED;
    }
    if (authorization == null || authorization.isBlank()) {
      return Verdict.MISSING;
    }
    String header = authorization.trim();
    int space = header.indexOf(' ');
    if (space < 0) {
      return Verdict.WRONG;
    }
    String scheme = header.substring(0, space).toLowerCase(Locale.ROOT);
    if (!scheme.equals("bearer") && !scheme.equals("token")) {
      return Verdict.WRONG;
    }
    byte[] presented = header.substring(space + 1).trim().getBytes(StandardCharsets.UTF_8);
    boolean match = false;
    for (byte[] token : tokens) {
      // constant-time per token, and every token is compared: timing tells nothing about which
      match |= MessageDigest.isEqual(token, presented);
    }
    return match ? Verdict.ALLOWED : Verdict.WRONG;
  }
}
