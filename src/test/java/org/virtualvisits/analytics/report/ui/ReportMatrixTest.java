package org.virtualvisits.analytics.report.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.tabs.Tab;
import com.vaadin.flow.router.QueryParameters;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.virtualvisits.analytics.KaribuTest;
import org.virtualvisits.analytics.organisation.Organisation;
import org.virtualvisits.analytics.organisation.Organisations;
import org.virtualvisits.analytics.report.ReportTab;
import org.virtualvisits.analytics.security.Role;
import org.virtualvisits.analytics.security.UserAccounts;
import org.virtualvisits.analytics.visits.Visit;

/**
 * Every tab for every role under every combination of licences, on an organisation of its own:
 * which tabs show, which series each chart draws, that each grid holds exactly its tab's visits,
 * and that only administrators get the organisation's settings.
 */
class ReportMatrixTest extends KaribuTest {

    @Autowired
    Organisations organisations;
    @Autowired
    UserAccounts userAccounts;
    @Autowired
    PasswordEncoder passwordEncoder;
    @Autowired
    JdbcClient jdbc;

    static Stream<Arguments> rolesAndLicences() {
        List<Arguments> all = new ArrayList<>();
        for (Role role : Role.values()) {
            for (boolean bookings : new boolean[] {true, false}) {
                for (boolean ehr : new boolean[] {true, false}) {
                    all.add(Arguments.of(role, bookings, ehr));
                }
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0}, Bookings licence {1}, EHR licence {2}")
    @MethodSource("rolesAndLicences")
    void eachTabShowsItsSeriesAndExactlyItsVisits(Role role, boolean bookingsLicence, boolean ehrLicence) {
        String slug = "matrix-" + UUID.randomUUID();
        Organisation org = organisations.createIfMissing(slug, "Matrix " + slug.substring(7, 15), bookingsLicence,
                ehrLicence);
        // 5 Bookings and 3 EHR visits over the last week (today included), one of them 31 days ago.
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        for (int i = 0; i < 8; i++) {
            Instant start = i == 7 ? now.minus(31, ChronoUnit.DAYS) : now.minus(i * 20L, ChronoUnit.HOURS);
            jdbc.sql("""
                    insert into visit (organisation_id, meeting_id, meeting_type, start_time, lobby_wait_seconds,
                                       duration_seconds, status, participants, sms_sent, department, appointment_kind)
                    values (:org, :id, :type, :start, 90, 600, 'COMPLETED', 2, true, 'Cardiology', 'SCHEDULED')""")
                    .param("org", org.id()).param("id", "M-" + i).param("type", i % 8 < 5 ? "BOOKINGS" : "EHR")
                    .param("start", Timestamp.from(start)).update();
        }
        String username = "matrix-" + UUID.randomUUID().toString().substring(0, 8);
        userAccounts.create(org.id(), username, "Matrix user", passwordEncoder.encode("a long test password"), role,
                Set.of());
        login(username);

        List<String> expectedTabs = new ArrayList<>(List.of("tab-visits", "tab-duration"));
        if (bookingsLicence) {
            expectedTabs.add("tab-bookings");
        }
        if (ehrLicence) {
            expectedTabs.add("tab-ehr");
        }
        expectedTabs.add("tab-downloads");
        ReportView view = open("days=30");
        assertThat(_find(view.tabs, Tab.class)).extracting(tab -> tab.getId().orElseThrow())
                .containsExactlyElementsOf(expectedTabs);

        // Virtual visits: Total, then with both licences a series per type (with one, it would lie on the
        // Total line); the grid holds the 30 days' 7 visits.
        List<String> expectedSeries = new ArrayList<>(List.of(view.getTranslation("series.total")));
        if (bookingsLicence && ehrLicence) {
            expectedSeries.add(view.getTranslation("series.bookings"));
            expectedSeries.add(view.getTranslation("series.ehr"));
        }
        assertThat(view.chart.getData().series()).extracting(TimeSeriesChart.Series::name)
                .containsExactlyElementsOf(expectedSeries);
        assertThat(GridKt._size(grid(view))).isEqualTo(7);

        view = open("days=30&tab=duration");
        assertThat(view.chart.getData().series()).extracting(TimeSeriesChart.Series::name)
                .containsExactly(view.getTranslation("series.avgDuration"), view.getTranslation("series.avgWait"));
        assertThat(GridKt._size(grid(view))).isEqualTo(7);

        for (ReportTab tab : List.of(ReportTab.BOOKINGS, ReportTab.EHR)) {
            view = open("days=30&tab=" + tab.urlName());
            boolean licensed = tab == ReportTab.BOOKINGS ? bookingsLicence : ehrLicence;
            if (!licensed) {
                // A tab the licences hide cannot be reached through the URL either.
                assertThat(view.state().tab()).isEqualTo(ReportTab.VISITS);
                continue;
            }
            assertThat(view.state().tab()).isEqualTo(tab);
            Grid<Visit> grid = grid(view);
            int expected = tab == ReportTab.BOOKINGS ? 5 : 2;
            assertThat(GridKt._size(grid)).as(tab.name()).isEqualTo(expected);
            for (int i = 0; i < expected; i++) {
                assertThat(GridKt._get(grid, i).meetingType()).isEqualTo(tab.meetingType());
            }
        }

        // Only administrators switch the organisation's analytics.
        _click(_get(Button.class, spec -> spec.withId("open-settings")));
        ReportSettingsDialog settings = _get(ReportSettingsDialog.class);
        assertThat(_find(settings, Checkbox.class, spec -> spec.withId("analytics-enabled")))
                .hasSize(role.isAdmin() ? 1 : 0);
    }

    private ReportView open(String query) {
        UI.getCurrent().navigate("", QueryParameters.fromString(query));
        return _get(ReportView.class);
    }

    @SuppressWarnings("unchecked")
    private static Grid<Visit> grid(ReportView view) {
        return _get(view, Grid.class);
    }
}
