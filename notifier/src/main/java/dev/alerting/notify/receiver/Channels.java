package dev.alerting.notify.receiver;

import dev.alerting.notify.receiver.http.HttpTransport;
import io.vertx.core.Vertx;
import java.time.Duration;

/**
 * What notifiers share: the Vert.x instance (SMTP clients), the HTTP transport with its pools, the
 * templates, this notifier's external URL and the default request timeout.
 */
public record Channels(
    Vertx vertx,
    HttpTransport http,
    MessageTemplates templates,
    String externalUrl,
    Duration defaultTimeout) {}
