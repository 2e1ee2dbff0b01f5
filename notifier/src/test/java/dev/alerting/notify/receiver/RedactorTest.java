package dev.alerting.notify.receiver;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("Secrets are masked wherever they appear")
class RedactorTest {
  private static final Redactor REDACTOR =
      new Redactor(
          java.util.stream.Stream.of(
                  Secrets.ofUrl("https://hooks.slack.com/services/T1/B2/abcSECRET"),
                  List.of("123456:bot-token", "pw", "GenieKey og-key-1"))
              .flatMap(List::stream)
              .toList());

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "whole URL | POST https://hooks.slack.com/services/T1/B2/abcSECRET failed | POST <secret> failed",
        "URL path only | rejected /services/T1/B2/abcSECRET | rejected <secret>",
        "token in a path | /bot123456:bot-token/sendMessage | /bot<secret>/sendMessage",
        "header value | Authorization: GenieKey og-key-1 | Authorization: <secret>",
        "too short to be a secret | pw stays | pw stays",
        "nothing secret | HTTP 400: bad request | HTTP 400: bad request"
      })
  @DisplayName("texts")
  void masks(String name, String text, String shown) {
    assertThat(REDACTOR.redact(text)).isEqualTo(shown);
  }
}
