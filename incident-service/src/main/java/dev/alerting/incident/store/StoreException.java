package dev.alerting.incident.store;

/** The database failed (connection, constraint, SQL); the operation had no effect. */
public final class StoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
