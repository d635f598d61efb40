package org.virtualvisits.analytics.report.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridSortOrder;
import com.vaadin.flow.component.tabs.Tab;
import com.vaadin.flow.data.provider.SortDirection;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.virtualvisits.analytics.KaribuTest;
import org.virtualvisits.analytics.TestClock;
import org.virtualvisits.analytics.organisation.DefaultOrganisation;
import org.virtualvisits.analytics.organisation.Organisation;
import org.virtualvisits.analytics.organisation.Organisations;
import org.virtualvisits.analytics.report.ReportService;
import org.virtualvisits.analytics.report.ReportTab;
import org.virtualvisits.analytics.report.VisitColumn;
import org.virtualvisits.analytics.security.Role;
import org.virtualvisits.analytics.visits.EventIngestion;
import org.virtualvisits.analytics.visits.RawEvent;
import org.virtualvisits.analytics.visits.Visit;

/** The report as each role and organisation sees it, read back against the database. */
class ReportViewTest extends KaribuTest {

    @Autowired
    JdbcClient jdbc;
    @Autowired
    Organisations organisations;
    @Autowired
    ReportService reports;
    @Autowired
    javax.sql.DataSource dataSource;
    @Autowired
    org.virtualvisits.analytics.visits.DerivationRounds derivation;
    @Autowired
    EventIngestion ingestion;
    @Autowired
    TestClock clock;

    private ReportView open(String username, String query) {
        login(username);
        UI.getCurrent().navigate("", com.vaadin.flow.router.QueryParameters.fromString(query == null ? "" : query));
        return _get(ReportView.class);
    }

    @SuppressWarnings("unchecked")
    private static Grid<Visit> grid(ReportView view) {
        return _get(view, Grid.class);
    }

    /** The largest value of a visit column over the default organisation's last 30 UTC days. */
    private long dbMaxOfLast30Days(String column) {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        return jdbc.sql("select max(" + column + """
                        ) from visit v join organisation o on o.id = v.organisation_id
                        where o.slug = 'default' and v.start_time >= :from""")
                .param("from", java.sql.Timestamp.from(today.minusDays(29).atStartOfDay(ZoneOffset.UTC).toInstant()))
                .query(Long.class).single();
    }

    private static void assertSortedBy(Grid<Visit> grid, VisitColumn column, SortDirection direction) {
        assertThat(grid.getSortOrder()).singleElement().satisfies(order -> {
            assertThat(order.getSorted().getKey()).isEqualTo(column.name());
            assertThat(order.getDirection()).isEqualTo(direction);
        });
    }

    private long dbCount(String slug, LocalDate from, LocalDate to, String extraCondition) {
        return jdbc.sql("""
                        select count(*) from visit v join organisation o on o.id = v.organisation_id
                        where o.slug = :slug and v.start_time >= :from and v.start_time < :to""" + extraCondition)
                .param("slug", slug)
                .param("from", java.sql.Timestamp.from(from.atStartOfDay(ZoneOffset.UTC).toInstant()))
                .param("to", java.sql.Timestamp.from(to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant()))
                .query(Long.class).single();
    }

    @ParameterizedTest(name = "{0} sees tabs {1}")
    @CsvSource({
            "admin, VISITS DURATION BOOKINGS EHR DOWNLOADS",
            "teams, VISITS DURATION BOOKINGS EHR DOWNLOADS",
            "viewer, VISITS DURATION BOOKINGS EHR DOWNLOADS",
            "cardio-viewer, VISITS DURATION BOOKINGS EHR DOWNLOADS",
            "northwind-admin, VISITS DURATION BOOKINGS DOWNLOADS",
    })
    void tabsFollowTheOrganisationsLicences(String username, String expectedTabs) {
        ReportView view = open(username, null);
        List<String> tabIds = _find(view.tabs, Tab.class).stream().map(t -> t.getId().orElseThrow()).toList();
        assertThat(tabIds).containsExactlyElementsOf(
                java.util.Arrays.stream(expectedTabs.split(" ")).map(t -> "tab-" + t.toLowerCase()).toList());
    }

