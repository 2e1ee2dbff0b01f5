package dev.alerting.template.parse;

import dev.alerting.template.parse.Node.ListNode;
import dev.alerting.template.parse.Node.TextNode;
import java.nio.charset.StandardCharsets;

/**
 * One named template: a file's top level or a {@code define}. {@code parseName} and {@code text}
 * are those of the source it came from, so errors point into the right file.
 */
public record Tree(String name, String parseName, String text, ListNode root) {

  /** Only whitespace text: such a definition never replaces a real one (Go's IsEmptyTree). */
  public boolean isEmpty() {
    for (Node n : root.nodes()) {
      if (!(n instanceof TextNode t) || !t.text().isBlank()) {
        return false;
      }
    }
    return true;
  }

  /** Go's {@code ErrorContext} location: {@code parseName:line:byteColumn}. */
  public String location(Node n) {
    int pos = Math.min(n.pos(), text.length());
    String before = text.substring(0, pos);
    int nl = before.lastIndexOf('\n');
    int line = 1 + (int) before.chars().filter(c -> c == '\n').count();
    int col =
        nl < 0
            ? before.getBytes(StandardCharsets.UTF_8).length
            : before.substring(nl + 1).getBytes(StandardCharsets.UTF_8).length;
    return parseName + ":" + line + ":" + col;
  }
}
