package org.virtualvisits.analytics.base.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.RequestBuilder;
import org.virtualvisits.analytics.ApiTestSupport;
import org.virtualvisits.analytics.IntegrationTest;
import org.virtualvisits.analytics.TestDatabaseOutage;

/** Everything under /api/ answers a problem document: never a redirect to the sign-in page, never HTML. */
@IntegrationTest
class ApiErrorResponsesTest extends ApiTestSupport {

    @Autowired
    MockMvc mvc;
    @Autowired
    TestDatabaseOutage outage;

    String token;

    @BeforeEach
    void token() {
        token = fullToken(newOrganisation());
    }

    @AfterEach
    void databaseBack() {
        outage.end();
    }

    private MvcResult problem(RequestBuilder request, int status) throws Exception {
        MvcResult result = mvc.perform(request).andExpect(status().is(status))
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(status)).andReturn();
        assertThat(result.getResponse().getRedirectedUrl()).isNull();
        return result;
    }

    @Test
    void aWrongMethodAnswers405WithAllow() throws Exception {
        problem(put("/api/v1/events").header("Authorization", "Bearer " + token), 405);
        MvcResult events = problem(delete("/api/v1/events").header("Authorization", "Bearer " + token), 405);
        assertThat(events.getResponse().getHeader("Allow")).isEqualTo("POST");
        MvcResult visits = problem(post("/api/v1/visits").header("Authorization", "Bearer " + token)
                .contentType(MediaType.APPLICATION_JSON).content("{}"), 405);
        assertThat(visits.getResponse().getHeader("Allow")).contains("GET");
        problem(patch("/api/v1/daily").header("Authorization", "Bearer " + token), 405);
    }

    @Test
    void aPathTheApiDoesNotHaveAnswers404WithOrWithoutAToken() throws Exception {
        problem(get("/api/v1/nothing-here").header("Authorization", "Bearer " + token), 404);
        problem(get("/api/v2/visits"), 404);
        problem(post("/api/v1/events/extra").header("Authorization", "Bearer " + token), 404);
        mvc.perform(get("/api/v1/nothing-here")).andExpect(jsonPath("$.detail").value(
                "There is no API endpoint at /api/v1/nothing-here."));
    }

    @Test
    void aMethodTheFirewallRefusesIsA405ProblemToo() throws Exception {
        MvcResult result = problem(request(HttpMethod.valueOf("FOO"), "/api/v1/events")
                .header("Authorization", "Bearer " + token), 405);
        assertThat(result.getResponse().getHeader("Allow")).isEqualTo("GET, POST");
    }

    @Test
    void aQueryParameterGivenTwiceIsRefusedNotGuessed() throws Exception {
        MvcResult result = problem(get("/api/v1/daily?from=2026-11-20&from=2026-11-21&to=2026-11-22")
                .header("Authorization", "Bearer " + token), 400);
        assertThat(result.getResponse().getContentAsString()).contains("'from' is given more than once");
    }

    @Test
    void aBatchWhoseAnswerTheClientCannotReadIsRefusedBeforeAnythingIsStored() throws Exception {
        var org = newOrganisation();
        String writer = fullToken(org);
        problem(post("/api/v1/events").header("Authorization", "Bearer " + writer).accept(MediaType.TEXT_HTML)
                .contentType(MediaType.APPLICATION_JSON).content("{\"events\":[{\"eventId\":\"acc-1\","
                        + "\"meetingId\":\"m\",\"meetingType\":\"BOOKINGS\",\"type\":\"JOINED\","
                        + "\"occurredAt\":\"2026-11-20T10:00:00Z\",\"participantId\":\"s\",\"role\":\"STAFF\"}]}"), 406);
        assertThat(storedEvents(org)).isZero();
    }

    @Test
    void answersWrittenBeforeTheSecurityChainCarryItsHeaders() throws Exception {
        mvc.perform(get("/api/v1/nothing-here")).andExpect(header().string("X-Content-Type-Options", "nosniff"))
                .andExpect(header().string("Cache-Control", "no-store"));
    }

    @Test
    void aCommitOrRollbackThatFailsWithTheConnectionIsA503() {
        var answer = new ApiProblems().databaseUnavailable(new TransactionSystemException("JDBC rollback failed"),
                new MockHttpServletRequest("POST", "/api/v1/events"));
        assertThat(answer.getStatusCode().value()).isEqualTo(503);
        assertThat(answer.getHeaders().getFirst("Retry-After")).isEqualTo("5");
    }

    @Test
    void anAcceptHeaderTheApiCannotServeAnswers406() throws Exception {
        problem(get("/api/v1/visits?from=2026-11-20&to=2026-11-20").header("Authorization", "Bearer " + token)
                .accept(MediaType.TEXT_HTML), 406);
    }

    @Test
    void whileTheDatabaseIsUnreachableTheApiAnswers503WithRetryAfter() throws Exception {
        outage.begin();
        // The token cannot even be checked.
        mvc.perform(post("/api/v1/events").header("Authorization", "Bearer " + token)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"events\":[]}"))
                .andExpect(status().isServiceUnavailable())
                .andExpect(header().string("Retry-After", "5"))
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
        mvc.perform(get("/api/v1/daily?from=2026-11-20&to=2026-11-20").header("Authorization", "Bearer " + token))
                .andExpect(status().isServiceUnavailable()).andExpect(header().string("Retry-After", "5"));
        mvc.perform(get("/actuator/health")).andExpect(status().isServiceUnavailable())
                .andExpect(jsonPath("$.status").value("DOWN"));

        outage.end();
        mvc.perform(get("/api/v1/daily?from=2026-11-20&to=2026-11-20").header("Authorization", "Bearer " + token))
                .andExpect(status().isOk());
        mvc.perform(get("/actuator/health")).andExpect(status().isOk()).andExpect(jsonPath("$.status").value("UP"));
    }
}
