package dev.alerting.template.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One line of {@code conformance/cases.jsonl}: a template, its inputs, and what the real Go peer
 * rendered (or the error it reported). See the README next to the file.
 */
record ConformanceCase(
    String name,
    String source,
    String data,
    String defs,
    String text,
    String expected,
    String error) {

  static final ObjectMapper JSON = new ObjectMapper();

  static List<ConformanceCase> all() {
    List<ConformanceCase> cases = new ArrayList<>();
    try (InputStream in = ConformanceCase.class.getResourceAsStream("/conformance/cases.jsonl");
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        if (!line.isBlank()) {
          JsonNode n = JSON.readTree(line);
          cases.add(
              new ConformanceCase(
                  n.get("name").asText(),
                  n.get("source").asText(),
                  text(n, "data"),
                  text(n, "defs"),
                  n.get("text").asText(),
                  text(n, "expected"),
                  text(n, "error")));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return cases;
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  @Override
  public String toString() {
    return source + ": " + name;
  }
}
