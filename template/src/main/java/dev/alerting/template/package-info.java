/**
 * Go's text/template, in Java: the lexer and parser ({@code parse}), the executor and Go's builtins
 * ({@code exec}), Go's fmt ({@code fmt}), RE2-style regexps ({@code regexp}) and Prometheus's
 * humanize functions ({@code humanize}); {@code alertmanager} adds Alertmanager's template data,
 * functions and our default notification templates, {@code prometheus} the functions of Prometheus
 * rule templates (the rule engine's labels and annotations).
 *
 * <h2>API</h2>
 *
 * <pre>{@code
 * // a notifier: defaults + the config's templates: globs (relative to the config file's folder)
 * Templates set = NotificationTemplates.load(configDir, List.of("templates/*.tmpl"));
 * NotificationData data = NotificationData.of(receiver, groupLabels, alerts, externalUrl);
 * String title = set.render("{{ template \"slack.default.title\" . }}", data); // a config field
 * String body = set.execute("email.default.html", data);                       // a define by name
 * String html = set.renderHtml(emailHtmlField, data); // html/template-style escaping of values
 *
 * // any other user: own sources and functions
 * Templates t = Templates.parse(List.of(new TemplateSource("a.tmpl", text)), FunctionLibrary.empty()
 *     .with("double", Signature.of(Param.INT), args -> (Long) args.get(0) * 2));
 * }</pre>
 *
 * <p>Errors are {@link dev.alerting.template.TemplateException} with Go's message ({@code template:
 * NAME:LINE:COL: executing "NAME" at <ACTION>: REASON}). Data is plain Java: {@code String}, {@code
 * Long}, {@code Double}, {@code Boolean}, {@code List}, {@code Map}, records (Go structs: {@code
 * .Field} is the component {@code field}), {@link dev.alerting.template.GoMap} for maps with
 * methods; {@code .Method args} calls the public method {@code method}. Missing map keys follow
 * Alertmanager's {@code missingkey=zero}.
 *
 * <p>Deliberately not here: Vert.x, Kafka, configuration parsing, delivery. No template caches
 * shared between sets: a {@link dev.alerting.template.Templates} is immutable and thread-safe.
 */
package dev.alerting.template;
