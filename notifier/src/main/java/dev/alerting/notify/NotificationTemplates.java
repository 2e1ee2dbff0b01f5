package dev.alerting.notify;

import dev.alerting.notify.receiver.MessageTemplates;

/** TEMPORARY until the template engine merges. */
final class NotificationTemplates {
  static MessageTemplates of(NotifierConfig c) {
    return n -> t -> t == null ? "" : t;
  }
}
