package dev.alerting.incident.escalation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Turns a due step into the pages it sends: who each target is at the step's due time. */
public final class Pager {
  private Pager() {}

  /** Where names lead: a user's receiver, a schedule's on-call user at an instant. */
  public interface Directory {
    Optional<String> receiverOf(String user);

    Optional<String> onCall(String schedule, Instant at);
  }

  /** One page to send: to {@code user} (empty for a receiver target) through {@code receiver}. */
  public record Page(Target target, String user, String receiver) {}

  /** The pages of a step, and a note for each target that reached nobody. */
  public record Fired(List<Page> pages, List<String> unreached) {}

  public static Fired fire(DueStep due, Directory directory) {
    List<Page> pages = new ArrayList<>();
    List<String> unreached = new ArrayList<>();
    Set<String> seen = new LinkedHashSet<>();
    for (Target t : due.step().targets()) {
      Optional<Page> page = resolve(t, due.dueAt(), directory);
      if (page.isEmpty()) {
        unreached.add(
            t.kind() == Target.Kind.SCHEDULE
                ? "nobody is on call in schedule " + t.name()
                : "user " + t.name() + " is not configured");
      } else if (seen.add(page.get().user() + "|" + page.get().receiver())) {
        // The same person twice in one step (a schedule and user/x naming them) is paged once.
        pages.add(page.get());
      }
    }
    return new Fired(pages, unreached);
  }

  private static Optional<Page> resolve(Target t, Instant at, Directory directory) {
    return switch (t.kind()) {
      case RECEIVER -> Optional.of(new Page(t, "", t.name()));
      case USER -> directory.receiverOf(t.name()).map(r -> new Page(t, t.name(), r));
      case SCHEDULE ->
          directory
              .onCall(t.name(), at)
              .flatMap(u -> directory.receiverOf(u).map(r -> new Page(t, u, r)));
    };
  }
}
