package dev.alerting.template.parse;

import dev.alerting.template.FunctionLibrary;
import dev.alerting.template.TemplateException;
import dev.alerting.template.fmt.Quote;
import dev.alerting.template.parse.Item.Kind;
import dev.alerting.template.parse.Node.ActionNode;
import dev.alerting.template.parse.Node.BoolNode;
import dev.alerting.template.parse.Node.BranchNode;
import dev.alerting.template.parse.Node.BreakNode;
import dev.alerting.template.parse.Node.CommandNode;
import dev.alerting.template.parse.Node.ContinueNode;
import dev.alerting.template.parse.Node.DotNode;
import dev.alerting.template.parse.Node.ListNode;
import dev.alerting.template.parse.Node.NilNode;
import dev.alerting.template.parse.Node.PipeNode;
import dev.alerting.template.parse.Node.StringNode;
import dev.alerting.template.parse.Node.TemplateNode;
import dev.alerting.template.parse.Node.TextNode;
import dev.alerting.template.parse.Node.VariableNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Recursive-descent parser following Go's text/template/parse: same grammar, same error messages
 * ({@code template: NAME:LINE: MESSAGE}). Control keywords and {@code define} live here; operands
 * in {@link Operands}.
 */
public final class Parser {
  private static final int END = -1;
  private static final int ELSE = -2;

  final String parseName;
  final String text;
  final FunctionLibrary functions;
  private final List<Item> items;
  private final Map<String, Tree> trees = new LinkedHashMap<>();
  private int next;
  private Item last;
  final List<String> vars = new ArrayList<>();
  private int rangeDepth;
  int actionLine;
  private int marker;
  private Item markerItem;

  private Parser(String parseName, String text, FunctionLibrary functions) {
    this.parseName = parseName;
    this.text = text;
    this.functions = functions;
    this.items = Lexer.lex(text);
    vars.add("$");
  }

  /** Parses one source: the tree named {@code name} (its top level) and one per define or block. */
  public static Map<String, Tree> parse(
      String name, String parseName, String text, FunctionLibrary functions) {
    Parser p = new Parser(parseName, text, functions);
    return p.parseAll(name);
  }

  private Map<String, Tree> parseAll(String name) {
    List<Node> top = new ArrayList<>();
    while (peek().kind() != Kind.EOF) {
      if (peek().kind() == Kind.LEFT_DELIM) {
        Item delim = next();
        if (nextNonSpace().kind() == Kind.DEFINE) {
          parseDefinition();
          continue;
        }
        backupTo(delim);
      }
      Object n = textOrAction();
      if (n instanceof Marker m) {
        throw error("unexpected " + m);
      }
      top.add((Node) n);
    }
    Tree main = new Tree(name, parseName, text, new ListNode(0, top));
    Map<String, Tree> out = new LinkedHashMap<>();
    out.put(name, main);
    out.putAll(trees);
    return out;
  }

  private void parseDefinition() {
    Item nameItem = nextNonSpace();
    if (nameItem.kind() != Kind.STRING && nameItem.kind() != Kind.RAW_STRING) {
      throw unexpected(nameItem, "define clause");
    }
    String name = unquote(nameItem);
    expect(Kind.RIGHT_DELIM, "define clause");
    vars.clear();
    vars.add("$");
    List<Node> body = new ArrayList<>();
    Marker end = itemList(body);
    if (end.kind != END) {
      throw error("unexpected " + end + " in define clause");
    }
    trees.put(name, new Tree(name, parseName, text, new ListNode(nameItem.pos(), body)));
  }

  /** Parses nodes until {{end}} or {{else}}, which it returns. */
  private Marker itemList(List<Node> into) {
    while (peekNonSpace().kind() != Kind.EOF) {
      Object n = textOrAction();
      if (n instanceof Marker m) {
        return m;
      }
      into.add((Node) n);
    }
    throw error("unexpected EOF");
  }

  private Object textOrAction() {
    Item t = nextNonSpace();
    return switch (t.kind()) {
      case TEXT -> new TextNode(t.pos(), t.text());
      case LEFT_DELIM -> {
        actionLine = t.line();
        try {
          yield action();
        } finally {
          actionLine = 0;
        }
      }
      default -> throw unexpected(t, "input");
    };
  }

