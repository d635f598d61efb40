package org.virtualvisits.analytics.export;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * An export job as the Downloads tab lists it.
 *
 * @param rowsTotal null until the job has counted the rows
 * @param sizeBytes null until the file is ready
 * @param error     why the job failed; null otherwise
 */
public record ExportJob(long id, long organisationId, long userId, String username, ExportFormat format,
        String title, LocalDate from, LocalDate to, ZoneId zone, String fileName, ExportStatus status,
        long rowsWritten, Long rowsTotal, Long sizeBytes, String error, Instant createdAt, Instant finishedAt,
        Instant expiresAt) {

    /** The zone as people name it: "UTC" for UTC however it is spelled ("Z", "Etc/UTC"), else its id. */
    public static String zoneName(ZoneId zone) {
        return zone.normalized().equals(ZoneOffset.UTC) ? "UTC" : zone.getId();
    }

    /** Share of the rows written, 0..1; 0 while the total is unknown. */
    public double progress() {
        if (status == ExportStatus.READY) {
            return 1;
        }
        if (rowsTotal == null || rowsTotal == 0) {
            return 0;
        }
        return Math.min(1, (double) rowsWritten / rowsTotal);
    }
}
