package dev.alerting.incident.store;

import java.util.UUID;
import org.junit.jupiter.api.DisplayName;

@DisplayName("Grouping and escalation on embedded H2 (PostgreSQL mode)")
class H2OnCallStoreTest extends OnCallStoreContract {
  private static final String URL =
      "jdbc:h2:mem:oncall-"
          + UUID.randomUUID()
          + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1";

  @Override
  StoreSettings settings() {
    return new StoreSettings(URL, "postgres", "", 4);
  }
}
