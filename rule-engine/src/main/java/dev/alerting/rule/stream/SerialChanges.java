package dev.alerting.rule.stream;

import io.vertx.core.Future;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the engine's changes (polls, ticks, reloads) one after another on the owning event loop:
 * each starts when the previous one's output is written. A change that throws, or whose future
 * fails, fails alone: the next one still runs and {@link #busy()} is false again, so one bad
 * evaluation can never stop every later tick.
 */
final class SerialChanges {
  private static final Logger LOG = LoggerFactory.getLogger(SerialChanges.class);

  private Future<Void> tail = Future.succeededFuture();
  private boolean busy;

  /** Runs {@code change} after every earlier change has finished; its own outcome. */
  Future<Void> run(Supplier<Future<Void>> change, Runnable after) {
    Future<Void> run =
        tail.transform(
            ignored -> {
              busy = true;
              Future<Void> applied;
              try {
                applied = change.get();
              } catch (RuntimeException e) {
                LOG.error("engine change failed; later polls and ticks go on", e);
                applied = Future.failedFuture(e);
              }
              after.run();
              return applied.onComplete(ar -> busy = false);
            });
    tail = run.recover(e -> Future.succeededFuture());
    return run;
  }

  /** Whether a change is being applied or written. */
  boolean busy() {
    return busy;
  }

  /** Completes when every change started so far has finished. */
  Future<Void> drained() {
    return tail;
  }
}
