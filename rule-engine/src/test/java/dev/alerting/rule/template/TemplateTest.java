package dev.alerting.rule.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.alerting.model.Labels;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@DisplayName("Alert templates")
class TemplateTest {
  private static final TemplateData DATA =
      new TemplateData(
          Labels.of("instance", "db-1", "job", "postgres"),
          95,
          Labels.of("cluster", "eu-1"),
          "http://rules.example:8081");

  static Stream<Arguments> expansions() {
    return Stream.of(
        Arguments.of("plain text stays as it is", "no actions here", DATA, "no actions here"),
        Arguments.of("$labels.x prints a label", "on {{ $labels.instance }}", DATA, "on db-1"),
        Arguments.of(".Labels.x prints a label", "on {{ .Labels.job }}", DATA, "on postgres"),
        Arguments.of("a missing label prints empty", "[{{ $labels.nope }}]", DATA, "[]"),
        Arguments.of("$value prints as Go %v", "{{ $value }} conns", DATA, "95 conns"),
        Arguments.of(".Value prints as Go %v", "{{.Value}}", withValue(1e6), "1e+06"),
        Arguments.of(
            "$value keeps shortest digits",
            "{{ $value }}",
            withValue(0.1 + 0.2),
            "0.30000000000000004"),
        Arguments.of(
            "$externalLabels.x prints an external label",
            "{{ $externalLabels.cluster }}",
            DATA,
            "eu-1"),
        Arguments.of(
            ".ExternalLabels.x prints an external label",
            "{{ .ExternalLabels.cluster }}",
            DATA,
            "eu-1"),
        Arguments.of(
            "$externalURL prints the external URL",
            "{{ $externalURL }}/alerts",
            DATA,
            "http://rules.example:8081/alerts"),
        Arguments.of(
            "humanizePercentage of 0.2 is 20%",
            "{{ $value | humanizePercentage }}", withValue(0.2), "20%"),
        Arguments.of(
            "humanizePercentage keeps 4 digits",
            "{{ $value | humanizePercentage }}",
            withValue(0.047781),
            "4.778%"),
        Arguments.of(
            "humanize uses SI prefixes", "{{ $value | humanize }}", withValue(1234567), "1.235M"),
        Arguments.of(
            "humanize of small values uses milli",
            "{{ $value | humanize }}",
            withValue(0.0123),
            "12.3m"),
        Arguments.of("humanize of zero is 0", "{{ $value | humanize }}", withValue(0), "0"),
        Arguments.of("humanize keeps small integers", "{{ humanize $value }}", withValue(95), "95"),
        Arguments.of(
            "humanize1024 uses binary prefixes (no unit, as promtool prints it)",
            "{{ $value | humanize1024 }}",
            withValue(2048),
            "2ki"),
        Arguments.of(
            "humanizeDuration splits into units",
            "{{ $value | humanizeDuration }}",
            withValue(3725),
            "1h 2m 5s"),
        Arguments.of(
            "humanize parses a label value",
            "{{ $labels.n | humanize }}",
            labels("n", "2500"),
            "2.5k"),
        Arguments.of("pipelines chain", "{{ $labels.job | toUpper }}", DATA, "POSTGRES"),
        Arguments.of("string literals print", "{{ \"x\" }}-{{ `y` }}", DATA, "x-y"),
        Arguments.of(
            "trim markers eat whitespace", "a  {{- $labels.job -}}  b", DATA, "apostgresb"),
        Arguments.of("comments print nothing", "a{{/* note */}}b", DATA, "ab"),
        Arguments.of(
            "printf formats as Go's fmt",
            "{{ printf \"%.1f%% of %s\" $value $labels.job }}",
            DATA,
            "95.0% of postgres"),
        Arguments.of(
            "if / else if / else choose by value",
            "{{ if gt $value 100.0 }}high{{ else if gt $value 90.0 }}elevated{{ else }}ok{{ end }}",
            DATA,
            "elevated"),
        Arguments.of(
            "range walks the labels in name order",
            "{{ range $k, $v := $labels }}{{ $k }}={{ $v }} {{ end }}",
            DATA,
            "instance=db-1 job=postgres "),
        Arguments.of(
            "with and variables",
            "{{ with $j := $labels.job }}{{ title $j }}{{ end }}",
            DATA,
            "Postgres"),
        Arguments.of(
            "the label map prints as a Go map",
            "{{ $labels }}",
            DATA,
            "map[instance:db-1 job:postgres]"),
        Arguments.of(
            "reReplaceAll expands groups",
            "{{ reReplaceAll \"db-(.*)\" \"database $1\" $labels.instance }}",
            DATA,
            "database 1"),
        Arguments.of(
            "text after the last action is kept",
            "{{ $value }}s of {{ $labels.job }}!",
            DATA,
            "95s of postgres!"));
  }

  private static TemplateData withValue(double v) {
    return new TemplateData(DATA.labels(), v, DATA.externalLabels(), DATA.externalUrl());
  }

  private static TemplateData labels(String k, String v) {
    return new TemplateData(Labels.of(k, v), 0, Labels.empty(), "");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("expansions")
  @DisplayName("expands as Prometheus would")
  void expands(String why, String source, TemplateData data, String expected) throws Exception {
    assertThat(Template.parse(source).expand(data)).isEqualTo(expected);
  }

  static Stream<Arguments> rejected() {
    return Stream.of(
        Arguments.of(
            "an unknown function called directly",
            "{{ humanise $value }}",
            4,
            "template: __alert_:1: function \"humanise\" not defined"),
        Arguments.of(
            "an unknown function in a pipeline",
            "value {{ $value | humanise }}",
            19,
            "function \"humanise\" not defined"),
        Arguments.of("an undefined variable", "{{ $foo }}", 4, "undefined variable \"$foo\""),
        Arguments.of("an unclosed action", "abc {{ $value ", 15, "unclosed action"),
        Arguments.of("an unclosed if", "{{ if $value }}x", 16, "unexpected EOF"),
        Arguments.of("a stray end", "x {{ end }}", 6, "unexpected {{end}}"),
        Arguments.of(
            "a query function (no query engine in templates)",
            "{{ query \"up\" }}",
            4,
            "function \"query\" not defined"),
        Arguments.of("a stray character", "{{ $value + 1 }}", 11, "illegal number syntax: \"+\""));
  }

  @ParameterizedTest(name = "rejects {0}")
  @MethodSource("rejected")
  @DisplayName("rejects what it cannot run, with the position")
  void rejects(String why, String source, int position, String message) {
    assertThatThrownBy(() -> Template.parse(source))
        .isInstanceOfSatisfying(
            TemplateException.class, e -> assertThat(e.position()).isEqualTo(position))
        .hasMessageContaining(message);
  }

  @Test
  @DisplayName("a function given a non-number renders an error into the text instead of failing")
  void runtimeErrorsAreRendered() throws Exception {
    String out = Template.parse("{{ $labels.job | humanize }}", "A").expand(DATA);
    assertThat(out)
        .isEqualTo(
            "<error expanding template: error executing template __alert_A: template:"
                + " __alert_A:1:129: executing \"__alert_A\" at <humanize>: error calling"
                + " humanize: strconv.ParseFloat: parsing \"postgres\": invalid syntax>");
  }
}
