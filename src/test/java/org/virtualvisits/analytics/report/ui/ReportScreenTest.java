package org.virtualvisits.analytics.report.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.router.QueryParameters;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.virtualvisits.analytics.KaribuTest;
import org.virtualvisits.analytics.TestClock;
import org.virtualvisits.analytics.TestDatabaseOutage;
import org.virtualvisits.analytics.base.ui.DatabaseUnavailable;
import org.virtualvisits.analytics.TestFixture;
import org.virtualvisits.analytics.organisation.Organisation;
import org.virtualvisits.analytics.report.HeadlineComparison;
import org.virtualvisits.analytics.report.Headlines;
import org.virtualvisits.analytics.report.VisitColumn;
import org.virtualvisits.analytics.security.Role;
import org.virtualvisits.analytics.visits.DerivationRounds;
import org.virtualvisits.analytics.visits.EventIngestion;
import org.virtualvisits.analytics.visits.RawEvent;
import org.virtualvisits.analytics.visits.Visit;

/** What the report screen promises besides its figures: changes, the "Generated" line, highlights. */
class ReportScreenTest extends KaribuTest {

    @Autowired
    TestClock clock;
    @Autowired
    EventIngestion ingestion;
    @Autowired
    DerivationRounds derivation;

    @Autowired
    TestDatabaseOutage outage;

    @AfterEach
    void releaseClockAndDatabase() {
        clock.release();
        outage.end();
    }

    @Test
    void whileTheDatabaseIsUnreachableTheReportSaysSoInsteadOfFailing() {
        login("viewer");
        outage.begin();
        UI.getCurrent().navigate("");
        DatabaseUnavailable page = _get(DatabaseUnavailable.class);
        assertThat(_get(page, H1.class).getText()).isEqualTo("Temporarily unavailable");
        assertThat(_get(page, Paragraph.class).getText()).startsWith("The database is temporarily unavailable");

        outage.end();
        UI.getCurrent().navigate("");
        assertThat(_get(ReportView.class).generated.getText()).startsWith("Generated ");
    }

    @Test
    void eachHeadlineShowsItsChangeAgainstThePreviousPeriodWithSignPercentageAndColour() {
        UI.getCurrent().setLocale(Locale.ENGLISH);
        HeadlineCards cards = new HeadlineCards();
        UI.getCurrent().add(cards);
        // Now: 120 visits, 90 completed, 12 no-shows (10 %), waits 120 s / 600 s, 5 over 5 min.
        // Before: 100 visits, 90 completed, 5 no-shows (5 %), waits 150 s / 600 s, 10 over.
        cards.show(new HeadlineComparison(new Headlines(120, 90, 12, 120.0, 600.0, 5, 300),
                new Headlines(100, 90, 5, 150.0, 600.0, 10, 300)), 30);

        assertChange(cards, "visits", "▲ +20% vs previous 30 days", "vva-better");
        assertChange(cards, "completed", "= 0% vs previous 30 days", null);
        // A rate changes in percentage points (5 % to 10 %: +5 points, not +100 %); up is bad.
        assertChange(cards, "no-show-rate", "▲ +5.0 pt vs previous 30 days", "vva-worse");
        assertChange(cards, "median-wait", "▼ −20% vs previous 30 days", "vva-better"); // down is good
        assertChange(cards, "p90-wait", "= 0% vs previous 30 days", null);
        assertChange(cards, "long-waits", "▼ −50% vs previous 30 days", "vva-better");
        assertThat(value(cards, "no-show-rate")).isEqualTo("10%");
        assertThat(value(cards, "median-wait")).isEqualTo("2 min 00 s");

        // A change too small to show is shown, and coloured, as none: never "▲ +0%" in red.
        cards.show(new HeadlineComparison(new Headlines(1001, 900, 100, 61.0, 600.0, 10, 300),
                new Headlines(1000, 899, 100, 60.0, 600.0, 10, 300)), 30);
        assertChange(cards, "visits", "= 0% vs previous 30 days", null);
        assertChange(cards, "no-show-rate", "= 0.0 pt vs previous 30 days", null); // 9.99 % against 10 %
        assertChange(cards, "median-wait", "▲ +2% vs previous 30 days", "vva-worse");

        cards.show(new HeadlineComparison(new Headlines(3, 1, 1, 60.0, 60.0, 0, 300),
                new Headlines(0, 0, 0, null, null, 0, 300)), 7);
        assertChange(cards, "visits", "no visits in the previous 7 days", null);
        assertChange(cards, "no-show-rate", "no visits in the previous 7 days", null);
    }

    private static void assertChange(HeadlineCards cards, String kpi, String text, String colour) {
        Span change = span(cards, kpi, "vva-kpi-change");
        assertThat(change.getText()).as(kpi).isEqualTo(text);
        for (String className : List.of("vva-better", "vva-worse")) {
            assertThat(change.hasClassName(className)).as(kpi + " " + className).isEqualTo(className.equals(colour));
        }
    }

