package dev.alerting.rule.template;

import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * A Prometheus alert template (Go text/template syntax), parsed once at load. Supported: text,
 * {@code {{ operand }}} and pipelines {@code {{ operand | fn | fn }}} or {@code {{ fn operand }}}
 * over {@code $labels.x .Labels.x $value .Value $externalLabels.x .ExternalLabels.x $externalURL
 * .ExternalURL} and string literals, trim markers and comments. Unknown functions, variables and
 * control actions are rejected at parse time, as the rule loader must reject what it cannot run.
 */
public final class Template {
  private static final Set<String> KEYWORDS =
      Set.of(
          "if", "else", "end", "range", "with", "define", "template", "block", "break", "continue");

  private final String source;
  private final List<Node> nodes;

  private Template(String source, List<Node> nodes) {
    this.source = source;
    this.nodes = List.copyOf(nodes);
  }

  /** Parses {@code source}; positions in errors are 1-based character columns of the source. */
  public static Template parse(String source) throws TemplateException {
    return new TemplateParser(source == null ? "" : source).parse();
  }

  public String source() {
    return source;
  }

  /**
   * Expands the template. A runtime failure (a function given a non-number) is rendered into the
   * result as Prometheus does, rather than dropping the alert.
   */
  public String expand(TemplateData data) {
    StringBuilder sb = new StringBuilder();
    try {
      for (Node n : nodes) {
        n.render(data, sb);
      }
      return sb.toString();
    } catch (IllegalArgumentException e) {
      return "<error expanding template: " + e.getMessage() + ">";
    }
  }

  /** How Go prints a template value: floats with {@code %v}, strings as they are. */
  static String print(Object v) {
    return v instanceof Double d ? GoFloat.v(d) : String.valueOf(v);
  }

  @Override
  public String toString() {
    return source;
  }

  /** A piece of parsed template. */
  sealed interface Node permits Text, Action {
    void render(TemplateData data, StringBuilder out);
  }

  /** Literal text. */
  record Text(String text) implements Node {
    @Override
    public void render(TemplateData data, StringBuilder out) {
      out.append(text);
    }
  }

  /** An operand followed by functions applied in order. */
  record Action(Operand operand, List<Function<Object, String>> functions) implements Node {
    @Override
    public void render(TemplateData data, StringBuilder out) {
      Object v = operand.resolve(data);
      for (Function<Object, String> f : functions) {
        v = f.apply(v);
      }
      out.append(print(v));
    }
  }

  /** A value a template can name. */
  record Operand(Kind kind, String name) {
    enum Kind {
      VALUE,
      LABEL,
      EXTERNAL_LABEL,
      EXTERNAL_URL,
      LITERAL
    }

    Object resolve(TemplateData d) {
      return switch (kind) {
        case VALUE -> d.value();
        // Prometheus executes templates with missingkey=zero: an absent label prints as "".
        case LABEL -> d.labels().getOrEmpty(name);
        case EXTERNAL_LABEL -> d.externalLabels().getOrEmpty(name);
        case EXTERNAL_URL -> d.externalUrl();
        case LITERAL -> name;
      };
    }
  }

  static boolean isKeyword(String ident) {
    return KEYWORDS.contains(ident);
  }

  static Template of(String source, List<Node> nodes) {
    return new Template(source, nodes);
  }
}
