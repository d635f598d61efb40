package org.virtualvisits.analytics.teams;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
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
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.virtualvisits.analytics.IntegrationTest;
import org.virtualvisits.analytics.TestFixture;
import org.virtualvisits.analytics.organisation.Organisation;
import org.virtualvisits.analytics.report.ReportRange;
import org.virtualvisits.analytics.report.ReportReader;
import org.virtualvisits.analytics.report.VisitFilter;
import org.virtualvisits.analytics.report.VisitScope;
import org.virtualvisits.analytics.visits.DerivationRounds;

/**
 * Issue 16's figure: a sync of 2,000 appointments from the stand-in (20 calendarView pages of 100, each
 * appointment with its meeting, one report and two records), its time and Graph calls, then the second,
 * unchanged sync. Run with {@code mvn -Pbench test -Dtest=TeamsSyncBenchmark}.
 */
@Tag("bench")
@IntegrationTest
class TeamsSyncBenchmark {

    static final int APPOINTMENTS = 2_000;
    static final int PAGE = 100;

    @Autowired TeamsSync sync;
    @Autowired TeamsSettings settings;
    @Autowired TeamsConnections connections;
    @Autowired GraphClients clients;
    @Autowired DerivationRounds derivation;
    @Autowired ReportReader report;
    @Autowired TestFixture fixture;

    @Test
    void syncOfTwoThousandAppointments() {
        try (GraphStandIn graph = new GraphStandIn()) {
            LocalDate day = LocalDate.now(ZoneOffset.UTC).minusDays(2);
            String business = "clinic@contoso.com";
            String user = "users/clinic%40contoso.com";
            graph.token("bench", 3599);
            graph.list("solutions/bookingBusinesses", List.of(business(business, "Cardiology Clinic")));
            graph.list("solutions/bookingBusinesses/clinic%40contoso.com/staffMembers",
                    List.of(staff("s1", "dr.jones@contoso.com", "Dr Jones")));
            List<List<Map<String, Object>>> pages = new ArrayList<>();
            for (int p = 0; p < APPOINTMENTS / PAGE; p++) {
                List<Map<String, Object>> page = new ArrayList<>();
                for (int i = 0; i < PAGE; i++) {
                    int n = p * PAGE + i;
                    String start = day + "T" + String.format("%02d:%02d:00Z", 8 + n % 10, n % 60);
                    page.add(appointment("APPT-" + n, start, start, "https://teams.microsoft.com/l/meetup-join/m" + n,
                            n % 3 == 0, day.minusDays(1) + "T08:00:00Z", List.of("s1")));
                }
                pages.add(page);
            }
            graph.pages("solutions/bookingBusinesses/clinic%40contoso.com/calendarView", pages);
            // Every meeting answers alike: what differs between visits is the appointment (the meeting id).
            graph.server.stubFor(get(urlPathMatching("/v1.0/" + user + "/onlineMeetings"))
                    .willReturn(okJson(json(obj("value", List.of(meeting("MTG", "x")))))));
            graph.server.stubFor(get(urlPathMatching("/v1.0/" + user + "/onlineMeetings/MTG/attendanceReports"))
                    .willReturn(okJson(json(obj("value", List.of(report("REP", day + "T08:00:00Z",
                            day + "T09:00:00Z", 2)))))));
            graph.server.stubFor(get(urlPathMatching("/v1.0/" + user + "/onlineMeetings/MTG/attendanceReports/REP/attendanceRecords"))
                    .willReturn(okJson(json(obj("value", List.of(
                            record("staff", "dr.jones@contoso.com", "Organizer",
                                    List.of(interval(day + "T08:00:00Z", day + "T08:40:00Z"))),
                            record("patient", "p@example.com", "Attendee",
                                    List.of(interval(day + "T08:05:00Z", day + "T08:35:00Z")))))))));

            settings.overrideUrls(graph.url(), graph.url());
            clients.useSleeper(d -> { });
            Organisation org = fixture.newOrganisation();
            connections.save(org.id(), GraphStandIn.TENANT, GraphStandIn.CLIENT,
                    settings.cipher().orElseThrow().encrypt(GraphStandIn.SECRET), List.of(), Duration.ofMinutes(15));
            try {
                long t0 = System.nanoTime();
                TeamsSync.Result first = sync.run(org.id(), "manual", "bench");
                long t1 = System.nanoTime();
                derivation.deriveQueued(Duration.ofMinutes(5));
                long t2 = System.nanoTime();
                TeamsSync.Result second = sync.run(org.id(), "manual", "bench");
                long t3 = System.nanoTime();

                long visits = report.count(VisitScope.wholeOrganisation(org.id()),
                        ReportRange.utc(day.minusDays(1), day.plusDays(1)), VisitFilter.NONE);
                System.out.printf("TEAMS-BENCH first sync: %d appointments, %d visits changed, %d events, %d Graph"
                                + " calls (%d HTTP requests served), %.2f s; derivation after it %.2f s%n",
                        first.counts().appointmentsRead(), first.counts().visitsChanged(),
                        first.counts().eventsStored(), first.counts().graphCalls(),
                        graph.server.getAllServeEvents().size(), (t1 - t0) / 1e9, (t2 - t1) / 1e9);
                System.out.printf("TEAMS-BENCH second sync: %d appointments, %d visits changed, %d events, %d Graph"
                                + " calls, %.2f s; visits in report %d%n", second.counts().appointmentsRead(),
                        second.counts().visitsChanged(), second.counts().eventsStored(), second.counts().graphCalls(),
                        (t3 - t2) / 1e9, visits);
                assertThat(first.counts().appointmentsRead()).isEqualTo(APPOINTMENTS);
                assertThat(visits).isEqualTo(APPOINTMENTS);
                assertThat(second.counts().visitsChanged()).isZero();
            } finally {
                settings.overrideUrls(null, null);
                clients.useSleeper(d -> Thread.sleep(d.toMillis()));
            }
        }
    }
}