    @Test
    void theGridHoldsExactlyTheVisitsOfTheRangeInTheDatabase() {
        ReportView view = open("viewer", "days=30");
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        long expected = dbCount(DefaultOrganisation.SLUG, today.minusDays(29), today, "");
        assertThat(expected).isPositive();
        assertThat(GridKt._size(grid(view))).isEqualTo((int) expected);
        assertThat(view.chart.getData().categories()).hasSize(30);
        long chartTotal = view.chart.getData().series().get(0).data().stream().mapToLong(Number::longValue).sum();
        assertThat(chartTotal).isEqualTo(expected);
    }

    @Test
    void theEhrTabShowsOnlyEhrVisits() {
        ReportView view = open("admin", "days=30&tab=ehr");
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        long expected = dbCount(DefaultOrganisation.SLUG, today.minusDays(29), today, " and meeting_type = 'EHR'");
        assertThat(view.tabs.getSelectedTab().getId()).contains("tab-ehr");
        Grid<Visit> grid = grid(view);
        assertThat(GridKt._size(grid)).isEqualTo((int) expected);
        for (int i = 0; i < Math.min(20, expected); i++) {
            assertThat(GridKt._get(grid, i).meetingType().name()).isEqualTo("EHR");
        }
    }

    @Test
    void aDepartmentLimitedViewerSeesOnlyTheirDepartment() {
        ReportView view = open("cardio-viewer", "days=30");
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        long expected = dbCount(DefaultOrganisation.SLUG, today.minusDays(29), today, " and department = 'Cardiology'");
        Grid<Visit> grid = grid(view);
        assertThat(GridKt._size(grid)).isEqualTo((int) expected);
        assertThat(GridKt._size(grid)).isLessThan(
                (int) dbCount(DefaultOrganisation.SLUG, today.minusDays(29), today, ""));
        for (int i = 0; i < GridKt._size(grid); i++) {
            assertThat(GridKt._get(grid, i).department()).isEqualTo("Cardiology");
        }
        assertThat(view.departmentBox.getListDataView().getItems().toList()).containsExactly("Cardiology");
    }

    @Test
    void sortingByDurationDescendingPutsTheLongestVisitFirst() {
        ReportView view = open("viewer", "days=30");
        Grid<Visit> grid = grid(view);
        grid.sort(List.of(new GridSortOrder<>(grid.getColumnByKey(VisitColumn.DURATION.name()),
                SortDirection.DESCENDING)));
        long longest = GridKt._get(grid, 0).durationSeconds();
        for (int i = 1; i < Math.min(50, GridKt._size(grid)); i++) {
            assertThat(GridKt._get(grid, i).durationSeconds()).isLessThanOrEqualTo(longest);
        }
        long dbMax = dbMaxOfLast30Days("duration_seconds");
        assertThat(longest).isEqualTo(dbMax);

        // The sort is in the state the URL carries.
        assertThat(view.state().toParameters()).containsEntry("sort", "duration").containsEntry("order", "desc");
        // Running the report again (or switching tabs) rebuilds the columns and keeps the sort.
        _click(view.runButton);
        Grid<Visit> again = grid(view);
        assertSortedBy(again, VisitColumn.DURATION, SortDirection.DESCENDING);
        assertThat(GridKt._get(again, 0).durationSeconds()).isEqualTo(dbMax);
    }

    @Test
    void aSharedLinkOpensTheGridSortedAlike() {
        ReportView view = open("viewer", "days=30&sort=lobby_wait&order=desc");
        Grid<Visit> grid = grid(view);
        assertSortedBy(grid, VisitColumn.LOBBY_WAIT, SortDirection.DESCENDING);
        long longestWait = dbMaxOfLast30Days("lobby_wait_seconds");
        // Descending puts the empty waits last, so the first row has the longest wait.
        assertThat(GridKt._get(grid, 0).lobbyWaitSeconds()).isEqualTo(longestWait);
        // Back to the default order: the sort leaves the URL.
        grid.sort(List.of());
        assertThat(view.state().sort()).isNull();
        assertThat(view.state().toParameters()).doesNotContainKeys("sort", "order");
    }

