/**
 * Pages from the incident service: each page request on {@code pages} is delivered through the
 * receiver it names by the same {@code Sender} as alert notifications, and its outcome goes back on
 * {@code pages.outcomes}.
 *
 * <p>Deliberately not here: who is paged or when (the incident service decides), and any
 * integration code (in {@code receiver}).
 */
package dev.alerting.notify.page;
