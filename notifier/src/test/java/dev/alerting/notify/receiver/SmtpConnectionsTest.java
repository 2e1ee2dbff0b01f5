package dev.alerting.notify.receiver;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alerting.notify.config.AlertmanagerConfig;
import dev.alerting.notify.config.ConfigLoader;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The email notifier dials one SMTP connection per notification, as Alertmanager does, and its
 * close never fails the notifier's shutdown, even right after a failed send (the mail client's
 * pooled keep-alive connection used to race its own QUIT against the closing socket there).
 */
@Timeout(120)
@DisplayName("SMTP connections")
class SmtpConnectionsTest {
  /** Enough closes to show the race: it failed about 2 in 100 on the keep-alive pool. */
  private static final int CLOSES = 300;

  private static Vertx vertx;
  private static SmtpScript smtp;
  private static Integration email;

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
              smtp_require_tls: false
            route: {receiver: mail}
            receivers:
            - name: mail
              email_configs:
              - to: 'oncall@example.org'
                text: 'text'
            """
                .formatted(smtp.port()));
    email = c.receiver("mail").integrations().get(0);
  }

  @AfterAll
  static void stop() {
    if (vertx != null) {
      smtp.close();
      vertx.close().await();
    }
  }

  @BeforeEach
  void accept() {
    smtp.accept();
  }

  private static Notification notification() {
    return Captures.notification("mail", Captures.Scenario.ONE_FIRING);
  }

  @Test
  @DisplayName("three notifications through one notifier open three SMTP connections")
  void oneConnectionPerNotification() {
    Notifier notifier = email.notifier(TestChannels.of(vertx));
    try {
      for (int i = 0; i < 3; i++) {
        Outcome o = notifier.attempt(notification()).await();
        assertThat(o.kind()).as(o.detail()).isEqualTo(Outcome.Kind.DELIVERED);
      }
      assertThat(smtp.messages()).isEqualTo(3);
      assertThat(smtp.connections()).isEqualTo(3);
    } finally {
      notifier.close().await();
    }
  }

  @Test
  @DisplayName("closing right after a failed send succeeds, every time of " + CLOSES)
  void closeAfterFailedSendSucceeds() {
    smtp.replyToRcpt("550 5.1.1 no such user");
    List<String> failedCloses = new ArrayList<>();
    for (int i = 0; i < CLOSES; i++) {
      Notifier notifier = email.notifier(TestChannels.of(vertx));
      Outcome o = notifier.attempt(notification()).await();
      assertThat(o.detail()).contains("SMTP 550");
      notifier.close().onFailure(e -> failedCloses.add(e.toString())).otherwiseEmpty().await();
    }
    System.out.printf("SmtpConnectionsTest: %d of %d closes failed%n", failedCloses.size(), CLOSES);
    assertThat(failedCloses).isEmpty();
    assertThat(smtp.connections()).isEqualTo(CLOSES);
  }

  @Test
  @DisplayName("a relay hanging up after its error reply: retryable, and the close succeeds")
  void hangUpAfterErrorReply() {
    smtp.replyToMail("421 4.3.2 shutting down");
    smtp.hangUpAfterErrors(true);
    Notifier notifier = email.notifier(TestChannels.of(vertx));
    Outcome o = notifier.attempt(notification()).await();
    assertThat(o.kind()).isEqualTo(Outcome.Kind.RETRYABLE);
    notifier.close().await();
    assertThat(smtp.connections()).isEqualTo(1);
  }
}
