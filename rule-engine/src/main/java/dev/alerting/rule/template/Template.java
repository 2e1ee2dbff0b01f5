package dev.alerting.rule.template;

import dev.alerting.template.TemplateSource;
import dev.alerting.template.Templates;
import dev.alerting.template.prometheus.PrometheusFunctions;
import java.util.List;

/**
 * A Prometheus alert label or annotation template, parsed once at load by the shared Go
 * text/template engine (module {@code template}) exactly as Prometheus runs it: the text is
 * prefixed with {@code {{$labels := .Labels}}{{$externalLabels := .ExternalLabels}}{{$externalURL
 * := .ExternalURL}}{{$value := .Value}}}, named {@code __alert_<rule>}, and executed with
 * Prometheus's functions and {@code missingkey=zero}. The whole language is available ({@code
 * printf}, {@code if}, {@code range}, {@code with}, variables, ...); only the query functions are
 * not ({@link PrometheusFunctions}).
 */
public final class Template {
  /** Prometheus's prelude (rules/alerting.go): the convenience variables. */
  static final String PRELUDE =
      "{{$labels := .Labels}}{{$externalLabels := .ExternalLabels}}"
          + "{{$externalURL := .ExternalURL}}{{$value := .Value}}";

  private final String source;
  private final String name;
  private final String prefixed;
  private volatile Parsed parsed;

  /** The parsed set for one external URL (which the {@code externalURL} function returns). */
  private record Parsed(String externalUrl, Templates set) {}

  private Template(String source, String name) {
    this.source = source;
    this.name = name;
    this.prefixed = PRELUDE + source;
  }

  /** Parses {@code source} for an unnamed rule. */
  public static Template parse(String source) throws TemplateException {
    return parse(source, "");
  }

  /**
   * Parses {@code source} as a template of alerting rule {@code alertName}.
   *
   * @throws TemplateException with Go's message and the 1-based character position in {@code
   *     source} of the offending token
   */
  public static Template parse(String source, String alertName) throws TemplateException {
    Template t = new Template(source == null ? "" : source, "__alert_" + alertName);
    try {
      t.set("");
    } catch (dev.alerting.template.TemplateException e) {
      int position = Math.max(e.offset() - PRELUDE.length(), 0) + 1;
      throw new TemplateException(position, e.getMessage());
    }
    return t;
  }

  public String source() {
    return source;
  }

  /**
   * Expands the template. A runtime failure is rendered into the result as Prometheus does ({@code
   * <error expanding template: ...>}), rather than dropping the alert.
   */
  public String expand(TemplateData data) {
    if (source.indexOf("{{") < 0) {
      return source; // no action: what Go would print, without running the prelude
    }
    try {
      return set(data.externalUrl()).execute(name, AlertView.of(data));
    } catch (dev.alerting.template.TemplateException e) {
      return "<error expanding template: error executing template "
          + name
          + ": "
          + e.getMessage()
          + ">";
    }
  }

  /** Parsed once per external URL (normally once: the URL is fixed per engine). */
  private Templates set(String externalUrl) {
    Parsed p = parsed;
    if (p == null || !p.externalUrl().equals(externalUrl)) {
      p =
          new Parsed(
              externalUrl,
              Templates.parse(
                  List.of(new TemplateSource(name, prefixed)),
                  PrometheusFunctions.library(externalUrl)));
      parsed = p;
    }
    return p.set();
  }

  @Override
  public String toString() {
    return source;
  }
}
