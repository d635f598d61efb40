package org.virtualvisits.analytics.report;

import java.time.Instant;
import java.util.Optional;

/**
 * The buckets {@code visit_sort_daily} (V13) counts for each sort it positions, as SQL over
 * {@code visit} and in Java: which values of the column a bucket holds. The SQL expressions are the
 * migration's, and a test checks them against {@link #bucketOf}.
 */
enum SortBuckets {
    /** One bucket per number of participants. */
    PARTICIPANTS(VisitSort.PARTICIPANTS, "participants", "participants"),
    /** 0 = no SMS, 1 = SMS (false sorts before true). */
    SMS_SENT(VisitSort.SMS_SENT, "sms", "sms_sent::int"),
    /** Even 2m: exactly m minutes; odd 2m + 1: the 59 values after it. */
    DURATION(VisitSort.DURATION, "duration",
            "2 * floor(duration_seconds / 60.0)::int + (duration_seconds % 60 <> 0)::int"),
    /** Whole minutes; null: no wait (first ascending, last descending). */
    LOBBY_WAIT(VisitSort.LOBBY_WAIT, "wait", "floor(lobby_wait_seconds / 60.0)::int");

    private final VisitSort sort;
    private final String key;
    private final String bucketSql;

    SortBuckets(VisitSort sort, String key, String bucketSql) {
        this.sort = sort;
        this.key = key;
        this.bucketSql = bucketSql;
    }

    static Optional<SortBuckets> of(VisitSort sort) {
        for (SortBuckets buckets : values()) {
            if (buckets.sort == sort) {
                return Optional.of(buckets);
            }
        }
        return Optional.empty();
    }

    /** visit_sort_daily.sort_key. */
    String key() {
        return key;
    }

    /** The bucket of a visit, as SQL over visit's columns (null only for an empty wait). */
    String bucketSql() {
        return bucketSql;
    }

    VisitSort sort() {
        return sort;
    }

    /** The column the grid sorts by. */
    String column() {
        return sort.column();
    }

    /** The bucket of a value, as {@link #bucketSql()} computes it (null: no value). */
    Integer bucketOf(Long value) {
        if (value == null) {
            return null;
        }
        return switch (this) {
            case PARTICIPANTS, SMS_SENT -> Math.toIntExact(value);
            case DURATION -> Math.toIntExact(2 * Math.floorDiv(value, 60L) + (value % 60 != 0 ? 1 : 0));
            case LOBBY_WAIT -> Math.toIntExact(Math.floorDiv(value, 60L));
        };
    }

    /** The segment of a bucket's rows that start in [from, to): its values as a band. */
    DeepPagePlan.Segment segment(Integer bucket, Instant from, Instant to, long visits) {
        if (bucket == null) {
            return new DeepPagePlan.Segment(null, null, from, to, visits);
        }
        return switch (this) {
            case PARTICIPANTS, SMS_SENT -> new DeepPagePlan.Segment(bucket, bucket, from, to, visits);
            case DURATION -> {
                int minute = Math.floorDiv(bucket, 2) * 60;
                yield bucket % 2 == 0 ? new DeepPagePlan.Segment(minute, minute, from, to, visits)
                        : new DeepPagePlan.Segment(minute + 1, minute + 59, from, to, visits);
            }
            case LOBBY_WAIT -> new DeepPagePlan.Segment(bucket * 60, bucket * 60 + 59, from, to, visits);
        };
    }

    /** A bound of a band, bound as the column's type. */
    Object parameter(int value) {
        return this == SMS_SENT ? (Object) (value != 0) : (Object) value;
    }

    /** The SQL that is true for the buckets whose rows are ordered by start time (one exact value). */
    String exactSql() {
        return switch (this) {
            case PARTICIPANTS, SMS_SENT -> "true";
            case DURATION -> "bucket % 2 = 0";
            case LOBBY_WAIT -> "bucket is null";
        };
    }
}
