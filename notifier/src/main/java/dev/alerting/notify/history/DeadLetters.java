package dev.alerting.notify.history;

import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;

/** Where notifications that failed for good are kept until re-sent. */
public interface DeadLetters {
  /** Newest first. */
  List<DeadLetter> list();

  Optional<DeadLetter> get(String id);

  /** Stores (or replaces) a dead letter; succeeds once it is durable. */
  Future<Void> put(DeadLetter letter);

  /** Forgets a dead letter (it was re-sent); succeeds once that is durable. */
  Future<Void> remove(String id);
}
