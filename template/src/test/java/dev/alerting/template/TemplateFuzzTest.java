package dev.alerting.template;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alerting.model.Labels;
import dev.alerting.model.alert.Alert;
import dev.alerting.model.alert.AlertStatus;
import dev.alerting.template.alertmanager.AlertmanagerFunctions;
import dev.alerting.template.alertmanager.NotificationData;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Random token soup, text and html: a user's broken template must come back as a {@link
 * TemplateException} (a clear message), never as another exception from inside the engine.
 */
class TemplateFuzzTest {
  private static final String[] TOKENS = {
    "{{",
    "}}",
    "{{-",
    "-}}",
    " ",
    "if",
    "else",
    "end",
    "range",
    "with",
    "define",
    "template",
    "block",
    "break",
    "continue",
    "\"x\"",
    "`r`",
    "'c'",
    "1",
    "-2",
    "3.5",
    "0x1F",
    "1e400",
    ".",
    ".Alerts",
    ".Receiver",
    ".CommonLabels",
    ".SortedPairs",
    ".Remove",
    ".StartsAt",
    ".Format",
    "$",
    "$x",
    ":=",
    "=",
    "|",
    "(",
    ")",
    ",",
    "printf",
    "\"%d %s %v %q %x %5.2f %[2]d %*d %!\"",
    "len",
    "index",
    "slice",
    "eq",
    "lt",
    "and",
    "or",
    "not",
    "print",
    "html",
    "js",
    "urlquery",
    "call",
    "toUpper",
    "title",
    "join",
    "match",
    "reReplaceAll",
    "stringSlice",
    "humanize",
    "\"(a\"",
    "\"[a-z]+\"",
    "\"$1\"",
    "nil",
    "true",
    "/*",
    "*/",
    "\n",
    "<a href=\"",
    "é"
  };

  @Test
  @DisplayName("50 000 random templates either render or fail with a TemplateException")
  void randomTemplatesFailCleanly() {
    Templates set = Templates.parse(List.of(), AlertmanagerFunctions.library());
    NotificationData data =
        NotificationData.of(
            "r",
            Labels.of("alertname", "A"),
            List.of(
                new Alert(
                    AlertStatus.FIRING,
                    Labels.of("alertname", "A", "x", "1"),
                    Map.of("s", "t"),
                    Instant.EPOCH,
                    null,
                    "http://g")),
            "http://am");
    Random random = new Random(8);
    List<String> crashes = new ArrayList<>();
    int rendered = 0;
    for (int i = 0; i < 50_000; i++) {
      StringBuilder sb = new StringBuilder(i % 2 == 0 ? "{{ " : "");
      int n = 1 + random.nextInt(10);
      for (int k = 0; k < n; k++) {
        sb.append(TOKENS[random.nextInt(TOKENS.length)]).append(random.nextBoolean() ? " " : "");
      }
      String text = sb.append(i % 2 == 0 ? " }}" : "").toString();
      try {
        String out = i % 3 == 0 ? set.renderHtml(text, data) : set.render(text, data);
        assertThat(out).isNotNull();
        rendered++;
      } catch (TemplateException expected) {
        // a clear, Go-style message: fine
      } catch (RuntimeException | StackOverflowError e) {
        crashes.add(e + " <= " + text);
      }
    }
    assertThat(crashes).isEmpty();
    assertThat(rendered).isGreaterThan(1000);
  }
}
