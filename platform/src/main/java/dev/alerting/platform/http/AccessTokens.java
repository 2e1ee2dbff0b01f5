package dev.alerting.platform.http;

import dev.alerting.platform.config.ConfigException;
import dev.alerting.platform.config.Settings;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Bearer tokens with roles, for a service's state-changing endpoints: {@code read} &lt; {@code
 * write} (push, silence, acknowledge) &lt; {@code admin} (rules, config); a token grants its role
 * and every lower one. Configured as {@code role:token,role:token}; none configured means
 * authentication is off. Tokens are compared in constant time and never logged or echoed.
 */
public final class AccessTokens {
  /** What a token may do; each role includes the ones before it. */
  public enum Role {
    READ,
    WRITE,
    ADMIN
  }

  private final Map<String, Role> byToken;

  private AccessTokens(Map<String, Role> byToken) {
    this.byToken = Map.copyOf(byToken);
  }

  /** No tokens: every request is allowed. */
  public static final AccessTokens OFF = new AccessTokens(Map.of());

  /**
   * The tokens of setting {@code key} plus those of the file named by {@code key_FILE} (a Docker or
   * Kubernetes secret mounted as a file: entries separated by commas or new lines, lines starting
   * with {@code #} ignored). Errors name the key and never quote a token.
   *
   * @throws ConfigException when an entry is malformed or the file cannot be read
   */
  public static AccessTokens from(Settings settings, String key) {
    String fileKey = key + "_FILE";
    StringBuilder entries = new StringBuilder(settings.string(key, ""));
    Optional<Path> file = settings.existingPath(fileKey);
    if (file.isPresent()) {
      try {
        for (String line : Files.readAllLines(file.get(), StandardCharsets.UTF_8)) {
          if (!line.isBlank() && !line.trim().startsWith("#")) {
            entries.append(',').append(line);
          }
        }
      } catch (IOException e) {
        throw new ConfigException(fileKey, "cannot read " + file.get() + ": " + e.getMessage());
      }
    }
    try {
      return parse(key, entries.toString());
    } catch (IllegalArgumentException e) {
      throw new ConfigException(key, e.getMessage());
    }
  }

  /**
   * Parses {@code role:token,role:token}; {@code key} names the setting in errors (which never
   * quote a token).
   *
   * @throws IllegalArgumentException naming the entry's position and what is wrong
   */
  public static AccessTokens parse(String key, String value) {
    Map<String, Role> tokens = new LinkedHashMap<>();
    String[] entries = value == null ? new String[0] : value.split(",");
    for (int i = 0; i < entries.length; i++) {
      String entry = entries[i].trim();
      if (entry.isEmpty()) {
        continue;
      }
      int colon = entry.indexOf(':');
      if (colon < 0) {
        throw new IllegalArgumentException(
            key + " entry " + (i + 1) + " is not role:token (roles: read, write, admin)");
      }
      Role role;
      try {
        role = Role.valueOf(entry.substring(0, colon).trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            key + " entry " + (i + 1) + " has an unknown role (roles: read, write, admin)");
      }
      String token = entry.substring(colon + 1).trim();
      if (token.length() < 16) {
        throw new IllegalArgumentException(
            key + " entry " + (i + 1) + ": a token must be at least 16 characters");
      }
      tokens.put(token, role);
    }
    return new AccessTokens(tokens);
  }

  /** Whether any token is configured. */
  public boolean enabled() {
    return !byToken.isEmpty();
  }

  /** The role of the request's bearer token, or null when it has none we know. */
  public Role roleOf(String authorization) {
    if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return null;
    }
    byte[] given = authorization.substring(7).trim().getBytes(StandardCharsets.UTF_8);
    Role found = null;
    for (Map.Entry<String, Role> e : byToken.entrySet()) {
      // every token compared, in constant time: no timing hint of how much of a token matched
      if (MessageDigest.isEqual(given, e.getKey().getBytes(StandardCharsets.UTF_8))) {
        found = e.getValue();
      }
    }
    return found;
  }

  /**
   * A route handler letting through requests whose token has at least {@code role}: 401 (with
   * {@code WWW-Authenticate}) without a known token, 403 with too low a role, both problem+json.
   */
  public Handler<RoutingContext> require(Role role) {
    return ctx -> {
      if (!enabled()) {
        ctx.next();
        return;
      }
      Role has = roleOf(ctx.request().getHeader("Authorization"));
      if (has == null) {
        ctx.response().putHeader("WWW-Authenticate", "Bearer");
        Problem.of(401, "Unauthorized", "a bearer token with role " + name(role) + " is required")
            .send(ctx);
      } else if (has.compareTo(role) < 0) {
        Problem.of(
                403,
                "Forbidden",
                "this token has role " + name(has) + "; " + name(role) + " is required")
            .send(ctx);
      } else {
        ctx.next();
      }
    };
  }

  private static String name(Role r) {
    return r.name().toLowerCase(Locale.ROOT);
  }

  @Override
  public String toString() {
    return "AccessTokens[" + byToken.size() + " tokens]";
  }
}
