package dev.alerting.notify.receiver.email;

import dev.alerting.notify.receiver.Channels;
import dev.alerting.notify.receiver.MessageTemplates;
import dev.alerting.notify.receiver.Notification;
import dev.alerting.notify.receiver.Notifier;
import dev.alerting.notify.receiver.Outcome;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.ext.mail.LoginOption;
import io.vertx.ext.mail.MailClient;
import io.vertx.ext.mail.MailConfig;
import io.vertx.ext.mail.MailMessage;
import io.vertx.ext.mail.SMTPException;
import io.vertx.ext.mail.StartTLSOptions;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Sends one multipart mail per notification over SMTP (non-blocking, Vert.x mail client): implicit
 * TLS on port 465, STARTTLS when {@code require_tls}, CRAM-MD5 with {@code auth_secret}, else PLAIN
 * or LOGIN. Connection trouble and every SMTP error reply (4xx and 5xx) are retried, as in
 * Alertmanager.
 */
public final class EmailNotifier implements Notifier {
  private final Channels channels;
  private final EmailConfig c;
  private final MailClient mail;

  public EmailNotifier(Channels channels, EmailConfig config) {
    this.channels = channels;
    this.c = config;
    this.mail = MailClient.create(channels.vertx(), mailConfig(config));
  }

  static MailConfig mailConfig(EmailConfig c) {
    MailConfig m =
        new MailConfig()
            .setHostname(c.host())
            .setPort(c.port())
            .setOwnHostname(c.hello())
            .setSsl(c.port() == 465)
            .setStarttls(c.requireTls() ? StartTLSOptions.REQUIRED : StartTLSOptions.DISABLED)
            // one connection per message, as Alertmanager dials per message: a pooled connection
            // idles between rare notifications until the relay drops it, and its second QUIT
            // raced the close of the first (a failed close on shutdown, about 5 in 100)
            .setKeepAlive(false);
    if (c.authUsername().isEmpty()) {
      m.setLogin(LoginOption.DISABLED);
    } else if (!c.authSecret().isEmpty()) {
      m.setLogin(LoginOption.REQUIRED)
          .setUsername(c.authUsername())
          .setPassword(c.authSecret())
          .setAuthMethods("CRAM-MD5");
    } else {
      m.setLogin(LoginOption.REQUIRED)
          .setUsername(c.authUsername())
          .setPassword(c.authPassword())
          .setAuthMethods("PLAIN LOGIN");
    }
    c.tls()
        .ifPresent(
            t -> {
              t.caFile().ifPresent(f -> m.setTrustOptions(new PemTrustOptions().addCertPath(f)));
              t.certFile()
                  .ifPresent(
                      f ->
                          m.setKeyCertOptions(
                              new PemKeyCertOptions()
                                  .addCertPath(f)
                                  .addKeyPath(t.keyFile().orElseThrow())));
              m.setTrustAll(t.insecureSkipVerify());
            });
    return m;
  }

  @Override
  public String integration() {
    return "email";
  }

  @Override
  public Future<Outcome> attempt(Notification n) {
    MailMessage message;
    try {
      message = message(channels.templates().of(n));
    } catch (MessageTemplates.TemplateFailure | IllegalArgumentException e) {
      return Future.succeededFuture(Outcome.permanent("cannot render: " + e.getMessage()));
    }
    String preview = "To: " + message.getTo() + "\nSubject: " + message.getSubject();
    return mail.sendMail(message)
        .map(r -> Outcome.delivered())
        .recover(e -> Future.succeededFuture(classify(e)))
        .map(o -> o.withPayload(preview));
  }

  private MailMessage message(MessageTemplates.Rendering r) {
    MultiMap extra = MultiMap.caseInsensitiveMultiMap();
    String from = "";
    String to = "";
    String subject = "";
    for (Map.Entry<String, String> h : c.headers().entrySet()) {
      String v = r.text(h.getValue());
      switch (h.getKey()) {
        case "From" -> from = v;
        case "To" -> to = v;
        case "Subject" -> subject = v;
        default -> extra.add(h.getKey(), v);
      }
    }
    List<String> recipients =
        Arrays.stream(to.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    if (recipients.isEmpty()) {
      throw new IllegalArgumentException("the To header rendered empty");
    }
    MailMessage m = new MailMessage().setFrom(from).setTo(recipients).setSubject(subject);
    if (!extra.isEmpty()) {
      m.setHeaders(extra);
    }
    String html = r.html(c.html());
    String text = r.text(c.text());
    if (!html.isEmpty()) {
      m.setHtml(html);
    }
    if (!text.isEmpty()) {
      m.setText(text);
    }
    return m;
  }

  /**
   * An SMTP reply error is retried whatever its class, as Alertmanager's email notifier does
   * (notify/email: HELO, STARTTLS, AUTH, MAIL, RCPT and DATA failures all return "retry"): a 4xx is
   * transient by RFC 5321, and a 5xx from a relay that is being reconfigured often is too. The
   * detail names the reply code and its class; the retry budget ends it, then it is dead-lettered.
   * Only what no retry can fix (a template or address that does not render) is final, above.
   */
  static Outcome classify(Throwable e) {
    if (e instanceof SMTPException s && s.getReplyCode() >= 400) {
      String kind = s.getReplyCode() < 500 ? "transient" : "permanent";
      return Outcome.ofError(
          new SmtpReply("SMTP " + s.getReplyCode() + " (" + kind + "): " + s.getMessage()));
    }
    return Outcome.ofError(e);
  }

  /** An SMTP error reply, named in the outcome's detail. */
  static final class SmtpReply extends RuntimeException {
    SmtpReply(String message) {
      super(message, null, false, false);
    }
  }

  /**
   * Closing the mail client right after a failed send can fail with the connection already gone:
   * vertx-mail-client 5.0.8 writes QUIT to a socket the server (or its own error path) is closing,
   * and its close answers "Connection was closed.", a closed channel or a broken pipe (2 in 300
   * closes here even with one connection per message). Nothing is left open then, so that failure
   * is a successful close; any other stays a failure.
   */
  @Override
  public Future<Void> close() {
    return mail.close()
        .recover(e -> alreadyClosed(e) ? Future.succeededFuture() : Future.failedFuture(e));
  }

  static boolean alreadyClosed(Throwable e) {
    // a closed channel and a broken pipe are both IOExceptions; the mail client's own is a message
    return e instanceof IOException || "Connection was closed.".equals(e.getMessage());
  }
}
