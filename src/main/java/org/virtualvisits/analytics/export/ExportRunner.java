package org.virtualvisits.analytics.export;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import org.virtualvisits.analytics.report.ReportReader;
import org.virtualvisits.analytics.report.VisitScope;

/**
 * Runs one export job: counts the rows, streams the visits through a writer into chunks stored
 * in the database, and marks the job ready. Everything the file says is read in one
 * REPEATABLE READ transaction, so the rows, the headline figures and the daily series are one
 * consistent snapshot; the chunks are written in that same transaction, so a job that dies
 * leaves no partial file. The job row is only written outside it (progress in short
 * transactions of their own, then "ready"), since the snapshot must not update a row that
 * changed after it began.
 *
 * <p>Idempotent: running a job again (after a restart, or on another instance that revived a
 * dead execution) starts it from scratch and replaces whatever an earlier attempt left.
 */
@Component
class ExportRunner {

    private static final Logger log = LoggerFactory.getLogger(ExportRunner.class);
    /** How often progress is stored and sent, at most. */
    private static final long PROGRESS_INTERVAL_NANOS = 500_000_000L;
    /** How many rows between looks at the clock. */
    private static final int PROGRESS_CHECK_ROWS = 1000;

    private final ExportJobs jobs;
    private final ReportReader reports;
    private final ExportFiles files;
    private final ExportUpdates updates;
    private final ExportProperties properties;
    private final Clock clock;
    private final TransactionTemplate snapshot;
    private final TransactionTemplate separate;
    private final Semaphore slots;
    private volatile int maxRowsPerSheet = XlsxExportWriter.MAX_DATA_ROWS;

    ExportRunner(ExportJobs jobs, ReportReader reports, ExportFiles files, ExportUpdates updates,
            ExportProperties properties, Clock clock, PlatformTransactionManager transactionManager) {
        this.jobs = jobs;
        this.reports = reports;
        this.files = files;
        this.updates = updates;
        this.properties = properties;
        this.clock = clock;
        this.snapshot = new TransactionTemplate(transactionManager);
        snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        this.separate = new TransactionTemplate(transactionManager);
        separate.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.slots = new Semaphore(properties.maxConcurrent(), true);
    }

    /** For tests of sheet splitting: visits per xlsx sheet. */
    void setMaxRowsPerSheet(int maxRowsPerSheet) {
        this.maxRowsPerSheet = maxRowsPerSheet;
    }

    /**
     * Runs the job unless it is gone or already finished.
     *
     * @throws ExportInterruptedException when the instance is shutting down; the job stays
     *                                    RUNNING and is run again from scratch later
     */
    void run(long jobId) {
        // At most maxConcurrent jobs write at a time here; a job waiting for its turn stays QUEUED.
        try {
            slots.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ExportInterruptedException(jobId);
        }
        try {
            Optional<StoredJob> started = jobs.start(jobId, clock.instant());
            if (started.isEmpty()) {
                log.info("Export job {} is gone or already finished; nothing to run", jobId);
                return;
            }
            runStarted(started.get());
        } finally {
            slots.release();
        }
    }

    private void runStarted(StoredJob job) {
        long jobId = job.job().id();
        publish(job, ExportStatus.RUNNING, 0, null);
        long startedAt = System.nanoTime();
        try {
            Produced file = snapshot.execute(status -> produce(job));
            // Marked ready after the file committed: a crash in between leaves the job RUNNING,
            // and running it again replaces the file.
            if (!jobs.ready(jobId, file.rows(), file.size(), file.chunks(), clock.instant())) {
                jobs.deleteChunks(jobId);
                throw new JobGoneException();
            }
            log.info("Export job {} ready: {} rows, {} bytes in {} ms", jobId, file.rows(), file.size(),
                    (System.nanoTime() - startedAt) / 1_000_000);
            publish(job, ExportStatus.READY, file.rows(), file.rows());
        } catch (JobGoneException e) {
            log.info("Export job {} was deleted while it ran", jobId);
        } catch (ExportInterruptedException e) {
            throw e;
        } catch (RuntimeException e) {
            if (Thread.currentThread().isInterrupted()) {
                // Shutting down: whatever broke is the interruption's doing, not the job's.
                log.info("Export job {} interrupted; it will run again", jobId);
                throw new ExportInterruptedException(jobId);
            }
            log.error("Export job {} failed", jobId, e);
            jobs.failed(jobId, reason(e), clock.instant());
            publish(job, ExportStatus.FAILED, 0, null);
        }
    }

    private void publish(StoredJob job, ExportStatus status, long rows, Long total) {
        updates.publish(new ExportUpdate(job.job().id(), job.job().organisationId(), job.job().userId(), status, rows,
                total));
    }

    /** A short reason for the user; the details are in the log. */
    static String reason(RuntimeException e) {
        if (e instanceof DataAccessException) {
            return "export.error.database";
        }
        if (e instanceof UncheckedIOException) {
            return "export.error.io";
        }
        return "export.error.unexpected";
    }

    /** What a finished run stored. */
    record Produced(long rows, long size, int chunks) {
    }

    private Produced produce(StoredJob job) {
        long id = job.job().id();
        ExportRequest request = job.request();
        VisitScope scope = job.scope();
        jobs.deleteChunks(id);
        long total = reports.count(scope, request.range(), request.filter());
        Progress progress = new Progress(job, total);
        progress.report(0, true);
        ChunkOutputStream out = new ChunkOutputStream(properties.chunkSize(),
                (seq, bytes) -> jobs.insertChunk(id, seq, bytes));
        long rows = files.writeRows(request, scope, job.job().username(), job.locale(), out, maxRowsPerSheet,
                written -> {
                    if (written % PROGRESS_CHECK_ROWS == 0) {
                        progress.report(written, false);
                    }
                });
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Produced(rows, out.size(), out.chunks());
    }

    /** Stores and sends progress at most every half second, in its own transaction. */
    private final class Progress {
        private final StoredJob job;
        private final long total;
        private long last;

        Progress(StoredJob job, long total) {
            this.job = job;
            this.total = total;
        }

        void report(long rows, boolean force) {
            if (Thread.currentThread().isInterrupted()) {
                throw new ExportInterruptedException(job.job().id());
            }
            long now = System.nanoTime();
            if (!force && now - last < PROGRESS_INTERVAL_NANOS) {
                return;
            }
            last = now;
            long id = job.job().id();
            Boolean stored = separate.execute(status -> jobs.progress(id, rows, total));
            if (!Boolean.TRUE.equals(stored)) {
                throw new JobGoneException();
            }
            publish(job, ExportStatus.RUNNING, rows, total);
        }
    }

    /** The job row disappeared (deleted by its owner) while the job ran. */
    static final class JobGoneException extends RuntimeException {
        JobGoneException() {
            super(null, null, false, false);
        }
    }
}
