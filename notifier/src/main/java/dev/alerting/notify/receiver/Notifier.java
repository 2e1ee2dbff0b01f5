package dev.alerting.notify.receiver;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;

/** Makes one delivery attempt of a message; retries are the caller's business. */
public interface Notifier {
  /** The {@code integration} label of this notifier's metrics. */
  String integration();

  /** One attempt; the future fails only on a bug, never for a receiver's answer. */
  Future<Outcome> attempt(ObjectNode message);
}
