package dev.alerting.notify.receiver;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alerting.notify.config.AlertmanagerConfig;
import dev.alerting.notify.config.ConfigLoader;
import io.vertx.core.Vertx;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * SMTP error replies are classified as Alertmanager's email notifier does (notify/email/email.go: a
 * failed HELO, STARTTLS, AUTH, MAIL, RCPT or DATA returns "retry"), against a scripted SMTP server
 * that answers each command with the reply the test sets: a 4xx (transient) or a 5xx is retryable
 * and names its code; the next attempt, once the server accepts, delivers.
 */
@Timeout(20)
@DisplayName("SMTP error replies")
class SmtpRepliesTest {
  private static Vertx vertx;
  private static SmtpScript smtp;
  private static Notifier notifier;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    smtp = SmtpScript.start(vertx);
    AlertmanagerConfig c =
        ConfigLoader.parse(
            """
            global:
              smtp_smarthost: '127.0.0.1:%d'
              smtp_from: 'am@example.org'
              smtp_hello: 'am.example.org'
              smtp_require_tls: false
            route: {receiver: mail}
            receivers:
            - name: mail
              email_configs:
              - to: 'oncall@example.org'
                headers: {Subject: 'alert {{ .GroupLabels.alertname }}'}
                text: 'text'
            """
                .formatted(smtp.port()));
    notifier = c.receiver("mail").integrations().get(0).notifier(TestChannels.of(vertx));
  }

  @AfterAll
  static void stop() {
    if (vertx != null) {
      notifier.close().await();
      vertx.close().await();
    }
  }

  @BeforeEach
  void accept() {
    smtp.accept();
  }

  private static Outcome attempt() {
    return notifier.attempt(Captures.notification("mail", Captures.Scenario.ONE_FIRING)).await();
  }

  @Test
  @DisplayName("451 to MAIL FROM is transient: retried, and the next attempt delivers")
  void transientThenDelivered() {
    smtp.replyToMail("451 4.7.1 greylisted, try again later");
    Outcome first = attempt();
    assertThat(first.kind()).isEqualTo(Outcome.Kind.RETRYABLE);
    assertThat(first.detail()).contains("SMTP 451 (transient)").contains("greylisted");
    assertThat(smtp.commands()).doesNotContain("DATA");

    smtp.replyToMail("250 2.1.0 ok");
    Outcome second = attempt();
    assertThat(second.kind()).as(second.detail()).isEqualTo(Outcome.Kind.DELIVERED);
    assertThat(smtp.commands()).contains("DATA");
  }

  @Test
  @DisplayName("550 to RCPT TO is retried too, as Alertmanager retries it, naming the code")
  void permanentReplyRetriedLikeAlertmanager() {
    smtp.replyToRcpt("550 5.1.1 no such user");
    Outcome o = attempt();
    assertThat(o.kind()).isEqualTo(Outcome.Kind.RETRYABLE);
    assertThat(o.detail()).contains("SMTP 550 (permanent)").contains("no such user");
    assertThat(smtp.commands()).doesNotContain("DATA");
    assertThat(new RetryPolicy(Duration.ofMillis(1), Duration.ofMillis(2), 3).retryAfter(1, o))
        .isTrue();
  }
}
