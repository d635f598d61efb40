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
import java.util.Locale;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import com.github.mvysny.kaributesting.v10.GridKt;
import com.vaadin.flow.component.grid.Grid;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.virtualvisits.analytics.report.ui.DurationText;
import org.virtualvisits.analytics.visits.Visit;
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

    /**
     * What a French user reads in the grid is what they read in the workbook: the same labels for
     * statuses, types and kinds, the same yes/no, the same seconds behind "4 min 58 s" and "0:04:58".
     */
    @Test
    void theWorkbookReadsLikeTheGridInTheUsersLanguage() throws Exception {
        Organisation org = fixture.newOrganisation();
        AppUserPrincipal viewer = fixture.newUser(org, Role.REPORT_VIEWER);
        Instant yesterday = LocalDate.now(ZoneOffset.UTC).minusDays(1).atTime(9, 0).toInstant(ZoneOffset.UTC);
        ingestion.ingest(org.id(), TestFixture.completedVisit("C-1", "BOOKINGS", yesterday, 75, 298, "Cardiology"));
        ingestion.ingest(org.id(), TestFixture.completedVisit("C-2", "EHR", yesterday.plusSeconds(3600), 5, 4000, null));
        derivation.deriveQueued(Duration.ofSeconds(30));
        TestFixture.signIn(viewer);
        reports.saveGridColumns(List.of(VisitColumn.values()));

        login(viewer.username());
        UI.getCurrent().getSession().setLocale(Locale.FRENCH);
        UI.getCurrent().setLocale(Locale.FRENCH);
        UI.getCurrent().navigate("", QueryParameters.fromString("days=7&tz=UTC&sort=startTime&order=asc"));
        ReportView view = _get(ReportView.class);
        @SuppressWarnings("unchecked")
        Grid<Visit> grid = _get(view, Grid.class);
        ContextMenuKt._clickItemWithID(_get(_get(view, ExportButton.class), MenuBar.class), "export-start");
        long jobId = exports.jobs().get(0).id();
        Instant deadline = Instant.now().plusSeconds(60);
        while (!jobs.find(jobId).orElseThrow().job().status().finished() && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        exports.file(jobId).writeTo(out);

        DataFormatter shown = new DataFormatter(Locale.FRENCH);
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(out.toByteArray()))) {
            Sheet sheet = workbook.getSheet("Visites");
            assertThat(GridKt._size(grid)).isEqualTo(2).isEqualTo(sheet.getLastRowNum());
            for (int i = 0; i < 2; i++) {
                List<String> onScreen = GridKt._getFormattedRow(grid, i);
                Row row = sheet.getRow(i + 1);
                int c = 0;
                for (VisitColumn column : VisitColumn.values()) {
                    String screen = onScreen.get(c);
                    Cell cell = row.getCell(c++);
                    switch (column) {
                        case LOBBY_WAIT, DURATION -> assertThat(DurationText.of(Math.round(cell.getNumericCellValue()
                                * 86_400))).as(column.name()).isEqualTo(screen);
                        case START_TIME -> assertThat(shown.formatCellValue(cell)).as(column.name())
                                .isEqualTo(screen);
                        case PARTICIPANTS -> assertThat(shown.formatCellValue(cell)).isEqualTo(screen);
                        case DEPARTMENT -> assertThat(cell == null ? "" : cell.getStringCellValue()).isEqualTo(screen);
                        default -> assertThat(cell.getStringCellValue()).as(column.name()).isEqualTo(screen);
                    }
                }
            }
            assertThat(GridKt._getFormattedRow(grid, 0)).contains("Terminée", "Bookings", "Planifié");
            assertThat(GridKt._getFormattedRow(grid, 1)).contains("DSE", "1 h 06 min");
        }
    }
}
