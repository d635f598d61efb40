package org.virtualvisits.analytics.report.rollup;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.virtualvisits.analytics.report.VisitFilter;
import org.virtualvisits.analytics.report.VisitPageRequest;
import org.virtualvisits.analytics.report.VisitScope;
import org.virtualvisits.analytics.report.VisitSort;
import org.virtualvisits.analytics.visits.Visit;

/**
 * Deep pages sorted by participants, SMS, duration, lobby wait, status or meeting type, positioned
 * from the counts of {@code visit_sort_daily} (V13, V14) instead of skipping the rows before them: the
 * range's segments in page order (see {@link DeepPagePlan}) say which one holds row {@code offset}.
 * Within one exact value (a number of participants, SMS or not, a whole-minute duration, no wait, a
 * status) a segment is one UTC day of it, and the page starts at most that many rows into it. A
 * duration band of 59 values is skipped inside its index ({@code V10}); a wait minute is narrowed to its
 * exact value and day from {@code visit_wait_daily} (V8), a status or type day to its hour from
 * {@code visit_hourly}. Only for an unfiltered scope (the rollup counts no filter) and a range of whole
 * UTC days ({@link RangeCut#wholeUtcDays}).
 */
@Repository
class SortRollupPages {

    private final JdbcClient jdbc;
    private final VisitRows rows;

    SortRollupPages(JdbcClient jdbc, VisitRows rows) {
        this.jdbc = jdbc;
        this.rows = rows;
    }

    List<Visit> page(VisitScope scope, VisitPageRequest request, SortBuckets buckets) {
        RangeCut cut = RangeCut.of(request.range());
        boolean descending = request.descending();
        long organisationId = scope.organisationId();
        List<DeepPagePlan.Segment> segments = sortSegments(organisationId, cut, buckets);
        Optional<DeepPagePlan.Plan> found = DeepPagePlan.plan(segments, descending, request.offset(), request.limit());
        if (found.isPresent() && buckets == SortBuckets.LOBBY_WAIT && !found.get().start().exact()) {
            DeepPagePlan.Segment minute = found.get().start();
            segments = DeepPagePlan.refine(segments, minute, exactWaits(organisationId, cut, minute.low(), minute.high()));
            found = DeepPagePlan.plan(segments, descending, request.offset(), request.limit());
        }
        if (found.isPresent() && buckets.enumerated()) {
            // A status or type holds up to a day's visits: narrow its UTC day to the hour, so the page
            // skips at most an hour of them (read from the table, as no index holds status or type).
            DeepPagePlan.Segment day = found.get().start();
            segments = DeepPagePlan.split(segments, day, hoursOf(organisationId, buckets, day));
            found = DeepPagePlan.plan(segments, descending, request.offset(), request.limit());
        }
        if (found.isEmpty()) {
            return List.of(); // past the end
        }
        DeepPagePlan.Plan plan = found.get();
        DeepPagePlan.Segment start = plan.start();
        String column = buckets.column();
        RowSlice slice = RowSlice.of(scope, request.range(), VisitFilter.NONE,
                VisitSql.orderBy(buckets.sort(), descending), request.limit());
        RowSlice withinValue = slice.orderBy(VisitSql.orderBy(VisitSort.START_TIME, descending)); // the tie-break
        List<Visit> page;
        if (start.exact()) {
            // One value: rows by start time then meeting id, from the segment on.
            RowSlice.Condition edge = RowSlice.Condition.of(
                    " and start_time " + (descending ? "< :segment_edge" : ">= :segment_edge"),
                    "segment_edge", Timestamp.from(descending ? start.to() : start.from()));
            RowSlice.Condition value = start.empty()
                    ? new RowSlice.Condition(" and " + column + " is null" + edge.sql(), edge.parameters())
                    : RowSlice.Condition.of(" and " + column + " = :band_low", "band_low", buckets.parameter(start.low()))
                            .and(edge.sql(), "segment_edge", edge.parameters().get("segment_edge"));
            page = new ArrayList<>(rows.readThroughIndex(withinValue.where(value).skip(plan.skip())));
        } else {
            page = new ArrayList<>(rows.readThroughIndex(slice.where(RowSlice.Condition
                    .of(" and " + column + " >= :band_low", "band_low", buckets.parameter(start.low()))
                    .and(" and " + column + " <= :band_high", "band_high", buckets.parameter(start.high())))
                    .skip(plan.skip())));
        }
        int limit = request.limit();
        if (page.size() < limit && plan.spanLow() != null && buckets.enumerated()) {
            List<String> next = new ArrayList<>(buckets.names().subList(plan.spanLow(), plan.spanHigh() + 1));
            if (descending) {
                Collections.reverse(next);
            }
            rows.fillValueByValue(page, slice, column, next, descending);
        } else if (page.size() < limit && plan.spanLow() != null) {
            page.addAll(rows.read(slice.where(RowSlice.Condition
                    .of(" and " + column + " >= :span_low", "span_low", buckets.parameter(plan.spanLow()))
                    .and(" and " + column + " <= :span_high", "span_high", buckets.parameter(plan.spanHigh())))
                    .limit(limit - page.size())));
        }
        if (page.size() < limit && plan.thenEmpty()) {
            page.addAll(rows.read(withinValue.where(new RowSlice.Condition(" and " + column + " is null", Map.of()))
                    .limit(limit - page.size())));
        }
        return page;
    }

