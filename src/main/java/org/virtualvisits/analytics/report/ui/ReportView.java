package org.virtualvisits.analytics.report.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.tabs.Tab;
import com.vaadin.flow.component.tabs.Tabs;
import com.vaadin.flow.component.tabs.TabsVariant;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Location;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.shared.Registration;
import jakarta.annotation.security.RolesAllowed;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.virtualvisits.analytics.base.ui.PageHeading;
import org.virtualvisits.analytics.organisation.Organisation;
import org.virtualvisits.analytics.report.DailyVisits;
import org.virtualvisits.analytics.report.HeadlineComparison;
import org.virtualvisits.analytics.report.ReportRange;
import org.virtualvisits.analytics.report.ReportService;
import org.virtualvisits.analytics.report.ReportTab;
import org.virtualvisits.analytics.report.ShownReport;
import org.virtualvisits.analytics.report.VisitColumn;
import org.virtualvisits.analytics.report.VisitFilter;
import org.virtualvisits.analytics.security.AppUserPrincipal;
import org.virtualvisits.analytics.security.CurrentUser;
import org.virtualvisits.analytics.security.Role;
import org.virtualvisits.analytics.visits.AppointmentKind;
import org.virtualvisits.analytics.visits.VisitStatus;

/**
 * The usage report (PRODUCT.md §3): range and filters (kept in the URL), headline figures,
 * tabs by licence, each with a chart and a lazily loaded grid, and the settings pane.
 */
