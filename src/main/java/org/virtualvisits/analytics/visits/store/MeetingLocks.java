package org.virtualvisits.analytics.visits.store;

import java.sql.PreparedStatement;
import java.util.Collection;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The derivation's meeting locks, held until the end of the transaction. */
@Repository
public class MeetingLocks {

    private final JdbcTemplate jdbc;

    public MeetingLocks(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Serialises the derivation of the given meetings across transactions and application instances:
     * transaction-scoped advisory locks on a hash of organisation and meeting id, all taken in one
     * statement in key order, so two derivations cannot deadlock on them.
     */
    public void lockMeetings(Collection<QueuedMeeting> meetings) {
        jdbc.execute((ConnectionCallback<Void>) connection -> {
            try (PreparedStatement ps = connection.prepareStatement("""
                    select count(pg_advisory_xact_lock(k)) from (
                      select distinct hashtextextended(o::text || ':' || m, 0) as k
                      from unnest(?::bigint[], ?::text[]) as t(o, m) order by 1
                    ) keys""")) {
                ps.setObject(1, meetings.stream().mapToLong(QueuedMeeting::organisationId).toArray());
                ps.setObject(2, meetings.stream().map(QueuedMeeting::meetingId).toArray(String[]::new));
                ps.executeQuery().close();
            }
            return null;
        });
    }
}
