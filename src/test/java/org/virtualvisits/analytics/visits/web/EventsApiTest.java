package org.virtualvisits.analytics.visits.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.virtualvisits.analytics.ApiTestSupport;
import org.virtualvisits.analytics.IntegrationTest;
import org.virtualvisits.analytics.organisation.Organisation;
import org.virtualvisits.analytics.security.ApiScope;

@IntegrationTest
class EventsApiTest extends ApiTestSupport {

    @Autowired
    MockMvc mvc;

    Organisation org;
    String token;

    @BeforeEach
    void newOrganisationAndToken() {
        org = newOrganisation();
        token = fullToken(org);
    }

    static String event(String id, String meeting, String type, String at, String participant, String role) {
        return """
                {"eventId":"%s","meetingId":"%s","meetingType":"BOOKINGS","type":"%s","occurredAt":"%s"%s}"""
                .formatted(id, meeting, type, at, participant == null ? ""
                        : ",\"participantId\":\"%s\",\"role\":\"%s\"".formatted(participant, role));
    }

    /** The first worked example of PRODUCT.md §2, as separate events. */
    static List<String> workedExample(String meeting) {
        return List.of(
                event(meeting + "-1", meeting, "JOINED", "2026-11-20T10:00:00Z", "S", "STAFF"),
                event(meeting + "-2", meeting, "LOBBY_JOINED", "2026-11-20T10:01:00Z", "A", "ATTENDEE"),
                event(meeting + "-3", meeting, "ADMITTED", "2026-11-20T10:04:00Z", "A", "ATTENDEE"),
                event(meeting + "-4", meeting, "JOINED", "2026-11-20T10:04:00Z", "A", "ATTENDEE"),
                event(meeting + "-5", meeting, "LEFT", "2026-11-20T10:30:00Z", "S", "STAFF"),
                event(meeting + "-6", meeting, "LEFT", "2026-11-20T10:31:00Z", "A", "ATTENDEE"),
                event(meeting + "-7", meeting, "MEETING_ENDED", "2026-11-20T10:32:00Z", null, null),
                event(meeting + "-8", meeting, "SMS_SENT", "2026-11-20T09:00:00Z", "A", "ATTENDEE"));
    }

    static String batch(List<String> events) {
        return "{\"events\":[" + String.join(",", events) + "]}";
    }

    ResultActions send(String body) throws Exception {
        return send(body, token);
    }

    ResultActions send(String body, String bearer) throws Exception {
        var request = post("/api/v1/events").contentType(MediaType.APPLICATION_JSON).content(body);
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return mvc.perform(request);
    }

    @Test
    void aValidBatchIsAcceptedAndItsVisitIsDerived() throws Exception {
        send(batch(workedExample("M1"))).andExpect(status().isAccepted())
                .andExpect(jsonPath("$.accepted").value(8)).andExpect(jsonPath("$.duplicates").value(0));
        deriveQueuedVisits();

        mvc.perform(get("/api/v1/visits?from=2026-11-20&to=2026-11-20").header("Authorization", "Bearer " + token))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items", hasSize(1)))
                .andExpect(jsonPath("$.items[0].meetingId").value("M1"))
                .andExpect(jsonPath("$.items[0].meetingType").value("BOOKINGS"))
                .andExpect(jsonPath("$.items[0].startTime").value("2026-11-20T10:04:00Z"))
                .andExpect(jsonPath("$.items[0].lobbyWaitSeconds").value(180))
                .andExpect(jsonPath("$.items[0].durationSeconds").value(27 * 60))
                .andExpect(jsonPath("$.items[0].status").value("COMPLETED"))
                .andExpect(jsonPath("$.items[0].participants").value(2))
                .andExpect(jsonPath("$.items[0].smsSent").value(true))
                .andExpect(jsonPath("$.items[0].appointmentKind").value("SCHEDULED"))
                .andExpect(jsonPath("$.totalItems").value(1));
    }

