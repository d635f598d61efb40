package org.virtualvisits.analytics.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import java.io.ByteArrayInputStream;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.virtualvisits.analytics.IntegrationTest;
import org.virtualvisits.analytics.report.VisitColumn;
import org.virtualvisits.analytics.report.VisitFilter;
import org.virtualvisits.analytics.report.VisitScope;
import org.virtualvisits.analytics.security.AppUserPrincipal;

/**
 * Jobs survive restarts and run once across instances. A second db-scheduler on the same
 * database plays the part of the restarted (or another) instance; the application's own
 * scheduler keeps running beside it, as a second instance would.
 */
@IntegrationTest
class ExportRestartTest extends ExportTestSupport {

    @Autowired
    DataSource dataSource;
    @Autowired
    OneTimeTask<Long> exportJobTask;
    @Autowired
    Scheduler scheduler;

    ExportRequest request = ExportRequest.of("Virtual visits", lastDays(30), VisitFilter.NONE,
            List.of(VisitColumn.START_TIME, VisitColumn.MEETING_ID, VisitColumn.DURATION));

    /** A job row as ExportService.start writes it, without scheduling it. */
    long queuedJob(AppUserPrincipal user) {
        Instant now = Instant.now();
        return jobs.insert(user.organisationId(), user.userId(), user.username(), user.departments(), Locale.ENGLISH,
                request, "restart.xlsx", now, now.plus(1, ChronoUnit.DAYS));
    }

    Scheduler anotherInstance(String name) {
        return Scheduler.create(dataSource, exportJobTask)
                .schedulerName(new SchedulerName.Fixed(name))
                .pollingInterval(Duration.ofMillis(200))
                // Executions of the application's scheduler beat every 5 minutes; only ours is a minute overdue.
                .heartbeatInterval(Duration.ofSeconds(1))
                .missedHeartbeatsLimit(60)
                .threads(2)
                .build();
    }

    @Test
    void aJobInterruptedByAnInstanceThatDiedRunsAgainFromScratch() throws Exception {
        AppUserPrincipal viewer = signIn("viewer");
        long id = queuedJob(viewer);
        // The dead instance had started: the job says RUNNING with some progress, and (as if its
        // transaction had survived) some partial output is stored.
        jdbc.sql("update export_job set status = 'RUNNING', rows_written = 77, rows_total = 158, attempts = 1"
                + " where id = :id").param("id", id).update();
        jobs.insertChunk(id, 0, "partial".getBytes());
        jobs.insertChunk(id, 7, "stale".getBytes());
        // Its execution is claimed by the dead instance, whose last heartbeat is an hour old.
        scheduler.schedule(exportJobTask.instance(Long.toString(id), id), Instant.now().plus(1, ChronoUnit.DAYS));
        Timestamp hourAgo = Timestamp.from(Instant.now().minus(1, ChronoUnit.HOURS));
        assertThat(jdbc.sql("""
                        update scheduled_tasks set picked = true, picked_by = 'dead-instance', last_heartbeat = :t,
                               execution_time = :t, version = version + 1
                        where task_name = 'export-job' and task_instance = :instance""")
                .param("t", hourAgo).param("instance", Long.toString(id)).update()).isEqualTo(1);

        Scheduler restarted = anotherInstance("restarted-instance");
        restarted.start();
        try {
            ExportJob job = awaitFinished(id);
            assertThat(job.status()).isEqualTo(ExportStatus.READY);
            long expectedRows = reports.count(VisitScope.of(viewer), request.range(), request.filter());
            assertThat(job.rowsWritten()).isEqualTo(expectedRows);
            try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(download(id)))) {
                assertThat(workbook.getSheet("Visits").getLastRowNum()).isEqualTo((int) expectedRows);
            }
            assertThat(jobs.chunkCount(id)).isEqualTo(
                    jdbc.sql("select chunk_count from export_job where id = :id").param("id", id)
                            .query(Integer.class).single());
            assertThat(attempts(id)).isEqualTo(2);
            awaitExecutionGone(id);
        } finally {
            restarted.stop();
        }
    }

    @Test
    void aJobQueuedBeforeAStopIsPickedUpByTheNextInstance() throws Exception {
        AppUserPrincipal viewer = signIn("viewer");
        long id = queuedJob(viewer);
        // Scheduled through a bare client, so no scheduler is woken: the job waits for a poll.
        Scheduler.create(dataSource, exportJobTask).build()
                .schedule(exportJobTask.instance(Long.toString(id), id), Instant.now());
        ExportJob job = awaitFinished(id);
        assertThat(job.status()).isEqualTo(ExportStatus.READY);
        assertThat(attempts(id)).isEqualTo(1);
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(download(id)))) {
            assertThat(workbook.getSheet("Visits").getLastRowNum()).isEqualTo((int) job.rowsWritten());
        }
        awaitExecutionGone(id);
    }

    @Test
    void twoInstancesOnOneDatabaseRunEachJobOnce() {
        AppUserPrincipal viewer = signIn("viewer");
        Scheduler other = anotherInstance("second-instance");
        other.start();
        try {
            List<Long> ids = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                ids.add(queuedJob(viewer));
            }
            Instant now = Instant.now();
            for (long id : ids) {
                scheduler.schedule(exportJobTask.instance(Long.toString(id), id), now);
            }
            scheduler.triggerCheckForDueExecutions();
            for (long id : ids) {
                assertThat(awaitFinished(id).status()).isEqualTo(ExportStatus.READY);
                assertThat(attempts(id)).as("attempts of job %d", id).isEqualTo(1);
            }
        } finally {
            other.stop();
        }
    }

    int attempts(long id) {
        return jdbc.sql("select attempts from export_job where id = :id").param("id", id).query(Integer.class).single();
    }

    /** db-scheduler removes a one-time execution once it completed. */
    void awaitExecutionGone(long id) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            long left = jdbc.sql("select count(*) from scheduled_tasks where task_name = 'export-job'"
                    + " and task_instance = :instance").param("instance", Long.toString(id)).query(Long.class).single();
            if (left == 0) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("The execution of job " + id + " is still there");
    }
}
