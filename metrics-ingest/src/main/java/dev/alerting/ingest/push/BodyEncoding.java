package dev.alerting.ingest.push;

import dev.alerting.ingest.sample.FormatException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.zip.GZIPInputStream;

/** Undoes {@code Content-Encoding: gzip} with a cap on the decompressed size (zip-bomb safe). */
final class BodyEncoding {
  private BodyEncoding() {}

  /** The decompressed body, or null when it would exceed {@code maxBytes}. */
  static byte[] gunzip(byte[] body, long maxBytes) {
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(body), 8192)) {
      ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(body.length * 4, 1 << 20));
      byte[] chunk = new byte[8192];
      long total = 0;
      int n;
      // read chunk by chunk and stop one byte past the limit: memory stays bounded by the limit
      while ((n = in.read(chunk)) > 0) {
        total += n;
        if (total > maxBytes) {
          return null;
        }
        out.write(chunk, 0, n);
      }
      return out.toByteArray();
    } catch (IOException e) {
      throw new FormatException("the gzip body cannot be decompressed: " + e.getMessage());
    }
  }
}
