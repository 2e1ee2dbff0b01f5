package dev.alerting.notify.receiver.http;

import dev.alerting.notify.receiver.Channels;
import dev.alerting.notify.receiver.MessageTemplates;
import dev.alerting.notify.receiver.Notification;
import dev.alerting.notify.receiver.Notifier;
import dev.alerting.notify.receiver.Outcome;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * An integration speaking HTTP: renders the notification into one or more calls (Opsgenie's create
 * then update) and sends them in order, stopping at the first that is not delivered.
 */
public abstract class HttpNotifier implements Notifier {
  protected final Channels channels;
  private final HttpConfig http;
  private final Duration timeout;
  private final Set<Integer> retryable;

  protected HttpNotifier(
      Channels channels, HttpConfig http, Duration timeout, Set<Integer> retryable) {
    this.channels = channels;
    this.http = http;
    this.timeout = timeout == null ? channels.defaultTimeout() : timeout;
    this.retryable = Set.copyOf(retryable);
  }

  /** The requests for {@code n}; may be empty (nothing to say, e.g. a resolve without close). */
  protected abstract List<HttpCall> calls(Notification n, MessageTemplates.Rendering r);

  @Override
  public Future<Outcome> attempt(Notification n) {
    List<HttpCall> calls;
    try {
      calls = calls(n, needsTemplates() ? channels.templates().of(n) : null);
    } catch (MessageTemplates.TemplateFailure | IllegalArgumentException e) {
      return Future.succeededFuture(Outcome.permanent("cannot render: " + e.getMessage()));
    }
    return send(calls, 0);
  }

  private Future<Outcome> send(List<HttpCall> calls, int i) {
    if (i >= calls.size()) {
      return Future.succeededFuture(Outcome.delivered());
    }
    return check(channels.http().send(calls.get(i), http, timeout, retryable))
        .compose(
            o ->
                o.kind() == Outcome.Kind.DELIVERED
                    ? send(calls, i + 1)
                    : Future.succeededFuture(o));
  }

  protected boolean needsTemplates() {
    return true;
  }

  /** Integrations whose service answers 2xx with an error in the body look at it here. */
  protected Future<Outcome> check(Future<Outcome> sent) {
    return sent;
  }

  protected static String truncate(String s, int maxRunes) {
    if (s.codePointCount(0, s.length()) <= maxRunes) {
      return s;
    }
    return s.substring(0, s.offsetByCodePoints(0, maxRunes - 1)) + "…";
  }
}
