package dev.alerting.template.alertmanager;

import dev.alerting.template.GoType;

/** One label or annotation: {@code .Name} and {@code .Value}. */
@GoType("template.Pair")
public record Pair(String name, String value) {}
