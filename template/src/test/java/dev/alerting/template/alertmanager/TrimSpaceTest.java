package dev.alerting.template.alertmanager;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alerting.template.Templates;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code trimSpace} (Go's strings.TrimSpace, added in Alertmanager after 0.25): no installed peer
 * has it, so its cases are Go's documented behaviour: Unicode white space off both ends only.
 */
class TrimSpaceTest {
  private static final Templates SET = Templates.parse(List.of(), AlertmanagerFunctions.library());

  @ParameterizedTest(name = "[{0}] -> [{1}]")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '\'',
      value = {
        "'  a b  '|'a b'",
        "'\\t\\n x \\r\\n'|'x'",
        "'\u00a0\u2003y\u3000'|'y'",
        "'in  side'|'in  side'",
        "'   '|''"
      })
  @DisplayName("trims Unicode white space from both ends and nothing else")
  void trims(String in, String out) {
    String text = in.replace("\\t", "\t").replace("\\n", "\n").replace("\\r", "\r");
    assertThat(SET.render("{{ trimSpace .s }}", java.util.Map.of("s", text))).isEqualTo(out);
  }
}
