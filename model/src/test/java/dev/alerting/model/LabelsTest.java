package dev.alerting.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LabelsTest {

  @Test
  @DisplayName("forEach visits every name and value in asMap's order, __name__ among them")
  void forEachInNameOrder() {
    Labels l = Labels.of(Map.of("__name__", "up", "zone", "eu", "Job", "api", "a", ""));
    java.util.List<String> visited = new java.util.ArrayList<>();
    l.forEach((name, value) -> visited.add(name + "=" + value));
    java.util.List<String> expected = new java.util.ArrayList<>();
    l.asMap().forEach((name, value) -> expected.add(name + "=" + value));
    assertThat(visited).isEqualTo(expected).contains("__name__=up").hasSize(l.size());
  }

  @Test
  @DisplayName("the fingerprint equals Prometheus's labelSetToFingerprint for its own test vectors")
  void fingerprintMatchesPrometheus() {
    assertThat(Labels.empty().fingerprint())
        .isEqualTo(Long.parseUnsignedLong("14695981039346656037"));
    Labels l = Labels.of(Map.of("name", "garland, briggs", "fear", "love is not enough"));
    assertThat(Long.toUnsignedString(l.fingerprint())).isEqualTo("5799056148416392346");
    assertThat(l.fingerprintHex()).isEqualTo("507a62d79ee76c9a");
  }

  @Test
  @DisplayName("non-ASCII names and values hash their UTF-8 bytes, as Prometheus does")
  void fingerprintHashesUtf8() {
    String value = "zürich-東京-\uD83D\uDE80"; // Latin-1, CJK and a surrogate pair
    long h = 0xcbf29ce484222325L;
    // the reference: sorted names and values as UTF-8, each followed by a 0xff separator
    java.io.ByteArrayOutputStream ref = new java.io.ByteArrayOutputStream();
    for (String part : new String[] {"__name__", "up", "city", value}) {
      ref.writeBytes(part.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      ref.write(0xff);
    }
    for (byte b : ref.toByteArray()) {
      h = (h ^ (b & 0xff)) * 0x100000001b3L;
    }
    assertThat(Labels.of("__name__", "up", "city", value).fingerprint()).isEqualTo(h);
  }

  @Test
  @DisplayName("label order does not change the fingerprint, a value change does")
  void fingerprintIsOrderIndependent() {
    assertThat(Labels.of("a", "1", "b", "2").fingerprintHex())
        .isEqualTo(Labels.of("b", "2", "a", "1").fingerprintHex())
        .isNotEqualTo(Labels.of("a", "1", "b", "3").fingerprintHex());
  }

  @Test
  @DisplayName("empty label values are dropped, as Prometheus treats them as absent")
  void emptyValuesAreAbsent() {
    assertThat(Labels.of("a", "", "b", "2")).isEqualTo(Labels.of("b", "2"));
  }

  @ParameterizedTest(name = "label name {0} valid={1}")
  @CsvSource({
    "job,true",
    "__name__,true",
    "_x,true",
    "__meta,false",
    "1abc,false",
    "a-b,false",
    "a:b,false"
  })
  void labelNames(String name, boolean valid) {
    assertThat(Labels.isValidLabelName(name)).isEqualTo(valid);
  }

  @ParameterizedTest(name = "metric name {0} valid={1}")
  @CsvSource({
    "http_requests_total,true",
    "job:rate5m,true",
    "_x,true",
    "9lives,false",
    "a-b,false"
  })
  void metricNames(String name, boolean valid) {
    assertThat(Labels.isValidMetricName(name)).isEqualTo(valid);
  }

  @ParameterizedTest(name = "{0} {1} {2} on ''{3}'' -> {4}")
  @CsvSource({
    "job,=,api,api,true",
    "job,!=,api,api,false",
    "code,=~,5..,503,true",
    "code,=~,5..,1503,false",
    "code,!~,5..,404,true",
    "env,=,'',,true",
    "env,=~,.+,,false",
  })
  void matchers(String name, String op, String value, String labelValue, boolean expected) {
    Matcher m = Matcher.of(name, Matcher.Type.fromSymbol(op), value == null ? "" : value);
    assertThat(m.matches(labelValue)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "duration {0} = {1} ms")
  @CsvSource({"0s,0", "500ms,500", "5m,300000", "1h30m,5400000", "2d,172800000", "1w,604800000"})
  void durations(String text, long millis) {
    assertThat(Durations.parse(text).toMillis()).isEqualTo(millis);
    assertThat(Durations.format(Durations.parse(text))).isEqualTo(text);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "name first,     job,      up",
    "upper-case label sorts before __name__, Zone, up",
    "no metric name, job,",
  })
  @DisplayName("finds the metric name wherever __name__ sorts, and its index accessors agree")
  void metricNameAndAccessors(String title, String other, String name) {
    Labels l = name == null ? Labels.of(other, "v") : Labels.of("__name__", name, other, "v");
    assertThat(l.metricName()).isEqualTo(name);
    for (int i = 0; i < l.size(); i++) {
      assertThat(l.get(l.name(i))).isEqualTo(l.value(i));
    }
    assertThat(l.name(0).compareTo(l.name(l.size() - 1))).isNotPositive();
  }

  @Test
  @DisplayName("keeps the fingerprint stable across calls and equal sets")
  void fingerprintCached() {
    Labels a = Labels.of("__name__", "up", "job", "api");
    long first = a.fingerprint();
    assertThat(a.fingerprint()).isEqualTo(first);
    assertThat(Labels.of("job", "api", "__name__", "up").fingerprint()).isEqualTo(first);
    assertThat(a.without("job").fingerprint()).isNotEqualTo(first);
  }
}
