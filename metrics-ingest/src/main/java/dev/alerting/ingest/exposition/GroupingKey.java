package dev.alerting.ingest.exposition;

import dev.alerting.ingest.sample.FormatException;
import dev.alerting.model.Labels;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The grouping labels of a Pushgateway path, {@code job/<job>{/<label>/<value>}}, as the
 * Pushgateway defines them: segments are percent-decoded, and a name ending in {@code @base64} has
 * its value in URL-safe base64 (padding optional; {@code =} alone is the empty value), which is how
 * values holding {@code /} travel.
 */
public final class GroupingKey {
  private static final String BASE64 = "@base64";

  private GroupingKey() {}

  /** Parses the raw (still percent-encoded) path after {@code /metrics/}. */
  public static Map<String, String> parse(String rawPath) {
    String[] parts = rawPath.split("/", -1);
    if (parts.length % 2 != 0) {
      throw new FormatException(
          "the grouping key path must be job/<job>{/<label>/<value>}: "
              + "it has an odd number of segments");
    }
    Map<String, String> labels = new LinkedHashMap<>();
    for (int i = 0; i < parts.length; i += 2) {
      String name = percentDecode(parts[i]);
      String value = percentDecode(parts[i + 1]);
      if (name.endsWith(BASE64)) {
        name = name.substring(0, name.length() - BASE64.length());
        value = base64(name, value);
      }
      if (i == 0 && !name.equals("job")) {
        throw new FormatException("the grouping key path must start with job/<job>");
      }
      if (!Labels.isValidLabelName(name) || name.startsWith("__")) {
        throw new FormatException(
            "grouping label name \""
                + name
                + "\" must match [a-zA-Z_][a-zA-Z0-9_]* "
                + "and not start with __");
      }
      if (labels.put(name, value) != null) {
        throw new FormatException("grouping label " + name + " appears more than once in the path");
      }
    }
    if (labels.getOrDefault("job", "").isEmpty()) {
      throw new FormatException("the job name in the path must not be empty");
    }
    return labels;
  }

  private static String base64(String name, String value) {
    String unpadded = value.replaceAll("=+$", "");
    try {
      return new String(Base64.getUrlDecoder().decode(unpadded), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new FormatException(
          "the value of grouping label " + name + " is not URL-safe base64: " + e.getMessage());
    }
  }

  /** RFC 3986 percent-decoding of one path segment ({@code +} stays a plus). */
  static String percentDecode(String segment) {
    if (segment.indexOf('%') < 0) {
      return segment;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(segment.length());
    for (int i = 0; i < segment.length(); i++) {
      char c = segment.charAt(i);
      if (c != '%') {
        byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
        out.write(b, 0, b.length);
        continue;
      }
      if (i + 2 >= segment.length()) {
        throw new FormatException("bad percent-encoding in path segment \"" + segment + "\"");
      }
      int hi = Character.digit(segment.charAt(i + 1), 16);
      int lo = Character.digit(segment.charAt(i + 2), 16);
      if (hi < 0 || lo < 0) {
        throw new FormatException("bad percent-encoding in path segment \"" + segment + "\"");
      }
      out.write(hi * 16 + lo);
      i += 2;
    }
    return out.toString(StandardCharsets.UTF_8);
  }
}
