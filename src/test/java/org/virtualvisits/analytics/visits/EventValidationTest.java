package org.virtualvisits.analytics.visits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventValidationTest {

    private static final String LONGEST = "x".repeat(200);
    private static final String TOO_LONG = "x".repeat(201);

    private static RawEvent joined(String eventId) {
        return new RawEvent(eventId, "m-1", "BOOKINGS", "JOINED", "2026-11-20T10:04:00Z", "A", "ATTENDEE",
                null, null);
    }

    private static RawEvent with(String field, String value) {
        RawEvent e = joined("e-1");
        return new RawEvent(
                field.equals("eventId") ? value : e.eventId(),
                field.equals("meetingId") ? value : e.meetingId(),
                field.equals("meetingType") ? value : e.meetingType(),
                field.equals("type") ? value : e.type(),
                field.equals("occurredAt") ? value : e.occurredAt(),
                field.equals("participantId") ? value : e.participantId(),
                field.equals("role") ? value : e.role(),
                field.equals("department") ? value : e.department(),
                field.equals("appointmentKind") ? value : e.appointmentKind());
    }

    /** The event at index 1 (index 0 is valid) has exactly one error, on the given field. */
    private static void assertSingleError(RawEvent bad, String field, String message) {
        List<FieldError> errors = EventValidation.validate(List.of(joined("ok"), bad));
        assertThat(errors).containsExactly(new FieldError(1, bad.eventId(), field, message));
    }

    private static void assertValid(RawEvent... events) {
        assertThat(EventValidation.validate(Arrays.asList(events))).isEmpty();
    }

    @Test
    void validEventsPass() {
        assertValid(joined("e-1"),
                new RawEvent("e-2", "m-1", "BOOKINGS", "MEETING_ENDED", "2026-11-20T10:32:00Z", null, null, null, null),
                new RawEvent("e-3", "m-2", "EHR", "LOBBY_JOINED", "2026-11-20T10:01:00.250Z", "P", "ATTENDEE",
                        "Cardiology", "ON_DEMAND"));
        assertValid();
    }

    @Test
    void requiredFields() {
        for (String field : List.of("meetingId", "meetingType", "type", "occurredAt", "participantId", "role")) {
            assertSingleError(with(field, null), field, "is required");
        }
        assertSingleError(with("eventId", null), "eventId", "is required");
    }

    @Test
    void participantIsOptionalOnlyForMeetingEnded() {
        assertValid(new RawEvent("e", "m", "EHR", "MEETING_ENDED", "2026-11-20T10:00:00Z", "", " ", null, null));
        for (String type : List.of("LOBBY_JOINED", "ADMITTED", "JOINED", "LEFT", "SMS_SENT")) {
            RawEvent e = new RawEvent("e", "m", "EHR", type, "2026-11-20T10:00:00Z", null, null, null, null);
            assertThat(EventValidation.validate(List.of(e))).extracting(FieldError::field)
                    .containsExactly("participantId", "role");
        }
    }

    @Test
    void unknownTypeDoesNotAlsoDemandAParticipant() {
        RawEvent e = new RawEvent("e", "m", "EHR", "STARTED", "2026-11-20T10:00:00Z", null, null, null, null);
        assertThat(EventValidation.validate(List.of(e))).extracting(FieldError::field).containsExactly("type");
    }

    @Test
    void identifiersMustNotBeBlank() {
        for (String field : List.of("eventId", "meetingId", "participantId")) {
            assertSingleError(with(field, "  "), field, "must not be empty");
        }
    }

    @Test
    void identifiersAndDepartmentAreAtMost200Characters() {
        for (String field : List.of("eventId", "meetingId", "participantId", "department")) {
            assertValid(with(field, LONGEST));
            assertSingleError(with(field, TOO_LONG), field, "must be at most 200 characters");
        }
        assertValid(with("department", "🏥".repeat(200))); // characters, not UTF-16 units
    }

    @Test
    void blankOptionalValuesCountAsAbsent() {
        assertValid(with("department", ""), with("appointmentKind", " "));
    }

    @Test
    void enumsAreExactUpperCaseNames() {
        assertSingleError(with("meetingType", "bookings"), "meetingType", "must be one of BOOKINGS, EHR");
        assertSingleError(with("type", "JOIN"), "type",
                "must be one of LOBBY_JOINED, ADMITTED, JOINED, LEFT, MEETING_ENDED, SMS_SENT");
        assertSingleError(with("role", "Staff"), "role", "must be one of STAFF, ATTENDEE");
        assertSingleError(with("appointmentKind", "WALK_IN"), "appointmentKind",
                "must be one of SCHEDULED, ON_DEMAND");
        assertSingleError(with("meetingType", " "), "meetingType", "must not be empty");
    }

    @Test
    void occurredAtIsAnIsoInstant() {
        assertValid(with("occurredAt", "2026-11-20T11:04:00+01:00"), with("occurredAt", "2026-11-20T10:04Z"));
        for (String bad : List.of("2026-11-20 10:04:00", "2026-11-20T10:04:00", "2026-11-20", "yesterday",
                "2026-11-31T10:00:00Z", "")) {
            assertSingleError(with("occurredAt", bad), "occurredAt",
                    "must be an ISO-8601 UTC instant such as 2026-11-20T10:04:00Z");
        }
    }

    @Test
    void occurredAtLiesBetween1970AndTheYear9999() {
        assertValid(with("occurredAt", "1970-01-01T00:00:00Z"));
        assertValid(with("occurredAt", "9999-12-31T23:59:59.999999999Z"));
        for (String outside : List.of("1969-12-31T23:59:59.999Z", "0001-01-01T00:00:00Z", "0000-06-01T00:00:00Z",
                "-0044-03-15T12:00:00Z", "+10000-01-01T00:00:00Z", "+300000-01-01T00:00:00Z")) {
            assertSingleError(with("occurredAt", outside), "occurredAt",
                    "must lie between 1970-01-01T00:00:00Z and 9999-12-31T23:59:59Z");
        }
    }

    @Test
    void theFastTimestampPathAgreesWithTheJdkParser() {
        java.util.Random random = new java.util.Random(42);
        for (int i = 0; i < 20_000; i++) {
            Instant instant = Instant.ofEpochSecond(random.nextLong(-62_000_000_000L, 250_000_000_000L),
                    random.nextInt(4) == 0 ? random.nextInt(1_000_000_000) : 0);
            String text = instant.toString();
            assertThat(EventValidation.parsePlainUtc(text)).as(text).isIn(Instant.parse(text), null);
            assertThat(EventValidation.parseInstant(text)).as(text).isEqualTo(instant);
        }
        assertThat(EventValidation.parsePlainUtc("2026-11-20T10:04:00Z")).isEqualTo(Instant.parse("2026-11-20T10:04:00Z"));
        assertThat(EventValidation.parsePlainUtc("2026-11-20T10:04:00.5Z"))
                .isEqualTo(Instant.parse("2026-11-20T10:04:00.500Z"));
        assertThat(EventValidation.parsePlainUtc("2024-02-29T23:59:59.123456789Z"))
                .isEqualTo(Instant.parse("2024-02-29T23:59:59.123456789Z"));
        // Anything unusual is left to the full parsers, which accept or refuse it.
        for (String unusual : List.of("2025-02-29T10:00:00Z", "2026-13-01T10:00:00Z", "2026-11-20T24:00:00Z",
                "2026-11-20T10:04:60Z", "2026-11-20T10:04:00.Z", "2026-11-20T10:04:00.1234567890Z",
                "2026-11-20t10:04:00Z", "2026-11-20T10:04:00z", "+2026-11-20T10:04:00Z", "2026-1a-20T10:04:00Z",
                "2026-11-20T10:04:00+01:00", "2026-11-20T10:04Z")) {
            assertThat(EventValidation.parsePlainUtc(unusual)).as(unusual).isNull();
        }
        assertThat(EventValidation.parseInstant("2025-02-29T10:00:00Z")).isNull();
        assertThat(EventValidation.parseInstant("2026-11-20T10:04:00.1234567890Z")).isNull();
    }

    @Test
    void offsetsAreConvertedToUtc() {
        assertThat(EventValidation.toEvent(with("occurredAt", "2026-11-20T11:04:00+01:00")).occurredAt())
                .isEqualTo(Instant.parse("2026-11-20T10:04:00Z"));
    }

    @Test
    void identicalRepeatsAreDuplicatesNotErrors() {
        RawEvent utc = joined("e-1");
        RawEvent sameInstant = with("occurredAt", "2026-11-20T10:04:00+00:00");
        assertValid(utc, utc, sameInstant);
    }

    @Test
    void reusedEventIdWithDifferentContentIsAnErrorOnTheLaterEvent() {
        RawEvent other = with("participantId", "B");
        assertThat(EventValidation.validate(List.of(joined("e-0"), joined("e-1"), other)))
                .containsExactly(new FieldError(2, "e-1", "eventId",
                        "is already used by the event at index 1 with different content"));
    }

    @Test
    void meetingTypeConflictInsideTheBatchIsAnErrorOnTheLaterEvent() {
        RawEvent ehr = new RawEvent("e-2", "m-1", "EHR", "LEFT", "2026-11-20T10:30:00Z", "A", "ATTENDEE", null, null);
        RawEvent otherMeeting = new RawEvent("e-3", "m-2", "EHR", "LEFT", "2026-11-20T10:30:00Z", "A", "ATTENDEE",
                null, null);
        assertThat(EventValidation.validate(List.of(joined("e-1"), otherMeeting, ehr)))
                .containsExactly(new FieldError(2, "e-2", "meetingType",
                        "must be BOOKINGS like the event at index 0 of the same meeting"));
    }

    @Test
    void errorsOfSeveralEventsNameEachIndexAndField() {
        RawEvent a = new RawEvent(null, "m", "EHR", "JOINED", "2026-11-20T10:00:00Z", "P", "STAFF", null, null);
        RawEvent b = new RawEvent("b", "", "EHR", "JOINED", "nope", "P", "STAFF", null, null);
        assertThat(EventValidation.validate(Arrays.asList(joined("ok"), a, null, b))).containsExactly(
                new FieldError(1, null, "eventId", "is required"),
                new FieldError(2, null, "event", "must be an event object"),
                new FieldError(3, "b", "meetingId", "must not be empty"),
                new FieldError(3, "b", "occurredAt", "must be an ISO-8601 UTC instant such as 2026-11-20T10:04:00Z"));
    }

    @Test
    void conflictsWithStoredMeetings() {
        RawEvent ehr = new RawEvent("e-2", "m-1", "EHR", "LEFT", "2026-11-20T10:30:00Z", "A", "ATTENDEE", null, null);
        RawEvent unknown = new RawEvent("e-3", "m-9", "EHR", "LEFT", "2026-11-20T10:30:00Z", "A", "ATTENDEE",
                null, null);
        List<FieldError> errors = EventValidation.conflictsWithStored(List.of(joined("e-1"), ehr, unknown),
                Map.of("m-1", MeetingType.BOOKINGS));
        assertThat(errors).containsExactly(new FieldError(1, "e-2", "meetingType",
                "must be BOOKINGS like the stored events of meeting m-1"));
    }

    @Test
    void toEventConvertsTypesAndNormalisesOptionalValues() {
        RawEvent raw = new RawEvent("e-1", "m-1", "EHR", "JOINED", "2026-11-20T10:04:00Z", "A", "STAFF",
                "  Cardiology ", "ON_DEMAND");
        assertThat(EventValidation.toEvent(raw)).isEqualTo(new MeetingEvent("e-1", "m-1", MeetingType.EHR,
                EventType.JOINED, Instant.parse("2026-11-20T10:04:00Z"), "A", ParticipantRole.STAFF,
                "Cardiology", AppointmentKind.ON_DEMAND));

        MeetingEvent blank = EventValidation.toEvent(with("department", "   "));
        assertThat(blank.department()).isNull();
        assertThat(blank.appointmentKind()).isNull();

        MeetingEvent end = EventValidation.toEvent(
                new RawEvent("e-9", "m-1", "EHR", "MEETING_ENDED", "2026-11-20T10:32:00Z", null, "", null, null));
        assertThat(end.participantId()).isNull();
        assertThat(end.role()).isNull();
    }

    @Test
    void toEventRefusesAnInvalidEvent() {
        assertThatThrownBy(() -> EventValidation.toEvent(with("role", "BOSS")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("role must be one of STAFF, ATTENDEE");
    }
}
