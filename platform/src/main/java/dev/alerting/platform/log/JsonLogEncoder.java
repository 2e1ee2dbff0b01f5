package dev.alerting.platform.log;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.encoder.EncoderBase;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One JSON object per log event: {@code timestamp} (ISO-8601, UTC, milliseconds), {@code level},
 * {@code service}, {@code logger}, {@code thread}, {@code message}, every MDC entry as a field (so
 * {@code trace_id} and {@code span_id} where a span is current), and {@code exception} (the stack
 * trace) when there is one.
 *
 * <p>{@code service} is the service whose code logged: the first {@code serviceByLogger} prefix
 * that the logger name starts with (the one-process stack runs four services), else the process's
 * service ({@code alerting.service} system property, which each service's main sets), else {@code
 * service}.
 */
public final class JsonLogEncoder extends EncoderBase<ILoggingEvent> {
  /** The system property naming the process's service. */
  public static final String SERVICE_PROPERTY = "alerting.service";

  private static final DateTimeFormatter ISO =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX").withZone(ZoneOffset.UTC);
  private static final byte[] NEWLINE = {'\n'};

  private final JsonFactory json = new JsonFactory();
  private final Map<String, String> byLogger = new LinkedHashMap<>();
  private String service = "alerting";

  /** The fallback service name. */
  public void setService(String service) {
    this.service = service;
  }

  /** {@code prefix=service} pairs, comma-separated: logger name prefix to service name. */
  public void setServiceByLogger(String pairs) {
    byLogger.clear();
    for (String pair : pairs.split(",")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        byLogger.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
      }
    }
  }

  @Override
  public byte[] headerBytes() {
    return null;
  }

  @Override
  public byte[] footerBytes() {
    return null;
  }

  @Override
  public byte[] encode(ILoggingEvent event) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    try (JsonGenerator g = json.createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("timestamp", ISO.format(Instant.ofEpochMilli(event.getTimeStamp())));
      g.writeStringField("level", event.getLevel().toString());
      g.writeStringField("service", serviceOf(event.getLoggerName()));
      g.writeStringField("logger", event.getLoggerName());
      g.writeStringField("thread", event.getThreadName());
      g.writeStringField("message", event.getFormattedMessage());
      Map<String, String> mdc = event.getMDCPropertyMap();
      if (mdc != null) {
        for (Map.Entry<String, String> e : mdc.entrySet()) {
          g.writeStringField(e.getKey(), e.getValue());
        }
      }
      IThrowableProxy thrown = event.getThrowableProxy();
      if (thrown != null) {
        g.writeStringField("exception", ThrowableProxyUtil.asString(thrown));
      }
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    out.writeBytes(NEWLINE);
    return out.toByteArray();
  }

  private String serviceOf(String logger) {
    if (logger != null) {
      for (Map.Entry<String, String> e : byLogger.entrySet()) {
        if (logger.startsWith(e.getKey())) {
          return e.getValue();
        }
      }
    }
    String process = System.getProperty(SERVICE_PROPERTY);
    return process == null ? service : process;
  }
}
