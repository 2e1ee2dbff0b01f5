package dev.alerting.template.parse;

import dev.alerting.template.fmt.Quote;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The parse tree, node for node as Go's text/template/parse has it. {@code pos} is the char offset
 * in the source; {@link #toString()} gives Go's {@code String()} form, which execution errors quote
 * as the failing action ({@code at <.Foo>}).
 */
public sealed interface Node {
  int pos();

  /** A sequence of nodes (a template body or a branch). */
  record ListNode(int pos, List<Node> nodes) implements Node {
    @Override
    public String toString() {
      return nodes.stream().map(Node::toString).collect(Collectors.joining());
    }
  }

  /**
   * Literal text; {@code htmlText} is the same without HTML comments (html/template drops them).
   */
  record TextNode(int pos, String text, String htmlText) implements Node {
    private static final java.util.regex.Pattern COMMENT =
        java.util.regex.Pattern.compile("<!--.*?-->", java.util.regex.Pattern.DOTALL);

    static TextNode of(int pos, String text) {
      return new TextNode(
          pos, text, text.contains("<!--") ? COMMENT.matcher(text).replaceAll("") : text);
    }

    @Override
    public String toString() {
      return Quote.go(text);
    }
  }

  /** {@code {{pipeline}}}: prints the value unless the pipeline declares variables. */
  record ActionNode(int pos, int line, PipeNode pipe) implements Node {
    @Override
    public String toString() {
      return "{{" + pipe + "}}";
    }
  }

  /** Declarations or assignments, then commands joined by {@code |}. */
  record PipeNode(
      int pos, int line, boolean isAssign, List<VariableNode> decl, List<CommandNode> cmds)
      implements Node {
    @Override
    public String toString() {
      StringBuilder sb = new StringBuilder();
      if (!decl.isEmpty()) {
        sb.append(decl.stream().map(Node::toString).collect(Collectors.joining(", ")));
        sb.append(isAssign ? " = " : " := ");
      }
      sb.append(cmds.stream().map(Node::toString).collect(Collectors.joining(" | ")));
      return sb.toString();
    }
  }

  /** A function or method call, or a single operand. */
  record CommandNode(int pos, List<Node> args) implements Node {
    @Override
    public String toString() {
      return args.stream()
          .map(a -> a instanceof PipeNode ? "(" + a + ")" : a.toString())
          .collect(Collectors.joining(" "));
    }
  }

  record IdentifierNode(int pos, String name) implements Node {
    @Override
    public String toString() {
      return name;
    }
  }

  /** {@code $x.Field.Chain}; {@code idents.get(0)} is the variable name with its {@code $}. */
  record VariableNode(int pos, List<String> idents) implements Node {
    @Override
    public String toString() {
      return String.join(".", idents);
    }
  }

  record DotNode(int pos) implements Node {
    @Override
    public String toString() {
      return ".";
    }
  }

  record NilNode(int pos) implements Node {
    @Override
    public String toString() {
      return "nil";
    }
  }

  /** {@code .A.B}: the names without dots. */
  record FieldNode(int pos, List<String> idents) implements Node {
    @Override
    public String toString() {
      return idents.stream().map(i -> "." + i).collect(Collectors.joining());
    }
  }

  /** A field chain on a term that is not dot: {@code (pipe).A.B}. */
  record ChainNode(int pos, Node node, List<String> fields) implements Node {
    @Override
    public String toString() {
      String base = node instanceof PipeNode ? "(" + node + ")" : node.toString();
      return base + fields.stream().map(f -> "." + f).collect(Collectors.joining());
    }
  }

  record BoolNode(int pos, boolean value) implements Node {
    @Override
    public String toString() {
      return Boolean.toString(value);
    }
  }

  /**
   * A number constant in all the forms it fits: Go keeps int and float views and picks one by
   * context.
   */
  record NumberNode(
      int pos, String text, boolean isInt, long intValue, boolean isFloat, double floatValue)
      implements Node {
    @Override
    public String toString() {
      return text;
    }
  }

  /** A string constant: {@code quoted} as written, {@code text} unquoted. */
  record StringNode(int pos, String quoted, String text) implements Node {
    @Override
    public String toString() {
      return quoted;
    }
  }

  /** if, range and with share this shape. */
  record BranchNode(Kind kind, int pos, int line, PipeNode pipe, ListNode list, ListNode elseList)
      implements Node {
    public enum Kind {
      IF,
      RANGE,
      WITH
    }

    @Override
    public String toString() {
      String name = kind.name().toLowerCase();
      String s = "{{" + name + " " + pipe + "}}" + list;
      if (elseList != null) {
        s += "{{else}}" + elseList;
      }
      return s + "{{end}}";
    }
  }

  record BreakNode(int pos, int line) implements Node {
    @Override
    public String toString() {
      return "{{break}}";
    }
  }

  record ContinueNode(int pos, int line) implements Node {
    @Override
    public String toString() {
      return "{{continue}}";
    }
  }

  /** {@code {{template "name" pipe}}}; {@code pipe} may be null. */
  record TemplateNode(int pos, int line, String name, PipeNode pipe) implements Node {
    @Override
    public String toString() {
      return pipe == null
          ? "{{template " + Quote.go(name) + "}}"
          : "{{template " + Quote.go(name) + " " + pipe + "}}";
    }
  }
}