    @Test
    void theUrlCarriesRangeFiltersAndTab() {
        // An organisation of the test's own: a Bookings no-show, an EHR no-show and a completed Bookings visit.
        Organisation org = fixture.newOrganisation();
        String viewer = fixture.newUser(org, Role.REPORT_VIEWER).username();
        String yesterday = LocalDate.now(ZoneOffset.UTC).minusDays(1).toString();
        ingestion.ingest(org.id(), List.of(
                event("NS-B", "BOOKINGS", "JOINED", yesterday + "T10:00:00Z", "staff", "STAFF"),
                event("NS-B", "BOOKINGS", "MEETING_ENDED", yesterday + "T10:30:00Z", null, null),
                event("NS-E", "EHR", "JOINED", yesterday + "T11:00:00Z", "staff", "STAFF"),
                event("NS-E", "EHR", "MEETING_ENDED", yesterday + "T11:30:00Z", null, null),
                event("DONE", "BOOKINGS", "JOINED", yesterday + "T12:00:00Z", "staff", "STAFF"),
                event("DONE", "BOOKINGS", "JOINED", yesterday + "T12:01:00Z", "patient", "ATTENDEE"),
                event("DONE", "BOOKINGS", "MEETING_ENDED", yesterday + "T12:30:00Z", null, null)));
        derivation.deriveQueued(java.time.Duration.ofSeconds(30));

        ReportView view = open(viewer, "days=7&status=NO_SHOW&tab=bookings&tz=Europe/Paris");
        assertThat(view.state().days()).isEqualTo(7);
        assertThat(view.state().tab()).isEqualTo(ReportTab.BOOKINGS);
        assertThat(view.statusSelect.getValue().name()).isEqualTo("NO_SHOW");
        assertThat(view.zoneBox.getValue()).isEqualTo("Europe/Paris");
        assertThat(view.range().dayCount()).isEqualTo(7);
        Grid<Visit> grid = grid(view);
        assertThat(GridKt._size(grid)).as("only the Bookings no-show").isEqualTo(1);
        assertThat(GridKt._get(grid, 0).meetingId()).isEqualTo("NS-B");
        assertThat(GridKt._get(grid, 0).status().name()).isEqualTo("NO_SHOW");
        assertThat(GridKt._get(grid, 0).meetingType().name()).isEqualTo("BOOKINGS");
        assertThat(grid.getColumnByKey(VisitColumn.START_TIME.name()).getHeaderText()).contains("Europe/Paris");
    }

    @Test
    void aBadUrlFallsBackToDefaultsInsteadOfFailing() {
        ReportView view = open("viewer", "days=12&from=yesterday&tz=Mars/Olympus&tab=nope");
        assertThat(view.state().days()).isEqualTo(30);
        assertThat(view.state().tab()).isEqualTo(ReportTab.VISITS);
        assertThat(view.state().problems()).contains("days", "tz", "tab");
    }

    @Test
    void aCustomRangeRunsFromTheDatePickers() {
        ReportView view = open("viewer", null);
        view.rangeSelect.setValue(ReportView.CUSTOM);
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        view.fromPicker.setValue(today.minusDays(9));
        view.toPicker.setValue(today.minusDays(5));
        _click(view.runButton);
        assertThat(view.range().from()).isEqualTo(today.minusDays(9));
        assertThat(view.range().to()).isEqualTo(today.minusDays(5));
        assertThat(view.chart.getData().categories()).hasSize(5);
        assertThat(GridKt._size(grid(view)))
                .isEqualTo((int) dbCount(DefaultOrganisation.SLUG, today.minusDays(9), today.minusDays(5), ""));
    }

