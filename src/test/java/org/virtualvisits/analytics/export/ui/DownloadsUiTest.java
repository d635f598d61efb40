package org.virtualvisits.analytics.export.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.ContextMenuKt;
import com.github.mvysny.kaributesting.v10.DownloadKt;
import com.github.mvysny.kaributesting.v10.GridKt;
import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.github.mvysny.kaributesting.v10.NotificationsKt;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.menubar.MenuBar;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.virtualvisits.analytics.KaribuTest;
import org.virtualvisits.analytics.export.ExportJob;
import org.virtualvisits.analytics.export.ExportRequest;
import org.virtualvisits.analytics.export.ExportService;
import org.virtualvisits.analytics.export.ExportStatus;
import org.virtualvisits.analytics.report.ReportRange;
import org.virtualvisits.analytics.report.VisitColumn;
import org.virtualvisits.analytics.report.VisitFilter;
import org.virtualvisits.analytics.security.AppUserPrincipal;
import org.virtualvisits.analytics.security.CurrentUser;

/** The export button and the Downloads tab as a user works them. */
class DownloadsUiTest extends KaribuTest {

    @Autowired
    ExportService exports;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    CurrentUser currentUser;

    static ExportRequest request() {
        return ExportRequest.of("Virtual visits", ReportRange.lastDays(30, LocalDate.now(ZoneOffset.UTC),
                ZoneOffset.UTC), VisitFilter.NONE, VisitColumn.DEFAULT);
    }

    /** The report view's part: a tab with the button, and the Downloads tab. */
    record Screen(ExportButton button, DownloadsPanel downloads) {
    }

    Screen open() {
        ExportButton button = new ExportButton(exports, DownloadsUiTest::request);
        DownloadsPanel downloads = new DownloadsPanel(exports);
        UI.getCurrent().add(new VerticalLayout(button, downloads));
        return new Screen(button, downloads);
    }