@Menu(title = "nav.report", order = 0, icon = "vaadin:chart")
@Route("")
@RolesAllowed({Role.Names.GLOBAL_ADMIN, Role.Names.TEAMS_ADMIN, Role.Names.REPORT_VIEWER})
public class ReportView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    static final String CUSTOM = ReportToolbar.CUSTOM;
    static final int NARROW_PX = 700;
    private static final DateTimeFormatter GENERATED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final ReportService reports;
    private final ReportDownloads downloads;
    private final Optional<ReportSubscribing> subscribing;
    private final Clock clock;
    private final AppUserPrincipal user;

    final ReportToolbar toolbar = new ReportToolbar(this::runFromFields, this::openSettings);
    final Select<String> rangeSelect = toolbar.rangeSelect;
    final DatePicker fromPicker = toolbar.fromPicker;
    final DatePicker toPicker = toolbar.toPicker;
    final Button runButton = toolbar.runButton;
    final ReportFilters filters = new ReportFilters();
    final ComboBox<String> departmentBox = filters.departmentBox;
    final Select<AppointmentKind> kindSelect = filters.kindSelect;
    final Select<VisitStatus> statusSelect = filters.statusSelect;
    final ComboBox<String> zoneBox = filters.zoneBox;
    final Span generated = new Span();
    final Span eventsPending = new Span();
    final Span scope = new Span();
    final Div analyticsOff = new Div();
    final HeadlineCards headlines = new HeadlineCards();
    final Tabs tabs = new Tabs();
    final Div tabContent = new Div();
    final TimeSeriesChart chart = new TimeSeriesChart();
    final ChartDataTable chartTable = new ChartDataTable();
    final Span todayPartial = new Span();
    final VisitsGrid visitsGrid = new VisitsGrid();
    private final Map<ReportTab, Tab> tabByReportTab = new EnumMap<>(ReportTab.class);
    private final Map<Tab, ReportTab> reportTabByTab = new HashMap<>();

    private ReportState state = ReportState.defaults();
    private ReportRange range;
    private Organisation organisation;
    private List<VisitColumn> columns;
    /** A phone-sized window: filters folded, the grid's key columns only (decided from the browser's width). */
    private boolean narrow;
    private Registration resizeListener;

    public ReportView(ReportService reports, ReportDownloads downloads, Clock clock, CurrentUser currentUser,
            Optional<ReportSubscribing> subscribing) {
        this.reports = reports;
        this.downloads = downloads;
        this.subscribing = subscribing;
        this.clock = clock;
        this.user = currentUser.require();
        addClassName("vva-page");
        setSpacing(false);

        analyticsOff.setId("analytics-off");
        analyticsOff.addClassName("vva-banner");
        analyticsOff.setText(getTranslation("report.analyticsOff"));
        analyticsOff.setVisible(false);

        H1 title = PageHeading.of(getTranslation("report.title"));
        scope.setId("report-scope");
        scope.addClassName("vva-muted");
        add(title, scope, analyticsOff, toolbar, filters, generated, eventsPending, headlines, tabs, tabContent);
        generated.addClassName("vva-muted");
        generated.setId("generated");
        eventsPending.addClassName("vva-muted");
        eventsPending.setId("events-pending");
        eventsPending.setVisible(false);
        tabContent.setWidthFull();
        tabContent.addClassName("vva-tab-content");
        chart.setWidthFull();
        chart.setHeight("320px");
        chart.setId("chart");
        tabs.setId("report-tabs");
        // The tabs stay in reach while the page scrolls (on a phone the grid is longer than the screen).
        tabs.getStyle().set("position", "sticky").set("top", "0").set("z-index", "2")
                .set("background", "var(--lumo-base-color)");
        todayPartial.setId("today-partial");
        todayPartial.addClassName("vva-muted");
        tabs.addSelectedChangeListener(e -> {
            if (e.isFromClient() && e.getSelectedTab() != null) {
                state = state.withTab(reportTabByTab.get(e.getSelectedTab()));
                updateUrl();
                showTab();
            }
        });
        // The user's sort goes into the URL (a shared link opens sorted alike) and stays when the
        // report runs again or the tab changes.
        visitsGrid.onSortChange((column, descending) -> {
            state = state.withSort(column, descending);
            updateUrl();
        });
    }

    @Override
    protected void onAttach(com.vaadin.flow.component.AttachEvent attachEvent) {
        super.onAttach(attachEvent);
        // Offer the browser's own zone: users far from UTC want visits on the right day.
        attachEvent.getUI().getPage().retrieveExtendedClientDetails(details -> {
            String browserZone = details.getTimeZoneId();
            if (browserZone != null && TimeZones.all().contains(browserZone)
                    && !browserZone.equals(zoneBox.getValue())
                    && !(ZoneOffset.UTC.equals(state.zone()) && "UTC".equals(ZoneId.of(browserZone).normalized().getId()))) {
                zoneBox.setHelperText(getTranslation("filter.zone.yours", browserZone));
            }
            applyWidth(details.getWindowInnerWidth());
        });
        resizeListener = attachEvent.getUI().getPage().addBrowserWindowResizeListener(e -> applyWidth(e.getWidth()));
    }

    @Override
    protected void onDetach(com.vaadin.flow.component.DetachEvent detachEvent) {
        if (resizeListener != null) {
            resizeListener.remove();
        }
        super.onDetach(detachEvent);
    }

    /** Below {@link #NARROW_PX} CSS pixels the report takes its phone layout; above, the desktop one. */
    void applyWidth(int widthPx) {
        boolean nowNarrow = widthPx > 0 && widthPx < NARROW_PX;
        if (nowNarrow != narrow) {
            narrow = nowNarrow;
            filters.setOpened(!narrow);
            // Five tabs fit a phone's width in the small size.
            tabs.setThemeName(TabsVariant.LUMO_SMALL.getVariantName(), narrow);
            visitsGrid.setNarrow(narrow);
        }
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        Map<String, String> parameters = new HashMap<>();
        event.getLocation().getQueryParameters().getParameters()
                .forEach((key, values) -> parameters.put(key, values.isEmpty() ? null : values.get(0)));
        state = ReportState.fromParameters(parameters);
        boolean foreignParameters = !state.toParameters().keySet().containsAll(parameters.keySet());
        if (!state.problems().isEmpty()) {
            Notification.show(getTranslation("report.badUrl", String.join(", ", state.problems())), 5000,
                    Notification.Position.TOP_CENTER).addThemeVariants(NotificationVariant.LUMO_CONTRAST);
        }
        organisation = reports.organisation();
        // Whose figures these are: the organisation, and for a department-limited viewer which departments.
        scope.setText(user.departments().isEmpty() ? organisation.name() : getTranslation("report.scope.limited",
                organisation.name(), String.join(", ", new java.util.TreeSet<>(user.departments()))));
        columns = reports.gridColumns();
        departmentBox.setItems(reports.departments());
        buildTabs();
        fillFields();
        runReport();
        if (foreignParameters) {
            updateUrl(); // e.g. "?continue" left by the sign-in redirect
        }
    }

    private void buildTabs() {
        tabs.removeAll();
        tabByReportTab.clear();
        reportTabByTab.clear();
        for (ReportTab reportTab : ReportTab.values()) {
            if (reportTab.shownFor(organisation)) {
                Tab tab = new Tab(getTranslation(reportTab.titleKey()));
                tab.setId("tab-" + reportTab.urlName());
                tabs.add(tab);
                tabByReportTab.put(reportTab, tab);
                reportTabByTab.put(tab, reportTab);
            }
        }
        if (!tabByReportTab.containsKey(state.tab())) {
            state = state.withTab(ReportTab.VISITS); // a tab the licences do not show
        }
        tabs.setSelectedTab(tabByReportTab.get(state.tab()));
    }

    private void fillFields() {
        rangeSelect.setValue(state.days() == null ? CUSTOM : state.days().toString());
        ReportRange current = state.range(today(state.zone()));
        fromPicker.setValue(current.from());
        toPicker.setValue(current.to());
        toolbar.showCustomPickers(state.days() == null);
        departmentBox.setValue(state.department());
        kindSelect.setValue(state.appointmentKind());
        statusSelect.setValue(state.status());
        zoneBox.setValue(state.zoneName());
    }

    /** "Run report": read the fields into a new state, put it in the URL, query. */
    void runFromFields() {
        String rangeChoice = rangeSelect.getValue();
        ZoneId zone = Optional.ofNullable(zoneBox.getValue()).map(ZoneId::of).orElse(ZoneOffset.UTC);
        Integer days = null;
        LocalDate from = null;
        LocalDate to = null;
        if (rangeChoice == null || !CUSTOM.equals(rangeChoice)) {
            days = rangeChoice == null ? ReportState.DEFAULT_DAYS : Integer.valueOf(rangeChoice);
        } else {
            from = fromPicker.getValue();
            to = toPicker.getValue();
            // A wrong range is marked on the field at fault (the empty one, or To), not in a toast.
            String problem = customRangeProblem(from, to);
            DatePicker atFault = from == null ? fromPicker : toPicker;
            atFault.setErrorMessage(problem);
            atFault.setInvalid(problem != null);
            (atFault == fromPicker ? toPicker : fromPicker).setInvalid(false);
            if (problem != null) {
                return;
            }
        }
        state = new ReportState(days, from, to, zone, departmentBox.getValue(), kindSelect.getValue(),
                statusSelect.getValue(), state.tab(), state.sort(), state.descending(), List.of());
        updateUrl();
        runReport();
    }

    private String customRangeProblem(LocalDate from, LocalDate to) {
        if (from == null || to == null) {
            return getTranslation("report.range.incomplete");
        }
        return to.isBefore(from) ? getTranslation("report.range.reversed") : to.minusDays(ReportRange.MAX_DAYS)
                .isBefore(from) ? null : getTranslation("report.range.tooLong", ReportRange.MAX_DAYS);
    }

    private void updateUrl() {
        Map<String, List<String>> parameters = new HashMap<>();
        state.toParameters().forEach((key, value) -> parameters.put(key, List.of(value)));
        getUI().ifPresent(ui -> ui.getPage().getHistory()
                .replaceState(null, new Location("", new QueryParameters(parameters))));
    }

    private LocalDate today(ZoneId zone) {
        return LocalDate.now(clock.withZone(zone));
    }

    /** Queries everything the report shows for the current state. */
    void runReport() {
        organisation = reports.organisation();
        analyticsOff.setVisible(!organisation.analyticsEnabled());
        range = state.range(today(state.zone()));
        VisitFilter allTabs = new VisitFilter(null, state.department(), state.appointmentKind(), state.status());
        filters.updateSummary();
        HeadlineComparison comparison = reports.headlines(range, allTabs);
        headlines.show(comparison, range.dayCount());
        generated.setText(getTranslation("report.generated",
                GENERATED.format(clock.instant().atZone(state.zone())), range.from(), range.to(), state.zoneName()));
        // During a burst of incoming events the visits follow a little later (decision 0013): say so
        // rather than let the figures look complete.
        Optional<Instant> waitingSince = reports.eventsWaitingSince();
        eventsPending.setVisible(waitingSince.isPresent());
        waitingSince.ifPresent(since -> eventsPending.setText(getTranslation("report.eventsPending",
                DurationText.of(Math.max(1, Duration.between(since, clock.instant()).toSeconds())))));
        showTab();
    }

    private void showTab() {
        tabContent.removeAll();
        ReportTab tab = state.tab();
        if (!tab.hasVisits()) {
            tabContent.add(downloads.downloadsPanel(state.zone())); // the user's exports with live progress
            return;
        }
        VisitFilter filter = state.filter();
        List<DailyVisits> days = reports.dailySeries(range, filter);
        // The grid holds exactly the visits the series counts (same range, same filter), so its size
        // is the series' total: one query less per report, and grid and chart agree by construction.
        long visitsInRange = days.stream().mapToLong(DailyVisits::total).sum();
        TimeSeriesChart.Data chartData = TabChartData.of(tab, days, organisation, this::getTranslation);
        chart.setData(chartData);
        chartTable.show(chartData, getTranslation(tab.titleKey()));
        // Today is still going on: its point is low because the day is not over, not because visits fell.
        LocalDate today = today(state.zone());
        todayPartial.setText(getTranslation("report.todayPartial", today));
        todayPartial.setVisible(!range.to().isBefore(today) && !chartData.categories().isEmpty());
        visitsGrid.configure(columns, state.zone(), organisation.lobbyWaitThresholdSeconds(), state.sort(),
                state.descending());
        ReportRange current = range;
        visitsGrid.show((sort, descending, offset, limit) -> reports.visits(current, filter, sort, descending,
                offset, limit), visitsInRange);
        java.util.function.Supplier<ShownReport> shown = () -> new ShownReport(getTranslation(tab.titleKey()),
                current, filter, columns, visitsGrid.currentSort(), visitsGrid.currentSortDescending());
        Component export = downloads.exportButton(shown, () -> {
                    state = state.withTab(ReportTab.DOWNLOADS);
                    tabs.setSelectedTab(tabByReportTab.get(ReportTab.DOWNLOADS));
                    updateUrl();
                    showTab();
                });
        HorizontalLayout tabToolbar = new HorizontalLayout(export);
        subscribing.ifPresent(s -> tabToolbar.addComponentAsFirst(s.subscribeButton(tab, shown)));
        tabToolbar.setWidthFull();
        tabToolbar.setWrap(true); // on a phone the buttons go under each other rather than off the screen
        tabToolbar.setJustifyContentMode(FlexComponent.JustifyContentMode.END);
        tabContent.add(tabToolbar, chart, todayPartial, chartTable, visitsGrid);
    }

    private void openSettings() {
        new ReportSettingsDialog(reports, user.role().isAdmin(), () -> {
            columns = reports.gridColumns();
            runReport();
        }).open();
    }

    ReportState state() {
        return state;
    }

    ReportRange range() {
        return range;
    }

    @Override
    public String getPageTitle() {
        return getTranslation("report.title") + " · " + getTranslation("app.name");
    }
}
