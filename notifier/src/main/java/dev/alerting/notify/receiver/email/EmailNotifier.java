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
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Sends one multipart mail per notification over SMTP (non-blocking, Vert.x mail client): implicit
 * TLS on port 465, STARTTLS when {@code require_tls}, CRAM-MD5 with {@code auth_secret}, else PLAIN
 * or LOGIN. A 5xx SMTP reply is final; connection trouble and 4xx replies are retried.
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
            .setKeepAlive(true);
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

  @Override
  public Future<Void> close() {
    return mail.close();
  }
}