    /**
     * The range's segments of a sort in ascending page order: per bucket and UTC day, the days of a
     * bucket that holds several values merged into one segment.
     */
    private List<DeepPagePlan.Segment> sortSegments(long organisationId, RangeCut cut, SortBuckets buckets) {
        return segments("""
                select bucket, case when %s then day end as day, sum(visits) as n
                from visit_sort_daily
                where organisation_id = :org and sort_key = :key and day >= :first_day and day < :end_day
                group by 1, 2 having sum(visits) > 0 order by 1 nulls first, 2""".formatted(buckets.exactSql()),
                organisationId, cut, Map.of("key", buckets.key()), buckets::segment);
    }

    /** The hours of an exact status or type segment (one value, one UTC day), ascending. */
    private List<DeepPagePlan.Segment> hoursOf(long organisationId, SortBuckets buckets, DeepPagePlan.Segment day) {
        return jdbc.sql("""
                select hour, sum(visits) as n
                from visit_hourly
                where organisation_id = :org and %s = :value and hour >= :from and hour < :to
                group by 1 having sum(visits) > 0 order by 1""".formatted(buckets.column()))
                .param("org", organisationId)
                .param("value", buckets.parameter(day.low()))
                .param("from", Timestamp.from(day.from()))
                .param("to", Timestamp.from(day.to()))
                .query((rs, row) -> {
                    Instant hour = rs.getTimestamp("hour").toInstant();
                    return new DeepPagePlan.Segment(day.low(), day.high(), hour, hour.plus(1, ChronoUnit.HOURS),
                            rs.getLong("n"));
                }).list();
    }

    /** The exact waits in [low, high], per UTC day, ascending. */
    private List<DeepPagePlan.Segment> exactWaits(long organisationId, RangeCut cut, int low, int high) {
        return segments("""
                select wait_seconds as bucket, day, visits as n
                from visit_wait_daily
                where organisation_id = :org and day >= :first_day and day < :end_day
                  and wait_seconds >= :low and wait_seconds <= :high and visits > 0
                order by 1, 2""",
                organisationId, cut, Map.of("low", low, "high", high),
                (bucket, from, to, visits) -> new DeepPagePlan.Segment(bucket, bucket, from, to, visits));
    }

    private interface SegmentMapper {
        DeepPagePlan.Segment map(Integer bucket, Instant from, Instant to, long visits);
    }

    /** Runs a segments query that returns (bucket, UTC day, n); a null day stands for the whole range. */
    private List<DeepPagePlan.Segment> segments(String sql, long organisationId, RangeCut cut,
            Map<String, Object> extraParameters, SegmentMapper mapper) {
        JdbcClient.StatementSpec spec = VisitSql.bind(jdbc.sql(sql)
                .param("org", organisationId)
                .param("first_day", cut.firstUtcDay()).param("end_day", cut.endUtcDay()), extraParameters);
        return spec.query((rs, row) -> {
            int bucket = rs.getInt("bucket");
            Integer value = rs.wasNull() ? null : bucket;
            LocalDate day = rs.getObject("day", LocalDate.class);
            Instant from = day == null ? cut.dayStart() : day.atStartOfDay(ZoneOffset.UTC).toInstant();
            Instant to = day == null ? cut.dayEnd() : from.plus(1, ChronoUnit.DAYS);
            return mapper.map(value, from, to, rs.getLong("n"));
        }).list();
    }
}
