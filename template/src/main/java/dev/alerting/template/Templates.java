package dev.alerting.template;

import dev.alerting.template.exec.Executor;
import dev.alerting.template.parse.Parser;
import dev.alerting.template.parse.Tree;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A parsed set of Go templates: every source file and every {@code {{define}}} in them, with the
 * functions they may call. Immutable and safe to share between threads; parse once, execute many
 * times.
 */
public final class Templates {
  private static final int INLINE_CACHE_LIMIT = 1024;

  private final Map<String, Tree> trees;
  private final FunctionLibrary functions;

  /**
   * Inline texts (a receiver's fields) are few and rendered for every notification: each is parsed
   * once, into this set's trees plus its own.
   */
  private final Map<String, Map<String, Tree>> inline = new ConcurrentHashMap<>();

  private Templates(Map<String, Tree> trees, FunctionLibrary functions) {
    this.trees = Map.copyOf(trees);
    this.functions = functions;
  }

  /**
   * Parses the sources in order; a later {@code define} of a name replaces an earlier one (as Go's
   * {@code ParseGlob} does), except that an empty body never replaces a non-empty one.
   *
   * @throws TemplateException naming the source and line of the first syntax error
   */
  public static Templates parse(List<TemplateSource> sources, FunctionLibrary functions) {
    Map<String, Tree> trees = new LinkedHashMap<>();
    for (TemplateSource source : sources) {
      add(trees, Parser.parse(source.name(), source.name(), source.text(), functions));
    }
    return new Templates(trees, functions);
  }

  /** This set plus more sources (later ones override, as in {@link #parse}). */
  public Templates with(List<TemplateSource> sources) {
    Map<String, Tree> copy = new LinkedHashMap<>(trees);
    for (TemplateSource source : sources) {
      add(copy, Parser.parse(source.name(), source.name(), source.text(), functions));
    }
    return new Templates(copy, functions);
  }

  /**
   * Executes the template (a file name or a {@code define} name) on {@code data}.
   *
   * @throws TemplateException when it is not defined or fails, with Go's message
   */
  public String execute(String name, Object data) {
    return execute(name, data, false);
  }

  /** {@link #execute} with values escaped for their HTML context, as html/template does. */
  public String executeHtml(String name, Object data) {
    return execute(name, data, true);
  }

  private String execute(String name, Object data, boolean html) {
    Tree tree = trees.get(name);
    if (tree == null) {
      throw new TemplateException(
          "template: no template \"" + name + "\" associated with template \"\"");
    }
    return new Executor(trees, functions, html).execute(tree, data);
  }

  /**
   * Parses {@code text} as an anonymous template of this set (it may call {@code {{template "x"
   * .}}} on any define) and executes it on {@code data}, as Alertmanager's {@code
   * ExecuteTextString} does for a receiver's field. Empty text renders as "".
   */
  public String render(String text, Object data) {
    return render(text, data, false);
  }

  /**
   * {@link #render} for an HTML field (an email's {@code html:}): printed values are escaped for
   * their HTML context as Alertmanager's html/template does (text, attributes and URL attributes;
   * script and style contexts are not modelled), {@code safeHtml} values pass unescaped.
   */
  public String renderHtml(String text, Object data) {
    return render(text, data, true);
  }

  private String render(String text, Object data, boolean html) {
    if (text == null || text.isEmpty()) {
      return "";
    }
    Map<String, Tree> all = inline.get(text);
    if (all == null) {
      Map<String, Tree> merged = new LinkedHashMap<>(trees);
      add(merged, Parser.parse("", "", text, functions));
      all = Map.copyOf(merged);
      if (inline.size() >= INLINE_CACHE_LIMIT) {
        inline.clear();
      }
      inline.put(text, all);
    }
    return new Executor(all, functions, html).execute(all.get(""), data);
  }

  /** Whether {@code name} is a file or a define of this set. */
  public boolean defines(String name) {
    return trees.containsKey(name);
  }

  public Set<String> names() {
    return new HashSet<>(trees.keySet());
  }

  private static void add(Map<String, Tree> into, Map<String, Tree> parsed) {
    parsed.forEach(
        (name, tree) -> {
          Tree old = into.get(name);
          if (old == null || !tree.isEmpty() || old.isEmpty()) {
            into.put(name, tree);
          }
        });
  }
}
