package org.virtualvisits.analytics.export;

/**
 * A change of a job on this instance (status or progress), sent to open Downloads tabs so
 * that progress bars move without a page reload. {@link #tick()} is sent every few seconds as
 * well, so tabs also notice jobs that run on another instance.
 *
 * @param jobId 0 for a tick
 */
public record ExportUpdate(long jobId, long organisationId, long userId, ExportStatus status, long rowsWritten,
        Long rowsTotal) {

    private static final ExportUpdate TICK = new ExportUpdate(0, 0, 0, null, 0, null);

    public static ExportUpdate tick() {
        return TICK;
    }

    public boolean isTick() {
        return jobId == 0;
    }
}
