package dev.alerting.platform.http;

import java.lang.management.ManagementFactory;
import java.util.Set;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;

/**
 * The metrics one service's Kafka clients register in JMX, read by health and {@code /metrics}:
 * clients are this service's when their {@code client.id} starts with the service name.
 */
final class KafkaJmx {
  private final String service;
  private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();

  KafkaJmx(String service) {
    this.service = service;
  }

  boolean ours(String clientId) {
    return clientId != null && clientId.startsWith(service);
  }

  Set<ObjectName> query(String pattern) {
    return server.queryNames(name(pattern), null);
  }

  static ObjectName name(String s) {
    try {
      return new ObjectName(s);
    } catch (MalformedObjectNameException e) {
      throw new IllegalArgumentException(s, e);
    }
  }

  /** The attribute as a number; null when absent or not a number (NaN before the first poll). */
  Double number(ObjectName n, String attribute) {
    try {
      Object v = server.getAttribute(n, attribute);
      if (v instanceof Number num && Double.isFinite(num.doubleValue())) {
        return num.doubleValue();
      }
      return null;
    } catch (JMException | RuntimeException e) {
      return null;
    }
  }
}
