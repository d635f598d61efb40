package org.virtualvisits.analytics.report.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridSortOrder;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.data.provider.SortDirection;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.virtualvisits.analytics.report.DailyVisits;
import org.virtualvisits.analytics.report.ReportRange;
import org.virtualvisits.analytics.report.ReportService;
import org.virtualvisits.analytics.report.VisitSort;
import org.virtualvisits.analytics.report.VisitFilter;
import org.virtualvisits.analytics.security.Role;
import org.virtualvisits.analytics.visits.Visit;

/** The usage report: range, chart of visits per day, grid of the range's visits. */
@Route("")
@RolesAllowed({Role.Names.GLOBAL_ADMIN, Role.Names.TEAMS_ADMIN, Role.Names.REPORT_VIEWER})
public class ReportView extends VerticalLayout implements HasDynamicTitle {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final ReportService reports;
    private final Clock clock;
    private final Select<Integer> rangeSelect = new Select<>();
    private final Span generated = new Span();
    private final TimeSeriesChart chart = new TimeSeriesChart();
    private final Grid<Visit> grid = new Grid<>(Visit.class, false);
    private ReportRange range;

    public ReportView(ReportService reports, Clock clock) {
        this.reports = reports;
        this.clock = clock;
        addClassName("vva-page");
        setSizeFull();

        rangeSelect.setLabel(getTranslation("report.range"));
        rangeSelect.setItems(7, 30, 90);
        rangeSelect.setItemLabelGenerator(days -> getTranslation("report.range.last" + days));
        rangeSelect.setValue(30);
        Button run = new Button(getTranslation("report.run"), e -> runReport());
        run.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        run.setId("run-report");
        HorizontalLayout toolbar = new HorizontalLayout(rangeSelect, run, generated);
        toolbar.setAlignItems(FlexComponent.Alignment.BASELINE);
        generated.addClassName("vva-muted");

        chart.setWidthFull();
        chart.setHeight("320px");
        configureGrid();

        add(new H2(getTranslation("report.title")), toolbar, chart, grid);
        setFlexGrow(1, grid);
        runReport();
    }

    private void configureGrid() {
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_COMPACT);
        grid.setMultiSort(false);
        grid.addColumn(v -> TIME.format(v.startTime().atZone(ZoneOffset.UTC)))
                .setHeader(getTranslation("col.startTime")).setKey(VisitSort.START_TIME.name())
                .setSortable(true).setAutoWidth(true);
        grid.addColumn(Visit::meetingId).setHeader(getTranslation("col.meetingId"))
                .setKey(VisitSort.MEETING_ID.name()).setSortable(true).setAutoWidth(true);
        grid.addColumn(v -> DurationText.of(v.lobbyWaitSeconds())).setHeader(getTranslation("col.lobbyWait"))
                .setKey(VisitSort.LOBBY_WAIT.name()).setSortable(true).setTextAlign(ColumnTextAlign.END);
        grid.addColumn(v -> DurationText.of(v.durationSeconds())).setHeader(getTranslation("col.duration"))
                .setKey(VisitSort.DURATION.name()).setSortable(true).setTextAlign(ColumnTextAlign.END);
        grid.addColumn(v -> v.status().name()).setHeader(getTranslation("col.status"))
                .setKey(VisitSort.STATUS.name()).setSortable(true);
        grid.addColumn(v -> v.meetingType().name()).setHeader(getTranslation("col.meetingType"))
                .setKey(VisitSort.MEETING_TYPE.name()).setSortable(true);
        grid.addColumn(Visit::participants).setHeader(getTranslation("col.participants"))
                .setKey(VisitSort.PARTICIPANTS.name()).setSortable(true).setTextAlign(ColumnTextAlign.END);
        grid.addColumn(v -> getTranslation(v.smsSent() ? "yes" : "no")).setHeader(getTranslation("col.smsSent"))
                .setKey(VisitSort.SMS_SENT.name()).setSortable(true);
    }

    void runReport() {
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        range = ReportRange.lastDays(rangeSelect.getValue(), today, ZoneOffset.UTC);
        List<DailyVisits> days = reports.dailySeries(range, VisitFilter.NONE);
        chart.setData(new TimeSeriesChart.Data(
                days.stream().map(d -> d.date().toString()).toList(),
                List.of(TimeSeriesChart.Series.line(getTranslation("series.total"),
                                days.stream().map(DailyVisits::total).toList()),
                        TimeSeriesChart.Series.line(getTranslation("series.bookings"),
                                days.stream().map(DailyVisits::bookings).toList()),
                        TimeSeriesChart.Series.line(getTranslation("series.ehr"),
                                days.stream().map(DailyVisits::ehr).toList())),
                "", 0, ""));
        ReportRange current = range;
        grid.setItems(query -> {
            GridSortOrder<Visit> order = grid.getSortOrder().isEmpty() ? null : grid.getSortOrder().get(0);
            VisitSort sort = order == null ? VisitSort.START_TIME : VisitSort.valueOf(order.getSorted().getKey());
            boolean descending = order != null && order.getDirection() == SortDirection.DESCENDING;
            return reports.visits(current, VisitFilter.NONE, sort, descending, query.getOffset(), query.getLimit()).stream();
        }, query -> (int) Math.min(Integer.MAX_VALUE, reports.countVisits(current, VisitFilter.NONE)));
        generated.setText(getTranslation("report.generated",
                TIME.format(clock.instant().atZone(ZoneOffset.UTC)), range.from(), range.to()));
    }

    ReportRange range() {
        return range;
    }

    Grid<Visit> grid() {
        return grid;
    }

    TimeSeriesChart chart() {
        return chart;
    }

    @Override
    public String getPageTitle() {
        return getTranslation("report.title") + " · " + getTranslation("app.name");
    }
}
