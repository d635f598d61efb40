package org.virtualvisits.analytics.export;

/**
 * The instance is shutting down while a job runs. The job is left RUNNING and its execution
 * fails, so db-scheduler runs it again later (here or elsewhere), from scratch.
 */
class ExportInterruptedException extends RuntimeException {

    ExportInterruptedException(long jobId) {
        super("Export job " + jobId + " interrupted");
    }
}
