package org.virtualvisits.analytics.visits.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The meetings waiting to be re-derived ({@code visit_derivation_queue}, V12). Batches append to it
 * inside their own transaction without taking any lock; derivations claim from it with
 * {@code FOR UPDATE SKIP LOCKED}, so several workers and application instances share it.
 */
@Repository
public class DerivationQueue {

    private final JdbcTemplate jdbc;

    public DerivationQueue(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Queues the meetings; committed (and visible to workers) together with the caller's transaction. */
    public void enqueue(long organisationId, Collection<String> meetingIds) {
        if (meetingIds.isEmpty()) {
            return;
        }
        jdbc.execute((ConnectionCallback<Void>) connection -> {
            try (PreparedStatement ps = connection.prepareStatement("""
                    insert into visit_derivation_queue (organisation_id, meeting_id)
                    select ?, m from unnest(?::text[]) as m""")) {
                ps.setLong(1, organisationId);
                ps.setObject(2, meetingIds.toArray(String[]::new)); // binary text[]: see MeetingEvents
                ps.executeUpdate();
            }
            return null;
        });
    }

    /**
     * Removes up to {@code limit} of the oldest entries that no other transaction holds, plus the entries of
     * the same meetings among the next {@code limit} ids, and returns them (a meeting may come more than
     * once), with the time the oldest of them was queued. The removal commits with the caller's
     * transaction: rolled back, the entries are queued again.
     *
     * <p>Why the later entries may go too: an entry commits together with its events, so every entry this
     * statement sees has its events committed, and the derivation that follows (which reads the meeting's
     * events after this statement) covers them. A live feed queues a meeting once per batch that touched it,
     * about 2.4 times, a few hundred ids apart; without this a backlog derived each meeting about twice,
     * and the two derivation threads waited on each other's meetings.
     */
    public Claim claim(int limit) {
        List<QueuedMeeting> meetings = new ArrayList<>();
        Instant[] oldest = {null};
        jdbc.query("""
                        with first as (
                            select id, organisation_id, meeting_id from visit_derivation_queue
                            order by id limit ? for update skip locked
                        ), later as (
                            select q.id from visit_derivation_queue q
                            where q.id > (select max(id) from first) and q.id <= (select max(id) from first) + ?
                              and (q.organisation_id, q.meeting_id) in (select organisation_id, meeting_id from first)
                            for update of q skip locked
                        )
                        delete from visit_derivation_queue
                        where id in (select id from first union all select id from later)
                        returning organisation_id, meeting_id, queued_at""",
                (ResultSet rs) -> {
                    meetings.add(new QueuedMeeting(rs.getLong(1), rs.getString(2)));
                    Instant queuedAt = rs.getTimestamp(3).toInstant();
                    if (oldest[0] == null || queuedAt.isBefore(oldest[0])) {
                        oldest[0] = queuedAt;
                    }
                }, limit, limit);
        return new Claim(meetings, oldest[0]);
    }

    /** Claimed entries; {@code oldestQueuedAt} is null when none. */
    public record Claim(List<QueuedMeeting> meetings, Instant oldestQueuedAt) {
    }

    /** Removes one meeting's entries that no other transaction holds (after its derivation failed for good). */
    public int drop(QueuedMeeting meeting) {
        return jdbc.update("""
                        delete from visit_derivation_queue where id in (
                            select id from visit_derivation_queue where organisation_id = ? and meeting_id = ?
                            for update skip locked)""",
                meeting.organisationId(), meeting.meetingId());
    }

    /**
     * When the organisation's longest-waiting entry was queued, including entries a derivation in progress
     * has claimed but not yet committed; null when none waits.
     */
    public Instant oldestQueuedAt(long organisationId) {
        Timestamp oldest = jdbc.queryForObject(
                "select min(queued_at) from visit_derivation_queue where organisation_id = ?", Timestamp.class,
                organisationId);
        return oldest == null ? null : oldest.toInstant();
    }

    /**
     * Whether anything is queued, including entries that a derivation in progress has claimed but not
     * yet committed (its delete is not visible to others until then).
     */
    public boolean anyQueued() {
        return Boolean.TRUE.equals(jdbc.queryForObject(
                "select exists(select 1 from visit_derivation_queue)", Boolean.class));
    }
}
