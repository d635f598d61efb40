package org.virtualvisits.analytics.teams;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.virtualvisits.analytics.teams.AttendanceMapping.ReportWithRecords;
import org.virtualvisits.analytics.teams.GraphModel.AttendanceInterval;
import org.virtualvisits.analytics.teams.GraphModel.AttendanceRecord;
import org.virtualvisits.analytics.teams.GraphModel.AttendanceReport;
import org.virtualvisits.analytics.teams.GraphModel.BookingAppointment;
import org.virtualvisits.analytics.teams.GraphModel.Customer;
import org.virtualvisits.analytics.teams.GraphModel.DateTimeTimeZone;
import org.virtualvisits.analytics.teams.GraphModel.Identity;
import org.virtualvisits.analytics.visits.EventValidation;
import org.virtualvisits.analytics.visits.MeetingEvent;
import org.virtualvisits.analytics.visits.RawEvent;
import org.virtualvisits.analytics.visits.Visit;
import org.virtualvisits.analytics.visits.VisitDerivation;
import org.virtualvisits.analytics.visits.VisitStatus;

/** Appointment + attendance reports → events → visit, with the visit's figures worked out by hand. */
class AttendanceMappingTest {

    private static final Set<String> STAFF = Set.of("dr.jones@contoso.com");

    private static BookingAppointment appointment(String id, boolean sms, String created) {
        return new BookingAppointment(id, new DateTimeTimeZone("2026-11-20T10:00:00.0000000Z", "UTC"),
                new DateTimeTimeZone("2026-11-20T10:30:00.0000000Z", "UTC"), null, null, true,
                "https://teams.microsoft.com/l/meetup-join/x", "Follow-up", sms, created, List.of("staff-1"),
                List.of(new Customer("cust-7", "Adele Vance", "adelev@proseware.com")));
    }

    private static AttendanceRecord record(String id, String email, String role, AttendanceInterval... intervals) {
        return new AttendanceRecord(null, email, role, id == null ? null : new Identity(id, "Name", null), 0,
                List.of(intervals));
    }

    private static AttendanceInterval interval(String join, String leave) {
        return new AttendanceInterval(join, leave, 0);
    }

    /**
     * Staff (by e-mail, role Attendee in Teams) joins 10:00:05, leaves 10:10, rejoins 10:12, leaves 10:31;
     * the patient joins 10:01:30.25 and leaves 10:25; the organizer joins 09:59 and Teams recorded no leave.
     * The meeting ended 10:31. By hand: together from 10:01:30 (first moment staff and attendee are both in),
     * presence ends at the last leave 10:31 (MEETING_ENDED closes the organizer's open interval at 10:31),
     * so the duration is 10:01:30.25 → 10:31:00 = 1769 s; 3 participants; completed; no lobby wait.
     */
    private static List<ReportWithRecords> oneSession() {
        AttendanceReport report = new AttendanceReport("rep-1", 3, "2026-11-20T09:59:00Z", "2026-11-20T10:31:00Z");
        return List.of(new ReportWithRecords(report, List.of(
                record("aad-staff", "Dr.Jones@contoso.com", "Attendee",
                        interval("2026-11-20T10:00:05.1234567Z", "2026-11-20T10:10:00Z"),
                        interval("2026-11-20T10:12:00Z", "2026-11-20T10:31:00Z")),
                record(null, "adelev@proseware.com", "Attendee",
                        interval("2026-11-20T10:01:30.25Z", "2026-11-20T10:25:00Z")),
                record("aad-organizer", "booking@contoso.com", "Organizer",
                        interval("2026-11-20T09:59:00Z", null)))));
    }

    @Test
    void aSessionBecomesTheEventsOfTheIssueAndAVisitComputedByHand() {
        List<RawEvent> raw = AttendanceMapping.events("Cardiology", STAFF, appointment("APPT-1", true,
                "2026-11-18T08:00:00Z"), oneSession());

        assertThat(raw).extracting(RawEvent::type, RawEvent::participantId, RawEvent::role, RawEvent::occurredAt)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("JOINED", "aad-staff", "STAFF", "2026-11-20T10:00:05.123456700Z"),
                        org.assertj.core.groups.Tuple.tuple("LEFT", "aad-staff", "STAFF", "2026-11-20T10:10:00Z"),
                        org.assertj.core.groups.Tuple.tuple("JOINED", "aad-staff", "STAFF", "2026-11-20T10:12:00Z"),
                        org.assertj.core.groups.Tuple.tuple("LEFT", "aad-staff", "STAFF", "2026-11-20T10:31:00Z"),
                        org.assertj.core.groups.Tuple.tuple("JOINED", "adelev@proseware.com", "ATTENDEE",
                                "2026-11-20T10:01:30.250Z"),
                        org.assertj.core.groups.Tuple.tuple("LEFT", "adelev@proseware.com", "ATTENDEE", "2026-11-20T10:25:00Z"),
                        org.assertj.core.groups.Tuple.tuple("JOINED", "aad-organizer", "STAFF", "2026-11-20T09:59:00Z"),
                        org.assertj.core.groups.Tuple.tuple("MEETING_ENDED", null, null, "2026-11-20T10:31:00Z"),
                        org.assertj.core.groups.Tuple.tuple("SMS_SENT", "cust-7", "ATTENDEE", "2026-11-18T08:00:00Z"));
        assertThat(raw).allSatisfy(e -> {
            assertThat(e.meetingId()).isEqualTo("APPT-1");
            assertThat(e.meetingType()).isEqualTo("BOOKINGS");
            assertThat(e.department()).isEqualTo("Cardiology");
            assertThat(e.appointmentKind()).isEqualTo("SCHEDULED");
        });
        assertThat(raw).extracting(RawEvent::eventId).doesNotHaveDuplicates();

