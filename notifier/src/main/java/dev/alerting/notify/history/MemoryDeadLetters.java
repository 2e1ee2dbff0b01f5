package dev.alerting.notify.history;

import io.vertx.core.Future;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Dead letters in memory: the view the topic-backed store keeps, and the store of unit tests. */
public class MemoryDeadLetters implements DeadLetters {
  private final Map<String, DeadLetter> letters = new ConcurrentHashMap<>();

  @Override
  public List<DeadLetter> list() {
    return letters.values().stream()
        .sorted(Comparator.comparing(DeadLetter::failedAt).reversed())
        .toList();
  }

  @Override
  public Optional<DeadLetter> get(String id) {
    return Optional.ofNullable(letters.get(id));
  }

  @Override
  public Future<Void> put(DeadLetter letter) {
    letters.put(letter.id(), letter);
    return Future.succeededFuture();
  }

  @Override
  public Future<Void> remove(String id) {
    letters.remove(id);
    return Future.succeededFuture();
  }

  /** Applies a record read back from the topic (null value = removed). */
  void apply(String id, DeadLetter letter) {
    if (letter == null) {
      letters.remove(id);
    } else {
      letters.put(id, letter);
    }
  }
}
