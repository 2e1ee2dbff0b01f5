package dev.alerting.template;

import java.util.List;

/**
 * A function templates call by name. The engine checks the argument count and types against the
 * declared signature before calling, so Go's {@code wrong number of args} / {@code wrong type}
 * errors come out the same; a {@link RuntimeException} thrown here becomes Go's {@code error
 * calling NAME: MESSAGE}.
 */
@FunctionalInterface
public interface TemplateFunction {
  Object call(List<Object> args);
}