    @Test
    void repeatedEventsAreCountedAsDuplicatesAndNotStoredTwice() throws Exception {
        List<String> first = new ArrayList<>(workedExample("M2"));
        first.add(3, first.get(5)); // a repeat inside a batch of new events
        first.add(first.get(0));
        send(batch(first)).andExpect(status().isAccepted())
                .andExpect(jsonPath("$.accepted").value(8)).andExpect(jsonPath("$.duplicates").value(2));
        List<String> again = new ArrayList<>(workedExample("M2"));
        again.add(again.get(0)); // also repeated inside the batch
        send(batch(again)).andExpect(status().isAccepted())
                .andExpect(jsonPath("$.accepted").value(0)).andExpect(jsonPath("$.duplicates").value(9));
        assertThat(storedEvents(org)).isEqualTo(8);
    }

    @Test
    void lateAndOutOfOrderDeliveryGivesTheSameVisit() throws Exception {
        List<String> events = new ArrayList<>(workedExample("M3"));
        Collections.shuffle(events, new Random(7));
        send(batch(events.subList(0, 3))).andExpect(status().isAccepted());
        send(batch(events.subList(3, 8))).andExpect(status().isAccepted());
        deriveQueuedVisits();

        mvc.perform(get("/api/v1/visits?from=2026-11-20&to=2026-11-20").header("Authorization", "Bearer " + token))
                .andExpect(jsonPath("$.items[0].startTime").value("2026-11-20T10:04:00Z"))
                .andExpect(jsonPath("$.items[0].lobbyWaitSeconds").value(180))
                .andExpect(jsonPath("$.items[0].durationSeconds").value(1620))
                .andExpect(jsonPath("$.items[0].status").value("COMPLETED"));
    }

