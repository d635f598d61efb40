package org.virtualvisits.analytics.visits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.virtualvisits.analytics.ApiTestSupport;
import org.virtualvisits.analytics.IntegrationTest;
import org.virtualvisits.analytics.organisation.Organisation;
import org.virtualvisits.analytics.visits.store.DerivationQueue;
import org.virtualvisits.analytics.visits.store.QueuedMeeting;

/** The background derivation of queued meetings (decision 0011). */
@IntegrationTest
class DerivationWorkerTest extends ApiTestSupport {

    @Autowired
    EventIngestion ingestion;
    @Autowired
    MeterRegistry meters;
    @Autowired
    JdbcTemplate jdbcTemplate;
    @Autowired
    PlatformTransactionManager transactions;

    Organisation org;

    @BeforeEach
    void organisation() {
        org = newOrganisation();
    }

    @Test
    void storedEventsBecomeAVisitInTheBackgroundWithoutAnyoneAsking() {
        ingestion.ingest(org.id(), completedVisit("BG-1", "BOOKINGS"));

        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> storedVisits(org) == 1);
        assertThat(queued()).isZero();
        assertThat(jdbc.sql("select status from visit where organisation_id = :org and meeting_id = 'BG-1'")
                .param("org", org.id()).query(String.class).single()).isEqualTo("COMPLETED");
    }

    @Test
    void aMeetingSentInSeveralBatchesIsDerivedFromAllOfThem() {
        List<RawEvent> events = completedVisit("SPLIT", "EHR");
        ingestion.ingest(org.id(), events.subList(0, 3));
        ingestion.ingest(org.id(), events.subList(3, 6));
        ingestion.ingest(org.id(), events.subList(6, events.size()));
        deriveQueuedVisits();

        assertThat(jdbc.sql("""
                        select status || ' ' || duration_seconds || ' ' || lobby_wait_seconds from visit
                        where organisation_id = :org and meeting_id = 'SPLIT'""")
                .param("org", org.id()).query(String.class).single()).isEqualTo("COMPLETED 1500 120");
    }

    @Test
    void aBatchOfEventsAlreadyStoredQueuesNothingAndChangesNoVisit() {
        List<RawEvent> events = completedVisit("AGAIN", "BOOKINGS");
        ingestion.ingest(org.id(), events);
        deriveQueuedVisits();
        Instant derivedAt = updatedAt("AGAIN");

        assertThat(ingestion.ingest(org.id(), events)).isEqualTo(new IngestionResult(0, events.size()));
        assertThat(queued()).isZero();
        deriveQueuedVisits();
        assertThat(updatedAt("AGAIN")).isEqualTo(derivedAt);
    }

    @Test
    void aBatchRefusedForItsMeetingTypeLeavesNoEventNoMeetingAndNothingQueued() {
        ingestion.ingest(org.id(), completedVisit("TYPED", "BOOKINGS"));
        deriveQueuedVisits();
        List<RawEvent> conflicting = new ArrayList<>(completedVisit("NEW-ONE", "EHR"));
        conflicting.add(new RawEvent("TYPED-late", "TYPED", "EHR", "SMS_SENT", "2026-11-20T08:00:00Z", "A",
                "ATTENDEE", null, null));

        assertThatThrownBy(() -> ingestion.ingest(org.id(), conflicting))
                .isInstanceOfSatisfying(BatchRejectedException.class, refused -> assertThat(refused.errors())
                        .singleElement().satisfies(error -> {
                            assertThat(error.index()).isEqualTo(conflicting.size() - 1);
                            assertThat(error.field()).isEqualTo("meetingType");
                        }));
        assertThat(storedEvents(org)).isEqualTo(8);
        assertThat(queued()).isZero();
        assertThat(jdbc.sql("select meeting_id || ' ' || meeting_type from meeting where organisation_id = :org")
                .param("org", org.id()).query(String.class).list()).containsExactly("TYPED BOOKINGS");
    }

    @Test
    void aMeetingThatCannotBeDerivedIsDroppedFromTheQueueAndTheOthersAreDerived() {
        double failuresBefore = meters.counter("visits.derivation.failures").count();
        // Events no batch could have stored (validation refuses the type): derivation fails on them.
        jdbc.sql("""
                        insert into meeting_event (organisation_id, event_id, meeting_id, meeting_type, type,
                                                   occurred_at, participant_id, role)
                        values (:org, 'broken-1', 'BROKEN', 'BOOKINGS', 'TELEPORTED', now(), 'p', 'ATTENDEE')""")
                .param("org", org.id()).update();
        jdbc.sql("insert into visit_derivation_queue (organisation_id, meeting_id) values (:org, 'BROKEN')")
                .param("org", org.id()).update();
        ingestion.ingest(org.id(), completedVisit("FINE", "BOOKINGS"));

        deriveQueuedVisits();

        assertThat(jdbc.sql("select meeting_id from visit where organisation_id = :org")
                .param("org", org.id()).query(String.class).list()).containsExactly("FINE");
        assertThat(queued()).isZero();
        assertThat(meters.counter("visits.derivation.failures").count()).isEqualTo(failuresBefore + 1);
    }

    @Test
    void aClaimAlsoTakesTheSameMeetingsEntriesQueuedJustAfterItsOwn() {
        deriveQueuedVisits(); // nothing older left in the queue
        DerivationQueue queue = new DerivationQueue(jdbcTemplate);
        // In one transaction that is rolled back: the background worker never sees these entries.
        List<String> claimed = new org.springframework.transaction.support.TransactionTemplate(transactions)
                .execute(status -> {
                    status.setRollbackOnly();
                    for (String meeting : List.of("C-1", "C-2", "C-X", "C-1", "C-Y", "C-Z", "C-2")) {
                        queue.enqueue(org.id(), List.of(meeting));
                    }
                    List<String> ids = queue.claim(2).meetings().stream().map(QueuedMeeting::meetingId).toList();
                    List<String> left = jdbc.sql("select meeting_id from visit_derivation_queue where organisation_id = :org"
                            + " order by id").param("org", org.id()).query(String.class).list();
                    assertThat(left).as("left queued: C-2's entry is beyond the next 2 ids")
                            .containsExactly("C-X", "C-Y", "C-Z", "C-2");
                    return ids;
                });
        assertThat(claimed).containsExactlyInAnyOrder("C-1", "C-2", "C-1");
    }

    /** The worked example of PRODUCT.md §2 shape: 2 min in the lobby, 25 min together. */
    private static List<RawEvent> completedVisit(String meeting, String type) {
        return List.of(
                event(meeting, 1, type, "SMS_SENT", "09:00", "A", "ATTENDEE"),
                event(meeting, 2, type, "JOINED", "10:00", "S", "STAFF"),
                event(meeting, 3, type, "LOBBY_JOINED", "10:01", "A", "ATTENDEE"),
                event(meeting, 4, type, "ADMITTED", "10:03", "A", "ATTENDEE"),
                event(meeting, 5, type, "JOINED", "10:03", "A", "ATTENDEE"),
                event(meeting, 6, type, "LEFT", "10:27", "S", "STAFF"),
                event(meeting, 7, type, "LEFT", "10:28", "A", "ATTENDEE"),
                event(meeting, 8, type, "MEETING_ENDED", "10:28", null, null));
    }

    private static RawEvent event(String meeting, int n, String meetingType, String type, String time,
                                  String participant, String role) {
        return new RawEvent(meeting + "-" + n, meeting, meetingType, type, "2026-11-20T" + time + ":00Z",
                participant, role, null, null);
    }

    private long queued() {
        return jdbc.sql("select count(*) from visit_derivation_queue where organisation_id = :org")
                .param("org", org.id()).query(Long.class).single();
    }

    private Instant updatedAt(String meeting) {
        return jdbc.sql("select updated_at from visit where organisation_id = :org and meeting_id = :m")
                .param("org", org.id()).param("m", meeting).query(java.sql.Timestamp.class).single().toInstant();
    }
}
