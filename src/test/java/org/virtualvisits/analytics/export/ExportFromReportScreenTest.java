package org.virtualvisits.analytics.export;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.ContextMenuKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.tabs.Tabs;
import com.vaadin.flow.component.menubar.MenuBar;
import com.vaadin.flow.router.QueryParameters;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.virtualvisits.analytics.KaribuTest;
import org.virtualvisits.analytics.TestFixture;
import org.virtualvisits.analytics.export.ui.ExportButton;
import org.virtualvisits.analytics.organisation.Organisation;
import org.virtualvisits.analytics.report.ReportService;
import org.virtualvisits.analytics.report.VisitColumn;
import org.virtualvisits.analytics.report.VisitFilter;
import org.virtualvisits.analytics.report.VisitSort;
import org.virtualvisits.analytics.report.ui.ReportView;
import org.virtualvisits.analytics.security.AppUserPrincipal;
import org.virtualvisits.analytics.security.Role;
import org.virtualvisits.analytics.visits.AppointmentKind;
import org.virtualvisits.analytics.visits.DerivationRounds;
import org.virtualvisits.analytics.visits.EventIngestion;
import org.virtualvisits.analytics.visits.MeetingType;
import org.virtualvisits.analytics.visits.VisitStatus;

/** An export started from the report screen exports exactly what the screen shows. */
class ExportFromReportScreenTest extends KaribuTest {

    @Autowired
    ExportService exports;
    @Autowired
    ExportJobs jobs;
    @Autowired
    ReportService reports;
    @Autowired
    EventIngestion ingestion;
    @Autowired
    DerivationRounds derivation;

    @Test
    void theExportTakesTheTabRangeFiltersZoneColumnsAndSortOnScreen() {
        Organisation org = fixture.newOrganisation();
        AppUserPrincipal viewer = fixture.newUser(org, Role.REPORT_VIEWER);
        Instant yesterday = LocalDate.now(ZoneOffset.UTC).minusDays(1).atTime(9, 0).toInstant(ZoneOffset.UTC);
        ingestion.ingest(org.id(), TestFixture.completedVisit("C-1", "BOOKINGS", yesterday, 60, 900, "Cardiology"));
        derivation.deriveQueued(Duration.ofSeconds(30));
        TestFixture.signIn(viewer);
        List<VisitColumn> columns = List.of(VisitColumn.MEETING_ID, VisitColumn.DURATION, VisitColumn.STATUS);
        reports.saveGridColumns(columns);

        login(viewer.username());
        UI.getCurrent().navigate("", QueryParameters.fromString("days=7&tab=bookings&department=Cardiology"
                + "&kind=SCHEDULED&status=COMPLETED&tz=Asia/Kolkata&sort=duration&order=desc"));
        ReportView view = _get(ReportView.class);
        ContextMenuKt._clickItemWithID(_get(_get(view, ExportButton.class), MenuBar.class), "export-start");

        List<ExportJob> started = exports.jobs();
        assertThat(started).hasSize(1);
        ExportRequest request = jobs.find(started.get(0).id()).orElseThrow().request();
        ZoneId kolkata = ZoneId.of("Asia/Kolkata");
        LocalDate today = LocalDate.now(kolkata);
        assertThat(request.format()).isEqualTo(ExportFormat.XLSX);
        assertThat(request.title()).isEqualTo("Bookings");
        assertThat(request.range().from()).isEqualTo(today.minusDays(6));
        assertThat(request.range().to()).isEqualTo(today);
        assertThat(request.range().zone()).isEqualTo(kolkata);
        assertThat(request.filter()).isEqualTo(new VisitFilter(MeetingType.BOOKINGS, "Cardiology",
                AppointmentKind.SCHEDULED, VisitStatus.COMPLETED));
        assertThat(request.columns()).containsExactlyElementsOf(columns);
        assertThat(request.sort()).isEqualTo(VisitSort.DURATION);
        assertThat(request.descending()).isTrue();

        // The user stays on the tab; the notification offers the way to the Downloads tab.
        Tabs tabs = _get(view, Tabs.class);
        assertThat(tabs.getSelectedTab().getId()).hasValue("tab-bookings");
        _click(_get(Button.class, spec -> spec.withId("export-open-downloads")));
        assertThat(tabs.getSelectedTab().getId()).hasValue("tab-downloads");
    }
}
