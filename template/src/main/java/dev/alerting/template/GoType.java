package dev.alerting.template;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The Go type name a data class stands for (e.g. {@code template.Data}); it appears in error
 * messages and in {@code %!d(template.KV=...)} forms exactly where Go would print it.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface GoType {
  String value();
}
