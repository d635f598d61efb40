package org.virtualvisits.analytics.teams;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.virtualvisits.analytics.teams.GraphStandIn.business;
import static org.virtualvisits.analytics.teams.GraphStandIn.json;
import static org.virtualvisits.analytics.teams.GraphStandIn.obj;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.virtualvisits.analytics.teams.GraphModel.BookingBusiness;

/** The Graph client against a stand-in over real HTTP: token, paging, throttling, refusals, encoding. */
class GraphHttpTest {

    private static final GraphStandIn graph = new GraphStandIn();
    private final List<Duration> sleeps = new ArrayList<>();
    private final MutableClock clock = new MutableClock();
    private GraphClients clients;

    @BeforeEach
    void setUp() {
        graph.reset();
        clients = new GraphClients(new GraphTokens(clock));
        clients.useSleeper(sleeps::add);
        graph.token("token-1", 3599);
    }

    @AfterAll
    static void stop() {
        graph.close();
    }

    private BookingsGraph open() {
        return clients.open(graph.connection());
    }

    @Test
    void theTokenIsAskedForWithClientCredentialsAndReusedUntilShortlyBeforeItExpires() {
        graph.list("solutions/bookingBusinesses", List.of(business("clinic@contoso.com", "Clinic")));

        open().businesses();
        open().businesses();
        clock.advance(Duration.ofSeconds(3599 - 121));
        open().businesses();
        assertThat(graph.server.findAll(postRequestedFor(urlPathEqualTo("/" + GraphStandIn.TENANT + "/oauth2/v2.0/token"))))
                .as("one token for three syncs within its life").hasSize(1);

        clock.advance(Duration.ofSeconds(2)); // now within the two minutes before expiry
        open().businesses();
        graph.server.verify(2, postRequestedFor(urlPathEqualTo("/" + GraphStandIn.TENANT + "/oauth2/v2.0/token"))
                .withFormParam("grant_type", equalTo("client_credentials"))
                .withFormParam("client_id", equalTo(GraphStandIn.CLIENT))
                .withFormParam("client_secret", equalTo(GraphStandIn.SECRET))
                .withFormParam("scope", equalTo(graph.url() + "/.default")));
        graph.server.verify(4, getRequestedFor(urlPathEqualTo("/v1.0/solutions/bookingBusinesses"))
                .withHeader("Authorization", equalTo("Bearer token-1")));
    }

    @Test
    void everyPageOfACollectionIsRead() {
        graph.pages("solutions/bookingBusinesses", List.of(
                List.of(business("a@contoso.com", "A"), business("b@contoso.com", "B")),
                List.of(business("c@contoso.com", "C")),
                List.of(business("d@contoso.com", "D"), business("e@contoso.com", "E"))));

        List<BookingBusiness> businesses = open().businesses();

        assertThat(businesses).extracting(BookingBusiness::displayName).containsExactly("A", "B", "C", "D", "E");
        graph.server.verify(3, getRequestedFor(urlPathEqualTo("/v1.0/solutions/bookingBusinesses")));
    }

