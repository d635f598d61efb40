package org.virtualvisits.analytics.teams;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Microsoft Graph v1.0 and its token endpoint, over real HTTP (WireMock), answering with the shapes of
 * the v1.0 reference (microsoft-graph-docs-contrib, api-reference/v1.0): collections as
 * {"@odata.context", "value", "@odata.nextLink"}, errors as {"error": {"code", "message", "innerError"}}.
 */
public final class GraphStandIn implements AutoCloseable {

    public static final String TENANT = "11111111-2222-3333-4444-555555555555";
    public static final String CLIENT = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee";
    public static final String SECRET = "s3cr3t~value";
    private static final ObjectMapper JSON = new ObjectMapper();

    final WireMockServer server = new WireMockServer(options().dynamicPort());

    public GraphStandIn() {
        server.start();
    }

    public String url() {
        return "http://localhost:" + server.port();
    }

    public GraphConnection connection() {
        return new GraphConnection(url(), url(), TENANT, CLIENT, SECRET);
    }

    public void reset() {
        server.resetAll();
    }

    @Override
    public void close() {
        server.stop();
    }

    /** The token endpoint, as Entra ID answers a client-credentials request. */
    public void token(String accessToken, int expiresIn) {
        server.stubFor(post(urlPathEqualTo("/" + TENANT + "/oauth2/v2.0/token"))
                .willReturn(okJson(json(obj("token_type", "Bearer", "expires_in", expiresIn,
                        "ext_expires_in", expiresIn, "access_token", accessToken)))));
    }

    /** A collection in one page. */
    public void list(String path, List<?> items) {
        pages(path, List.of(items));
    }

    /** A collection in several pages, linked by @odata.nextLink (a $skiptoken, as Graph does). */
    public void pages(String path, List<? extends List<?>> pages) {
        for (int i = 0; i < pages.size(); i++) {
            Map<String, Object> body = obj("@odata.context", "https://graph.microsoft.com/v1.0/$metadata#" + path,
                    "value", pages.get(i));
            if (i + 1 < pages.size()) {
                body.put("@odata.nextLink", url() + "/v1.0/" + path + "?$skiptoken=page" + (i + 1));
            }
            MappingBuilder request = get(urlPathEqualTo("/v1.0/" + path));
            request = i == 0 ? request.withQueryParam("$skiptoken", absent())
                    : request.withQueryParam("$skiptoken", equalTo("page" + i));
            server.stubFor(request.willReturn(okJson(json(body))));
        }
    }

    /** GET {userPath}/onlineMeetings?$filter=JoinWebUrl eq '{joinWebUrl}': the meeting, or none. */
    public void meetingLookup(String userPath, String joinWebUrl, Map<String, Object> meeting) {
        server.stubFor(get(urlPathEqualTo("/v1.0/" + userPath + "/onlineMeetings"))
                .withQueryParam("$filter", equalTo("JoinWebUrl eq '" + joinWebUrl.replace("'", "''") + "'"))
                .willReturn(okJson(json(obj("value", meeting == null ? List.of() : List.of(meeting))))));
    }

    /** Graph's error document with the given status. */
    public void error(String path, int status, String code, String message) {
        server.stubFor(get(urlPathEqualTo("/v1.0/" + path)).willReturn(aResponse().withStatus(status)
                .withHeader("Content-Type", "application/json").withBody(errorBody(code, message))));
    }

    public static String errorBody(String code, String message) {
        return json(obj("error", obj("code", code, "message", message, "innerError",
                obj("date", "2026-12-01T10:00:00", "request-id", "0f0e-1", "client-request-id", "0f0e-1"))));
    }

    // --- documented resources ---

    public static Map<String, Object> business(String id, String displayName) {
        return obj("id", id, "displayName", displayName, "businessType", "Clinic", "email", id,
                "isPublished", true, "defaultCurrencyIso", "USD");
    }

    public static Map<String, Object> staff(String id, String email, String name) {
        return obj("@odata.type", "#microsoft.graph.bookingStaffMember", "id", id, "displayName", name,
                "emailAddress", email, "role", "administrator", "useBusinessHours", true);
    }

    public static Map<String, Object> appointment(String id, String start, String end, String joinWebUrl, boolean sms,
                                           String created, List<String> staffIds) {
        return obj("id", id, "selfServiceAppointmentId", "00000000-0000-0000-0000-000000000000",
                "isLocationOnline", joinWebUrl != null, "joinWebUrl", joinWebUrl, "anonymousJoinWebUrl", null,
                "customers", List.of(obj("@odata.type", "#microsoft.graph.bookingCustomerInformation",
                        "customerId", "cust-" + id, "name", "Adele Vance", "emailAddress", "adelev@proseware.com",
                        "smsNotificationsEnabled", sms)),
                "customerTimeZone", "America/Chicago", "smsNotificationsEnabled", sms,
                "serviceId", "57da6774-a087-4d69-b0e6-6fb82c339976", "serviceName", "Follow-up consultation",
                "duration", "PT30M", "createdDateTime", created, "staffMemberIds", staffIds,
                "start", obj("dateTime", start, "timeZone", "UTC"), "end", obj("dateTime", end, "timeZone", "UTC"),
                "reminders", List.of());
    }

    public static Map<String, Object> meeting(String id, String joinWebUrl) {
        return obj("id", id, "joinWebUrl", joinWebUrl, "subject", "Follow-up consultation",
                "creationDateTime", "2026-11-01T08:00:00Z");
    }

    public static Map<String, Object> report(String id, String start, String end, int participants) {
        return obj("id", id, "totalParticipantCount", participants, "meetingStartDateTime", start,
                "meetingEndDateTime", end, "attendanceRecords", List.of());
    }

    public static Map<String, Object> record(String identityId, String email, String role, List<?> intervals) {
        return obj("emailAddress", email, "totalAttendanceInSeconds", 0, "role", role,
                "identity", identityId == null ? null : obj("id", identityId, "displayName", "Person " + identityId,
                        "tenantId", null),
                "attendanceIntervals", intervals);
    }

    public static Map<String, Object> interval(String join, String leave) {
        return obj("joinDateTime", join, "leaveDateTime", leave, "durationInSeconds", 0);
    }

    public static Map<String, Object> obj(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    public static <T> List<T> listOf(List<T> items) {
        return new ArrayList<>(items);
    }

    public static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
