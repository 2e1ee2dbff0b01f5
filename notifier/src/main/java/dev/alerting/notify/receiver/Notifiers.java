package dev.alerting.notify.receiver;

import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The notifier of each integration in use, built on first use and kept while the configuration has
 * that integration. A config reload retires the notifiers of integrations it no longer has; a
 * retired notifier is closed once the sends that were using it end (a retry chain may outlive the
 * reload by minutes), so a reload neither leaks SMTP clients nor cuts a send short.
 */
final class Notifiers {
  private static final Logger LOG = LoggerFactory.getLogger(Notifiers.class);

  private final Channels channels;
  private final Map<Integration, Use> live = new ConcurrentHashMap<>();
  private final Set<Use> retired = ConcurrentHashMap.newKeySet();
  // null until the first reload; then a send of an older config gets a notifier of its own
  private volatile Set<Integration> configured;

  /** One notifier and the sends using it; guarded by itself. */
  private static final class Use {
    private final Notifier notifier;
    private int inFlight;
    private boolean retired;
    private boolean closed;

    Use(Notifier notifier) {
      this.notifier = notifier;
    }

    /** Whether the caller must close the notifier now (retired and unused, not closed yet). */
    private boolean closeNow() {
      if (retired && inFlight == 0 && !closed) {
        closed = true;
        return true;
      }
      return false;
    }
  }

  Notifiers(Channels channels) {
    this.channels = channels;
  }

  /** Runs {@code send} with the integration's notifier, which stays open until it ends. */
  <T> Future<T> use(Integration integration, Function<Notifier, Future<T>> send) {
    // counted inside compute, so a concurrent retirement either sees this use or removed the
    // entry first (and this call builds a fresh notifier)
    Set<Integration> now = configured;
    Use use =
        now != null && !now.contains(integration)
            ? oneOff(integration)
            : live.compute(
                integration,
                (i, u) -> {
                  Use in = u != null ? u : new Use(i.notifier(channels));
                  synchronized (in) {
                    in.inFlight++;
                  }
                  return in;
                });
    Future<T> sent;
    try {
      sent = send.apply(use.notifier);
    } catch (RuntimeException e) {
      sent = Future.failedFuture(e);
    }
    return sent.andThen(ar -> release(use));
  }

  /** A notifier for one send of an integration the configuration no longer has. */
  private Use oneOff(Integration integration) {
    Use use = new Use(integration.notifier(channels));
    synchronized (use) {
      use.inFlight = 1;
      use.retired = true;
    }
    retired.add(use);
    return use;
  }

  private void release(Use use) {
    boolean close;
    synchronized (use) {
      use.inFlight--;
      close = use.closeNow();
    }
    if (close) {
      close(use);
    }
  }

  /**
   * Retires the notifiers of integrations not in {@code current}: each closes when its last send
   * ends, at once if none is running. Notifiers of integrations that are equal in both configs are
   * kept (integration configs are records).
   */
  void retainOnly(Collection<Integration> current) {
    Set<Integration> keep = Set.copyOf(current);
    configured = keep;
    for (Integration i : List.copyOf(live.keySet())) {
      if (keep.contains(i)) {
        continue;
      }
      Use use = live.remove(i);
      if (use == null) {
        continue;
      }
      boolean close;
      synchronized (use) {
        use.retired = true;
        close = use.closeNow();
        if (!close) {
          retired.add(use);
        }
      }
      if (close) {
        close(use);
      }
    }
  }

  /** How many notifiers are open: in use by the configuration, or retired with sends running. */
  int open() {
    return live.size() + retired.size();
  }

  private Future<Void> close(Use use) {
    retired.remove(use);
    return use.notifier
        .close()
        .onFailure(
            e ->
                LOG.warn(
                    "closing the {} notifier failed: {}",
                    use.notifier.integration(),
                    e.toString()));
  }

  /** Closes every notifier now (shutdown: sends still running end unsettled anyway). */
  Future<Void> closeAll() {
    List<Future<Void>> all = new ArrayList<>();
    for (Use use : List.copyOf(live.values())) {
      all.add(use.notifier.close());
    }
    live.clear();
    for (Use use : List.copyOf(retired)) {
      boolean close;
      synchronized (use) {
        close = !use.closed;
        use.closed = true;
      }
      if (close) {
        all.add(close(use));
      }
    }
    return Future.join(all).mapEmpty();
  }
}
