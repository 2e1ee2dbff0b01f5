package dev.alerting.notify.receiver;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alerting.notify.config.AlertmanagerConfig;
import dev.alerting.notify.config.ConfigLoader;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;
import io.vertx.core.parsetools.RecordParser;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
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
  private static NetServer server;
  private static volatile String mailReply;
  private static volatile String rcptReply;
  private static final List<String> COMMANDS = new CopyOnWriteArrayList<>();
  private static Notifier notifier;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    server = vertx.createNetServer().connectHandler(SmtpRepliesTest::session);
    server.listen(0, "127.0.0.1").await();
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
                .formatted(server.actualPort()));
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
    mailReply = "250 2.1.0 ok";
    rcptReply = "250 2.1.5 ok";
    COMMANDS.clear();
  }

  /** One SMTP session: a reply per command line, the message body read up to its lone dot. */
  private static void session(NetSocket socket) {
    socket.write("220 test ESMTP\r\n");
    boolean[] data = {false};
    RecordParser lines = RecordParser.newDelimited("\r\n");
    lines.handler(
        b -> {
          String line = b.toString();
          if (data[0]) {
            if (line.equals(".")) {
              data[0] = false;
              socket.write("250 2.0.0 queued\r\n");
            }
            return;
          }
          String verb = line.length() >= 4 ? line.substring(0, 4).toUpperCase() : line;
          COMMANDS.add(verb);
          switch (verb) {
            case "EHLO", "HELO" -> socket.write("250 test\r\n");
            case "MAIL" -> socket.write(mailReply + "\r\n");
            case "RCPT" -> socket.write(rcptReply + "\r\n");
            case "DATA" -> {
              data[0] = true;
              socket.write("354 go ahead\r\n");
            }
            case "QUIT" -> socket.write("221 bye\r\n").onComplete(v -> socket.close());
            default -> socket.write("250 ok\r\n");
          }
        });
    socket.handler(lines);
  }

  private static Outcome attempt() {
    return notifier.attempt(Captures.notification("mail", Captures.Scenario.ONE_FIRING)).await();
  }

  @Test
  @DisplayName("451 to MAIL FROM is transient: retried, and the next attempt delivers")
  void transientThenDelivered() {
    mailReply = "451 4.7.1 greylisted, try again later";
    Outcome first = attempt();
    assertThat(first.kind()).isEqualTo(Outcome.Kind.RETRYABLE);
    assertThat(first.detail()).contains("SMTP 451 (transient)").contains("greylisted");
    assertThat(COMMANDS).doesNotContain("DATA");

    mailReply = "250 2.1.0 ok";
    Outcome second = attempt();
    assertThat(second.kind()).as(second.detail()).isEqualTo(Outcome.Kind.DELIVERED);
    assertThat(COMMANDS).contains("DATA");
  }

  @Test
  @DisplayName("550 to RCPT TO is retried too, as Alertmanager retries it, naming the code")
  void permanentReplyRetriedLikeAlertmanager() {
    rcptReply = "550 5.1.1 no such user";
    Outcome o = attempt();
    assertThat(o.kind()).isEqualTo(Outcome.Kind.RETRYABLE);
    assertThat(o.detail()).contains("SMTP 550 (permanent)").contains("no such user");
    assertThat(COMMANDS).doesNotContain("DATA");
    assertThat(new RetryPolicy(Duration.ofMillis(1), Duration.ofMillis(2), 3).retryAfter(1, o))
        .isTrue();
  }
}
