package org.virtualvisits.analytics.export;

import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.progressbar.ProgressBar;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.virtualvisits.analytics.KaribuTest;
import org.virtualvisits.analytics.export.ui.DownloadsPanel;
import org.virtualvisits.analytics.security.AppUserPrincipal;
import org.virtualvisits.analytics.security.CurrentUser;

/** Job updates reach an open Downloads tab through UI.access (server push), without a reload. */
class DownloadsPanelPushTest extends KaribuTest {

    @Autowired
    ExportService exports;
    @Autowired
    ExportUpdates updates;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    CurrentUser currentUser;

    long jobId;

    @AfterEach
    void removeJob() {
        jdbc.sql("delete from export_job where id = :id").param("id", jobId).update();
    }

    long runningJob(AppUserPrincipal user, long written, long total) {
        String json = ExportJobs.toJson(ExportRequest.of("Virtual visits",
                org.virtualvisits.analytics.report.ReportRange.utc(java.time.LocalDate.of(2026, 11, 1),
                        java.time.LocalDate.of(2026, 11, 30)),
                org.virtualvisits.analytics.report.VisitFilter.NONE,
                List.of(org.virtualvisits.analytics.report.VisitColumn.MEETING_ID)));
        return jdbc.sql("""
                        insert into export_job (organisation_id, user_id, username, format, title, request, file_name,
                                                status, rows_written, rows_total, created_at, expires_at)
                        values (:org, :user, :username, 'XLSX', 'Virtual visits', cast(:json as jsonb), 'x.xlsx',
                                'RUNNING', :written, :total, now(), now() + interval '1 day') returning id""")
                .param("org", user.organisationId()).param("user", user.userId()).param("username", user.username())
                .param("json", json).param("written", written).param("total", total)
                .query(Long.class).single();
    }

    @SuppressWarnings("unchecked")
    static Component statusCell(DownloadsPanel panel, long jobId) {
        Grid<ExportJob> grid = _get(panel, Grid.class);
        List<ExportJob> rows = GridKt._findAll(grid);
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).id() == jobId) {
                return GridKt._getCellComponent(grid, i, "status");
            }
        }
        throw new AssertionError("Job " + jobId + " is not shown");
    }

    @Test
    void progressAndCompletionArePushedToTheOpenTab() throws Exception {
        login("viewer");
        AppUserPrincipal viewer = currentUser.require();
        jobId = runningJob(viewer, 10, 200);
        DownloadsPanel panel = new DownloadsPanel(exports);
        UI.getCurrent().add(panel);
        Component status = statusCell(panel, jobId);
        ProgressBar bar = _get(status, ProgressBar.class);
        assertThat(bar.getValue()).isEqualTo(0.05);

        updates.publish(new ExportUpdate(jobId, viewer.organisationId(), viewer.userId(), ExportStatus.RUNNING, 100,
                200L));
        updates.awaitDelivered();
        MockVaadin.clientRoundtrip();
        assertThat(bar.getValue()).isEqualTo(0.5);
        assertThat(_find(status, Span.class).stream().map(Span::getText)).contains("100 of 200");

        // An update of someone else's job (another organisation) is none of this tab's business.
        updates.publish(new ExportUpdate(jobId, viewer.organisationId() + 1000, viewer.userId(), ExportStatus.RUNNING,
                150, 200L));
        updates.awaitDelivered();
        MockVaadin.clientRoundtrip();
        assertThat(bar.getValue()).isEqualTo(0.5);

        // Another instance finished it: the next tick re-reads the jobs.
        jdbc.sql("update export_job set status = 'READY', rows_written = 200, size_bytes = 1 where id = :id")
                .param("id", jobId).update();
        updates.publish(ExportUpdate.tick());
        updates.awaitDelivered();
        MockVaadin.clientRoundtrip();
        @SuppressWarnings("unchecked")
        List<ExportJob> shown = GridKt._findAll((Grid<ExportJob>) _get(panel, Grid.class));
        assertThat(shown).filteredOn(job -> job.id() == jobId).singleElement()
                .extracting(ExportJob::status).isEqualTo(ExportStatus.READY);
    }

    @Test
    void aClosedTabStopsListening() {
        login("viewer");
        int before = updates.listenerCount();
        DownloadsPanel panel = new DownloadsPanel(exports);
        UI.getCurrent().add(panel);
        assertThat(updates.listenerCount()).isEqualTo(before + 1);
        UI.getCurrent().remove(panel);
        assertThat(updates.listenerCount()).isEqualTo(before);
        jobId = 0;
    }

    @Test
    void aTabWhoseUserSignedOutStopsListeningQuietly() throws Exception {
        login("viewer");
        AppUserPrincipal viewer = currentUser.require();
        int before = updates.listenerCount();
        DownloadsPanel panel = new DownloadsPanel(exports);
        UI.getCurrent().add(panel);
        assertThat(updates.listenerCount()).isEqualTo(before + 1);
        org.springframework.security.core.context.SecurityContextHolder.clearContext();
        updates.publish(new ExportUpdate(Long.MAX_VALUE, viewer.organisationId(), viewer.userId(), ExportStatus.READY,
                1, 1L));
        updates.awaitDelivered();
        MockVaadin.clientRoundtrip();
        assertThat(updates.listenerCount()).isEqualTo(before);
        jobId = 0;
    }
}
