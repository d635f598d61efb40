package org.virtualvisits.analytics.visits.store;

import java.sql.PreparedStatement;
import java.util.List;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.virtualvisits.analytics.visits.Visit;

/**
 * The derived visits. Writing one fires the triggers that keep the report rollups (V8, V13-V15), so
 * this upsert is the only way visits are written.
 */
@Repository
public class VisitStore {

    private final JdbcTemplate jdbc;

    public VisitStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Inserts the derived visits, or replaces those that changed. */
    public void upsertVisits(long organisationId, List<Visit> visits) {
        if (visits.isEmpty()) {
            return;
        }
        jdbc.execute((ConnectionCallback<Void>) connection -> {
            try (PreparedStatement ps = connection.prepareStatement("""
                    insert into visit (organisation_id, meeting_id, meeting_type, start_time, lobby_wait_seconds,
                                       duration_seconds, status, participants, sms_sent, department, appointment_kind)
                    select ?, v.* from unnest(?::text[], ?::text[], ?::timestamptz[], ?::int[], ?::int[], ?::text[],
                                              ?::int[], ?::boolean[], ?::text[], ?::text[]) as v
                    on conflict (organisation_id, meeting_id) do update set
                        meeting_type = excluded.meeting_type, start_time = excluded.start_time,
                        lobby_wait_seconds = excluded.lobby_wait_seconds, duration_seconds = excluded.duration_seconds,
                        status = excluded.status, participants = excluded.participants, sms_sent = excluded.sms_sent,
                        department = excluded.department, appointment_kind = excluded.appointment_kind,
                        updated_at = now()
                    -- an unchanged visit is left alone: no new row version, index entries or rollup change
                    where (visit.meeting_type, visit.start_time, visit.lobby_wait_seconds, visit.duration_seconds,
                           visit.status, visit.participants, visit.sms_sent, visit.department, visit.appointment_kind)
                          is distinct from
                          (excluded.meeting_type, excluded.start_time, excluded.lobby_wait_seconds,
                           excluded.duration_seconds, excluded.status, excluded.participants, excluded.sms_sent,
                           excluded.department, excluded.appointment_kind)""")) {
                ps.setLong(1, organisationId);
                ps.setObject(2, visits.stream().map(Visit::meetingId).toArray(String[]::new));
                ps.setObject(3, visits.stream().map(v -> v.meetingType().name()).toArray(String[]::new));
                TimestampLiterals.bind(ps, 4, visits, Visit::startTime);
                ps.setArray(5, connection.createArrayOf("int4", visits.stream()
                        .map(v -> v.lobbyWaitSeconds() == null ? null : Math.toIntExact(v.lobbyWaitSeconds()))
                        .toArray()));
                ps.setArray(6, connection.createArrayOf("int4",
                        visits.stream().map(v -> Math.toIntExact(v.durationSeconds())).toArray()));
                ps.setObject(7, visits.stream().map(v -> v.status().name()).toArray(String[]::new));
                ps.setArray(8, connection.createArrayOf("int4", visits.stream().map(Visit::participants).toArray()));
                ps.setArray(9, connection.createArrayOf("bool", visits.stream().map(Visit::smsSent).toArray()));
                ps.setObject(10, visits.stream().map(Visit::department).toArray(String[]::new));
                ps.setObject(11, visits.stream().map(v -> v.appointmentKind().name()).toArray(String[]::new));
                ps.executeUpdate();
            }
            return null;
        });
    }
}