    @Test
    void aRangeWithoutVisitsSaysSoInTheChartAndTheGrid() {
        ReportView view = open("viewer", "from=2020-01-06&to=2020-01-12");
        assertThat(view.range().from()).isEqualTo(LocalDate.of(2020, 1, 6));
        assertThat(view.chart.getData().categories()).isEmpty();
        assertThat(view.chart.getData().series()).isEmpty();
        assertThat(view.chart.getData().emptyText()).isEqualTo(view.getTranslation("report.empty"));
        assertThat(GridKt._size(grid(view))).isZero();
        // A range with visits shows its days and no message.
        ReportView withVisits = open("viewer", "days=30");
        assertThat(withVisits.chart.getData().categories()).hasSize(30);
        assertThat(withVisits.chart.getData().emptyText()).isEmpty();
    }

    private static RawEvent event(String meeting, String type, String eventType, String at, String participant,
            String role) {
        return new RawEvent(meeting + "-" + eventType + "-" + participant + "-" + java.util.UUID.randomUUID(), meeting,
                type, eventType, at, participant, role, null, null);
    }

    @Test
    void eventsNotYetInTheVisitsAreAnnouncedUntilTheyAre() throws Exception {
        long orgId = organisations.findBySlug(DefaultOrganisation.SLUG).orElseThrow().id();
        ReportView view = open("viewer", null);
        assertThat(view.eventsPending.isVisible()).isFalse();

        // A meeting queued 12 s ago. Holding its meeting lock keeps the background derivation, which
        // takes that lock before it reads the meeting's events, from finishing it meanwhile.
        try (Connection holder = dataSource.getConnection()) {
            String lockKey = "hashtextextended(cast(? as text) || ':' || ?, 0)";
            try (PreparedStatement lock = holder.prepareStatement("select pg_advisory_lock(" + lockKey + ")")) {
                lock.setString(1, Long.toString(orgId));
                lock.setString(2, "PENDING-1");
                lock.execute();
            }
            Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            try {
                jdbc.sql("""
                                insert into visit_derivation_queue (organisation_id, meeting_id, queued_at)
                                values (:org, 'PENDING-1', :queued)""")
                        .param("org", orgId).param("queued", Timestamp.from(now.minusSeconds(12))).update();
                clock.pin(now);
                view.runReport();
                assertThat(view.eventsPending.isVisible()).isTrue();
                assertThat(view.eventsPending.getText()).startsWith("Some events received up to 12 s ago ");
            } finally {
                clock.release();
                try (PreparedStatement unlock = holder.prepareStatement("select pg_advisory_unlock(" + lockKey + ")")) {
                    unlock.setString(1, Long.toString(orgId));
                    unlock.setString(2, "PENDING-1");
                    unlock.execute();
                }
            }
        }
        derivation.deriveQueued(java.time.Duration.ofSeconds(30));
        view.runReport();
        assertThat(view.eventsPending.isVisible()).isFalse();
    }

