package org.virtualvisits.analytics.teams;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.virtualvisits.analytics.teams.GraphStandIn.appointment;
import static org.virtualvisits.analytics.teams.GraphStandIn.business;
import static org.virtualvisits.analytics.teams.GraphStandIn.interval;
import static org.virtualvisits.analytics.teams.GraphStandIn.json;
import static org.virtualvisits.analytics.teams.GraphStandIn.meeting;
import static org.virtualvisits.analytics.teams.GraphStandIn.obj;
import static org.virtualvisits.analytics.teams.GraphStandIn.record;
import static org.virtualvisits.analytics.teams.GraphStandIn.report;
import static org.virtualvisits.analytics.teams.GraphStandIn.staff;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.virtualvisits.analytics.IntegrationTest;
import org.virtualvisits.analytics.TestFixture;
import org.virtualvisits.analytics.organisation.Organisation;
import org.virtualvisits.analytics.report.Headlines;
import org.virtualvisits.analytics.report.ReportRange;
import org.virtualvisits.analytics.report.ReportReader;
import org.virtualvisits.analytics.report.VisitFilter;
import org.virtualvisits.analytics.report.VisitPageRequest;
import org.virtualvisits.analytics.report.VisitScope;
import org.virtualvisits.analytics.report.VisitSort;
import org.virtualvisits.analytics.teams.TeamsSyncRuns.Outcome;
import org.virtualvisits.analytics.teams.TeamsSyncRuns.Run;
import org.virtualvisits.analytics.visits.DerivationRounds;
import org.virtualvisits.analytics.visits.Visit;
import org.virtualvisits.analytics.visits.VisitStatus;

/**
 * Whole syncs against the Graph stand-in, checked through the normal report: the visits and headline
 * figures are the ones worked out by hand, and a second sync changes nothing.
 */
@IntegrationTest
class TeamsSyncTest {

    static final GraphStandIn graph = new GraphStandIn();
    static final String BUSINESS = "clinic@contoso.com";
    static final String BUSINESS_PATH = "solutions/bookingBusinesses/clinic%40contoso.com";
    static final String USER_PATH = "users/clinic%40contoso.com";

    @Autowired TeamsSync sync;
    @Autowired TeamsSettings settings;
    @Autowired TeamsConnections connections;
    @Autowired TeamsSyncRuns runs;
    @Autowired GraphClients clients;
    @Autowired DerivationRounds derivation;
    @Autowired ReportReader report;
    @Autowired TestFixture fixture;
    @Autowired JdbcClient jdbc;

    final List<Duration> sleeps = new ArrayList<>();
    final LocalDate yesterday = LocalDate.now(ZoneOffset.UTC).minusDays(1);
    Organisation org;

    @BeforeEach
    void setUp() {
        graph.reset();
        graph.token("token-1", 3599);
        settings.overrideUrls(graph.url(), graph.url());
        clients.useSleeper(sleeps::add);
        org = fixture.newOrganisation();
        connections.save(org.id(), GraphStandIn.TENANT, GraphStandIn.CLIENT,
                settings.cipher().orElseThrow().encrypt(GraphStandIn.SECRET), List.of(), Duration.ofMinutes(15));
    }

    @AfterEach
    void tearDown() {
        settings.overrideUrls(null, null);
        clients.useSleeper(d -> Thread.sleep(d.toMillis()));
    }

    @AfterAll
    static void stop() {
        graph.close();
    }

    String at(String time) {
        return yesterday + "T" + time;
    }

    String joinUrl(String meeting) {
        return "https://teams.microsoft.com/l/meetup-join/19%3ameeting_" + meeting
                + "%40thread.v2/0?context=%7b%22Tid%22%3a%22995fa18c%22%7d";
    }