    @Test
    void aBatchWithOneInvalidEventIsRefusedWholeNamingTheEventAndField() throws Exception {
        List<String> events = new ArrayList<>(workedExample("M4"));
        events.set(2, event("M4-3", "M4", "ADMITTED", "yesterday at ten", "A", "ATTENDEE"));
        events.set(5, event("M4-6", "M4", "WAVED", "2026-11-20T10:31:00Z", "A", "ATTENDEE"));

        send(batch(events)).andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(400))
                .andExpect(jsonPath("$.errors", hasSize(2)))
                .andExpect(jsonPath("$.errors[0].index").value(2))
                .andExpect(jsonPath("$.errors[0].eventId").value("M4-3"))
                .andExpect(jsonPath("$.errors[0].field").value("occurredAt"))
                .andExpect(jsonPath("$.errors[1].index").value(5))
                .andExpect(jsonPath("$.errors[1].field").value("type"));
        assertThat(storedEvents(org)).isZero();
        assertThat(storedVisits(org)).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "missing eventId | {\"events\":[{\"meetingId\":\"m\",\"meetingType\":\"EHR\",\"type\":\"JOINED\",\"occurredAt\":\"2026-11-20T10:00:00Z\",\"participantId\":\"p\",\"role\":\"STAFF\"}]} | eventId",
            "number as id | {\"events\":[{\"eventId\":12,\"meetingId\":\"m\",\"meetingType\":\"EHR\",\"type\":\"JOINED\",\"occurredAt\":\"2026-11-20T10:00:00Z\",\"participantId\":\"p\",\"role\":\"STAFF\"}]} | eventId",
            "unknown meeting type | {\"events\":[{\"eventId\":\"e\",\"meetingId\":\"m\",\"meetingType\":\"TEAMS\",\"type\":\"JOINED\",\"occurredAt\":\"2026-11-20T10:00:00Z\",\"participantId\":\"p\",\"role\":\"STAFF\"}]} | meetingType",
            "unknown role | {\"events\":[{\"eventId\":\"e\",\"meetingId\":\"m\",\"meetingType\":\"EHR\",\"type\":\"JOINED\",\"occurredAt\":\"2026-11-20T10:00:00Z\",\"participantId\":\"p\",\"role\":\"NURSE\"}]} | role",
            "missing participant | {\"events\":[{\"eventId\":\"e\",\"meetingId\":\"m\",\"meetingType\":\"EHR\",\"type\":\"JOINED\",\"occurredAt\":\"2026-11-20T10:00:00Z\",\"role\":\"STAFF\"}]} | participantId",
            "timestamp without zone | {\"events\":[{\"eventId\":\"e\",\"meetingId\":\"m\",\"meetingType\":\"EHR\",\"type\":\"JOINED\",\"occurredAt\":\"2026-11-20T10:00:00\",\"participantId\":\"p\",\"role\":\"STAFF\"}]} | occurredAt",
            "year 300000 | {\"events\":[{\"eventId\":\"e\",\"meetingId\":\"m\",\"meetingType\":\"EHR\",\"type\":\"JOINED\",\"occurredAt\":\"+300000-01-01T00:00:00Z\",\"participantId\":\"p\",\"role\":\"STAFF\"}]} | occurredAt",
            "before 1970 | {\"events\":[{\"eventId\":\"e\",\"meetingId\":\"m\",\"meetingType\":\"EHR\",\"type\":\"JOINED\",\"occurredAt\":\"1582-10-10T00:00:00Z\",\"participantId\":\"p\",\"role\":\"STAFF\"}]} | occurredAt",
            "empty meeting id | {\"events\":[{\"eventId\":\"e\",\"meetingId\":\"  \",\"meetingType\":\"EHR\",\"type\":\"JOINED\",\"occurredAt\":\"2026-11-20T10:00:00Z\",\"participantId\":\"p\",\"role\":\"STAFF\"}]} | meetingId",
            "event not an object | {\"events\":[42]} | event",
            "object as department | {\"events\":[{\"eventId\":\"e\",\"meetingId\":\"m\",\"meetingType\":\"EHR\",\"type\":\"JOINED\",\"occurredAt\":\"2026-11-20T10:00:00Z\",\"participantId\":\"p\",\"role\":\"STAFF\",\"department\":{}}]} | department",
    })
    void invalidFieldsAnswer400NamingTheField(String name, String body, String field) throws Exception {
        send(body).andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[0].index").value(0))
                .andExpect(jsonPath("$.errors[0].field").value(field));
        assertThat(storedEvents(org)).isZero();
    }

    @Test
    void overLongIdentifiersAreRefused() throws Exception {
        String longId = "x".repeat(201);
        send(batch(List.of(event(longId, "m", "JOINED", "2026-11-20T10:00:00Z", "p", "STAFF"))))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("eventId"))
                .andExpect(jsonPath("$.errors[0].message", containsString("200")));
        send(batch(List.of(event("e-200", "x".repeat(200), "JOINED", "2026-11-20T10:00:00Z", "p", "STAFF"))))
                .andExpect(status().isAccepted());
    }

    @Test
    void theNulCharacterIsRefusedAndNothingIsStored() throws Exception {
        send(batch(List.of(event("ok", "m", "JOINED", "2026-11-20T10:00:00Z", "p", "STAFF"),
                event("bad\\u0000id", "m", "JOINED", "2026-11-20T10:00:00Z", "q", "ATTENDEE"))))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].index").value(1))
                .andExpect(jsonPath("$.errors[0].field").value("eventId"))
                .andExpect(jsonPath("$.errors[0].message", containsString("control characters (U+0000")));
        assertThat(storedEvents(org)).isZero();
    }

    @Test
    void identifiersWithBackslashesQuotesAndAccentsAreStoredExactly() throws Exception {
        // JSON escapes: a backslash, a double quote; then what an array literal would have to quote (the
        // word NULL, a comma, braces); then non-ASCII text, one character outside the Basic Multilingual
        // Plane among it (the events travel to PostgreSQL in COPY's binary format, UTF-8 encoded by the
        // app). Control characters (tab, CR, LF) are refused: EventsApiStrictInputTest.
        String meeting = "m 1\\\\x y z \\\"NULL\\\",{}";
        String department = "Cardiologie pédiatrique \\\\N ✓ \uD83E\uDE7A"; // the last: U+1FA7A, a surrogate pair
        List<String> events = new ArrayList<>();
        for (String e : workedExample("unused")) {
            events.add(e.replace("}", ",\"department\":\"" + department + "\"}")
                    .replace("\"meetingId\":\"unused\"", "\"meetingId\":\"" + meeting + "\"")
                    .replace("\"eventId\":\"unused-", "\"eventId\":\"\\\\N "));
        }
        send(batch(events)).andExpect(status().isAccepted()).andExpect(jsonPath("$.accepted").value(8));
        send(batch(events)).andExpect(status().isAccepted()).andExpect(jsonPath("$.duplicates").value(8));
        deriveQueuedVisits();

        assertThat(jdbc.sql("select distinct meeting_id from meeting_event where organisation_id = :org")
                .param("org", org.id()).query(String.class).list()).containsExactly("m 1\\x y z \"NULL\",{}");
        assertThat(jdbc.sql("select event_id from meeting_event where organisation_id = :org order by 1")
                .param("org", org.id()).query(String.class).list()).first().isEqualTo("\\N 1");
        mvc.perform(get("/api/v1/visits?from=2026-11-20&to=2026-11-20").header("Authorization", "Bearer " + token))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items[0].meetingId").value("m 1\\x y z \"NULL\",{}"))
                .andExpect(jsonPath("$.items[0].department").value("Cardiologie pédiatrique \\N ✓ \uD83E\uDE7A"))
                .andExpect(jsonPath("$.items[0].status").value("COMPLETED"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "an ordinary minute          | 2026-11-20T10:04:00Z                | 2026-11-20T10:04:00Z",
            "microseconds                | 2026-11-20T10:04:00.123456Z         | 2026-11-20T10:04:00.123456Z",
            "an offset, converted to UTC | 2026-11-20T11:04:00+01:00           | 2026-11-20T10:04:00Z",
            "the first second of 1970    | 1970-01-01T00:00:00Z                | 1970-01-01T00:00:00Z",
            "before 2000, with a fraction| 1999-12-31T23:59:59.123456Z         | 1999-12-31T23:59:59.123456Z",
            "before 2000, rounded up     | 1985-06-30T23:59:59.9999996Z        | 1985-07-01T00:00:00Z",
            "the last microsecond of 9999| 9999-12-31T23:59:59.999999Z         | 9999-12-31T23:59:59.999999Z",
            "nanoseconds, rounded        | 2026-11-20T10:04:00.123456789Z      | 2026-11-20T10:04:00.123457Z",
            "nanoseconds, rounded up     | 2026-11-20T10:04:59.9999995Z        | 2026-11-20T10:05:00Z"})
    void instantsAreStoredAsSentToTheMicrosecond(String name, String sent, String stored) throws Exception {
        // Two events, so that an instant of one form and an ordinary one share a batch.
        send(batch(List.of(event("t-1", "T", "JOINED", sent, "S", "STAFF"),
                event("t-2", "T", "LEFT", "2026-11-20T10:05:00Z", "S", "STAFF"))))
                .andExpect(status().isAccepted());

        assertThat(jdbc.sql("select occurred_at from meeting_event where organisation_id = :org and event_id = 't-1'")
                .param("org", org.id()).query(java.sql.Timestamp.class).single().toInstant())
                .isEqualTo(java.time.Instant.parse(stored));
    }

    @Test
    void unknownFieldsAnywhereAreIgnored() throws Exception {
        List<String> events = new ArrayList<>();
        for (String e : workedExample("M-extra")) {
            events.add(e.replace("}", ",\"extra\":{\"nested\":[1,{\"deeper\":true}],\"n\":null}}"));
        }
        send("{\"source\":{\"system\":\"EHR-x\",\"ids\":[1,2,3]}," + batch(events).substring(1, batch(events).length() - 1)
                + ",\"trailer\":[]}")
                .andExpect(status().isAccepted()).andExpect(jsonPath("$.accepted").value(8));
        deriveQueuedVisits();
        assertThat(storedVisits(org)).isEqualTo(1);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "not JSON | {\"events\": [",
            "array body | []",
            "no events | {\"items\":[]}",
            "events not an array | {\"events\":{}}",
            "empty body | ' '",
            "events null | {\"events\":null}",
            "broken JSON inside an unknown field | {\"meta\":{\"a\":[1,}, \"events\":[]}",
            "unterminated event | {\"events\":[{\"eventId\":\"e\"",
            "a string body | \"events\"",
    })
    void malformedBodiesAnswer400(String name, String body) throws Exception {
        send(body).andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").isNotEmpty());
    }

    @Test
    void aMeetingTypeThatDisagreesWithStoredEventsIsRefused() throws Exception {
        send(batch(List.of(event("t-1", "MT", "JOINED", "2026-11-20T10:00:00Z", "S", "STAFF"))))
                .andExpect(status().isAccepted());
        String ehrEvent = event("t-2", "MT", "LEFT", "2026-11-20T10:10:00Z", "S", "STAFF")
                .replace("BOOKINGS", "EHR");
        send(batch(List.of(event("t-3", "OTHER", "JOINED", "2026-11-20T10:00:00Z", "S", "STAFF"), ehrEvent)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].index").value(1))
                .andExpect(jsonPath("$.errors[0].field").value("meetingType"));
        assertThat(storedEvents(org)).isEqualTo(1);
    }

    @Test
    void tooManyEventsInOneBatchAreRefused() throws Exception {
        List<String> events = new ArrayList<>();
        for (int i = 0; i < 10_001; i++) {
            events.add(event("big-" + i, "BIG-" + (i / 10), "SMS_SENT", "2026-11-20T10:00:00Z", "A", "ATTENDEE"));
        }
        send(batch(events)).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail", containsString("10000")));
        assertThat(storedEvents(org)).isZero();
    }

    @Test
    void exactlyTenThousandEventsInOneBatchAreAccepted() throws Exception {
        List<String> events = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            events.add(event("max-" + i, "MAX-" + (i / 10), "SMS_SENT", "2026-11-20T10:00:00Z", "A", "ATTENDEE"));
        }
        send(batch(events)).andExpect(status().isAccepted())
                .andExpect(jsonPath("$.accepted").value(10_000))
                .andExpect(jsonPath("$.duplicates").value(0));
        assertThat(storedEvents(org)).isEqualTo(10_000);
    }

    @Test
    void aBodyOver10MegabytesAnswers413() throws Exception {
        String padding = " ".repeat(10 * 1024 * 1024);
        send("{\"events\":[]" + padding + "}").andExpect(status().isPayloadTooLarge())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
    }

    @Test
    void analyticsOffAnswers409AndStoresNothing() throws Exception {
        organisations.setAnalyticsEnabled(org.id(), false);
        send(batch(workedExample("OFF"))).andExpect(status().isConflict())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail", containsString("switched off")));
        assertThat(storedEvents(org)).isZero();
        organisations.setAnalyticsEnabled(org.id(), true);
        send(batch(workedExample("OFF"))).andExpect(status().isAccepted());
    }

    @Test
    void missingOrUnknownTokensAnswer401() throws Exception {
        send(batch(workedExample("A1")), null).andExpect(status().isUnauthorized())
                .andExpect(header().string("WWW-Authenticate", "Bearer"))
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
        send(batch(workedExample("A1")), "vva_not-a-real-token-at-all-0000000000000")
                .andExpect(status().isUnauthorized());
        assertThat(storedEvents(org)).isZero();
    }

    @Test
    void aRevokedTokenAnswers401() throws Exception {
        long id = apiTokens.findByOrganisation(org.id()).get(0).id();
        apiTokens.revoke(org.id(), id);
        send(batch(workedExample("R1"))).andExpect(status().isUnauthorized());
    }

    @Test
    void aTokenWithoutTheWriteScopeAnswers403() throws Exception {
        String readOnly = tokenFor(org, EnumSet.of(ApiScope.REPORT_READ));
        send(batch(workedExample("S1")), readOnly).andExpect(status().isForbidden())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
        assertThat(storedEvents(org)).isZero();
    }
}
