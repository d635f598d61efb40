package org.virtualvisits.analytics.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.virtualvisits.analytics.IntegrationTest;
import org.virtualvisits.analytics.organisation.Organisation;

@IntegrationTest
class DataRetentionTest extends AdminTestSupport {

    @Autowired
    DataRetention retention;
    @Autowired
    Clock clock;
    @Autowired
    List<RecurringTask<?>> recurringTasks;

    Organisation org;
    Organisation keepsLonger;
    Instant now;

    @BeforeEach
    void organisations() {
        now = clock.instant();
        org = newOrganisation();
        organisations.updateSettings(org.id(), true, true, 30, 600);
        org = organisations.findById(org.id()).orElseThrow();
        keepsLonger = newOrganisation();
    }

    @Test
    void deletesVisitsAndEventsOlderThanTheRetentionOfEachOrganisation() {
        // A visit before the cutoff goes with all its events, even one after the cutoff.
        visit(org, "OLD", days(40));
        event(org, "OLD", "old-1", days(40));
        event(org, "OLD", "old-2", days(20));
        // A recent visit stays with all its events, even an SMS sent before the cutoff.
        visit(org, "NEW", days(10));
        event(org, "NEW", "new-1", days(10));
        event(org, "NEW", "new-sms", days(35));
        // Events of no visit: old ones go, recent ones stay.
        event(org, "NO-VISIT-OLD", "orphan-old", days(31));
        event(org, "NO-VISIT-NEW", "orphan-new", days(29));
        // Another organisation keeps 365 days.
        visit(keepsLonger, "OLD", days(40));
        event(keepsLonger, "OLD", "other-1", days(40));

        DataRetention.Purged purged = retention.purge(org, now);

        assertThat(purged).isEqualTo(new DataRetention.Purged(1, 3));
        assertThat(meetings("visit", org)).containsExactly("NEW");
        assertThat(eventIds(org)).containsExactlyInAnyOrder("new-1", "new-sms", "orphan-new");
        // A meeting left without events is forgotten, so its id may come back with another type.
        assertThat(meetings("meeting", org)).containsExactly("NEW", "NO-VISIT-NEW");
        assertThat(meetings("meeting", keepsLonger)).containsExactly("OLD");
        assertThat(meetings("visit", keepsLonger)).containsExactly("OLD");
        assertThat(eventIds(keepsLonger)).containsExactly("other-1");
        assertThat(auditOf(org)).singleElement().asString()
                .startsWith("retention.purged|system|Deleted 1 visits and 3 events older than 30 days");
    }

    @Test
    void theDailyRunCoversEveryOrganisationAndDeletesInBatches() {
        for (int i = 0; i < DataRetention.BATCH + 5; i++) {
            visit(org, "BULK-" + i, days(31));
        }
        visit(keepsLonger, "KEEP", days(300));
        String oldGhost = "ghost-" + java.util.UUID.randomUUID();
        String newGhost = "ghost-" + java.util.UUID.randomUUID();
        jdbc.sql("insert into audit_log (organisation_id, occurred_at, actor, action) values (null, :at, :a, 'login.failed')")
                .param("at", days(31)).param("a", oldGhost).update();
        jdbc.sql("insert into audit_log (organisation_id, occurred_at, actor, action) values (null, :at, :a, 'login.failed')")
                .param("at", days(29)).param("a", newGhost).update();

        retention.purgeAll();

        assertThat(jdbc.sql("select actor from audit_log where actor in (:a, :b)").param("a", oldGhost)
                .param("b", newGhost).query(String.class).list()).containsExactly(newGhost);
        assertThat(meetings("visit", org)).isEmpty();
        assertThat(meetings("visit", keepsLonger)).containsExactly("KEEP");
        assertThat(retention.purge(org, now)).isEqualTo(new DataRetention.Purged(0, 0));
    }

    @Test
    void runsEveryNightAt0230UtcThroughTheDatabaseSchedulerAndPurges() {
        assertThat(recurringTasks).extracting(t -> t.getName()).contains(RetentionSchedule.TASK_NAME);
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql(
                        "select count(*) from scheduled_tasks where task_name = :name")
                .param("name", RetentionSchedule.TASK_NAME).query(Long.class).single() == 1);
        // Its next run, as the scheduler stored it for every instance: the coming 02:30 UTC.
        Instant next = jdbc.sql("select execution_time from scheduled_tasks where task_name = :name")
                .param("name", RetentionSchedule.TASK_NAME).query(Timestamp.class).single().toInstant();
        assertThat(next.atZone(java.time.ZoneOffset.UTC).toLocalTime()).isEqualTo(java.time.LocalTime.of(2, 30));
        assertThat(next).isAfter(Instant.now().minus(Duration.ofMinutes(1)))
                .isBefore(Instant.now().plus(Duration.ofHours(24)));

        // What the scheduler runs then is the purge of every organisation.
        visit(org, "NIGHTLY", days(31));
        RecurringTask<?> task = recurringTasks.stream()
                .filter(t -> t.getName().equals(RetentionSchedule.TASK_NAME)).findFirst().orElseThrow();
        task.execute(null, null);
        assertThat(meetings("visit", org)).doesNotContain("NIGHTLY");
    }

    private Timestamp days(int ago) {
        return Timestamp.from(now.minus(Duration.ofDays(ago)));
    }

    private void visit(Organisation organisation, String meetingId, Timestamp start) {
        jdbc.sql("""
                        insert into visit (organisation_id, meeting_id, meeting_type, start_time, duration_seconds,
                                           status, participants, sms_sent, department, appointment_kind)
                        values (:org, :meeting, 'BOOKINGS', :start, 60, 'COMPLETED', 2, false, null, 'SCHEDULED')""")
                .param("org", organisation.id()).param("meeting", meetingId).param("start", start).update();
    }

    private void event(Organisation organisation, String meetingId, String eventId, Timestamp at) {
        jdbc.sql("""
                        insert into meeting_event (organisation_id, event_id, meeting_id, meeting_type, type,
                                                   occurred_at, participant_id, role)
                        values (:org, :event, :meeting, 'BOOKINGS', 'JOINED', :at, 'p', 'ATTENDEE')""")
                .param("org", organisation.id()).param("event", eventId).param("meeting", meetingId)
                .param("at", at).update();
        jdbc.sql("insert into meeting values (:org, :meeting, 'BOOKINGS') on conflict do nothing")
                .param("org", organisation.id()).param("meeting", meetingId).update();
    }

    private List<String> meetings(String table, Organisation organisation) {
        return jdbc.sql("select meeting_id from " + table + " where organisation_id = :org order by meeting_id")
                .param("org", organisation.id()).query(String.class).list();
    }

    private List<String> eventIds(Organisation organisation) {
        return jdbc.sql("select event_id from meeting_event where organisation_id = :org order by event_id")
                .param("org", organisation.id()).query(String.class).list();
    }
}
