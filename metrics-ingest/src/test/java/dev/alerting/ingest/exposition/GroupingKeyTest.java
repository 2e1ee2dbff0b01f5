package dev.alerting.ingest.exposition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.alerting.ingest.sample.FormatException;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@DisplayName("GroupingKey (Pushgateway paths)")
class GroupingKeyTest {

  static Stream<Arguments> valid() {
    return Stream.of(
        arguments("job only", "job/backup", Map.of("job", "backup")),
        arguments(
            "job and a label",
            "job/backup/instance/db1",
            Map.of("job", "backup", "instance", "db1")),
        arguments(
            "a base64 value holding a slash",
            "job/x/path@base64/L3Zhci90bXA",
            Map.of("job", "x", "path", "/var/tmp")),
        arguments(
            "padded base64",
            "job/x/path@base64/L3Zhci90bXA=",
            Map.of("job", "x", "path", "/var/tmp")),
        arguments(
            "the empty value as =", "job/x/instance@base64/=", Map.of("job", "x", "instance", "")),
        arguments("a base64 job", "job@base64/YmFja3VwLzE", Map.of("job", "backup/1")),
        arguments("percent-encoding", "job/my%20job", Map.of("job", "my job")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("valid")
  @DisplayName("reads grouping labels as the Pushgateway does")
  void reads(String description, String path, Map<String, String> expected) {
    assertThat(GroupingKey.parse(path)).isEqualTo(expected);
  }

  static Stream<Arguments> invalid() {
    return Stream.of(
        arguments(
            "an odd number of segments",
            "job/x/instance",
            "the grouping key path must be job/<job>{/<label>/<value>}: it has an odd number of segments"),
        arguments("an empty job", "job/", "the job name in the path must not be empty"),
        arguments(
            "a bad label name",
            "job/x/1a/b",
            "grouping label name \"1a\" must match [a-zA-Z_][a-zA-Z0-9_]* and not start with __"),
        arguments(
            "a reserved label name",
            "job/x/__a/b",
            "grouping label name \"__a\" must match [a-zA-Z_][a-zA-Z0-9_]* and not start with __"),
        arguments(
            "a repeated label",
            "job/x/a/1/a/2",
            "grouping label a appears more than once in the path"),
        arguments(
            "bad base64",
            "job/x/a@base64/!!",
            "the value of grouping label a is not URL-safe base64: Illegal base64 character 21"),
        arguments(
            "bad percent-encoding", "job/a%zz", "bad percent-encoding in path segment \"a%zz\""));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalid")
  @DisplayName("refuses a bad path with the reason")
  void refuses(String description, String path, String reason) {
    assertThatThrownBy(() -> GroupingKey.parse(path))
        .isInstanceOf(FormatException.class)
        .hasMessage(reason);
  }
}