        Visit visit = VisitDerivation.derive(valid(raw)).orElseThrow();
        assertThat(visit.startTime()).isEqualTo(Instant.parse("2026-11-20T10:01:30.25Z"));
        assertThat(visit.durationSeconds()).isEqualTo(1769);
        assertThat(visit.lobbyWaitSeconds()).as("attendance reports carry no lobby data").isNull();
        assertThat(visit.status()).isEqualTo(VisitStatus.COMPLETED);
        assertThat(visit.participants()).isEqualTo(3);
        assertThat(visit.smsSent()).isTrue();
        assertThat(visit.department()).isEqualTo("Cardiology");
    }

    @Test
    void readingTheSameDataAgainGivesTheSameEventIds() {
        List<RawEvent> first = AttendanceMapping.events("Cardiology", STAFF, appointment("APPT-1", true, null), oneSession());
        List<RawEvent> second = AttendanceMapping.events("Cardiology", STAFF, appointment("APPT-1", true, null), oneSession());
        assertThat(second).isEqualTo(first);
        List<RawEvent> otherAppointment = AttendanceMapping.events("Cardiology", STAFF, appointment("APPT-2", true, null),
                oneSession());
        assertThat(otherAppointment).extracting(RawEvent::eventId).doesNotContainAnyElementsOf(
                first.stream().map(RawEvent::eventId).toList());
    }

    @Test
    void withoutCreatedDateTheSmsIsDatedAtTheAppointmentsStartAndWithoutSmsThereIsNone() {
        List<RawEvent> sms = AttendanceMapping.events("X", STAFF, appointment("A", true, null), List.of());
        assertThat(sms).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo("SMS_SENT");
            assertThat(e.occurredAt()).isEqualTo("2026-11-20T10:00:00Z");
        });
        assertThat(AttendanceMapping.events("X", STAFF, appointment("A", false, null), List.of())).isEmpty();
    }

    @Test
    void anAttendeeWhoNeverJoinedWhileStaffWaitedIsANoShow() {
        AttendanceReport report = new AttendanceReport("r", 1, null, "2026-11-20T10:20:00Z");
        List<RawEvent> raw = AttendanceMapping.events("X", STAFF, appointment("A", false, null), List.of(
                new ReportWithRecords(report, List.of(record("p", "presenter@contoso.com", "Presenter",
                        interval("2026-11-20T10:00:00Z", "2026-11-20T10:20:00Z"))))));
        Visit visit = VisitDerivation.derive(valid(raw)).orElseThrow();
        assertThat(raw.get(0).role()).as("a Presenter is staff").isEqualTo("STAFF");
        assertThat(visit.status()).isEqualTo(VisitStatus.NO_SHOW);
        assertThat(visit.durationSeconds()).isZero();
    }

    @Test
    void anIntervalWithoutJoinTimeGivesOnlyItsLeaveAndAnAnonymousRecordGetsAStableId() {
        AttendanceReport report = new AttendanceReport("r", 1, null, null);
        List<RawEvent> raw = AttendanceMapping.events("X", STAFF, appointment("A", false, null), List.of(
                new ReportWithRecords(report, List.of(record(null, null, "Attendee",
                        interval(null, "2026-11-20T10:20:00Z"))))));
        assertThat(raw).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo("LEFT");
            assertThat(e.participantId()).isEqualTo("anonymous-1");
        });
    }

    @Test
    void timesInAnotherZoneOrWithoutZoneLetterAreRead() {
        assertThat(new DateTimeTimeZone("2026-11-20T10:00:00.0000000", "UTC").toInstant())
                .isEqualTo(Instant.parse("2026-11-20T10:00:00Z"));
        assertThat(new DateTimeTimeZone("2026-11-20T10:00:00.0000000", "Europe/Paris").toInstant())
                .isEqualTo(Instant.parse("2026-11-20T09:00:00Z"));
        assertThat(new DateTimeTimeZone("2026-11-20T10:00:00.0000000Z", "UTC").toInstant())
                .isEqualTo(Instant.parse("2026-11-20T10:00:00Z"));
    }

    @Test
    void longOrControlCharacterTextsAreMadeIngestible() {
        assertThat(AttendanceMapping.clip("Cardio\nlogy")).isEqualTo("Cardio logy");
        assertThat(AttendanceMapping.clip("x".repeat(250))).hasSize(200);
    }

    /** Through the ingestion's own validation, as the sync does. */
    private static Collection<MeetingEvent> valid(List<RawEvent> raw) {
        List<MeetingEvent> events = new ArrayList<>();
        for (RawEvent e : raw) {
            events.add(EventValidation.toEvent(e));
        }
        return events;
    }
}
