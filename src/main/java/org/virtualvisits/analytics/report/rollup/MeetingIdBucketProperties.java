package org.virtualvisits.analytics.report.rollup;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The meeting-id buckets that position deep grid pages sorted by meeting id
 * (V15, docs/decisions/0012-status-type-and-meeting-id-sort-rollups.md).
 *
 * @param bucketSize  visits per bucket when the boundaries are chosen; a deep page skips at most
 *                    about this many index entries (a 90-day range holds a quarter of them or so)
 * @param interval    how often the job looks for organisations whose buckets have grown past twice
 *                    that size (or shrunk to many small ones) and chooses their boundaries again
 */
@ConfigurationProperties("app.report.meeting-id-buckets")
public record MeetingIdBucketProperties(Integer bucketSize, Duration interval) {

    public MeetingIdBucketProperties {
        bucketSize = bucketSize == null ? 20_000 : bucketSize;
        interval = interval == null ? Duration.ofMinutes(10) : interval;
        if (bucketSize < 1) {
            throw new IllegalArgumentException("app.report.meeting-id-buckets.bucket-size must be at least 1");
        }
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("app.report.meeting-id-buckets.interval must be positive");
        }
    }
}
