package org.virtualvisits.analytics.report.rollup;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.virtualvisits.analytics.report.VisitSort;
import org.virtualvisits.analytics.visits.MeetingType;
import org.virtualvisits.analytics.visits.VisitStatus;

/**
 * The buckets {@code visit_sort_daily} (V13) counts for each sort it positions, as SQL over
 * {@code visit} and in Java: which values of the column a bucket holds. The SQL expressions are the
 * migrations' (V13, V14), and a test checks them against {@link #bucketOf}.
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
    LOBBY_WAIT(VisitSort.LOBBY_WAIT, "wait", "floor(lobby_wait_seconds / 60.0)::int"),
    /** The status's rank in the grid's order (by name: ABANDONED 0 ... NO_SHOW 3). */
    STATUS(VisitSort.STATUS, "status", rankSql("status", names(VisitStatus.values()))),
    /** BOOKINGS 0, EHR 1. */
    MEETING_TYPE(VisitSort.MEETING_TYPE, "type", rankSql("meeting_type", names(MeetingType.values())));

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
        return VisitSql.column(sort);
    }

    /**
     * The enum names a STATUS or MEETING_TYPE bucket stands for, in the grid's order (by name; their
     * first letters differ, so every collation orders them the same), or an empty list for a numeric sort.
     */
    List<String> names() {
        return switch (this) {
            case STATUS -> names(VisitStatus.values());
            case MEETING_TYPE -> names(MeetingType.values());
            default -> List.of();
        };
    }

    /** Whether the buckets are enum values (which V8's visit_hourly also counts per hour). */
    boolean enumerated() {
        return !names().isEmpty();
    }

    /**
     * The bucket of a value, as {@link #bucketSql()} computes it (null: no value): a number for the
     * numeric sorts, an enum name for STATUS and MEETING_TYPE.
     */
    Integer bucketOf(Object value) {
        if (value == null) {
            return null;
        }
        if (enumerated()) {
            int rank = names().indexOf(value.toString());
            if (rank < 0) {
                throw new IllegalArgumentException("Not a " + sort + " value: " + value);
            }
            return rank;
        }
        long number = ((Number) value).longValue();
        return switch (this) {
            case PARTICIPANTS, SMS_SENT -> Math.toIntExact(number);
            case DURATION -> Math.toIntExact(2 * Math.floorDiv(number, 60L) + (number % 60 != 0 ? 1 : 0));
            case LOBBY_WAIT -> Math.toIntExact(Math.floorDiv(number, 60L));
            case STATUS, MEETING_TYPE -> throw new IllegalStateException("enumerated");
        };
    }

    /** The segment of a bucket's rows that start in [from, to): its values as a band. */
    DeepPagePlan.Segment segment(Integer bucket, Instant from, Instant to, long visits) {
        if (bucket == null) {
            return new DeepPagePlan.Segment(null, null, from, to, visits);
        }
        return switch (this) {
            case PARTICIPANTS, SMS_SENT, STATUS, MEETING_TYPE -> new DeepPagePlan.Segment(bucket, bucket, from, to, visits);
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
        if (enumerated()) {
            return names().get(value);
        }
        return this == SMS_SENT ? (Object) (value != 0) : (Object) value;
    }

    /** The SQL that is true for the buckets whose rows are ordered by start time (one exact value). */
    String exactSql() {
        return switch (this) {
            case PARTICIPANTS, SMS_SENT, STATUS, MEETING_TYPE -> "true";
            case DURATION -> "bucket % 2 = 0";
            case LOBBY_WAIT -> "bucket is null";
        };
    }

    private static List<String> names(Enum<?>[] values) {
        return Arrays.stream(values).map(Enum::name).sorted().toList();
    }

    /** {@code case column when 'FIRST' then 0 when 'SECOND' then 1 ... end}. */
    private static String rankSql(String column, List<String> names) {
        return IntStream.range(0, names.size())
                .mapToObj(i -> "when '" + names.get(i) + "' then " + i)
                .collect(Collectors.joining(" ", "case " + column + " ", " end"));
    }
}
