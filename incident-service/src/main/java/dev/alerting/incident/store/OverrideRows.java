package dev.alerting.incident.store;

import static dev.alerting.incident.store.IncidentRows.time;

import dev.alerting.incident.oncall.ScheduleOverride;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/** Schedule overrides made through the API, in the order they were made (later ones win). */
final class OverrideRows {
  private OverrideRows() {}

  static long insert(Connection c, String schedule, ScheduleOverride o, Instant now)
      throws SQLException {
    try (PreparedStatement p =
        c.prepareStatement(
            "INSERT INTO schedule_override (schedule_name, user_name, starts_at, ends_at, "
                + "created_at) VALUES (?, ?, ?, ?, ?)",
            new String[] {"id"})) {
      p.setString(1, schedule);
      p.setString(2, o.user());
      p.setObject(3, time(o.start()));
      p.setObject(4, time(o.end()));
      p.setObject(5, time(now));
      p.executeUpdate();
      try (ResultSet keys = p.getGeneratedKeys()) {
        keys.next();
        return keys.getLong(1);
      }
    }
  }

  static List<ScheduleOverride> forSchedule(Connection c, String schedule) throws SQLException {
    List<ScheduleOverride> out = new ArrayList<>();
    try (PreparedStatement p =
        c.prepareStatement(
            "SELECT user_name, starts_at, ends_at FROM schedule_override WHERE schedule_name = ? "
                + "ORDER BY id")) {
      p.setString(1, schedule);
      try (ResultSet r = p.executeQuery()) {
        while (r.next()) {
          out.add(
              new ScheduleOverride(
                  r.getString(1),
                  r.getObject(2, OffsetDateTime.class).toInstant(),
                  r.getObject(3, OffsetDateTime.class).toInstant()));
        }
      }
    }
    return out;
  }
}
