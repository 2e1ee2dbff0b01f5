package dev.alerting.template.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.alerting.template.TemplateSource;
import dev.alerting.template.Templates;
import dev.alerting.template.alertmanager.AlertmanagerFunctions;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Alertmanager's own HTML email template (Debian installs it with the package; it is not part of
 * this project) rendered by the real amtool with {@code --template.type=html} and by our engine
 * must be byte-identical: the broadest check of our html/template escaping. Skipped where amtool or
 * the template files are not installed.
 */
class AlertmanagerEmailTemplateTest {
  private static final Path DIR = Path.of("/usr/share/prometheus/alertmanager");
  private static final String TEXT = "{{ template \"email.default.html\" . }}";

  @ParameterizedTest(name = "data set {0}")
  @ValueSource(strings = {"two", "firing2", "resolved", "rich"})
  @DisplayName("Alertmanager's email.default.html renders as amtool renders it")
  void emailTemplateMatchesAmtool(String data) throws Exception {
    Path amtool = onPath("amtool");
    assumeTrue(amtool != null, "amtool is not on the PATH");
    assumeTrue(Files.isRegularFile(DIR.resolve("email.tmpl")), "no Alertmanager email.tmpl");

    List<TemplateSource> sources = new ArrayList<>();
    for (String f : List.of("default.tmpl", "email.tmpl")) {
      sources.add(new TemplateSource(f, Files.readString(DIR.resolve(f))));
    }
    String ours =
        Templates.parse(sources, AlertmanagerFunctions.library())
            .renderHtml(TEXT, AlertmanagerJson.read(data));

    assertThat(ours).isEqualTo(amtool(amtool, data));
  }

  private static String amtool(Path amtool, String data) throws Exception {
    Path json = Files.createTempFile("data", ".json");
    try (var in =
        AlertmanagerEmailTemplateTest.class.getResourceAsStream(
            "/conformance/data/" + data + ".json")) {
      Files.write(json, in.readAllBytes());
    }
    try {
      Process p =
          new ProcessBuilder(
                  amtool.toString(),
                  "template",
                  "render",
                  "--template.type=html",
                  "--template.glob=" + DIR + "/*.tmpl",
                  "--template.data=" + json,
                  "--template.text=" + TEXT)
              .start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(p.exitValue()).as(new String(p.getErrorStream().readAllBytes())).isZero();
      return out;
    } finally {
      Files.deleteIfExists(json);
    }
  }

  private static Path onPath(String name) {
    String path = System.getenv("PATH");
    if (path == null) {
      return null;
    }
    for (String dir : path.split(File.pathSeparator)) {
      Path candidate = Path.of(dir, name);
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    return null;
  }
}