  private Object action() {
    Item t = nextNonSpace();
    switch (t.kind()) {
      case BLOCK:
        return blockControl(t);
      case BREAK:
      case CONTINUE:
        return loopControl(t);
      case ELSE:
        return elseControl(t);
      case END:
        expect(Kind.RIGHT_DELIM, "end");
        return new Marker(END, t);
      case IF:
        return branch(BranchNode.Kind.IF, t, "if", true);
      case RANGE:
        return branch(BranchNode.Kind.RANGE, t, "range", false);
      case TEMPLATE:
        return templateControl(t);
      case WITH:
        return branch(BranchNode.Kind.WITH, t, "with", false);
      default:
        backup();
        Item start = peek();
        return new ActionNode(start.pos(), start.line(), pipeline("command", Kind.RIGHT_DELIM));
    }
  }

  private Node loopControl(Item t) {
    Item n = nextNonSpace();
    if (n.kind() != Kind.RIGHT_DELIM) {
      throw unexpected(n, "{{" + t.text() + "}}");
    }
    if (rangeDepth == 0) {
      throw error("{{" + t.text() + "}} outside {{range}}");
    }
    return t.kind() == Kind.BREAK
        ? new BreakNode(t.pos(), t.line())
        : new ContinueNode(t.pos(), t.line());
  }

  private Marker elseControl(Item t) {
    Item p = peekNonSpace();
    if (p.kind() == Kind.IF) {
      return new Marker(ELSE, p, true);
    }
    expect(Kind.RIGHT_DELIM, "else");
    return new Marker(ELSE, t);
  }

  private BranchNode branch(BranchNode.Kind kind, Item t, String context, boolean allowElseIf) {
    int mark = vars.size();
    try {
      PipeNode pipe = pipeline(context, Kind.RIGHT_DELIM);
      if (kind == BranchNode.Kind.RANGE) {
        rangeDepth++;
      }
      List<Node> body = new ArrayList<>();
      Marker m = itemList(body);
      if (kind == BranchNode.Kind.RANGE) {
        rangeDepth--;
      }
      ListNode elseList = null;
      if (m.kind == ELSE) {
        if (allowElseIf && m.elseIf) {
          nextNonSpace(); // the "if" of "else if"
          BranchNode nested = branch(BranchNode.Kind.IF, m.item(), "if", true);
          elseList = new ListNode(m.item().pos(), List.of(nested));
        } else {
          List<Node> elseBody = new ArrayList<>();
          Marker e = itemList(elseBody);
          if (e.kind != END) {
            throw error("expected end; found " + e);
          }
          elseList = new ListNode(m.item().pos(), elseBody);
        }
      }
      return new BranchNode(
          kind, pipe.pos(), pipe.line(), pipe, new ListNode(t.pos(), body), elseList);
    } finally {
      vars.subList(mark, vars.size()).clear();
    }
  }

  private Node templateControl(Item t) {
    Item nameItem = nextNonSpace();
    String name = templateName(nameItem, "template clause");
    PipeNode pipe = null;
    if (nextNonSpace().kind() != Kind.RIGHT_DELIM) {
      backup();
      pipe = pipeline("template clause", Kind.RIGHT_DELIM);
    }
    return new TemplateNode(nameItem.pos(), nameItem.line(), name, pipe);
  }

  private Node blockControl(Item t) {
    Item nameItem = nextNonSpace();
    String name = templateName(nameItem, "block clause");
    PipeNode pipe = pipeline("block clause", Kind.RIGHT_DELIM);
    List<String> saved = new ArrayList<>(vars);
    vars.clear();
    vars.add("$");
    List<Node> body = new ArrayList<>();
    Marker end = itemList(body);
    vars.clear();
    vars.addAll(saved);
    if (end.kind != END) {
      throw error("unexpected " + end + " in block clause");
    }
    trees.put(name, new Tree(name, parseName, text, new ListNode(nameItem.pos(), body)));
    return new TemplateNode(nameItem.pos(), nameItem.line(), name, pipe);
  }

  private String templateName(Item t, String context) {
    if (t.kind() != Kind.STRING && t.kind() != Kind.RAW_STRING) {
      throw unexpected(t, context);
    }
    return unquote(t);
  }

