package org.virtualvisits.analytics.visits.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
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

/** Nothing a client sends is changed silently: what cannot be stored exactly is refused, naming where. */
@IntegrationTest
class EventsApiStrictInputTest extends ApiTestSupport {

    @Autowired
    MockMvc mvc;

    Organisation org;
    String token;

    @BeforeEach
    void newOrganisationAndToken() {
        org = newOrganisation();
        token = fullToken(org);
    }

    private ResultActions send(byte[] body, String contentType) throws Exception {
        return mvc.perform(post("/api/v1/events").header("Authorization", "Bearer " + token)
                .header("Content-Type", contentType).content(body));
    }

    private ResultActions send(String body) throws Exception {
        return send(body.getBytes(StandardCharsets.UTF_8), MediaType.APPLICATION_JSON_VALUE);
    }

    private static String event(String id, String extra) {
        return "{\"eventId\":\"" + id + "\",\"meetingId\":\"m-" + id + "\",\"meetingType\":\"BOOKINGS\","
                + "\"type\":\"JOINED\",\"occurredAt\":\"2026-11-20T10:00:00Z\",\"participantId\":\"s\","
                + "\"role\":\"STAFF\"" + extra + "}";
    }

    /** The bytes of {"events":[ok, <an event whose department holds the raw bytes>]}. */
    private static byte[] withRawDepartment(byte[] raw) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(("{\"events\":[" + event("ok", "") + ",").getBytes(StandardCharsets.UTF_8));
        out.writeBytes(event("bad", ",\"department\":\"a").getBytes(StandardCharsets.UTF_8));
        out.writeBytes(raw);
        out.writeBytes("b\"}]}".getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    @ParameterizedTest(name = "bytes {0}")
    @ValueSource(strings = {"C0AF", "FF", "80", "EDA080", "E282", "F4908080"})
    void invalidUtf8IsRefusedNotReplaced(String hex) throws Exception {
        byte[] raw = java.util.HexFormat.of().parseHex(hex);
        send(withRawDepartment(raw), MediaType.APPLICATION_JSON_VALUE).andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail", containsString("not valid UTF-8")));
        assertThat(storedEvents(org)).isZero();
    }

    @Test
    void validUtf8InEveryPlaneIsStoredExactly() throws Exception {
        String department = "Cardiología 心臓 \uD83E\uDEC0"; // a character outside the BMP, as a surrogate pair
        send("{\"events\":[" + event("ok", ",\"department\":\"" + department + "\"") + "]}")
                .andExpect(status().isAccepted());
        assertThat(jdbc.sql("select department from meeting_event where organisation_id = :org")
                .param("org", org.id()).query(String.class).single()).isEqualTo(department);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"\\u0001", "\\r\\n", "\\t", "\\u007f", "\\u0085", "\\ud800", "\\udc00x",
        "x\\ud83e"})
    void controlCharactersAndLoneSurrogatesAreRefusedNamingTheEventAndField(String escaped) throws Exception {
        send("{\"events\":[" + event("ok", "") + "," + event("bad", ",\"department\":\"a" + escaped + "b\"") + "]}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].index").value(1))
                .andExpect(jsonPath("$.errors[0].eventId").value("bad"))
                .andExpect(jsonPath("$.errors[0].field").value("department"));
        assertThat(storedEvents(org)).isZero();
    }

    @Test
    void aControlCharacterInAnIdIsRefusedToo() throws Exception {
        send("{\"events\":[" + event("a\\nb", "") + "]}").andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("eventId"))
                .andExpect(jsonPath("$.errors[0].message", containsString("control characters")));
    }

    @Test
    void aSecondEventsFieldIsRefusedInsteadOfReplacingTheFirst() throws Exception {
        send("{\"events\":[" + event("one", "") + "],\"events\":[]}").andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail", containsString("\"events\" twice")));
        assertThat(storedEvents(org)).isZero();
    }

    @Test
    void aFieldTwiceInAnEventIsRefusedNamingTheEventAndField() throws Exception {
        send("{\"events\":[" + event("dup", ",\"department\":\"A\",\"department\":\"B\"") + "]}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].index").value(0))
                .andExpect(jsonPath("$.errors[0].eventId").value("dup"))
                .andExpect(jsonPath("$.errors[0].field").value("department"))
                .andExpect(jsonPath("$.errors[0].message", containsString("more than once")));
        assertThat(storedEvents(org)).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {" x", "{}", " {\"events\":[]}", "]", " // comment"})
    void anythingAfterTheOneJsonDocumentIsRefused(String trailing) throws Exception {
        send("{\"events\":[" + event("one", "") + "]}" + trailing).andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
        assertThat(storedEvents(org)).isZero();
    }

    @Test
    void trailingWhitespaceAndAByteOrderMarkAreFine() throws Exception {
        send("\uFEFF{\"events\":[" + event("one", "") + "]}\r\n  \n").andExpect(status().isAccepted());
        assertThat(storedEvents(org)).isEqualTo(1);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"text/plain", "application/x-www-form-urlencoded", "application/json;charset=UTF-16",
        "application/json; charset=ISO-8859-1", "application/xml", "not a media type"})
    void anyContentTypeButJsonInUtf8Answers415(String contentType) throws Exception {
        send(("{\"events\":[" + event("one", "") + "]}").getBytes(StandardCharsets.UTF_8), contentType)
                .andExpect(status().isUnsupportedMediaType())
                .andExpect(header().string("Accept-Post", "application/json"))
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
        assertThat(storedEvents(org)).isZero();
    }

    @Test
    void jsonWithAUtf8CharsetIsAccepted() throws Exception {
        for (String type : List.of("application/json;charset=UTF-8", "application/json; charset=utf-8")) {
            send(("{\"events\":[" + event("cs-" + type.length(), "") + "]}").getBytes(StandardCharsets.UTF_8), type)
                    .andExpect(status().isAccepted());
        }
    }

    @Test
    void aMissingContentTypeAnswers415() throws Exception {
        mvc.perform(post("/api/v1/events").header("Authorization", "Bearer " + token)
                        .content("{\"events\":[]}"))
                .andExpect(status().isUnsupportedMediaType());
    }
}
