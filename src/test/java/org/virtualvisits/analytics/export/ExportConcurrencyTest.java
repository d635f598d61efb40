package org.virtualvisits.analytics.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.virtualvisits.analytics.IntegrationTest;
import org.virtualvisits.analytics.report.VisitColumn;
import org.virtualvisits.analytics.report.VisitFilter;
import org.virtualvisits.analytics.security.AppUserPrincipal;
import org.virtualvisits.analytics.security.Role;

/** {@code app.exports.max-concurrent}: how many exports one instance writes at the same time. */
@IntegrationTest
class ExportConcurrencyTest extends ExportTestSupport {

    private static final String THREAD_NAME = "export-slot-test";

    @Autowired
    ExportUpdates updates;
    @Autowired
    Clock clock;
    @Autowired
    PlatformTransactionManager transactionManager;
    @Autowired
    DataSource dataSource;

    @Autowired
    ExportFiles files;

    @Test
    void withOneSlotASecondExportWaitsQueuedUntilTheFirstIsWritten() throws Exception {
        assertThat(runSecondWhileFirstIsHeld(1)).as("the second waits for the slot").isEqualTo(ExportStatus.QUEUED);
    }

    @Test
    void withTwoSlotsTheSecondExportIsWrittenWhileTheFirstRuns() throws Exception {
        assertThat(runSecondWhileFirstIsHeld(2)).isEqualTo(ExportStatus.READY);
    }

    /**
     * Runs job A, held inside its run (a row lock on its job row keeps it at its start), and meanwhile
     * job B; returns B's status once B is either written or waiting for a slot. Both end READY.
     */
    private ExportStatus runSecondWhileFirstIsHeld(int maxConcurrent) throws Exception {
        ExportRunner runner = new ExportRunner(jobs, reports, files, updates,
                new ExportProperties(Duration.ofDays(7), Duration.ofMinutes(15), 3, maxConcurrent, 1024 * 1024),
                clock, transactionManager);
        AppUserPrincipal user = newOrganisationUser(Role.REPORT_VIEWER, Set.of());
        ExportRequest request = ExportRequest.of("Visits", lastDays(7), VisitFilter.NONE,
                List.of(VisitColumn.MEETING_ID));
        long first = insert(user, request);
        long second = insert(user, request);
        ExecutorService threads = Executors.newFixedThreadPool(2, task -> new Thread(task, THREAD_NAME));
        try (Connection holder = dataSource.getConnection()) {
            holder.setAutoCommit(false);
            try (PreparedStatement lock = holder.prepareStatement("select id from export_job where id = ? for update")) {
                lock.setLong(1, first);
                lock.executeQuery().close();
            }
            Future<?> runFirst = threads.submit(() -> runner.run(first));
            // A has its slot and waits on the row lock (PostgreSQL shows the wait).
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql("""
                    select count(*) from pg_stat_activity
                    where datname = current_database() and wait_event_type = 'Lock'
                      and query like 'update export_job set status = ''RUNNING''%'""").query(Long.class).single() > 0);
            Future<?> runSecond = threads.submit(() -> runner.run(second));
            ExportStatus seen = Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
                ExportStatus status = jobs.find(second).orElseThrow().job().status();
                return status == ExportStatus.READY || waitingForASlot() ? status : null;
            }, status -> status != null);
            holder.commit();
            runFirst.get(60, TimeUnit.SECONDS);
            runSecond.get(60, TimeUnit.SECONDS);
            assertThat(jobs.find(first).orElseThrow().job().status()).isEqualTo(ExportStatus.READY);
            assertThat(jobs.find(second).orElseThrow().job().status()).isEqualTo(ExportStatus.READY);
            return seen;
        } finally {
            threads.shutdownNow();
        }
    }

    private long insert(AppUserPrincipal user, ExportRequest request) {
        Instant now = clock.instant();
        return jobs.insert(user.organisationId(), user.userId(), user.username(), Set.of(), Locale.ENGLISH, request,
                "visits.xlsx", now, now.plus(Duration.ofDays(1)));
    }

    /** Whether a thread of the test's pool is parked in the runner's semaphore, waiting for a slot. */
    private static boolean waitingForASlot() {
        return Thread.getAllStackTraces().entrySet().stream()
                .filter(e -> e.getKey().getName().equals(THREAD_NAME) && e.getKey().getState() == Thread.State.WAITING)
                .anyMatch(e -> java.util.Arrays.stream(e.getValue())
                        .anyMatch(frame -> frame.getClassName().equals(java.util.concurrent.Semaphore.class.getName())
                                && frame.getMethodName().equals("acquire")));
    }
}