    /** The component a Grid column renders for a job's row. */
    @SuppressWarnings("unchecked")
    static Component cell(Screen screen, long jobId, String columnKey) {
        Grid<ExportJob> grid = _get(screen.downloads(), Grid.class);
        List<ExportJob> rows = GridKt._findAll(grid);
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).id() == jobId) {
                // Karibu renders the cell anew; attached, its download link is registered like the grid's own.
                Component component = GridKt._getCellComponent(grid, i, columnKey);
                UI.getCurrent().add(component);
                return component;
            }
        }
        throw new AssertionError("Job " + jobId + " is not shown");
    }

    ExportJob awaitFinished(long id) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            ExportJob job = exports.job(id).orElseThrow();
            if (job.status().finished()) {
                return job;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("Export " + id + " did not finish");
    }

    @Test
    void aReaderExportsWatchesAndDownloadsAnXlsx() throws Exception {
        login("viewer");
        Screen screen = open();
        AtomicReference<ExportJob> started = new AtomicReference<>();
        screen.button().addStartedListener(started::set);

        ContextMenuKt._clickItemWithID(_get(screen.button(), MenuBar.class), "export-start");
        ExportJob job = started.get();
        assertThat(job).isNotNull();
        assertThat(job.format().name()).isEqualTo("XLSX");
        NotificationsKt.expectNotifications("Export queued: " + job.fileName() + ". Follow it in the Downloads tab.");

        // The "queued" update reaches the tab from the updates' own thread: wait for it, do not race it.
        Awaitility.await().pollInSameThread().atMost(Duration.ofSeconds(20)).until(() -> {
            MockVaadin.clientRoundtrip();
            return screen.downloads().shownJobs().stream().anyMatch(shown -> shown.id() == job.id());
        });
        assertThat(awaitFinished(job.id()).status()).isEqualTo(ExportStatus.READY);
        // The job's own updates (or the periodic tick) reach the tab through UI.access.
        MockVaadin.clientRoundtrip();
        screen.downloads().refresh();
        assertThat(screen.downloads().shownWith(ExportStatus.READY)).contains(job.id());

        Anchor link = _get(cell(screen, job.id(), "actions"), Anchor.class,
                spec -> spec.withId("download-" + job.id()));
        byte[] file = DownloadKt._download(link);
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(file))) {
            assertThat(workbook.getSheet("Visits").getLastRowNum())
                    .isEqualTo((int) awaitFinished(job.id()).rowsWritten());
        }
    }

    @Test
    void csvFromTheFormatMenu() {
        login("viewer");
        Screen screen = open();
        AtomicReference<ExportJob> started = new AtomicReference<>();
        screen.button().addStartedListener(started::set);
        ContextMenuKt._clickItemWithID(_get(screen.button(), MenuBar.class), "export-csv");
        ExportJob job = started.get();
        assertThat(job.format().name()).isEqualTo("CSV");
        assertThat(awaitFinished(job.id()).status()).isEqualTo(ExportStatus.READY);
        screen.downloads().refresh();
        Anchor link = _get(cell(screen, job.id(), "actions"), Anchor.class,
                spec -> spec.withId("download-" + job.id()));
        String text = new String(DownloadKt._download(link), StandardCharsets.UTF_8);
        assertThat(text).startsWith("\uFEFFStart time (UTC),Meeting ID,");
    }

    @Test
    void createdAndExpiryTimesFollowTheReportsDisplayZone() {
        login("viewer");
        ExportJob job = exports.start(request(), Locale.ENGLISH);
        awaitFinished(job.id());
        ZoneId paris = ZoneId.of("Europe/Paris");
        DownloadsPanel downloads = new DownloadsPanel(exports, paris);
        UI.getCurrent().add(downloads);
        Grid<ExportJob> grid = _get(downloads, Grid.class);
        List<ExportJob> rows = GridKt._findAll(grid);
        int row = rows.indexOf(rows.stream().filter(j -> j.id() == job.id()).findFirst().orElseThrow());
        DateTimeFormatter minutes = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
        assertThat(GridKt._getFormatted(grid, row, "created"))
                .isEqualTo(minutes.format(rows.get(row).createdAt().atZone(paris)) + " Europe/Paris");
        assertThat(GridKt._getFormatted(grid, row, "expires"))
                .isEqualTo(minutes.format(rows.get(row).expiresAt().atZone(paris)) + " Europe/Paris");
        DownloadsPanel inUtc = new DownloadsPanel(exports);
        UI.getCurrent().add(inUtc);
        assertThat(GridKt._getFormatted(_get(inUtc, Grid.class), row, "created"))
                .isEqualTo(minutes.format(rows.get(row).createdAt().atZone(ZoneOffset.UTC)) + " UTC");
    }

    /** The report's description is never cut: it wraps, has room to start with, and its tooltip says it all. */
    @Test
    void theReportDescriptionIsReadWhole() {
        login("viewer");
        ExportJob job = exports.start(request(), Locale.ENGLISH);
        DownloadsPanel downloads = new DownloadsPanel(exports);
        UI.getCurrent().add(downloads);
        Grid<ExportJob> grid = _get(downloads, Grid.class);
        List<ExportJob> rows = GridKt._findAll(grid);
        int row = rows.indexOf(rows.stream().filter(j -> j.id() == job.id()).findFirst().orElseThrow());
        String description = GridKt._getFormatted(grid, row, "report");
        assertThat(description).startsWith(job.title() + " · ").endsWith("(" + ExportJob.zoneName(job.zone()) + ")");
        assertThat(grid.getThemeNames()).contains("wrap-cell-content");
        assertThat(grid.getColumnByKey("report").getWidth()).isEqualTo("16em");
        assertThat(grid.getColumnByKey("report").getTooltipGenerator()).isNotNull();
    }

    @Test
    void aRunningJobShowsProgressThatMovesWithItsUpdates() {
        login("viewer");
        AppUserPrincipal viewer = currentUser.require();
        // A job that runs "elsewhere": only its row exists here.
        String json = "{\"format\":\"XLSX\",\"title\":\"Virtual visits\",\"range\":{\"from\":\"2026-11-01\","
                + "\"to\":\"2026-11-30\",\"zone\":\"UTC\"},\"filter\":{},\"columns\":[\"MEETING_ID\"],"
                + "\"sort\":\"START_TIME\",\"descending\":false}";
        long id = jdbc.sql("""
                        insert into export_job (organisation_id, user_id, username, format, title, request, file_name,
                                                status, rows_written, rows_total, created_at, expires_at)
                        values (:org, :user, 'viewer', 'XLSX', 'Virtual visits', cast(:json as jsonb), 'x.xlsx',
                                'RUNNING', 50, 200, now(), now() + interval '1 day') returning id""")
                .param("org", viewer.organisationId()).param("user", viewer.userId()).param("json", json)
                .query(Long.class).single();
        try {
            Screen screen = open();
            Component status = cell(screen, id, "status");
            ProgressBar bar = _get(status, ProgressBar.class, spec -> spec.withId("progress-" + id));
            assertThat(bar.getValue()).isEqualTo(0.25);
            assertThat(_find(status, Span.class).stream().map(Span::getText)).contains("Running", "50 of 200");

            // Progress stored by the instance that runs it; the periodic re-read picks it up.
            jdbc.sql("update export_job set rows_written = 150 where id = :id").param("id", id).update();
            screen.downloads().refresh();
            bar = _get(cell(screen, id, "status"), ProgressBar.class, spec -> spec.withId("progress-" + id));
            assertThat(bar.getValue()).isEqualTo(0.75);
        } finally {
            jdbc.sql("delete from export_job where id = :id").param("id", id).update();
        }
    }

    @Test
    void aGlobalAdminSeesWhoAskedAndCanDeleteAnExport() {
        login("viewer");
        ExportJob job = exports.start(request(), Locale.ENGLISH);
        awaitFinished(job.id());

        login("admin");
        Screen screen = open();
        assertThat(screen.downloads().shownJobs()).extracting(ExportJob::id).contains(job.id());
        Grid<?> grid = _get(screen.downloads(), Grid.class);
        assertThat(grid.getColumns().stream().map(Grid.Column::getHeaderText)).contains("Requested by");

        _get(cell(screen, job.id(), "actions"), Button.class, spec -> spec.withId("delete-" + job.id())).click();
        assertThat(screen.downloads().shownJobs()).extracting(ExportJob::id).doesNotContain(job.id());
        assertThat(exports.job(job.id())).isEmpty();
    }

    @Test
    void aFailedExportIsShownAsFailedWithItsReasonAndNoDownload() {
        login("viewer");
        ExportJob job = exports.start(request(), Locale.ENGLISH);
        awaitFinished(job.id());
        // What the runner stores when a job fails (ExportJobs.failed): the status and the reason's key.
        jdbc.sql("""
                update export_job set status = 'FAILED', error = 'export.error.database', size_bytes = null,
                                      chunk_count = null
                where id = :id""").param("id", job.id()).update();
        Screen screen = open();
        Component cell = cell(screen, job.id(), "status");
        List<String> texts = _find(cell, Span.class).stream().map(Span::getText).toList();
        assertThat(texts).containsExactly("Failed",
                "The database could not be read or written. Please try again.");
        Component actions = cell(screen, job.id(), "actions");
        assertThat(_find(actions, Anchor.class)).as("no download of a failed export").isEmpty();
    }

    @Test
    void readersDoNotSeeOtherPeoplesExports() {
        login("teams");
        ExportJob teams = exports.start(request(), Locale.ENGLISH);
        awaitFinished(teams.id());
        login("viewer");
        ExportJob own = exports.start(request(), Locale.ENGLISH);
        awaitFinished(own.id());
        Screen screen = open();
        assertThat(screen.downloads().shownJobs()).extracting(ExportJob::id).contains(own.id())
                .doesNotContain(teams.id());
        assertThat(screen.downloads().shownJobs()).extracting(ExportJob::username).containsOnly("viewer");
        Grid<?> grid = _get(screen.downloads(), Grid.class);
        assertThat(grid.getColumns().stream().map(Grid.Column::getHeaderText)).doesNotContain("Requested by");
    }
}
