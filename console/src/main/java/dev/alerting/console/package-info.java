/**
 * The operator console: serves the page (ES modules and CSS under {@code console/} on the
 * classpath, no build step) and a same-origin proxy to the services' public APIs, so the page needs
 * no CORS (the services send none). It holds no state and no token: the page keeps the operator's
 * token in session storage and sends it with each call, which the proxy passes on. It deliberately
 * does not call anything a service does not publish, and does not talk to Kafka.
 */
package dev.alerting.console;
