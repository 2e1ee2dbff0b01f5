package dev.alerting.notify.receiver;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.Queue;
import java.util.function.Supplier;

/**
 * Bounds the deliveries in flight per receiver: a burst of thousands of groups opens at most {@code
 * max} requests to one receiver at a time (keep-alive connections are reused instead of opened by
 * the thousand), and one slow receiver cannot starve the others. Excess tasks wait in order.
 */
public final class Limiter {
  private final int max;
  private final Map<String, Slot> slots = new HashMap<>();

  public Limiter(int max) {
    if (max < 1) {
      throw new IllegalArgumentException("max in flight must be at least 1");
    }
    this.max = max;
  }

  private static final class Slot {
    int inFlight;
    final Queue<Runnable> waiting = new ArrayDeque<>();
  }

  public <T> Future<T> run(String key, Supplier<Future<T>> task) {
    Promise<T> result = Promise.promise();
    Runnable start =
        () ->
            task.get()
                .onComplete(
                    ar -> {
                      release(key);
                      result.handle(ar);
                    });
    boolean now;
    synchronized (this) {
      Slot s = slots.computeIfAbsent(key, k -> new Slot());
      now = s.inFlight < max;
      if (now) {
        s.inFlight++;
      } else {
        s.waiting.add(start);
      }
    }
    if (now) {
      start.run();
    }
    return result.future();
  }

  private void release(String key) {
    Runnable next;
    synchronized (this) {
      Slot s = slots.get(key);
      next = s.waiting.poll();
      if (next == null) {
        s.inFlight--;
        if (s.inFlight == 0) {
          slots.remove(key);
        }
      }
    }
    if (next != null) {
      next.run();
    }
  }
}
