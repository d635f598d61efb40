package org.virtualvisits.analytics.report.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.shared.Tooltip;
import com.vaadin.flow.router.QueryParameters;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.virtualvisits.analytics.KaribuTest;
import org.virtualvisits.analytics.report.ReportService;
import org.virtualvisits.analytics.report.VisitColumn;
import org.virtualvisits.analytics.visits.Visit;

/** How the report adapts: a phone's width, a partial today, the chart's figures as a table, long French headers. */
class ReportLayoutTest extends KaribuTest {

    @Autowired
    ReportService reports;

    @AfterEach
    void defaultColumns() {
        if (UI.getCurrent() != null) {
            reports.saveGridColumns(VisitColumn.DEFAULT);
        }
    }

    private ReportView open(String username, String query) {
        login(username);
        UI.getCurrent().navigate("", QueryParameters.fromString(query));
        return _get(ReportView.class);
    }

    private static List<String> visibleColumns(ReportView view) {
        @SuppressWarnings("unchecked")
        Grid<Visit> grid = _get(view, Grid.class);
        return grid.getColumns().stream().filter(Grid.Column::isVisible).map(Grid.Column::getKey).toList();
    }

    @Test
    void onAPhoneTheFiltersFoldAndTheGridKeepsItsKeyColumns() {
        ReportView view = open("viewer", "days=7&status=COMPLETED");
        assertThat(view.filters.isOpened()).isTrue();
        assertThat(view.filters.getSummaryText()).isEqualTo("Filters (1)");
        assertThat(visibleColumns(view)).hasSize(VisitColumn.DEFAULT.size());

        view.applyWidth(390);
        assertThat(view.filters.isOpened()).isFalse();
        assertThat(view.tabs.getThemeNames()).contains("small");
        assertThat(visibleColumns(view)).containsExactly("START_TIME", "DURATION", "STATUS");
        // Switching tab rebuilds the columns: still the phone's.
        view.tabs.setSelectedTab(view.tabs.getTabAt(1));
        view.runReport();
        assertThat(visibleColumns(view)).containsExactly("START_TIME", "DURATION", "STATUS");

        view.applyWidth(1400);
        assertThat(view.filters.isOpened()).isTrue();
        assertThat(view.tabs.getThemeNames()).doesNotContain("small");
        assertThat(visibleColumns(view)).hasSize(VisitColumn.DEFAULT.size());
    }

    @Test
    void aPhoneShowsTheFirstThreeChosenColumnsWhenNoneIsAKeyColumn() {
        login("viewer");
        reports.saveGridColumns(List.of(VisitColumn.MEETING_ID, VisitColumn.PARTICIPANTS, VisitColumn.SMS_SENT,
                VisitColumn.DEPARTMENT));
        UI.getCurrent().navigate("", QueryParameters.fromString("days=7"));
        ReportView view = _get(ReportView.class);
        view.applyWidth(390);
        assertThat(visibleColumns(view)).containsExactly("MEETING_ID", "PARTICIPANTS", "SMS_SENT");
    }

    @Test
    void aRangeEndingTodaySaysTodayIsPartialAndAnEarlierOneDoesNot() {
        ReportView view = open("viewer", "days=7&tz=UTC");
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        assertThat(view.todayPartial.isVisible()).isTrue();
        assertThat(view.todayPartial.getText()).isEqualTo("Today (" + today + ") is not over yet: its figures are"
                + " partial and will still grow.");

        ReportView past = open("viewer", "from=" + today.minusDays(10) + "&to=" + today.minusDays(3) + "&tz=UTC");
        assertThat(past.todayPartial.isVisible()).isFalse();
    }

    @Test
    void theChartsFiguresAreATableWithOneRowPerDayAndOneColumnPerSeries() {
        ReportView view = open("viewer", "days=7&tz=UTC");
        TimeSeriesChart.Data data = view.chart.getData();
        var table = view.chartTable.table();
        assertThat(table.getTag()).isEqualTo("table");
        assertThat(table.getChild(0).getTag()).isEqualTo("caption");
        var header = table.getChild(1).getChild(0);
        assertThat(header.getChildCount()).isEqualTo(1 + data.series().size());
        assertThat(header.getChild(1).getText()).isEqualTo(data.series().get(0).name());
        assertThat(header.getChild(1).getAttribute("scope")).isEqualTo("col");
        var body = table.getChild(2);
        assertThat(body.getChildCount()).isEqualTo(7);
        for (int d = 0; d < 7; d++) {
            var row = body.getChild(d);
            assertThat(row.getChild(0).getText()).isEqualTo(data.categories().get(d));
            assertThat(row.getChild(0).getAttribute("scope")).isEqualTo("row");
            assertThat(row.getChild(1).getText()).isEqualTo(String.valueOf(data.series().get(0).data().get(d)));
        }
    }

    @Test
    void aLongFrenchHeaderIsShortenedWithTheFullLabelAsItsTooltip() {
        login("viewer");
        UI.getCurrent().getSession().setLocale(Locale.FRENCH);
        UI.getCurrent().setLocale(Locale.FRENCH);
        UI.getCurrent().navigate("", QueryParameters.fromString("days=7"));
        ReportView view = _get(ReportView.class);
        @SuppressWarnings("unchecked")
        Grid<Visit> grid = _get(view, Grid.class);
        Span header = (Span) grid.getColumnByKey("LOBBY_WAIT").getHeaderComponent();
        assertThat(header.getText()).isEqualTo("Attente");
        assertThat(Tooltip.forComponent(header).getText()).isEqualTo("Temps d'attente en salle d'attente");
        assertThat(grid.getColumnByKey("DURATION").getHeaderText()).isEqualTo("Durée");
    }

    @Test
    void inEnglishTheHeaderIsTheFullLabel() {
        ReportView view = open("viewer", "days=7");
        @SuppressWarnings("unchecked")
        Grid<Visit> grid = _get(view, Grid.class);
        assertThat(grid.getColumnByKey("LOBBY_WAIT").getHeaderText()).isEqualTo("Lobby wait time");
    }
}
