package org.virtualvisits.analytics.report.rollup;

import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.virtualvisits.analytics.report.VisitFilter;
import org.virtualvisits.analytics.report.VisitPageRequest;
import org.virtualvisits.analytics.report.VisitScope;
import org.virtualvisits.analytics.report.VisitSort;
import org.virtualvisits.analytics.visits.Visit;

/**
 * Deep pages sorted by meeting id, positioned from {@code visit_meeting_id_daily} (V15): the range's
 * visits per meeting-id bucket ({@link MeetingIdBuckets}) say which bucket holds row {@code offset}; the
 * page skips inside that bucket only (index-only, {@code visit_by_meeting_id}) and runs on past its end
 * if needed. A bucket's upper end is the next bucket's boundary: the buckets between them hold no visit
 * of the range. Only for an unfiltered scope and a range of whole UTC days.
 */
@Repository
class MeetingIdPages {

    /** The visits of the range whose meeting id is at least {@code lowerBound} and below the next bucket's. */
    private record BucketCount(String lowerBound, long visits) {
    }

    private final JdbcClient jdbc;
    private final VisitRows rows;

    MeetingIdPages(JdbcClient jdbc, VisitRows rows) {
        this.jdbc = jdbc;
        this.rows = rows;
    }

    List<Visit> page(VisitScope scope, VisitPageRequest request) {
        RangeCut cut = RangeCut.of(request.range());
        List<BucketCount> buckets = jdbc.sql("""
                select lower_bound, sum(visits) as n
                from visit_meeting_id_daily
                where organisation_id = :org and day >= :first_day and day < :end_day
                group by 1 having sum(visits) > 0 order by 1""")
                .param("org", scope.organisationId())
                .param("first_day", cut.firstUtcDay()).param("end_day", cut.endUtcDay())
                .query((rs, row) -> new BucketCount(rs.getString("lower_bound"), rs.getLong("n")))
                .list();
        boolean descending = request.descending();
        long before = 0;
        for (int i = 0; i < buckets.size(); i++) {
            int bucket = descending ? buckets.size() - 1 - i : i;
            long visits = buckets.get(bucket).visits();
            if (request.offset() < before + visits) {
                String upper = bucket + 1 < buckets.size() ? buckets.get(bucket + 1).lowerBound() : null;
                return pageFrom(scope, request, buckets.get(bucket).lowerBound(), upper, request.offset() - before);
            }
            before += visits;
        }
        return List.of(); // past the end
    }

    /** {@code skip} rows into the meeting ids in [lower, upper) (null: no upper end), then past it. */
    private List<Visit> pageFrom(VisitScope scope, VisitPageRequest request, String lower, String upper, long skip) {
        boolean descending = request.descending();
        RowSlice slice = RowSlice.of(scope, request.range(), VisitFilter.NONE,
                VisitSql.orderBy(VisitSort.MEETING_ID, descending), request.limit());
        RowSlice.Condition bucket = RowSlice.Condition.of(" and meeting_id >= :bucket_low", "bucket_low", lower);
        if (upper != null) {
            bucket = bucket.and(" and meeting_id < :bucket_high", "bucket_high", upper);
        }
        List<Visit> page = new ArrayList<>(rows.readThroughIndex(slice.where(bucket).skip(skip)));
        if (page.size() < request.limit() && (descending || upper != null)) {
            page.addAll(rows.read(slice.where(descending
                    ? RowSlice.Condition.of(" and meeting_id < :bucket_low", "bucket_low", lower)
                    : RowSlice.Condition.of(" and meeting_id >= :bucket_high", "bucket_high", upper))
                    .limit(request.limit() - page.size())));
        }
        return page;
    }
}