    /**
     * One business, four appointments in two pages: A1 a completed visit (staff rejoins, the organizer's
     * leave time is null, SMS on), A2 online without attendance report, A3 a no-show (Graph answers its
     * meeting lookup with a 429 first), A4 not online.
     */
    void standardTenant() {
        graph.list("solutions/bookingBusinesses", List.of(business(BUSINESS, "Cardiology Clinic")));
        graph.list(BUSINESS_PATH + "/staffMembers", List.of(staff("staff-1", "Dr.Jones@contoso.com", "Dr Jones")));
        graph.pages(BUSINESS_PATH + "/calendarView", List.of(
                List.of(appointment("A1", at("10:00:00.0000000Z"), at("10:30:00.0000000Z"), joinUrl("M1"), true,
                                yesterday.minusDays(2) + "T08:00:00Z", List.of("staff-1")),
                        appointment("A2", at("11:00:00.0000000Z"), at("11:30:00.0000000Z"), joinUrl("M2"), false,
                                null, List.of("staff-1"))),
                List.of(appointment("A3", at("12:00:00.0000000Z"), at("12:30:00.0000000Z"), joinUrl("M3"), false,
                                null, List.of("staff-1")),
                        appointment("A4", at("13:00:00.0000000Z"), at("13:30:00.0000000Z"), null, false, null,
                                List.of()))));
        graph.meetingLookup(USER_PATH, joinUrl("M1"), meeting("MTG-1", joinUrl("M1")));
        graph.meetingLookup(USER_PATH, joinUrl("M2"), meeting("MTG-2", joinUrl("M2")));
        graph.list(USER_PATH + "/onlineMeetings/MTG-1/attendanceReports",
                List.of(report("REP-1", at("09:59:00Z"), at("10:31:00Z"), 3)));
        graph.pages(USER_PATH + "/onlineMeetings/MTG-1/attendanceReports/REP-1/attendanceRecords", List.of(
                List.of(record("aad-staff", "dr.jones@contoso.com", "Attendee", List.of(
                        interval(at("10:00:00.1234567Z"), at("10:10:00Z")),
                        interval(at("10:12:00Z"), at("10:31:00Z"))))),
                List.of(record(null, "adelev@proseware.com", "Attendee", List.of(
                                interval(at("10:02:00Z"), at("10:25:00Z")))),
                        record("aad-organizer", BUSINESS, "Organizer", List.of(interval(at("09:59:00Z"), null))))));
        graph.list(USER_PATH + "/onlineMeetings/MTG-2/attendanceReports", List.of());
        // A3: throttled once, then found; the organizer waited alone.
        String m3 = "/v1.0/" + USER_PATH + "/onlineMeetings";
        graph.server.stubFor(get(urlPathEqualTo(m3)).withQueryParam("$filter",
                        com.github.tomakehurst.wiremock.client.WireMock.equalTo("JoinWebUrl eq '" + joinUrl("M3") + "'"))
                .inScenario("m3").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "5")).willSetStateTo("ok"));
        graph.server.stubFor(get(urlPathEqualTo(m3)).withQueryParam("$filter",
                        com.github.tomakehurst.wiremock.client.WireMock.equalTo("JoinWebUrl eq '" + joinUrl("M3") + "'"))
                .inScenario("m3").whenScenarioStateIs("ok")
                .willReturn(okJson(json(obj("value", List.of(meeting("MTG-3", joinUrl("M3"))))))));
        graph.list(USER_PATH + "/onlineMeetings/MTG-3/attendanceReports",
                List.of(report("REP-3", at("12:00:00Z"), at("12:15:00Z"), 1)));
        graph.list(USER_PATH + "/onlineMeetings/MTG-3/attendanceReports/REP-3/attendanceRecords", List.of(
                record("aad-organizer", BUSINESS, "Organizer", List.of(interval(at("12:00:00Z"), at("12:15:00Z"))))));
    }

    List<Visit> visits() {
        derivation.deriveQueued(Duration.ofSeconds(30));
        return report.page(VisitScope.wholeOrganisation(org.id()), new VisitPageRequest(
                ReportRange.utc(yesterday.minusDays(1), yesterday), VisitFilter.NONE, VisitSort.START_TIME, false,
                0, 100));
    }

    Headlines headlines() {
        return report.headlines(VisitScope.wholeOrganisation(org.id()),
                ReportRange.utc(yesterday.minusDays(1), yesterday), VisitFilter.NONE).current();
    }

    @Test
    void aSyncBringsTheBookingsVisitsIntoTheReportAndASecondSyncChangesNothing() {
        standardTenant();

        TeamsSync.Result first = sync.run(org.id(), "manual", "tester");

        assertThat(first.status()).isEqualTo(TeamsSync.Status.DONE);
        assertThat(first.outcome()).as(String.valueOf(first.error())).isEqualTo(Outcome.OK);
        assertThat(first.counts().appointmentsRead()).isEqualTo(4);
        assertThat(first.counts().visitsChanged()).isEqualTo(2);
        assertThat(sleeps).as("the 429's Retry-After").containsExactly(Duration.ofSeconds(5));

        // By hand. A1: together from 10:02 (patient joins, staff inside) to the last leave 10:31, when the
        // meeting ended (the organizer's open interval is closed by the end): 29 min = 1740 s; participants
        // staff, patient, organizer. A3: the organizer alone: a no-show of 0 s. No lobby waits.
        List<Visit> visits = visits();
        assertThat(visits).extracting(Visit::meetingId, Visit::startTime, Visit::durationSeconds, Visit::status,
                        Visit::participants, Visit::smsSent, Visit::department, Visit::lobbyWaitSeconds)
                .containsExactly(
                        tuple("A1", Instant.parse(at("10:02:00Z")), 1740L,
                                VisitStatus.COMPLETED, 3, true, "Cardiology Clinic", null),
                        tuple("A3", Instant.parse(at("12:00:00Z")), 0L,
                                VisitStatus.NO_SHOW, 1, false, "Cardiology Clinic", null));
        Headlines figures = headlines();
        assertThat(figures.visits()).isEqualTo(2);
        assertThat(figures.completed()).isEqualTo(1);
        assertThat(figures.noShows()).isEqualTo(1);
        assertThat(figures.medianLobbyWaitSeconds()).isNull();

        int callsBefore = graph.server.getAllServeEvents().size();
        TeamsSync.Result second = sync.run(org.id(), "scheduled", null);

        assertThat(second.outcome()).isEqualTo(Outcome.OK);
        assertThat(second.counts().appointmentsRead()).isEqualTo(4);
        assertThat(second.counts().visitsChanged()).isZero();
        assertThat(second.counts().eventsStored()).isZero();
        assertThat(visits()).isEqualTo(visits);
        assertThat(headlines()).isEqualTo(figures);
        assertThat(graph.server.getAllServeEvents().size() - callsBefore).as("no new token for the second sync")
                .isEqualTo(second.counts().graphCalls());

        List<Run> history = runs.latest(org.id(), 10);
        assertThat(history).hasSize(2);
        Run last = history.get(0);
        Run firstRun = history.get(1);
        assertThat(firstRun.windowStart()).isEqualTo(firstRun.windowEnd().minus(Duration.ofDays(30)));
        assertThat(last.windowStart()).as("incremental: from the last sync's end minus the overlap")
                .isEqualTo(firstRun.windowEnd().minus(Duration.ofDays(1)));
        assertThat(last.trigger()).isEqualTo("scheduled");
        assertThat(jdbc.sql("select count(*) from audit_log where organisation_id = :org and action = 'teams.sync'")
                .param("org", org.id()).query(Long.class).single()).isEqualTo(2);
    }

    @Test
    void aRefusedPermissionStopsTheSyncAndNamesWhatIsMissing() {
        standardTenant();
        graph.error(USER_PATH + "/onlineMeetings/MTG-1/attendanceReports", 403, "Forbidden",
                "No application access policy found for this app.");

        TeamsSync.Result result = sync.run(org.id(), "manual", "tester");

        assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(result.error()).contains("OnlineMeetingArtifact.Read.All").contains("application access policy");
        assertThat(result.counts().appointmentsRead()).as("stopped at the first appointment").isEqualTo(1);
        assertThat(connections.find(org.id()).orElseThrow().syncedUntil()).as("the window is read again").isNull();
        assertThat(runs.latest(org.id(), 1).get(0).error()).contains("OnlineMeetingArtifact.Read.All");
    }

    @Test
    void aFailingBusinessOrAppointmentIsReportedAndTheOthersAreStillRead() {
        standardTenant();
        graph.list("solutions/bookingBusinesses", List.of(business("broken@contoso.com", "Broken Clinic"),
                business(BUSINESS, "Cardiology Clinic")));
        graph.list("solutions/bookingBusinesses/broken%40contoso.com/staffMembers", List.of());
        graph.error("solutions/bookingBusinesses/broken%40contoso.com/calendarView", 500, "InternalServerError",
                "Something went wrong");
        graph.error(USER_PATH + "/onlineMeetings/MTG-3/attendanceReports/REP-3/attendanceRecords", 404, "NotFound",
                "Report not found");

        TeamsSync.Result result = sync.run(org.id(), "manual", "tester");

        assertThat(result.outcome()).isEqualTo(Outcome.PARTIAL);
        assertThat(result.counts().failures()).isEqualTo(2);
        assertThat(result.error()).contains("Broken Clinic").contains("HTTP 500").contains("A3").contains("HTTP 404");
        assertThat(visits()).extracting(Visit::meetingId).containsExactly("A1");
        assertThat(connections.find(org.id()).orElseThrow().syncedUntil())
                .as("a business not read keeps the whole first window for the next sync").isNull();

        // Once the business answers again, its days are read from the start of the window.
        graph.list("solutions/bookingBusinesses/broken%40contoso.com/calendarView", List.of());
        TeamsSync.Result again = sync.run(org.id(), "manual", "tester");
        assertThat(again.error()).doesNotContain("Broken Clinic");
        assertThat(connections.find(org.id()).orElseThrow().syncedUntil()).isNotNull();
    }

    @Test
    void onlyTheChosenBusinessesAreRead() {
        standardTenant();
        graph.list("solutions/bookingBusinesses", List.of(business("other@contoso.com", "Other"),
                business(BUSINESS, "Cardiology Clinic")));
        graph.server.stubFor(get(urlPathEqualTo("/v1.0/" + BUSINESS_PATH))
                .willReturn(okJson(json(business(BUSINESS, "Cardiology Clinic")))));
        connections.save(org.id(), GraphStandIn.TENANT, GraphStandIn.CLIENT, null, List.of(BUSINESS),
                Duration.ofMinutes(15));

        TeamsSync.Result result = sync.run(org.id(), "manual", "tester");

        assertThat(result.outcome()).isEqualTo(Outcome.OK);
        assertThat(graph.server.getAllServeEvents()).noneMatch(e -> e.getRequest().getUrl().contains("other%40"));
        assertThat(visits()).extracting(Visit::meetingId).containsExactly("A1", "A3");
    }

    @Test
    void anOrganisationWithoutConnectionIsNotSynced() {
        Organisation other = fixture.newOrganisation();
        assertThat(sync.run(other.id(), "manual", "tester").status()).isEqualTo(TeamsSync.Status.NOT_CONFIGURED);
        assertThat(runs.latest(other.id(), 5)).isEmpty();
    }
}