    @Test
    void aViewerHasNoOrganisationSettingsAndCannotSwitchAnalytics() {
        ReportView view = open("viewer", null);
        _click(_get(com.vaadin.flow.component.button.Button.class, spec -> spec.withId("open-settings")));
        ReportSettingsDialog dialog = _get(ReportSettingsDialog.class);
        assertThat(_find(dialog, Checkbox.class, spec -> spec.withId("analytics-enabled"))).isEmpty();
        assertThatThrownBy(() -> reports.setAnalyticsEnabled(false)).isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void anAdminSwitchesAnalyticsOffAndTheReportSaysSo() {
        long orgId = organisations.findBySlug(DefaultOrganisation.SLUG).orElseThrow().id();
        try {
            ReportView view = open("teams", null);
            assertThat(view.analyticsOff.isVisible()).isFalse();
            _click(_get(com.vaadin.flow.component.button.Button.class, spec -> spec.withId("open-settings")));
            Checkbox analytics = _get(Checkbox.class, spec -> spec.withId("analytics-enabled"));
            assertThat(analytics.getValue()).isTrue();
            // Cancelling the confirmation leaves analytics on, and the box ticked.
            com.github.mvysny.kaributesting.v10.LocatorJ._setValue(analytics, false);
            com.github.mvysny.kaributesting.v10.pro.ConfirmDialogKt._fireCancel(
                    _get(com.vaadin.flow.component.confirmdialog.ConfirmDialog.class));
            assertThat(organisations.findById(orgId).orElseThrow().analyticsEnabled()).isTrue();
            assertThat(analytics.getValue()).isTrue();
            assertThat(view.analyticsOff.isVisible()).isFalse();

            com.github.mvysny.kaributesting.v10.LocatorJ._setValue(analytics, false);
            com.vaadin.flow.component.confirmdialog.ConfirmDialog confirm =
                    _get(com.vaadin.flow.component.confirmdialog.ConfirmDialog.class,
                            spec -> spec.withId("confirm-analytics-off"));
            assertThat(organisations.findById(orgId).orElseThrow().analyticsEnabled())
                    .as("nothing changes before the confirmation").isTrue();
            com.github.mvysny.kaributesting.v10.pro.ConfirmDialogKt._fireConfirm(confirm);
            assertThat(organisations.findById(orgId).orElseThrow().analyticsEnabled()).isFalse();
            assertThat(view.analyticsOff.isVisible()).isTrue();

            // Switching on again needs no confirmation.
            com.github.mvysny.kaributesting.v10.LocatorJ._setValue(analytics, true);
            assertThat(organisations.findById(orgId).orElseThrow().analyticsEnabled()).isTrue();
            assertThat(view.analyticsOff.isVisible()).isFalse();
        } finally {
            organisations.setAnalyticsEnabled(orgId, true);
        }
    }

    @Test
    void chosenColumnsAreKeptAcrossSessions() {
        ReportView view = open("viewer", null);
        _click(_get(com.vaadin.flow.component.button.Button.class, spec -> spec.withId("open-settings")));
        ReportSettingsDialog dialog = _get(ReportSettingsDialog.class);
        com.github.mvysny.kaributesting.v10.LocatorJ._setValue(dialog.columns,
                Set.of(VisitColumn.MEETING_ID, VisitColumn.STATUS, VisitColumn.DEPARTMENT));
        _click(_get(com.vaadin.flow.component.button.Button.class, spec -> spec.withId("save-settings")));
        try {
            assertThat(grid(view).getColumns()).extracting(Grid.Column::getKey)
                    .containsExactly("MEETING_ID", "STATUS", "DEPARTMENT");

            logout();
            ReportView again = open("viewer", null); // a new session: columns come from the database
            assertThat(grid(again).getColumns()).extracting(Grid.Column::getKey)
                    .containsExactly("MEETING_ID", "STATUS", "DEPARTMENT");
            logout();
            ReportView other = open("teams", null); // another user keeps the defaults
            assertThat(grid(other).getColumns()).hasSize(VisitColumn.DEFAULT.size());
        } finally {
            logout();
            open("viewer", null);
            reports.saveGridColumns(VisitColumn.DEFAULT);
        }
    }

    @Test
    void headlineFiguresMatchTheDatabase() {
        ReportView view = open("admin", "days=30");
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        long visits = dbCount(DefaultOrganisation.SLUG, today.minusDays(29), today, "");
        long noShows = dbCount(DefaultOrganisation.SLUG, today.minusDays(29), today, " and status = 'NO_SHOW'");
        String shownVisits = _get(view, com.vaadin.flow.component.html.Div.class, spec -> spec.withId("kpi-visits"))
                .getElement().getChild(1).getText();
        assertThat(shownVisits.replace(",", "")).isEqualTo(Long.toString(visits));
        var comparison = reports.headlines(view.range(), org.virtualvisits.analytics.report.VisitFilter.NONE);
        assertThat(comparison.current().visits()).isEqualTo(visits);
        assertThat(comparison.current().noShows()).isEqualTo(noShows);
    }
}
