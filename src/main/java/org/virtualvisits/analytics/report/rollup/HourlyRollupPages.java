package org.virtualvisits.analytics.report.rollup;

import static org.virtualvisits.analytics.report.rollup.VisitSql.bind;
import static org.virtualvisits.analytics.report.rollup.VisitSql.rollupWhere;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.virtualvisits.analytics.report.VisitPageRequest;
import org.virtualvisits.analytics.report.VisitScope;
import org.virtualvisits.analytics.report.VisitSort;
import org.virtualvisits.analytics.visits.Visit;

/**
 * Deep pages sorted by start time, status or meeting type, positioned from the hourly rollup
 * ({@code visit_hourly}, V8): it counts the rows of every (sort value, hour) segment in page order, so
 * the page starts in the segment that holds row {@code offset}, that many rows into it, and runs on
 * into the following rows. Any filter and scope; ranges on whole UTC hours ({@link RangeCut#wholeHours}).
 */
@Repository
class HourlyRollupPages {

    /** The sorts whose order the rollup knows: start time, or a rollup column then start time. */
    static final Map<VisitSort, String> SORTS = Map.of(VisitSort.START_TIME, "",
            VisitSort.STATUS, "status", VisitSort.MEETING_TYPE, "meeting_type");

    /** The segment that holds the page's first row: its value and hour, and the rows before it. */
    private record SegmentStart(String value, Instant hour, long rowsBefore) {
    }

    private final JdbcClient jdbc;
    private final VisitRows rows;

    HourlyRollupPages(JdbcClient jdbc, VisitRows rows) {
        this.jdbc = jdbc;
        this.rows = rows;
    }

    List<Visit> page(VisitScope scope, VisitPageRequest request) {
        String column = SORTS.get(request.sort());
        boolean byValue = !column.isEmpty();
        boolean descending = request.descending();
        String direction = descending ? " desc" : " asc";
        String segmentOrder = byValue ? column + direction + ", hour" + direction : "hour" + direction;
        Optional<SegmentStart> found = bind(jdbc.sql("""
                select value, hour, before from (
                    select %s as value, hour, sum(sum(visits)) over (order by %s) - sum(visits) as before,
                           sum(visits) as visits
                    from visit_hourly where%s group by 1, 2) h
                where before <= :offset and before + visits > :offset""".formatted(byValue ? column : "''",
                        segmentOrder, rollupWhere(scope, request.filter()))), scope, request.range(), request.filter())
                .param("offset", request.offset())
                .query((rs, row) -> new SegmentStart(rs.getString("value"), rs.getTimestamp("hour").toInstant(),
                        rs.getLong("before")))
                .list().stream().findFirst();
        if (found.isEmpty()) {
            return List.of(); // past the end
        }
        SegmentStart start = found.get();
        Timestamp hourStart = Timestamp.from(start.hour());
        Timestamp hourEnd = Timestamp.from(start.hour().plus(1, ChronoUnit.HOURS));
        RowSlice slice = RowSlice.of(scope, request.range(), request.filter(),
                VisitSql.orderBy(request.sort(), descending), request.limit())
                .skip(request.offset() - start.rowsBefore());
        if (!byValue) {
            return rows.read(slice.where(descending
                    ? RowSlice.Condition.of(" and start_time < :bucket_end", "bucket_end", hourEnd)
                    : RowSlice.Condition.of(" and start_time >= :bucket_start", "bucket_start", hourStart)));
        }
        // Within one value rows go by start time then meeting id in the sort's direction (the grid's
        // tie-break); then the next values, in the grid's order of the names (SortBuckets.names).
        List<String> values = new ArrayList<>(SortBuckets.of(request.sort()).orElseThrow().names());
        if (descending) {
            Collections.reverse(values);
        }
        RowSlice withinValue = slice.orderBy(VisitSql.orderBy(VisitSort.START_TIME, descending));
        List<Visit> page = new ArrayList<>(rows.read(withinValue.where(descending
                ? RowSlice.Condition.of(" and " + column + " = :segment_value", "segment_value", start.value())
                        .and(" and start_time < :bucket_end", "bucket_end", hourEnd)
                : RowSlice.Condition.of(" and " + column + " = :segment_value", "segment_value", start.value())
                        .and(" and start_time >= :bucket_start", "bucket_start", hourStart))));
        rows.fillValueByValue(page, withinValue, column, values.subList(values.indexOf(start.value()) + 1,
                values.size()), descending);
        return page;
    }
}
