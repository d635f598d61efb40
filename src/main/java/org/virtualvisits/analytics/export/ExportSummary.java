package org.virtualvisits.analytics.export;

import java.time.Instant;
import java.util.List;
import org.virtualvisits.analytics.report.DailyVisits;
import org.virtualvisits.analytics.report.Headlines;

/**
 * What the xlsx "Summary" sheet states besides the request: who asked, when the file was
 * generated, the headline figures of the range and of the period before it, and the daily
 * series (one entry per day of the range, empty days included).
 */
record ExportSummary(String requestedBy, Instant generatedAt, Headlines current, Headlines previous,
        List<DailyVisits> days) {
}
