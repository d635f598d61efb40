package org.virtualvisits.analytics.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.virtualvisits.analytics.ApiTestSupport;
import org.virtualvisits.analytics.IntegrationTest;
import org.virtualvisits.analytics.organisation.Organisation;
import org.virtualvisits.analytics.security.ApiScope;

@IntegrationTest
class ReportApiTest extends ApiTestSupport {

    @Autowired
    MockMvc mvc;

    Organisation org;
    String token;

    @BeforeEach
    void seed() throws Exception {
        org = newOrganisation();
        token = fullToken(org);
        List<String> events = new ArrayList<>();
        // Three visits on 2026-11-20 (two Bookings, one EHR), one on 2026-11-22; none on the 21st.
        events.addAll(completed("B1", "BOOKINGS", "2026-11-20T09:00:00Z", 10, 2));
        events.addAll(completed("B2", "BOOKINGS", "2026-11-20T11:00:00Z", 30, null));
        events.addAll(completed("E1", "EHR", "2026-11-20T08:00:00Z", 20, 4));
        events.addAll(completed("B3", "BOOKINGS", "2026-11-22T23:58:00Z", 15, 1));
        mvc.perform(post("/api/v1/events").header("Authorization", "Bearer " + token)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"events\":[" + String.join(",", events) + "]}"))
                .andExpect(status().isAccepted());
        deriveQueuedVisits();
    }

    /** A visit that starts at {@code start} (+ wait), lasts {@code minutes}, with an optional lobby wait. */
    static List<String> completed(String meeting, String type, String start, int minutes, Integer waitMinutes) {
        java.time.Instant t0 = java.time.Instant.parse(start);
        java.time.Instant together = t0.plusSeconds(60L * (waitMinutes == null ? 0 : waitMinutes));
        java.time.Instant end = together.plusSeconds(60L * minutes);
        List<String> events = new ArrayList<>();
        events.add(ev(meeting, 1, type, "JOINED", t0, "S", "STAFF"));
        if (waitMinutes != null) {
            events.add(ev(meeting, 2, type, "LOBBY_JOINED", t0, "A", "ATTENDEE"));
            events.add(ev(meeting, 3, type, "ADMITTED", together, "A", "ATTENDEE"));
        }
        events.add(ev(meeting, 4, type, "JOINED", together, "A", "ATTENDEE"));
        events.add(ev(meeting, 5, type, "LEFT", end, "A", "ATTENDEE"));
        events.add(ev(meeting, 6, type, "LEFT", end, "S", "STAFF"));
        events.add(ev(meeting, 7, type, "MEETING_ENDED", end, null, null));
        return events;
    }

    static String ev(String meeting, int n, String type, String eventType, java.time.Instant at, String p, String role) {
        return """
                {"eventId":"%s-%d","meetingId":"%s","meetingType":"%s","type":"%s","occurredAt":"%s"%s}"""
                .formatted(meeting, n, meeting, type, eventType, at,
                        p == null ? "" : ",\"participantId\":\"%s\",\"role\":\"%s\"".formatted(p, role));
    }

    ResultActions getWith(String url, String bearer) throws Exception {
        return mvc.perform(get(url).header("Authorization", "Bearer " + bearer));
    }

    @Test
    void visitsAreOrderedByStartTimeAndPaged() throws Exception {
        getWith("/api/v1/visits?from=2026-11-20&to=2026-11-22&size=2", token)
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items", hasSize(2)))
                .andExpect(jsonPath("$.items[0].meetingId").value("E1"))
                .andExpect(jsonPath("$.items[1].meetingId").value("B1"))
                .andExpect(jsonPath("$.page").value(0))
                .andExpect(jsonPath("$.size").value(2))
                .andExpect(jsonPath("$.totalItems").value(4))
                .andExpect(jsonPath("$.totalPages").value(2));
        getWith("/api/v1/visits?from=2026-11-20&to=2026-11-22&size=2&page=1", token)
                .andExpect(jsonPath("$.items[0].meetingId").value("B2"))
                .andExpect(jsonPath("$.items[1].meetingId").value("B3"))
                .andExpect(jsonPath("$.items[1].lobbyWaitSeconds").value(60));
        getWith("/api/v1/visits?from=2026-11-20&to=2026-11-20&size=2", token)
                .andExpect(jsonPath("$.totalItems").value(3));
    }

    @Test
    void visitsCanBeFilteredByMeetingType() throws Exception {
        getWith("/api/v1/visits?from=2026-11-20&to=2026-11-22&type=EHR", token)
                .andExpect(jsonPath("$.items", hasSize(1)))
                .andExpect(jsonPath("$.items[0].meetingId").value("E1"))
                .andExpect(jsonPath("$.items[0].department").value(nullValue()))
                .andExpect(jsonPath("$.items[0].lobbyWaitSeconds").value(240));
    }

    @Test
    void dailySeriesHasEveryDayOfTheRangeWithAveragesAsDefined() throws Exception {
        getWith("/api/v1/daily?from=2026-11-20&to=2026-11-22", token)
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.days", hasSize(3)))
                .andExpect(jsonPath("$.days[0].date").value("2026-11-20"))
                .andExpect(jsonPath("$.days[0].total").value(3))
                .andExpect(jsonPath("$.days[0].bookings").value(2))
                .andExpect(jsonPath("$.days[0].ehr").value(1))
                .andExpect(jsonPath("$.days[0].avgDurationMinutes").value(20.0))
                .andExpect(jsonPath("$.days[0].avgLobbyWaitMinutes").value(3.0))
                .andExpect(jsonPath("$.days[1].date").value("2026-11-21"))
                .andExpect(jsonPath("$.days[1].total").value(0))
                .andExpect(jsonPath("$.days[1].avgDurationMinutes").value(nullValue()))
                .andExpect(jsonPath("$.days[1].avgLobbyWaitMinutes").value(nullValue()))
                .andExpect(jsonPath("$.days[2].total").value(1));
    }

    @Test
    void anotherOrganisationsTokenSeesNoneOfTheseVisits() throws Exception {
        String otherToken = fullToken(newOrganisation());
        getWith("/api/v1/visits?from=2026-11-20&to=2026-11-22", otherToken)
                .andExpect(jsonPath("$.totalItems").value(0));
        getWith("/api/v1/daily?from=2026-11-20&to=2026-11-20", otherToken)
                .andExpect(jsonPath("$.days[0].total").value(0));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "/api/v1/visits?from=2026-11-22&to=2026-11-20",
            "/api/v1/visits?from=20-11-2026&to=2026-11-22",
            "/api/v1/visits?to=2026-11-22",
            "/api/v1/visits?from=2026-11-20&to=2026-11-22&type=TEAMS",
            "/api/v1/visits?from=2026-11-20&to=2026-11-22&size=1001",
            "/api/v1/visits?from=2026-11-20&to=2026-11-22&size=0",
            "/api/v1/visits?from=2026-11-20&to=2026-11-22&page=-1",
            "/api/v1/visits?from=2026-11-20&to=2026-11-22&page=abc",
            "/api/v1/daily?from=2026-11-20",
            "/api/v1/daily?from=2020-01-01&to=2026-11-22",
            "/api/v1/daily?from=2026-02-30&to=2026-03-01",
    })
    void badParametersAnswer400WithAProblem(String url) throws Exception {
        getWith(url, token).andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").isNotEmpty());
    }

    @Test
    void readingNeedsTheReadScope() throws Exception {
        String writeOnly = tokenFor(org, EnumSet.of(ApiScope.EVENTS_WRITE));
        getWith("/api/v1/visits?from=2026-11-20&to=2026-11-22", writeOnly).andExpect(status().isForbidden());
        getWith("/api/v1/daily?from=2026-11-20&to=2026-11-22", writeOnly).andExpect(status().isForbidden());
        mvc.perform(get("/api/v1/daily?from=2026-11-20&to=2026-11-22")).andExpect(status().isUnauthorized());
    }

    @Test
    void theOpenApiDescriptionListsTheEndpoints() throws Exception {
        mvc.perform(get("/v3/api-docs")).andExpect(status().isOk())
                .andExpect(jsonPath("$.paths['/api/v1/events'].post").exists())
                .andExpect(jsonPath("$.paths['/api/v1/visits'].get").exists())
                .andExpect(jsonPath("$.paths['/api/v1/daily'].get").exists());
    }

    @Test
    void swaggerUiIsServedWithoutSigningIn() throws Exception {
        String page = mvc.perform(get("/swagger-ui.html")).andExpect(status().is3xxRedirection())
                .andReturn().getResponse().getRedirectedUrl();
        assertThat(page).endsWith("/swagger-ui/index.html");
        mvc.perform(get("/swagger-ui/index.html")).andExpect(status().isOk())
                .andExpect(content().string(containsString("Swagger UI")));
        mvc.perform(get("/v3/api-docs/swagger-config")).andExpect(status().isOk())
                .andExpect(jsonPath("$.url").value("/v3/api-docs"));
    }
}
