package dev.alerting.notify.config;

import dev.alerting.notify.receiver.http.HttpConfig;
import dev.alerting.notify.receiver.opsgenie.OpsgenieConfig;
import dev.alerting.notify.receiver.pagerduty.PagerdutyConfig;
import java.util.List;
import java.util.Set;

/** Reads the paging integrations: PagerDuty and Opsgenie. */
final class PagingParsers {
  private static final Set<String> PAGERDUTY =
      Set.of(
          "send_resolved",
          "http_config",
          "routing_key",
          "routing_key_file",
          "service_key",
          "service_key_file",
          "url",
          "client",
          "client_url",
          "description",
          "details",
          "images",
          "links",
          "source",
          "severity",
          "class",
          "component",
          "group",
          "timeout");
  private static final Set<String> OPSGENIE =
      Set.of(
          "send_resolved",
          "http_config",
          "api_key",
          "api_key_file",
          "api_url",
          "message",
          "description",
          "source",
          "details",
          "entity",
          "responders",
          "actions",
          "tags",
          "note",
          "priority",
          "update_alerts");

  private final GlobalConfig global;
  private final List<String> warnings;

  PagingParsers(GlobalConfig global, List<String> warnings) {
    this.global = global;
    this.warnings = warnings;
  }

  private static String tmpl(String name) {
    return "{{ template \"" + name + "\" . }}";
  }

  PagerdutyConfig pagerduty(Node c) {
    c.warnUnknown(PAGERDUTY, warnings);
    HttpConfig http = HttpConfigParser.parse(c, global.http());
    String routing = Secrets.read(c, "routing_key").orElse("");
    String service = Secrets.read(c, "service_key").orElse("");
    // global.pagerduty_url is the Events API v2 endpoint; v1 keeps its own unless url is set.
    String url = c.string("url").orElse(routing.isEmpty() ? "" : global.pagerdutyUrl());
    List<PagerdutyConfig.Image> images =
        c.objects("images").stream()
            .map(
                i ->
                    new PagerdutyConfig.Image(
                        i.string("src").orElse(""),
                        i.string("alt").orElse(""),
                        i.string("href").orElse("")))
            .toList();
    List<PagerdutyConfig.Link> links =
        c.objects("links").stream()
            .map(
                l ->
                    new PagerdutyConfig.Link(
                        l.string("href").orElse(""), l.string("text").orElse("")))
            .toList();
    String client = c.string("client").orElse(tmpl("pagerduty.default.client"));
    return c.parse(
        "routing_key",
        () ->
            new PagerdutyConfig(
                routing,
                service,
                url,
                c.bool("send_resolved", true),
                client,
                c.string("client_url").orElse(tmpl("pagerduty.default.clientURL")),
                c.string("description").orElse(tmpl("pagerduty.default.description")),
                c.stringMap("details"),
                images,
                links,
                c.string("source").orElse(client),
                c.string("severity").orElse("error"),
                c.string("class").orElse(""),
                c.string("component").orElse(""),
                c.string("group").orElse(""),
                http,
                c.duration("timeout")));
  }

  OpsgenieConfig opsgenie(Node c) {
    c.warnUnknown(OPSGENIE, warnings);
    HttpConfig http = HttpConfigParser.parse(c, global.http());
    List<OpsgenieConfig.Responder> responders =
        c.objects("responders").stream()
            .map(
                r ->
                    r.build(
                        () ->
                            new OpsgenieConfig.Responder(
                                r.string("id").orElse(""),
                                r.string("name").orElse(""),
                                r.string("username").orElse(""),
                                r.string("type").orElse(""))))
            .toList();
    String key = Secrets.read(c, "api_key").orElse(global.opsgenieApiKey());
    return c.parse(
        "api_key",
        () ->
            new OpsgenieConfig(
                key,
                c.string("api_url").orElse(global.opsgenieApiUrl()),
                c.bool("send_resolved", true),
                c.string("message").orElse(tmpl("opsgenie.default.message")),
                c.string("description").orElse(tmpl("opsgenie.default.description")),
                c.string("source").orElse(tmpl("opsgenie.default.source")),
                c.stringMap("details"),
                c.string("entity").orElse(""),
                responders,
                c.string("actions").orElse(""),
                c.string("tags").orElse(""),
                c.string("note").orElse(""),
                c.string("priority").orElse(""),
                c.bool("update_alerts", false),
                http,
                c.duration("timeout")));
  }
}
