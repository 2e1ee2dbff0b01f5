package dev.alerting.notify.config;

import dev.alerting.notify.receiver.MessageTemplates;
import dev.alerting.notify.receiver.Notification;
import java.util.Objects;

/**
 * The templates every notifier renders with, swapped as a whole when {@code POST /-/reload} has
 * read the routing file's {@code templates:} files again. A notification in flight keeps the set it
 * started with (its {@link Rendering} holds it).
 */
public final class ReloadableTemplates implements MessageTemplates {
  private volatile MessageTemplates current;

  public ReloadableTemplates(MessageTemplates initial) {
    this.current = Objects.requireNonNull(initial, "initial");
  }

  public void replace(MessageTemplates next) {
    this.current = Objects.requireNonNull(next, "next");
  }

  @Override
  public Rendering of(Notification n) {
    return current.of(n);
  }
}
