package dev.alerting.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.alerting.template.FunctionLibrary.Param;
import dev.alerting.template.FunctionLibrary.Signature;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class TemplatesTest {
  private static final FunctionLibrary DOUBLE =
      FunctionLibrary.empty()
          .with("double", Signature.of(Param.INT), args -> (Long) args.get(0) * 2);

  @Test
  @DisplayName("a define of the set runs by name and from inline text, with the set's functions")
  void definesRunByNameAndInline() {
    Templates t =
        Templates.parse(
            List.of(new TemplateSource("a.tmpl", "{{ define \"x\" }}[{{ double .n }}]{{ end }}")),
            DOUBLE);

    assertThat(t.execute("x", Map.of("n", 21L))).isEqualTo("[42]");
    assertThat(t.render("<{{ template \"x\" . }}>", Map.of("n", 1L))).isEqualTo("<[2]>");
    assertThat(t.defines("a.tmpl")).isTrue();
  }

  @Test
  @DisplayName("a later source overrides a define, but an empty body never replaces a real one")
  void laterDefinesOverride() {
    Templates t =
        Templates.parse(
            List.of(
                new TemplateSource("a", "{{ define \"x\" }}one{{ end }}"),
                new TemplateSource("b", "{{ define \"x\" }}two{{ end }}"),
                new TemplateSource("c", "{{ define \"x\" }} {{ end }}")),
            FunctionLibrary.empty());

    assertThat(t.execute("x", null)).isEqualTo("two");
  }

  @Test
  @DisplayName("a syntax error names the source and line; an unknown function fails at parse time")
  void parseErrorsNameSourceAndLine() {
    List<TemplateSource> bad = List.of(new TemplateSource("s.tmpl", "ok\n{{ if }}"));
    assertThatThrownBy(() -> Templates.parse(bad, FunctionLibrary.empty()))
        .isInstanceOf(TemplateException.class)
        .hasMessage("template: s.tmpl:2: missing value for if");
    List<TemplateSource> fn = List.of(new TemplateSource("f", "{{ nope 1 }}"));
    assertThatThrownBy(() -> Templates.parse(fn, FunctionLibrary.empty()))
        .hasMessage("template: f:1: function \"nope\" not defined");
  }

  @Test
  @DisplayName("html rendering escapes values for text and URL attributes, as html/template does")
  void htmlEscapesByContext() {
    Templates t = Templates.parse(List.of(), FunctionLibrary.empty());
    Map<String, Object> data = Map.of("v", "<b>&'", "u", "javascript:alert(1)");

    assertThat(t.renderHtml("<p>{{ .v }}</p><a href=\"{{ .u }}\">x</a>", data))
        .isEqualTo("<p>&lt;b&gt;&amp;&#39;</p><a href=\"#ZgotmplZ\">x</a>");
  }
}