    @Test
    void a429WaitsRetryAfterAndA503BacksOffExponentiallyThenTheCallSucceeds() {
        String path = "/v1.0/solutions/bookingBusinesses";
        graph.server.stubFor(get(urlPathEqualTo(path)).inScenario("throttled").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "7")
                        .withBody(GraphStandIn.errorBody("TooManyRequests", "Too many requests")))
                .willSetStateTo("503-1"));
        graph.server.stubFor(get(urlPathEqualTo(path)).inScenario("throttled").whenScenarioStateIs("503-1")
                .willReturn(aResponse().withStatus(503)).willSetStateTo("503-2"));
        graph.server.stubFor(get(urlPathEqualTo(path)).inScenario("throttled").whenScenarioStateIs("503-2")
                .willReturn(aResponse().withStatus(503)).willSetStateTo("ok"));
        graph.server.stubFor(get(urlPathEqualTo(path)).inScenario("throttled").whenScenarioStateIs("ok")
                .willReturn(okJson(json(obj("value", List.of(business("a@contoso.com", "A")))))));

        assertThat(open().businesses()).hasSize(1);

        // Retry-After of the 429, then 1 s and 2 s of back-off for the two 503s without one (attempts 2, 3).
        assertThat(sleeps).containsExactly(Duration.ofSeconds(7), Duration.ofSeconds(2), Duration.ofSeconds(4));
    }

    @Test
    void throttlingThatNeverEndsGivesUpAfterABoundedNumberOfTries() {
        graph.server.stubFor(get(urlPathEqualTo("/v1.0/solutions/bookingBusinesses"))
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "3600")));

        assertThatThrownBy(() -> open().businesses()).isInstanceOf(GraphException.class)
                .hasMessageContaining("HTTP 429").extracting(e -> ((GraphException) e).status()).isEqualTo(429);
        assertThat(sleeps).hasSize(GraphHttp.MAX_ATTEMPTS - 1).allMatch(d -> d.equals(GraphHttp.MAX_WAIT));
        graph.server.verify(GraphHttp.MAX_ATTEMPTS, getRequestedFor(urlPathEqualTo("/v1.0/solutions/bookingBusinesses")));
    }

    @Test
    void anExpiredTokenIsReplacedOnceAndTheCallRepeated() {
        graph.server.stubFor(post(urlPathEqualTo("/" + GraphStandIn.TENANT + "/oauth2/v2.0/token")).inScenario("tokens")
                .whenScenarioStateIs(STARTED).willReturn(okJson(json(obj("token_type", "Bearer", "expires_in", 3599,
                        "access_token", "expired")))).willSetStateTo("second"));
        graph.server.stubFor(post(urlPathEqualTo("/" + GraphStandIn.TENANT + "/oauth2/v2.0/token")).inScenario("tokens")
                .whenScenarioStateIs("second").willReturn(okJson(json(obj("token_type", "Bearer", "expires_in", 3599,
                        "access_token", "fresh")))));
        graph.server.stubFor(get(urlPathEqualTo("/v1.0/solutions/bookingBusinesses"))
                .withHeader("Authorization", equalTo("Bearer expired")).willReturn(aResponse().withStatus(401)
                        .withBody(GraphStandIn.errorBody("InvalidAuthenticationToken",
                                "Access token has expired or is not yet valid."))));
        graph.server.stubFor(get(urlPathEqualTo("/v1.0/solutions/bookingBusinesses"))
                .withHeader("Authorization", equalTo("Bearer fresh"))
                .willReturn(okJson(json(obj("value", List.of(business("a@contoso.com", "A")))))));

        assertThat(open().businesses()).extracting(BookingBusiness::id).containsExactly("a@contoso.com");
        assertThat(sleeps).isEmpty();
    }

    @Test
    void a403NamesThePermissionTheCallNeeds() {
        graph.error("users/clinic%40contoso.com/onlineMeetings/M1/attendanceReports", 403, "Forbidden",
                "Application is not allowed to perform operations on the user");

        assertThatThrownBy(() -> open().attendanceReports("clinic@contoso.com", "M1"))
                .isInstanceOf(GraphException.AccessDenied.class)
                .hasMessageContaining("HTTP 403").hasMessageContaining("OnlineMeetingArtifact.Read.All")
                .hasMessageContaining("application access policy")
                .hasMessageContaining("Forbidden: Application is not allowed");
    }

    @Test
    void a401ThatPersistsAfterANewTokenIsAccessDenied() {
        graph.error("solutions/bookingBusinesses", 401, "Unauthorized", "Missing role");

        assertThatThrownBy(() -> open().businesses()).isInstanceOf(GraphException.AccessDenied.class)
                .hasMessageContaining("Bookings.Read.All").hasMessageContaining("BookingsAppointment.ReadWrite.All");
        graph.server.verify(2, getRequestedFor(urlPathEqualTo("/v1.0/solutions/bookingBusinesses")));
    }

    @Test
    void aRefusedTokenRequestSaysTheCredentialsAreWrong() {
        graph.server.stubFor(post(urlPathEqualTo("/" + GraphStandIn.TENANT + "/oauth2/v2.0/token"))
                .willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json")
                        .withBody(json(obj("error", "invalid_client", "error_description",
                                "AADSTS7000215: Invalid client secret provided.\r\nTrace ID: 0000",
                                "error_codes", List.of(7000215))))));

        assertThatThrownBy(() -> open().businesses()).isInstanceOf(GraphException.AccessDenied.class)
                .hasMessageContaining("valid tenant id, client id and client secret")
                .hasMessageContaining("invalid_client AADSTS7000215: Invalid client secret provided.")
                .hasMessageNotContaining("Trace ID");
    }

    @Test
    void theJoinUrlFilterIsAnODataLiteralPercentEncoded() {
        String joinUrl = "https://teams.microsoft.com/l/meetup-join/19%3ameeting_MTlh%40thread.v2/0?context=%7b%22Tid"
                + "%22%3a%22995f%22%7d&o'clock=1";
        graph.server.stubFor(get(urlPathEqualTo("/v1.0/users/clinic%40contoso.com/onlineMeetings"))
                .withQueryParam("$filter", equalTo("JoinWebUrl eq '" + joinUrl.replace("'", "''") + "'"))
                .willReturn(okJson(json(obj("value", List.of(GraphStandIn.meeting("MSpkYzE3", joinUrl)))))));

        assertThat(open().meetingByJoinUrl("clinic@contoso.com", joinUrl)).get()
                .extracting(GraphModel.OnlineMeeting::id).isEqualTo("MSpkYzE3");
        String sent = graph.server.getAllServeEvents().get(0).getRequest().getUrl();
        assertThat(sent).contains("$filter=JoinWebUrl%20eq%20%27https%3A%2F%2Fteams").doesNotContain("+");
    }

    @Test
    void aNextPageOnAnotherHostIsRefusedSoTheTokenStaysWithGraph() {
        graph.server.stubFor(get(urlPathEqualTo("/v1.0/solutions/bookingBusinesses")).willReturn(okJson(json(obj(
                "value", List.of(business("a@contoso.com", "A")),
                "@odata.nextLink", "https://elsewhere.example/v1.0/solutions/bookingBusinesses?$skiptoken=x")))));

        assertThatThrownBy(() -> open().businesses()).isInstanceOf(GraphException.class)
                .hasMessageContaining("outside");
    }

    @Test
    void retryAfterIsReadAsSecondsOrAsAnHttpDate() {
        Clock fixed = Clock.fixed(Instant.parse("2026-12-01T10:00:00Z"), ZoneOffset.UTC);
        assertThat(GraphHttp.retryAfter("120", fixed)).contains(Duration.ofSeconds(120));
        assertThat(GraphHttp.retryAfter("Tue, 01 Dec 2026 10:00:30 GMT", fixed)).contains(Duration.ofSeconds(30));
        assertThat(GraphHttp.retryAfter("soon", fixed)).isEmpty();
    }

    /** A clock the test moves. */
    static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2026-12-01T10:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
