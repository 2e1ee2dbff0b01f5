package dev.alerting.rule.template;

import dev.alerting.rule.template.Template.Action;
import dev.alerting.rule.template.Template.Node;
import dev.alerting.rule.template.Template.Operand;
import dev.alerting.rule.template.Template.Text;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Parses the supported subset of Go text/template into {@link Template} nodes. */
final class TemplateParser {
  private final String src;
  private final List<Node> nodes = new ArrayList<>();

  TemplateParser(String src) {
    this.src = src;
  }

  Template parse() throws TemplateException {
    int i = 0;
    StringBuilder text = new StringBuilder();
    while (i < src.length()) {
      int open = src.indexOf("{{", i);
      if (open < 0) {
        text.append(src, i, src.length());
        break;
      }
      text.append(src, i, open);
      int bodyStart = open + 2;
      if (bodyStart + 1 < src.length()
          && src.charAt(bodyStart) == '-'
          && Character.isWhitespace(src.charAt(bodyStart + 1))) {
        trimRight(text);
        bodyStart += 2;
      }
      int close = closing(bodyStart, open);
      int bodyEnd = close;
      boolean trimAfter = false;
      if (bodyEnd - 2 >= bodyStart
          && src.charAt(bodyEnd - 1) == '-'
          && Character.isWhitespace(src.charAt(bodyEnd - 2))) {
        bodyEnd -= 1;
        trimAfter = true;
      }
      flush(text);
      action(bodyStart, bodyEnd);
      i = close + 2;
      if (trimAfter) {
        while (i < src.length() && Character.isWhitespace(src.charAt(i))) {
          i++;
        }
      }
    }
    flush(text);
    return Template.of(src, nodes);
  }

  private static void trimRight(StringBuilder sb) {
    int n = sb.length();
    while (n > 0 && Character.isWhitespace(sb.charAt(n - 1))) {
      n--;
    }
    sb.setLength(n);
  }

  private void flush(StringBuilder text) {
    if (text.length() > 0) {
      nodes.add(new Text(text.toString()));
      text.setLength(0);
    }
  }

  /** The index of the {@code }}} closing the action opened at {@code open}, skipping strings. */
  private int closing(int from, int open) throws TemplateException {
    int i = from;
    while (i < src.length()) {
      char c = src.charAt(i);
      if (c == '"' || c == '`') {
        i = Lexer.endOfString(src, i) + 1;
        if (i <= 0) {
          throw new TemplateException(open + 1, "unterminated string in action");
        }
        continue;
      }
      if (c == '}' && i + 1 < src.length() && src.charAt(i + 1) == '}') {
        return i;
      }
      i++;
    }
    throw new TemplateException(open + 1, "unclosed action: missing '}}'");
  }

  private void action(int start, int end) throws TemplateException {
    String body = src.substring(start, end).trim();
    if (body.startsWith("/*") && body.endsWith("*/")) {
      return;
    }
    List<Lexer.Token> tokens = new Lexer(src, start, end).tokens();
    if (tokens.isEmpty()) {
      throw new TemplateException(start + 1, "missing value for command");
    }
    List<List<Lexer.Token>> commands = new ArrayList<>();
    commands.add(new ArrayList<>());
    for (Lexer.Token t : tokens) {
      if (t.kind() == Lexer.Kind.PIPE) {
        commands.add(new ArrayList<>());
      } else {
        commands.get(commands.size() - 1).add(t);
      }
    }
    List<Function<Object, String>> functions = new ArrayList<>();
    Operand operand = first(commands.get(0), start, functions);
    for (List<Lexer.Token> cmd : commands.subList(1, commands.size())) {
      if (cmd.isEmpty()) {
        throw new TemplateException(start + 1, "missing command after '|'");
      }
      if (cmd.size() > 1) {
        throw new TemplateException(
            cmd.get(1).position(),
            "functions take only the piped value here, found extra arguments");
      }
      functions.add(function(cmd.get(0)));
    }
    nodes.add(new Action(operand, functions));
  }

  private Operand first(List<Lexer.Token> cmd, int start, List<Function<Object, String>> functions)
      throws TemplateException {
    if (cmd.isEmpty()) {
      throw new TemplateException(start + 1, "missing value before '|'");
    }
    Lexer.Token head = cmd.get(0);
    if (head.kind() == Lexer.Kind.IDENT) {
      Function<Object, String> f = function(head);
      if (cmd.size() != 2) {
        throw new TemplateException(
            head.position(), "function " + head.text() + " takes exactly one argument");
      }
      functions.add(f);
      return operand(cmd.get(1));
    }
    if (cmd.size() > 1) {
      throw new TemplateException(
          cmd.get(1).position(), "unexpected " + cmd.get(1).text() + " in operand");
    }
    return operand(head);
  }

  private static Function<Object, String> function(Lexer.Token t) throws TemplateException {
    if (t.kind() != Lexer.Kind.IDENT) {
      throw new TemplateException(t.position(), "expected a function name but found " + t.text());
    }
    if (Template.isKeyword(t.text())) {
      throw new TemplateException(t.position(), "'" + t.text() + "' actions are not supported");
    }
    Function<Object, String> f = Functions.get(t.text());
    if (f == null) {
      throw new TemplateException(
          t.position(),
          "unknown function '"
              + t.text()
              + "' (supported: "
              + String.join(", ", Functions.names())
              + ")");
    }
    return f;
  }

  private static Operand operand(Lexer.Token t) throws TemplateException {
    String s = t.text();
    return switch (t.kind()) {
      case STRING -> new Operand(Operand.Kind.LITERAL, t.value());
      case VARIABLE -> variable(t, s);
      case FIELD -> field(t, s);
      default -> throw new TemplateException(t.position(), "unexpected " + s + " as a value");
    };
  }

  private static Operand variable(Lexer.Token t, String s) throws TemplateException {
    String[] parts = s.substring(1).split("\\.", -1);
    String head = parts[0];
    return switch (head) {
      case "value" -> plain(t, parts, Operand.Kind.VALUE);
      case "externalURL" -> plain(t, parts, Operand.Kind.EXTERNAL_URL);
      case "labels" -> labelOf(t, parts, Operand.Kind.LABEL);
      case "externalLabels" -> labelOf(t, parts, Operand.Kind.EXTERNAL_LABEL);
      default -> throw new TemplateException(t.position(), "undefined variable \"$" + head + "\"");
    };
  }

  private static Operand field(Lexer.Token t, String s) throws TemplateException {
    String[] parts = s.substring(1).split("\\.", -1);
    return switch (parts[0]) {
      case "Value" -> plain(t, parts, Operand.Kind.VALUE);
      case "ExternalURL" -> plain(t, parts, Operand.Kind.EXTERNAL_URL);
      case "Labels" -> labelOf(t, parts, Operand.Kind.LABEL);
      case "ExternalLabels" -> labelOf(t, parts, Operand.Kind.EXTERNAL_LABEL);
      default -> throw new TemplateException(t.position(), "can't evaluate field " + s);
    };
  }

  private static Operand plain(Lexer.Token t, String[] parts, Operand.Kind kind)
      throws TemplateException {
    if (parts.length != 1) {
      throw new TemplateException(t.position(), t.text() + " has no fields");
    }
    return new Operand(kind, "");
  }

  private static Operand labelOf(Lexer.Token t, String[] parts, Operand.Kind kind)
      throws TemplateException {
    if (parts.length != 2 || parts[1].isEmpty()) {
      throw new TemplateException(
          t.position(), "name one label, as in " + t.text().split("\\.")[0] + ".instance");
    }
    return new Operand(kind, parts[1]);
  }
}
