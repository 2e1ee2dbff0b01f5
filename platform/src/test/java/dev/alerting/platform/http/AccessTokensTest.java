package dev.alerting.platform.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.alerting.platform.config.ConfigException;
import dev.alerting.platform.config.Settings;
import dev.alerting.platform.http.AccessTokens.Role;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@DisplayName("Bearer tokens with roles")
class AccessTokensTest {
  static final AccessTokens TOKENS =
      AccessTokens.parse(
          "RULES_AUTH_TOKENS",
          "read:reader-0123456789abcdef, write:writer-0123456789abcdef,admin:admin-0123456789abcdef");

  static Stream<Arguments> headers() {
    return Stream.of(
        Arguments.of("no header", null, null),
        Arguments.of("not a bearer token", "Basic YWxhZGRpbjpvcGVuc2VzYW1l", null),
        Arguments.of("unknown token", "Bearer nobody-0123456789abcdef", null),
        Arguments.of("a prefix of a token", "Bearer admin-0123456789abcde", null),
        Arguments.of("reader", "Bearer reader-0123456789abcdef", Role.READ),
        Arguments.of("writer, scheme in lower case", "bearer writer-0123456789abcdef", Role.WRITE),
        Arguments.of("admin", "Bearer admin-0123456789abcdef", Role.ADMIN));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("headers")
  @DisplayName("the Authorization header maps to the token's role, or to none")
  void roleOf(String name, String header, Role role) {
    assertThat(TOKENS.roleOf(header)).isEqualTo(role);
  }

  static Stream<Arguments> invalid() {
    return Stream.of(
        Arguments.of("no role", "0123456789abcdef0123"),
        Arguments.of("unknown role", "root:0123456789abcdef0123"),
        Arguments.of("short token", "admin:short"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalid")
  @DisplayName("a bad entry is refused naming the key and the entry, never quoting the token")
  void invalidEntries(String name, String value) {
    assertThatThrownBy(() -> AccessTokens.parse("RULES_AUTH_TOKENS", value))
        .hasMessageContaining("RULES_AUTH_TOKENS entry 1")
        .hasMessageNotContaining("0123456789abcdef");
  }

  @Test
  @DisplayName("no tokens configured means authentication is off")
  void off() {
    assertThat(AccessTokens.parse("K", "").enabled()).isFalse();
    assertThat(AccessTokens.OFF.enabled()).isFalse();
    assertThat(TOKENS.toString()).doesNotContain("0123456789");
  }

  @Test
  @DisplayName("KEY_FILE adds the tokens of a mounted secret file to KEY's")
  void fromFile(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("api");
    Files.writeString(
        file,
        "# made by the compose tokens service\nadmin:admin-0123456789abcdef\n\n"
            + "write:writer-0123456789abcdef,read:reader-0123456789abcdef\n");
    AccessTokens t =
        AccessTokens.from(
            Settings.of(
                Map.of(
                    "NOTIFIER_AUTH_TOKENS",
                    "write:other-0123456789abcdef",
                    "NOTIFIER_AUTH_TOKENS_FILE",
                    file.toString())),
            "NOTIFIER_AUTH_TOKENS");

    assertThat(t.roleOf("Bearer admin-0123456789abcdef")).isEqualTo(Role.ADMIN);
    assertThat(t.roleOf("Bearer reader-0123456789abcdef")).isEqualTo(Role.READ);
    assertThat(t.roleOf("Bearer other-0123456789abcdef")).isEqualTo(Role.WRITE);

    Files.writeString(file, "admin:short\n");
    assertThatThrownBy(
            () ->
                AccessTokens.from(
                    Settings.of(Map.of("NOTIFIER_AUTH_TOKENS_FILE", file.toString())),
                    "NOTIFIER_AUTH_TOKENS"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("NOTIFIER_AUTH_TOKENS");
    assertThatThrownBy(
            () ->
                AccessTokens.from(
                    Settings.of(Map.of("NOTIFIER_AUTH_TOKENS_FILE", dir + "/missing")),
                    "NOTIFIER_AUTH_TOKENS"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("NOTIFIER_AUTH_TOKENS_FILE");
  }
}
