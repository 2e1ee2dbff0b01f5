package dev.alerting.notify.receiver;

import io.vertx.core.Vertx;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;
import io.vertx.core.parsetools.RecordParser;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A scripted SMTP server for tests: answers each command line with 250 or the reply a test sets for
 * MAIL and RCPT, reads a message body up to its lone dot, and counts connections and the commands
 * seen. With {@link #hangUpAfterErrors} it closes the connection right after an error reply, as
 * relays that drop a client on a 5xx do.
 */
public final class SmtpScript {
  private final NetServer server;
  private final AtomicInteger connections = new AtomicInteger();
  private final AtomicInteger messages = new AtomicInteger();
  private final List<String> commands = new CopyOnWriteArrayList<>();
  private volatile String mailReply;
  private volatile String rcptReply;
  private volatile boolean hangUpAfterErrors;

  private SmtpScript(Vertx vertx) {
    this.server = vertx.createNetServer().connectHandler(this::session);
    accept();
  }

  /** Listens on a free local port. */
  public static SmtpScript start(Vertx vertx) {
    SmtpScript s = new SmtpScript(vertx);
    s.server.listen(0, "127.0.0.1").await();
    return s;
  }

  public int port() {
    return server.actualPort();
  }

  /** Back to accepting everything, counters and commands cleared. */
  public void accept() {
    mailReply = "250 2.1.0 ok";
    rcptReply = "250 2.1.5 ok";
    hangUpAfterErrors = false;
    connections.set(0);
    messages.set(0);
    commands.clear();
  }

  public void replyToMail(String reply) {
    mailReply = reply;
  }

  public void replyToRcpt(String reply) {
    rcptReply = reply;
  }

  public void hangUpAfterErrors(boolean hangUp) {
    hangUpAfterErrors = hangUp;
  }

  /** Connections accepted since the last {@link #accept()}. */
  public int connections() {
    return connections.get();
  }

  /** Message bodies accepted (DATA ended by its dot) since the last {@link #accept()}. */
  public int messages() {
    return messages.get();
  }

  /** The command verbs seen, in order (EHLO, MAIL, RCPT, DATA, QUIT, ...). */
  public List<String> commands() {
    return commands;
  }

  private void session(NetSocket socket) {
    connections.incrementAndGet();
    socket.write("220 test ESMTP\r\n");
    boolean[] data = {false};
    RecordParser lines = RecordParser.newDelimited("\r\n");
    lines.handler(
        b -> {
          String line = b.toString();
          if (data[0]) {
            if (line.equals(".")) {
              data[0] = false;
              messages.incrementAndGet();
              socket.write("250 2.0.0 queued\r\n");
            }
            return;
          }
          String verb = line.length() >= 4 ? line.substring(0, 4).toUpperCase() : line;
          commands.add(verb);
          switch (verb) {
            case "EHLO", "HELO" -> socket.write("250 test\r\n");
            case "MAIL" -> reply(socket, mailReply);
            case "RCPT" -> reply(socket, rcptReply);
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

  private void reply(NetSocket socket, String reply) {
    socket
        .write(reply + "\r\n")
        .onComplete(
            v -> {
              if (hangUpAfterErrors && !reply.startsWith("2")) {
                socket.close();
              }
            });
  }

  public void close() {
    server.close().await();
  }
}
