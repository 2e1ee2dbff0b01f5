package dev.alerting.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.alerting.template.alertmanager.NotificationTemplates;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TemplateLoaderTest {
  @TempDir Path dir;

  private void write(String rel, String text) throws IOException {
    Path p = dir.resolve(rel);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
  }

  @Test
  @DisplayName("globs resolve against the config folder, * stays in one folder, files come sorted")
  void relativeGlobs() throws IOException {
    write("templates/b.tmpl", "B");
    write("templates/a.tmpl", "A");
    write("templates/nested/c.tmpl", "C");
    write("templates/notes.txt", "N");

    List<TemplateSource> sources = TemplateLoader.load(dir, List.of("templates/*.tmpl"));

    assertThat(sources).extracting(TemplateSource::name).containsExactly("a.tmpl", "b.tmpl");
  }

  @Test
  @DisplayName("absolute globs are used as they are; a glob matching nothing is not an error")
  void absoluteAndEmptyGlobs() throws IOException {
    write("x/one.tmpl", "1");

    assertThat(TemplateLoader.load(Path.of("/nonexistent"), List.of(dir + "/x/*.tmpl")))
        .extracting(TemplateSource::text)
        .containsExactly("1");
    assertThat(TemplateLoader.load(dir, List.of("missing/*.tmpl", "none.tmpl"))).isEmpty();
  }

  @Test
  @DisplayName("a user's define overrides the default of the same name; errors name the file")
  void userTemplatesOverrideDefaults() throws IOException {
    write("t/slack.tmpl", "{{ define \"slack.default.title\" }}custom {{ .Receiver }}{{ end }}");
    write("bad/broken.tmpl", "line\n{{ range }}");

    Templates set = NotificationTemplates.load(dir, List.of("t/*.tmpl"));

    assertThat(set.render("{{ template \"slack.default.title\" . }}", Map.of("Receiver", "x")))
        .isEqualTo("custom x");
    assertThat(set.defines("__subject")).isTrue();
    assertThatThrownBy(() -> NotificationTemplates.load(dir, List.of("bad/*.tmpl")))
        .isInstanceOf(TemplateException.class)
        .hasMessage("template: broken.tmpl:2: missing value for range");
  }
}
