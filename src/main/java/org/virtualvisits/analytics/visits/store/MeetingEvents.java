package org.virtualvisits.analytics.visits.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.virtualvisits.analytics.visits.AppointmentKind;
import org.virtualvisits.analytics.visits.EventType;
import org.virtualvisits.analytics.visits.MeetingEvent;
import org.virtualvisits.analytics.visits.MeetingType;
import org.virtualvisits.analytics.visits.ParticipantRole;

/**
 * Raw events and the meetings they name, in PostgreSQL. A batch's new events go in with a
 * binary {@code COPY} (decision 0014); everything else travels as arrays through {@code unnest(...)}: one
 * round trip per statement whatever the batch size. Text and bigint arrays are
 * bound as Java arrays ({@code setObject(String[])}, {@code long[]}), which pgjdbc sends in PostgreSQL's
 * binary array format; {@code createArrayOf} would build a quoted, escaped array literal per parameter,
 * a large part of the ingestion's CPU (decision 0014).
 */
@Repository
public class MeetingEvents {

    private final JdbcTemplate jdbc;

    public MeetingEvents(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Records the meeting type of the batch's meetings that are new, and returns, for the others, the
     * stored type where it differs from the batch's. A meeting that two uncommitted batches introduce
     * at the same time makes the second wait on the unique key, so it then sees the first's type.
     * Meetings are inserted in id order, so two batches cannot deadlock on that key either.
     */
    public Map<String, MeetingType> registerMeetings(long organisationId, Map<String, MeetingType> typeOfMeeting) {
        // In any order: the insert's own "order by m.id" sets the order the keys are taken in.
        String[] ids = new String[typeOfMeeting.size()];
        String[] types = new String[ids.length];
        int i = 0;
        for (Map.Entry<String, MeetingType> meeting : typeOfMeeting.entrySet()) {
            ids[i] = meeting.getKey();
            types[i++] = meeting.getValue().name();
        }
        return jdbc.execute((ConnectionCallback<Map<String, MeetingType>>) connection -> {
            Set<String> known = new HashSet<>(typeOfMeeting.keySet());
            try (PreparedStatement ps = connection.prepareStatement("""
                    insert into meeting (organisation_id, meeting_id, meeting_type)
                    select ?, m.id, m.type from unnest(?::text[], ?::text[]) as m(id, type) order by m.id
                    on conflict do nothing returning meeting_id""")) {
                ps.setLong(1, organisationId);
                ps.setObject(2, ids);
                ps.setObject(3, types);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        known.remove(rs.getString(1));
                    }
                }
            }
            Map<String, MeetingType> otherTypes = new TreeMap<>();
            if (known.isEmpty()) {
                return otherTypes;
            }
            try (PreparedStatement ps = connection.prepareStatement(
                    "select meeting_id, meeting_type from meeting where organisation_id = ? and meeting_id = any(?::text[])")) {
                ps.setLong(1, organisationId);
                ps.setObject(2, known.toArray(String[]::new));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        MeetingType stored = MeetingType.valueOf(rs.getString(2));
                        if (stored != typeOfMeeting.get(rs.getString(1))) {
                            otherTypes.put(rs.getString(1), stored);
                        }
                    }
                }
            }
            return otherTypes;
        });
    }

    private static final String INSERT_EVENTS = """
            insert into meeting_event (organisation_id, event_id, meeting_id, meeting_type, type, occurred_at,
                                       participant_id, role, department, appointment_kind)
            select ?, e.* from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::timestamptz[],
                                      ?::text[], ?::text[], ?::text[], ?::text[]) as e""";

    private static final String COPY_EVENTS = """
            copy meeting_event (organisation_id, event_id, meeting_id, meeting_type, type, occurred_at,
                                participant_id, role, department, appointment_kind) from stdin with (format binary)""";

    /**
     * Inserts the events that are new; returns the ids of those actually stored. Most batches hold no
     * event seen before, so the batch is first written with a binary {@code COPY} inside a savepoint (what
     * the benchmark takes as the physical reference; it costs PostgreSQL about 40 % less per row than the
     * {@code unnest} insert). Only if it meets a stored event id is it rolled back and repeated with
     * {@code insert ... on conflict do nothing returning}. Pass the events in event-id order, so that
     * concurrent batches sharing events wait for each other in one order and cannot deadlock.
     */
    public Inserted insertNew(long organisationId, List<MeetingEvent> events) {
        return jdbc.execute((ConnectionCallback<Inserted>) connection -> {
            Savepoint beforeInsert = connection.setSavepoint();
            try {
                copyEvents(connection, organisationId, events);
                connection.releaseSavepoint(beforeInsert);
                return new Inserted(events.size(), null);
            } catch (SQLException e) {
                if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
                    throw e;
                }
                connection.rollback(beforeInsert);
            }
            Set<String> inserted = new HashSet<>();
            try (PreparedStatement ps = connection.prepareStatement(
                    INSERT_EVENTS + " on conflict (organisation_id, event_id) do nothing returning event_id")) {
                bindEvents(ps, organisationId, events);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        inserted.add(rs.getString(1));
                    }
                }
            }
            return new Inserted(inserted.size(), inserted);
        });
    }

    /** What {@link #insertNew} stored: every event given (ids null), or those whose ids are listed. */
    public record Inserted(int count, Set<String> ids) {
        public boolean contains(String eventId) {
            return ids == null || ids.contains(eventId);
        }
    }

    private static void copyEvents(Connection connection, long organisationId, List<MeetingEvent> events)
            throws SQLException {
        BinaryCopyRows rows = new BinaryCopyRows(events.size() * 160);
        for (MeetingEvent e : events) {
            rows.row(10)
                    .bigint(organisationId)
                    .text(e.eventId())
                    .text(e.meetingId())
                    .text(e.meetingType().name())
                    .text(e.type().name())
                    .timestamptz(e.occurredAt())
                    .text(e.participantId())
                    .text(e.role() == null ? null : e.role().name())
                    .text(e.department())
                    .text(e.appointmentKind() == null ? null : e.appointmentKind().name());
        }
        byte[] data = rows.finish();
        CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(COPY_EVENTS);
        try {
            copy.writeToCopy(data, 0, rows.length());
            copy.endCopy();
        } catch (SQLException | RuntimeException e) {
            if (copy.isActive()) {
                try {
                    copy.cancelCopy();
                } catch (SQLException cancelFailed) {
                    e.addSuppressed(cancelFailed); // the first failure is the one to report
                }
            }
            throw e;
        }
    }

    private static final String UNIQUE_VIOLATION = "23505";

    private static void bindEvents(PreparedStatement ps, long organisationId, List<MeetingEvent> events)
            throws SQLException {
        ps.setLong(1, organisationId);
        ps.setObject(2, texts(events, MeetingEvent::eventId));
        ps.setObject(3, texts(events, MeetingEvent::meetingId));
        ps.setObject(4, texts(events, e -> e.meetingType().name()));
        ps.setObject(5, texts(events, e -> e.type().name()));
        TimestampLiterals.bind(ps, 6, events, MeetingEvent::occurredAt);
        ps.setObject(7, texts(events, MeetingEvent::participantId));
        ps.setObject(8, texts(events, e -> e.role() == null ? null : e.role().name()));
        ps.setObject(9, texts(events, MeetingEvent::department));
        ps.setObject(10, texts(events, e -> e.appointmentKind() == null ? null : e.appointmentKind().name()));
    }

    /** All stored events of these meetings, grouped by meeting. */
    public Map<String, List<MeetingEvent>> eventsOf(long organisationId, Collection<String> meetingIds) {
        Map<String, List<MeetingEvent>> byMeeting = new HashMap<>();
        jdbc.execute((ConnectionCallback<Void>) connection -> {
            try (PreparedStatement ps = connection.prepareStatement("""
                    select event_id, meeting_id, meeting_type, type, occurred_at, participant_id, role, department,
                           appointment_kind
                    from meeting_event where organisation_id = ? and meeting_id = any(?::text[])""")) {
                ps.setLong(1, organisationId);
                ps.setObject(2, meetingIds.toArray(String[]::new));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        MeetingEvent event = mapEvent(rs);
                        byMeeting.computeIfAbsent(event.meetingId(), k -> new ArrayList<>()).add(event);
                    }
                }
            }
            return null;
        });
        return byMeeting;
    }

    public boolean hasEvents(long organisationId) {
        Boolean any = jdbc.queryForObject(
                "select exists(select 1 from meeting_event where organisation_id = ?)", Boolean.class, organisationId);
        return Boolean.TRUE.equals(any);
    }

    private static String[] texts(List<MeetingEvent> events, Function<MeetingEvent, String> field) {
        String[] values = new String[events.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = field.apply(events.get(i));
        }
        return values;
    }

    /** Maps a row of {@link #eventsOf}'s select, by column position (a lookup by name costs a hash per field). */
    private static MeetingEvent mapEvent(ResultSet rs) throws SQLException {
        String role = rs.getString(7);
        String kind = rs.getString(9);
        return new MeetingEvent(
                rs.getString(1),
                rs.getString(2),
                MeetingType.valueOf(rs.getString(3)),
                EventType.valueOf(rs.getString(4)),
                rs.getTimestamp(5).toInstant(),
                rs.getString(6),
                role == null ? null : ParticipantRole.valueOf(role),
                rs.getString(8),
                kind == null ? null : AppointmentKind.valueOf(kind));
    }
}
