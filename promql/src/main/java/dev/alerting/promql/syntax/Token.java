package dev.alerting.promql.syntax;

/** A lexed token: its kind, source text (unescaped for strings) and 0-based start position. */
public record Token(TokenKind kind, String text, int position) {

  public boolean is(TokenKind k) {
    return kind == k;
  }

  /** An identifier spelled {@code keyword}; keywords are case-insensitive in PromQL. */
  public boolean isKeyword(String keyword) {
    return kind == TokenKind.IDENTIFIER && text.equalsIgnoreCase(keyword);
  }

  public String describe() {
    return switch (kind) {
      case EOF -> "end of input";
      case STRING -> "string \"" + text + "\"";
      case IDENTIFIER -> "identifier \"" + text + "\"";
      case NUMBER -> "number \"" + text + "\"";
      case DURATION -> "duration \"" + text + "\"";
      default -> "\"" + text + "\"";
    };
  }
}
