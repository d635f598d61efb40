package org.virtualvisits.analytics.export;

/** Where an export job stands. */
public enum ExportStatus {
    /** Waiting for a scheduler thread (on any instance). */
    QUEUED,
    /** Being written; progress is rows written out of rows total. */
    RUNNING,
    /** The file is stored and can be downloaded until the job expires. */
    READY,
    /** The job gave up; the reason is kept for the user. */
    FAILED;

    public boolean finished() {
        return this == READY || this == FAILED;
    }
}
