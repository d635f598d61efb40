package org.virtualvisits.analytics.report.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.tabs.Tab;
import com.vaadin.flow.component.tabs.Tabs;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Location;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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

    static final String CUSTOM = "custom";
    private static final DateTimeFormatter GENERATED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final ReportService reports;
    private final ReportDownloads downloads;
    private final Optional<ReportSubscribing> subscribing;
    private final Clock clock;
    private final AppUserPrincipal user;

    final Select<String> rangeSelect = new Select<>();
    final DatePicker fromPicker = new DatePicker();
    final DatePicker toPicker = new DatePicker();
    final Button runButton = new Button();
    final ComboBox<String> departmentBox = new ComboBox<>();
    final Select<AppointmentKind> kindSelect = new Select<>();
    final Select<VisitStatus> statusSelect = new Select<>();
    final ComboBox<String> zoneBox = new ComboBox<>();
    final Span generated = new Span();
    final Span eventsPending = new Span();
    final Span scope = new Span();
    final Div analyticsOff = new Div();
    final HeadlineCards headlines = new HeadlineCards();
    final Tabs tabs = new Tabs();
    final Div tabContent = new Div();
    final TimeSeriesChart chart = new TimeSeriesChart();
    final VisitsGrid visitsGrid = new VisitsGrid();
    private final Map<ReportTab, Tab> tabByReportTab = new EnumMap<>(ReportTab.class);
    private final Map<Tab, ReportTab> reportTabByTab = new HashMap<>();

    private ReportState state = ReportState.defaults();
    private ReportRange range;
    private Organisation organisation;
    private List<VisitColumn> columns;

    public ReportView(ReportService reports, ReportDownloads downloads, Clock clock, CurrentUser currentUser, Optional<ReportSubscribing> subscribing) {
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

        H1 title = new H1(getTranslation("report.title"));
        title.getStyle().set("font-size", "var(--lumo-font-size-xl)"); // one h1 per page, at the old h2's size
        scope.setId("report-scope");
        scope.addClassName("vva-muted");
        add(title, scope, analyticsOff, toolbar(), filters(), generated, eventsPending, headlines, tabs, tabContent);
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

    private Component toolbar() {
        rangeSelect.setLabel(getTranslation("report.range"));
        rangeSelect.setId("range");
        List<String> ranges = new ArrayList<>();
        ReportState.PRESETS.forEach(days -> ranges.add(days.toString()));
        ranges.add(CUSTOM);
        rangeSelect.setItems(ranges);
        rangeSelect.setItemLabelGenerator(value -> CUSTOM.equals(value)
                ? getTranslation("report.range.custom") : getTranslation("report.range.last" + value));
        rangeSelect.addValueChangeListener(e -> showCustomPickers(CUSTOM.equals(e.getValue())));
        IsoDatePicker.configure(fromPicker, getLocale());
        IsoDatePicker.configure(toPicker, getLocale());
        fromPicker.setLabel(getTranslation("report.from"));
        fromPicker.setId("from");
        toPicker.setLabel(getTranslation("report.to"));
        toPicker.setId("to");
        runButton.setText(getTranslation("report.run"));
        runButton.setId("run-report");
        runButton.setIcon(VaadinIcon.PLAY.create());
        runButton.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        runButton.addClickListener(e -> runFromFields());
        runButton.addClickShortcut(com.vaadin.flow.component.Key.ENTER);

        Button settings = new Button(getTranslation("settings.open"), VaadinIcon.COG.create(), e -> openSettings());
        settings.setId("open-settings");
        settings.addThemeVariants(ButtonVariant.LUMO_TERTIARY);

        HorizontalLayout toolbar = new HorizontalLayout(rangeSelect, fromPicker, toPicker, runButton, settings);
        toolbar.setAlignItems(FlexComponent.Alignment.BASELINE);
        toolbar.setWrap(true);
        return toolbar;
    }

    private Component filters() {
        departmentBox.setLabel(getTranslation("filter.department"));
        departmentBox.setId("filter-department");
        departmentBox.setClearButtonVisible(true);
        departmentBox.setPlaceholder(getTranslation("filter.all"));
        kindSelect.setLabel(getTranslation("filter.kind"));
        kindSelect.setId("filter-kind");
        kindSelect.setItems(AppointmentKind.values());
        kindSelect.setEmptySelectionAllowed(true);
        kindSelect.setEmptySelectionCaption(getTranslation("filter.all"));
        kindSelect.setItemLabelGenerator(k -> k == null ? getTranslation("filter.all") : getTranslation("kind." + k.name()));
        statusSelect.setLabel(getTranslation("filter.status"));
        statusSelect.setId("filter-status");
        statusSelect.setItems(VisitStatus.values());
        statusSelect.setEmptySelectionAllowed(true);
        statusSelect.setEmptySelectionCaption(getTranslation("filter.all"));
        statusSelect.setItemLabelGenerator(s -> s == null ? getTranslation("filter.all") : getTranslation("status." + s.name()));
        zoneBox.setLabel(getTranslation("filter.zone"));
        zoneBox.setId("filter-zone");
        zoneBox.setItems(TimeZones.all());
        zoneBox.setAllowCustomValue(false);
        zoneBox.setWidth("16em");
        FlexLayout filters = new FlexLayout(departmentBox, kindSelect, statusSelect, zoneBox);
        filters.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        filters.addClassName("vva-filters");
        return filters;
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
        });
    }

    private void showCustomPickers(boolean custom) {
        fromPicker.setVisible(custom);
        toPicker.setVisible(custom);
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
        showCustomPickers(state.days() == null);
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
        chart.setData(TabChartData.of(tab, days, organisation, this::getTranslation));
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
        tabToolbar.setJustifyContentMode(FlexComponent.JustifyContentMode.END);
        tabContent.add(tabToolbar, chart, visitsGrid);
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