    private static String value(HeadlineCards cards, String kpi) {
        return span(cards, kpi, "vva-kpi-value").getText();
    }

    private static Span span(HeadlineCards cards, String kpi, String className) {
        Div card = _get(cards, Div.class, spec -> spec.withId("kpi-" + kpi));
        return card.getChildren().filter(Span.class::isInstance).map(Span.class::cast)
                .filter(span -> span.hasClassName(className)).findFirst().orElseThrow();
    }

    @Test
    void theGeneratedLineSaysWhenAndWhichDaysInTheChosenZone() {
        // 23:30 UTC is already the next day in Paris: "today" and the time follow the zone.
        clock.pin(Instant.parse("2026-11-20T23:30:00Z"));
        ReportView view = open("viewer", "days=7&tz=Europe/Paris");
        assertThat(view.generated.getText())
                .isEqualTo("Generated 2026-11-21 00:30 · covers 2026-11-15 to 2026-11-21 (Europe/Paris)");
        view = open("viewer", "days=30");
        assertThat(view.generated.getText())
                .isEqualTo("Generated 2026-11-20 23:30 · covers 2026-10-22 to 2026-11-20 (UTC)");
    }

    @Test
    void lobbyWaitsOverTheOrganisationsThresholdAreHighlightedInTheGrid() {
        Organisation org = fixture.newOrganisation(); // threshold: 10 min, the default
        String viewer = fixture.newUser(org, Role.REPORT_VIEWER).username();
        Instant yesterday = LocalDate.now(ZoneOffset.UTC).minusDays(1).atTime(9, 0).toInstant(ZoneOffset.UTC);
        List<RawEvent> events = new ArrayList<>();
        events.addAll(TestFixture.completedVisit("LONG", "BOOKINGS", yesterday, 601, 900, null));
        events.addAll(TestFixture.completedVisit("EXACT", "BOOKINGS", yesterday.plusSeconds(3600), 600, 900, null));
        events.addAll(TestFixture.completedVisit("SHORT", "BOOKINGS", yesterday.plusSeconds(7200), 30, 900, null));
        ingestion.ingest(org.id(), events);
        derivation.deriveQueued(Duration.ofSeconds(30));

        ReportView view = open(viewer, "days=7");
        @SuppressWarnings("unchecked")
        Grid<Visit> grid = _get(view, Grid.class);
        assertThat(GridKt._size(grid)).isEqualTo(3);
        Grid.Column<Visit> wait = grid.getColumnByKey(VisitColumn.LOBBY_WAIT.name());
        for (int row = 0; row < 3; row++) {
            Visit visit = GridKt._get(grid, row);
            assertThat(wait.getPartNameGenerator().apply(visit)).as(visit.meetingId())
                    .isEqualTo(visit.meetingId().equals("LONG") ? "long-wait" : null);
        }
    }

    @Test
    void aDepartmentLimitedViewerIsToldTheFiguresCoverTheirDepartmentsOnly() {
        assertThat(open("cardio-viewer", "days=7").scope.getText())
                .isEqualTo("Contoso Health (demo) · showing Cardiology visits only");
        assertThat(open("viewer", "days=7").scope.getText()).isEqualTo("Contoso Health (demo)");
        assertThat(open("northwind-admin", "days=7").scope.getText()).isEqualTo("Northwind Clinic (demo)");
    }

    @Test
    void thePickersTakeIsoDatesAndTheLocalesOwnAndAReversedRangeMarksTheEndDate() {
        ReportView view = open("viewer", "days=7");
        assertThat(view.fromPicker.getI18n().getDateFormats()).first().isEqualTo("yyyy-MM-dd");
        assertThat(IsoDatePicker.localFormat(Locale.US)).isEqualTo("M/d/yyyy");
        assertThat(IsoDatePicker.localFormat(Locale.FRANCE)).isEqualTo("dd/MM/yyyy");

        ReportState before = view.state();
        view.rangeSelect.setValue(ReportView.CUSTOM);
        view.fromPicker.setValue(LocalDate.of(2026, 11, 10));
        view.toPicker.setValue(LocalDate.of(2026, 11, 1));
        view.runFromFields();
        assertThat(view.toPicker.isInvalid()).isTrue();
        assertThat(view.toPicker.getErrorMessage()).isEqualTo("The end date is before the start date.");
        assertThat(view.fromPicker.isInvalid()).isFalse();
        assertThat(view.state()).as("nothing ran").isEqualTo(before);

        view.toPicker.setValue(LocalDate.of(2026, 11, 20));
        view.runFromFields();
        assertThat(view.toPicker.isInvalid()).isFalse();
        assertThat(view.range().from()).isEqualTo(LocalDate.of(2026, 11, 10));
        assertThat(view.range().to()).isEqualTo(LocalDate.of(2026, 11, 20));
    }

    private ReportView open(String username, String query) {
        login(username);
        UI.getCurrent().navigate("", QueryParameters.fromString(query));
        return _get(ReportView.class);
    }
}