  PipeNode pipeline(String context, Kind end) {
    Item first = peekNonSpace();
    List<VariableNode> decl = new ArrayList<>();
    boolean isAssign = false;
    decls:
    while (peekNonSpace().kind() == Kind.VARIABLE) {
      Item v = nextNonSpace();
      Item n = peekNonSpace();
      switch (n.kind()) {
        case ASSIGN, DECLARE -> {
          isAssign = n.kind() == Kind.ASSIGN;
          nextNonSpace();
          decl.add(new VariableNode(v.pos(), List.of(v.text())));
          if (!isAssign) {
            vars.add(v.text());
          }
          break decls;
        }
        case COMMA -> {
          if (context.equals("range") && decl.isEmpty()) {
            nextNonSpace();
            decl.add(new VariableNode(v.pos(), List.of(v.text())));
            vars.add(v.text());
            continue;
          }
          throw error("too many declarations in " + context);
        }
        default -> {
          backupTo(v);
          break decls;
        }
      }
    }
    List<CommandNode> cmds = new ArrayList<>();
    Operands operands = new Operands(this);
    while (true) {
      Item t = nextNonSpace();
      if (t.kind() == end) {
        checkPipeline(cmds, context);
        return new PipeNode(first.pos(), first.line(), isAssign, decl, cmds);
      }
      switch (t.kind()) {
        case BOOL,
            CHAR,
            DOT,
            FIELD,
            IDENTIFIER,
            NUMBER,
            NIL,
            RAW_STRING,
            STRING,
            VARIABLE,
            LEFT_PAREN -> {
          backup();
          cmds.add(operands.command());
        }
        default -> throw unexpected(t, context);
      }
    }
  }

  private void checkPipeline(List<CommandNode> cmds, String context) {
    if (cmds.isEmpty()) {
      throw error("missing value for " + context);
    }
    for (int i = 1; i < cmds.size(); i++) {
      Node first = cmds.get(i).args().get(0);
      if (first instanceof BoolNode
          || first instanceof DotNode
          || first instanceof NilNode
          || first instanceof Node.NumberNode
          || first instanceof StringNode) {
        throw error("non executable command in pipeline stage " + (i + 1));
      }
    }
  }

  // --- token stream ---

  Item next() {
    last = next < items.size() ? items.get(next++) : items.get(items.size() - 1);
    return last;
  }

  Item peek() {
    return next < items.size() ? items.get(next) : items.get(items.size() - 1);
  }

  Item nextNonSpace() {
    Item t;
    do {
      t = next();
    } while (t.kind() == Kind.SPACE);
    return t;
  }

  Item peekNonSpace() {
    Item t = nextNonSpace();
    backup();
    return t;
  }

  void backup() {
    next--;
    last = next > 0 ? items.get(next - 1) : last;
  }

  private void backupTo(Item to) {
    while (next > 0 && items.get(next - 1) != to) {
      next--;
    }
    next--;
  }

  private void expect(Kind kind, String context) {
    Item t = nextNonSpace();
    if (t.kind() != kind) {
      throw unexpected(t, context);
    }
  }

  String unquote(Item t) {
    try {
      return t.kind() == Kind.RAW_STRING
          ? t.text().substring(1, t.text().length() - 1).replace("\r", "")
          : Quote.unquote(t.text());
    } catch (IllegalArgumentException e) {
      throw error(e.getMessage());
    }
  }

  TemplateException unexpected(Item t, String context) {
    if (t.kind() == Kind.ERROR) {
      String extra = "";
      if (actionLine != 0 && actionLine != t.line()) {
        extra = " in action started at " + parseName + ":" + actionLine;
        if (t.text().endsWith(" action")) {
          extra = extra.substring(" in action".length());
        }
      }
      return error(t.text() + extra);
    }
    return error("unexpected " + describe(t) + " in " + context);
  }

  static String describe(Item t) {
    return switch (t.kind()) {
      case EOF -> "EOF";
      case ERROR -> t.text();
      case BLOCK, BREAK, CONTINUE, DEFINE, ELSE, END, IF, RANGE, TEMPLATE, WITH ->
          "<" + t.text() + ">";
      default ->
          t.text().length() > 10 ? Quote.go(t.text().substring(0, 10)) + "..." : Quote.go(t.text());
    };
  }

  TemplateException error(String message) {
    int line = last == null ? 1 : last.line();
    return new TemplateException("template: " + parseName + ":" + line + ": " + message);
  }

  /** {{end}} or {{else}} reached while parsing a list. */
  record Marker(int kind, Item item, boolean elseIf) {
    Marker(int kind, Item item) {
      this(kind, item, false);
    }

    @Override
    public String toString() {
      return kind == END ? "{{end}}" : "{{else}}";
    }
  }
}
