package dev.alerting.notify.receiver;

import io.vertx.core.Future;

/** Makes one delivery attempt of a notification; retries are the caller's business. */
public interface Notifier {
  /** The {@code integration} label of this notifier's metrics. */
  String integration();

  /**
   * One attempt: render the templates, send, classify the answer. The future fails only on a bug,
   * never for a receiver's answer or a template error (those are {@link Outcome}s).
   */
  Future<Outcome> attempt(Notification notification);

  /** Releases connections this notifier holds of its own (SMTP); HTTP pools are shared. */
  default Future<Void> close() {
    return Future.succeededFuture();
  }
}
