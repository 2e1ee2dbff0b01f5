package dev.alerting.template.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.alerting.template.TemplateException;
import dev.alerting.template.TemplateSource;
import dev.alerting.template.Templates;
import dev.alerting.template.alertmanager.AlertmanagerFunctions;
import dev.alerting.template.alertmanager.NotificationTemplates;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every case renders exactly what the real Go implementation rendered for it (amtool 0.25, promtool
 * 2.42; see src/test/resources/conformance/README.md), or fails with the same message.
 */
class ConformanceTest {

  static Stream<ConformanceCase> cases() {
    return ConformanceCase.all().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  @DisplayName("a template renders as Alertmanager / Prometheus render it")
  void rendersLikeThePeer(ConformanceCase c) {
    if (c.error() == null) {
      assertThat(render(c)).isEqualTo(c.expected());
      return;
    }
    TemplateException e = catchThrowableOfType(TemplateException.class, () -> render(c));
    assertThat(e).as("expected the error %s", c.error()).isNotNull();
    if (c.source().equals("promtool")) {
      // Prometheus wraps the text in its own prelude and template name: compare the reason only
      assertThat(reason(e.getMessage())).isEqualTo(reason(c.error()));
    } else {
      assertThat(e.getMessage()).isEqualTo(c.error());
    }
  }

  private static String render(ConformanceCase c) {
    switch (c.source()) {
      case "defaults":
        return NotificationTemplates.defaults().render(c.text(), AlertmanagerJson.read(c.data()));
      case "amtool-html":
        return Templates.parse(
                List.of(new TemplateSource("defs.tmpl", c.defs() == null ? "" : c.defs())),
                AlertmanagerFunctions.library())
            .renderHtml(c.text(), AlertmanagerJson.read(c.data()));
      case "promtool":
        return Templates.parse(List.of(), AlertmanagerFunctions.library()).render(c.text(), null);
      default:
        List<TemplateSource> defs =
            List.of(new TemplateSource("defs.tmpl", c.defs() == null ? "" : c.defs()));
        return Templates.parse(defs, AlertmanagerFunctions.library())
            .render(c.text(), AlertmanagerJson.read(c.data()));
    }
  }

  private static String reason(String message) {
    int at = message.indexOf(">: ");
    return at < 0 ? message : message.substring(at + 3);
  }
}
