package org.virtualvisits.analytics.report;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.virtualvisits.analytics.visits.AppointmentKind;
import org.virtualvisits.analytics.visits.MeetingType;
import org.virtualvisits.analytics.visits.Visit;
import org.virtualvisits.analytics.visits.VisitStatus;

/**
 * Report reads over the derived visits. Every query is bounded by a {@link VisitScope}.
 * Views and the API go through {@link ReportService}, which takes the scope from the
 * security context; background work (exports) that runs without a signed-in user calls this
 * directly with the scope it recorded when the user asked for it.
 */
@Repository
public class VisitQueries {

    /** The range condition every query over the visits shares. */
    private static final String SCOPE = " organisation_id = :org and start_time >= :start and start_time < :end";

    /** The columns {@link #mapVisit} reads, for every query that returns visits. */
    private static final String SELECT_VISIT = """
            select meeting_id, meeting_type, start_time, lobby_wait_seconds, duration_seconds, status,
                   participants, sms_sent, department, appointment_kind
            """;

    /** The same over the hourly rollup (whose columns have the same names as the visit's). */
    private static final String ROLLUP_SCOPE = " organisation_id = :org and hour >= :start and hour < :end";

    /**
     * From this offset on, a page does not read the rows before it. For an unfiltered range of whole
     * UTC days, pages sorted by participants, SMS, duration, lobby wait, status or meeting type start
     * from the counts of {@code visit_sort_daily}, pages sorted by meeting id from those of
     * {@code visit_meeting_id_daily}. Otherwise pages sorted by start time, status or meeting type
     * start from the hourly rollup's segment that holds the offset (in whole-hour zones), and the
     * other sorts skip the rows inside their index.
     */
    private static final long JUMP_FROM_OFFSET = 10_000;

    private final JdbcClient jdbc;
    private final JdbcTemplate jdbcTemplate;

    VisitQueries(JdbcClient jdbc, JdbcTemplate jdbcTemplate) {
        this.jdbc = jdbc;
        this.jdbcTemplate = jdbcTemplate;
    }

    /** The WHERE clause body: scope, range and the filter's conditions. */
    private static String where(VisitScope scope, VisitFilter filter) {
        return SCOPE + departments(scope) + filter.sqlConditions();
    }

    private static String rollupWhere(VisitScope scope, VisitFilter filter) {
        return ROLLUP_SCOPE + departments(scope) + filter.sqlConditions();
    }

    /**
     * Only a department-limited caller gets a department condition: an always-true
     * {@code cardinality(...) = 0 or ...} makes the planner expect 0.5% of the rows and choose
     * plans (and cached generic plans) made for a handful of rows.
     */
    private static String departments(VisitScope scope) {
        return scope.departments().isEmpty() ? "" : " and department = any(cast(:departments as text[]))";
    }

    /**
     * Whether the range and every day boundary in it fall on whole UTC hours, the rollup's
     * buckets: true in UTC and every whole-hour zone, false in e.g. Asia/Kolkata (+05:30).
     */
    static boolean onWholeHours(ReportRange range) {
        for (LocalDate day = range.from(); !day.isAfter(range.to().plusDays(1)); day = day.plusDays(1)) {
            if (Math.floorMod(day.atStartOfDay(range.zone()).toEpochSecond(), 3600L) != 0) {
                return false;
            }
        }
        return true;
    }

    private JdbcClient.StatementSpec bind(JdbcClient.StatementSpec spec, VisitScope scope, ReportRange range,
            VisitFilter filter) {
        MapSqlParameterSource parameters = new MapSqlParameterSource();
        bindTo(parameters, scope, range, filter);
        for (var entry : parameters.getValues().entrySet()) {
            spec = spec.param(entry.getKey(), entry.getValue());
        }
        return spec;
    }

    /** One entry per day that has visits; the caller fills the empty days. */
    public Map<LocalDate, DailyVisits> daily(VisitScope scope, ReportRange range, VisitFilter filter) {
        // The rollup's sums divided by its counts are exactly what avg() gives over the visits
        // (avg of integers is numeric sum / numeric count).
        JdbcClient.StatementSpec query = onWholeHours(range)
                ? bind(jdbc.sql("""
                        select (hour at time zone :zone)::date as day,
                               sum(visits) as total,
                               coalesce(sum(visits) filter (where meeting_type = 'BOOKINGS'), 0) as bookings,
                               coalesce(sum(visits) filter (where meeting_type = 'EHR'), 0) as ehr,
                               cast(sum(duration_sum) filter (where status = 'COMPLETED') as numeric)
                                   / nullif(sum(visits) filter (where status = 'COMPLETED'), 0) / 60.0 as avg_duration,
                               cast(sum(wait_sum) as numeric) / nullif(sum(wait_count), 0) / 60.0 as avg_wait
                        from visit_hourly
                        where""" + rollupWhere(scope, filter) + " group by 1 having sum(visits) > 0")
                        .param("zone", range.zone().getId()), scope, range, filter)
                : bindSplit(bind(jdbc.sql("""
                        select day, sum(total) as total, sum(bookings) as bookings, sum(ehr) as ehr,
                               cast(sum(completed_duration) as numeric) / nullif(sum(completed), 0) / 60.0 as avg_duration,
                               cast(sum(wait_sum) as numeric) / nullif(sum(wait_count), 0) / 60.0 as avg_wait
                        from (""" + splitFacts(scope, filter) + ") facts group by day having sum(total) > 0"),
                        scope, range, filter), range);
        Map<LocalDate, DailyVisits> byDay = new HashMap<>();
        query.query((rs, row) -> new DailyVisits(rs.getObject("day", LocalDate.class), rs.getLong("total"),
                        rs.getLong("bookings"), rs.getLong("ehr"), nullableDouble(rs, "avg_duration"),
                        nullableDouble(rs, "avg_wait")))
                .list()
                .forEach(day -> byDay.put(day.date(), day));
        return byDay;
    }

    /** Headline figures of the range; percentiles over the visits that have a lobby wait. */
    public Headlines headlines(VisitScope scope, ReportRange range, VisitFilter filter, int thresholdSeconds) {
        JdbcClient.StatementSpec countQuery = onWholeHours(range)
                ? bind(jdbc.sql("""
                        select coalesce(sum(visits), 0) as visits,
                               coalesce(sum(visits) filter (where status = 'COMPLETED'), 0) as completed,
                               coalesce(sum(visits) filter (where status = 'NO_SHOW'), 0) as no_shows
                        from visit_hourly where""" + rollupWhere(scope, filter)), scope, range, filter)
                : bindSplit(bind(jdbc.sql("""
                        select coalesce(sum(total), 0) as visits, coalesce(sum(completed), 0) as completed,
                               coalesce(sum(no_shows), 0) as no_shows
                        from (""" + splitFacts(scope, filter) + ") facts"), scope, range, filter), range);
        long[] counts = countQuery
                .query((rs, row) -> new long[] {rs.getLong("visits"), rs.getLong("completed"), rs.getLong("no_shows")})
                .single();
        boolean unfiltered = scope.departments().isEmpty() && filter.equals(VisitFilter.NONE);
        WaitFigures waits = unfiltered ? waitsFromHistogram(scope, range, thresholdSeconds)
                : waitsFromVisits(scope, range, filter, thresholdSeconds);
        return new Headlines(counts[0], counts[1], counts[2], waits.median(), waits.p90(), waits.overThreshold(),
                thresholdSeconds);
    }

    private record WaitFigures(Double median, Double p90, long overThreshold) {
    }

    private WaitFigures waitsFromVisits(VisitScope scope, ReportRange range, VisitFilter filter, int threshold) {
        return bind(jdbc.sql("""
                select percentile_cont(0.5) within group (order by lobby_wait_seconds) as median_wait,
                       percentile_cont(0.9) within group (order by lobby_wait_seconds) as p90_wait,
                       count(*) filter (where lobby_wait_seconds > :threshold) as over_threshold
                from visit where""" + where(scope, filter) + " and lobby_wait_seconds is not null")
                .param("threshold", threshold), scope, range, filter)
                .query((rs, row) -> new WaitFigures(nullableDouble(rs, "median_wait"), nullableDouble(rs, "p90_wait"),
                        rs.getLong("over_threshold")))
                .single();
    }

    /**
     * Median, 90th percentile and count over the threshold from the waits' histogram: whole UTC
     * days of the range from {@code visit_wait_daily}, the part-days at either end (other time
     * zones) from the visits. Computed as PostgreSQL's percentile_cont does, so the figures are
     * the same to the last bit.
     */
    private WaitFigures waitsFromHistogram(VisitScope scope, ReportRange range, int threshold) {
        List<long[]> histogram = waitHistogram(scope, range);
        long total = 0;
        long over = 0;
        for (long[] bin : histogram) {
            total += bin[1];
            if (bin[0] > threshold) {
                over += bin[1];
            }
        }
        return new WaitFigures(percentileCont(histogram, total, 0.5), percentileCont(histogram, total, 0.9), over);
    }

    /** (wait seconds, visits) of the range in ascending order, for an unfiltered scope; see above. */
    private List<long[]> waitHistogram(VisitScope scope, ReportRange range) {
        InnerDays inner = InnerDays.of(range);
        return jdbc.sql("""
                select w, sum(n) as n from (
                    select wait_seconds as w, visits as n from visit_wait_daily
                    where organisation_id = :org and day >= :first_day and day < :end_day
                    union all
                    select lobby_wait_seconds, 1 from visit
                    where organisation_id = :org and lobby_wait_seconds is not null
                      and (start_time >= :start and start_time < :inner_start
                           or start_time >= :inner_end and start_time < :end)
                ) h group by w having sum(n) > 0 order by w""")
                .param("org", scope.organisationId())
                .param("first_day", inner.firstDay())
                .param("end_day", inner.endDay())
                .param("start", Timestamp.from(inner.start())).param("inner_start", Timestamp.from(inner.innerStart()))
                .param("inner_end", Timestamp.from(inner.innerEnd())).param("end", Timestamp.from(inner.end()))
                .query((rs, row) -> new long[] {rs.getLong("w"), rs.getLong("n")})
                .list();
    }

    /** PostgreSQL's percentile_cont over a sorted histogram (value, count) of {@code total} values. */
    static Double percentileCont(List<long[]> histogram, long total, double percentile) {
        if (total == 0) {
            return null;
        }
        double position = percentile * (total - 1);
        long firstRow = (long) Math.floor(position);
        long secondRow = (long) Math.ceil(position);
        double first = valueAt(histogram, firstRow);
        double second = secondRow == firstRow ? first : valueAt(histogram, secondRow);
        double proportion = position - firstRow;
        return first + proportion * (second - first);
    }

    private static double valueAt(List<long[]> histogram, long row) {
        long seen = 0;
        for (long[] bin : histogram) {
            seen += bin[1];
            if (row < seen) {
                return bin[0];
            }
        }
        throw new IllegalStateException("Row " + row + " is past the histogram's end");
    }

    public long count(VisitScope scope, ReportRange range, VisitFilter filter) {
        if (!onWholeHours(range)) {
            return bindSplit(bind(jdbc.sql("select coalesce(sum(total), 0) from (" + splitFacts(scope, filter)
                    + ") facts"), scope, range, filter), range).query(Long.class).single();
        }
        return bind(jdbc.sql("select coalesce(sum(visits), 0) from visit_hourly where" + rollupWhere(scope, filter)),
                scope, range, filter).query(Long.class).single();
    }

    /**
     * The figures of a range whose days do not start on whole UTC hours ({@link HourSplit}): one row
     * per rollup hour that lies in one local day, and one per visit of the hours a local midnight
     * cuts and of the part-hours at either end, each with its local day and the sums the report
     * needs. Summed, they give exactly what the same sums over the range's visits give. (The cut
     * hours go through a subquery: a text-to-timestamptz cast is not constant, so in the condition
     * itself it would parse the whole list again for every rollup row, 38 µs each.)
     */
    private static String splitFacts(VisitScope scope, VisitFilter filter) {
        String conditions = departments(scope) + filter.sqlConditions();
        return """
                select (hour at time zone :zone)::date as day, visits as total,
                       case when meeting_type = 'BOOKINGS' then visits else 0 end as bookings,
                       case when meeting_type = 'EHR' then visits else 0 end as ehr,
                       case when status = 'COMPLETED' then visits else 0 end as completed,
                       case when status = 'NO_SHOW' then visits else 0 end as no_shows,
                       case when status = 'COMPLETED' then duration_sum else 0 end as completed_duration,
                       wait_sum, wait_count
                from visit_hourly
                where organisation_id = :org and hour >= :inner_start and hour < :inner_end
                  and hour not in (select cast(unnest(cast(:cut_hours as text[])) as timestamptz))""" + conditions + """

                union all
                select (start_time at time zone :zone)::date, 1,
                       (meeting_type = 'BOOKINGS')::int, (meeting_type = 'EHR')::int,
                       (status = 'COMPLETED')::int, (status = 'NO_SHOW')::int,
                       case when status = 'COMPLETED' then duration_seconds else 0 end,
                       coalesce(lobby_wait_seconds, 0), (lobby_wait_seconds is not null)::int
                from unnest(cast(:raw_from as timestamptz[]), cast(:raw_to as timestamptz[])) as part (from_time, to_time)
                join visit on organisation_id = :org and start_time >= part.from_time and start_time < part.to_time
                where true""" + conditions;
    }

    private static JdbcClient.StatementSpec bindSplit(JdbcClient.StatementSpec spec, ReportRange range) {
        HourSplit split = HourSplit.of(range);
        return spec.param("zone", range.zone().getId())
                .param("inner_start", Timestamp.from(split.innerStart()))
                .param("inner_end", Timestamp.from(split.innerEnd()))
                .param("cut_hours", isoTimes(split.cutHours()))
                .param("raw_from", isoTimes(split.rawFrom()))
                .param("raw_to", isoTimes(split.rawTo()));
    }

    /** Instants as ISO text, for a {@code cast(... as timestamptz[])} (pgjdbc binds no Timestamp[]). */
    private static String[] isoTimes(List<Instant> instants) {
        return instants.stream().map(Instant::toString).toArray(String[]::new);
    }

    public List<Visit> page(VisitScope scope, ReportRange range, VisitFilter filter, VisitSort sort, boolean descending,
            long offset, int limit) {
        return page(scope, range, filter, sort, descending, offset, limit, JUMP_FROM_OFFSET);
    }

    /** As above; pages from {@code jumpFromOffset} on are positioned (tests use small values). */
    List<Visit> page(VisitScope scope, ReportRange range, VisitFilter filter, VisitSort sort, boolean descending,
            long offset, int limit, long jumpFromOffset) {
        boolean unfiltered = scope.departments().isEmpty() && filter.equals(VisitFilter.NONE);
        Optional<SortBuckets> buckets = SortBuckets.of(sort);
        if (offset >= jumpFromOffset && unfiltered && buckets.isPresent() && onWholeUtcDays(range)) {
            return pageFromSortRollup(scope, range, buckets.get(), descending, offset, limit);
        }
        if (offset >= jumpFromOffset && ROLLUP_SORTS.containsKey(sort) && onWholeHours(range)) {
            return pageFromRollup(scope, range, filter, sort, descending, offset, limit);
        }
        if (offset >= jumpFromOffset && unfiltered && sort == VisitSort.MEETING_ID && onWholeUtcDays(range)) {
            return pageFromMeetingIdBuckets(scope, range, descending, offset, limit);
        }
        if (offset >= jumpFromOffset && !ROLLUP_SORTS.containsKey(sort)) {
            return pageThroughIndex(scope, range, filter, sort.orderBy(descending), "", Map.of(), offset, limit);
        }
        return pageQuery(scope, range, filter, sort.orderBy(descending), "", Map.of(), offset, limit);
    }

    /**
     * A deep page sorted by a column the hourly rollup does not know (meeting id, wait, duration,
     * participants and SMS with a filter, a department scope or a range that is not whole UTC days,
     * which visit_sort_daily and visit_meeting_id_daily do not count): the rows before it are
     * skipped inside an index that holds the sort key, the range and the tie-break ({@code V10}),
     * without touching the table (an index-only scan when there is no filter), and only the page's
     * rows are then read. Still proportional to the offset, but about ten times cheaper per skipped
     * row than {@code OFFSET} over the visits.
     */
    private List<Visit> pageThroughIndex(VisitScope scope, ReportRange range, VisitFilter filter, String orderBy,
            String extraCondition, Map<String, Object> extraParameters, long offset, int limit) {
        JdbcClient.StatementSpec spec = bind(jdbc.sql(SELECT_VISIT + """
                from (select meeting_id from visit where""" + where(scope, filter) + extraCondition
                + " order by " + orderBy + """
                 offset :offset limit :limit) page
                join visit using (meeting_id)
                where organisation_id = :org
                order by""" + " " + orderBy), scope, range, filter);
        for (var entry : extraParameters.entrySet()) {
            spec = spec.param(entry.getKey(), entry.getValue());
        }
        return spec.param("offset", offset).param("limit", limit).query(VisitQueries::mapVisit).list();
    }

    /**
     * A deep page sorted by participants, SMS, duration or lobby wait, positioned from the counts of
     * {@code visit_sort_daily} (V13) instead of skipping the rows before it: the range's segments in
     * page order (see {@link DeepPagePlan}) say which one holds row {@code offset}. Within one exact
     * value (a number of participants, SMS or not, a whole-minute duration, no wait) a segment is one
     * UTC day of it, and the page starts at most that many rows into it. Rows of a duration band of 59
     * values are skipped inside its index ({@code V10}, like {@link #pageThroughIndex}); a wait minute
     * is narrowed to its exact value and day from {@code visit_wait_daily} (V8). The skipped rows are
     * read index-only. Only for an unfiltered scope (the rollup counts no filter) and a range of whole
     * UTC days.
     */
    private List<Visit> pageFromSortRollup(VisitScope scope, ReportRange range, SortBuckets buckets,
            boolean descending, long offset, int limit) {
        List<DeepPagePlan.Segment> segments = sortSegments(scope.organisationId(), range, buckets);
        Optional<DeepPagePlan.Plan> found = DeepPagePlan.plan(segments, descending, offset, limit);
        if (found.isPresent() && buckets == SortBuckets.LOBBY_WAIT && !found.get().start().exact()) {
            DeepPagePlan.Segment minute = found.get().start();
            segments = DeepPagePlan.refine(segments, minute,
                    exactWaits(scope.organisationId(), range, minute.low(), minute.high()));
            found = DeepPagePlan.plan(segments, descending, offset, limit);
        }
        if (found.isPresent() && buckets.enumerated()) {
            // A status or type holds up to a day's visits: narrow its UTC day to the hour from V8's
            // visit_hourly, so the page skips at most an hour of them (read from the table, as
            // no index holds status or type).
            DeepPagePlan.Segment day = found.get().start();
            segments = DeepPagePlan.split(segments, day,
                    hoursOf(scope.organisationId(), buckets, day));
            found = DeepPagePlan.plan(segments, descending, offset, limit);
        }
        if (found.isEmpty()) {
            return List.of(); // past the end
        }
        DeepPagePlan.Plan plan = found.get();
        DeepPagePlan.Segment start = plan.start();
        String column = buckets.column();
        String orderBy = buckets.sort().orderBy(descending);
        String withinValue = VisitSort.START_TIME.orderBy(descending); // VisitSort's tie-break
        Map<String, Object> parameters = new HashMap<>();
        List<Visit> page;
        if (start.exact()) {
            // One value: rows by start time then meeting id (VisitSort's tie-break), from the segment on.
            String value = start.empty() ? column + " is null" : column + " = :band_low";
            if (!start.empty()) {
                parameters.put("band_low", buckets.parameter(start.low()));
            }
            parameters.put("segment_edge", Timestamp.from(descending ? start.to() : start.from()));
            page = new ArrayList<>(pageThroughIndex(scope, range, VisitFilter.NONE, withinValue,
                    " and " + value + " and start_time " + (descending ? "< :segment_edge" : ">= :segment_edge"),
                    parameters, plan.skip(), limit));
        } else {
            parameters.put("band_low", buckets.parameter(start.low()));
            parameters.put("band_high", buckets.parameter(start.high()));
            page = new ArrayList<>(pageThroughIndex(scope, range, VisitFilter.NONE, orderBy,
                    " and " + column + " >= :band_low and " + column + " <= :band_high", parameters, plan.skip(),
                    limit));
        }
        if (page.size() < limit && plan.spanLow() != null && buckets.enumerated()) {
            List<String> next = new ArrayList<>(buckets.names().subList(plan.spanLow(), plan.spanHigh() + 1));
            if (descending) {
                Collections.reverse(next);
            }
            fillValueByValue(page, scope, range, VisitFilter.NONE, column, next, descending, limit);
        } else if (page.size() < limit && plan.spanLow() != null) {
            page.addAll(pageQuery(scope, range, VisitFilter.NONE, orderBy,
                    " and " + column + " >= :span_low and " + column + " <= :span_high",
                    Map.of("span_low", buckets.parameter(plan.spanLow()),
                            "span_high", buckets.parameter(plan.spanHigh())), 0, limit - page.size()));
        }
        if (page.size() < limit && plan.thenEmpty()) {
            page.addAll(pageQuery(scope, range, VisitFilter.NONE, withinValue, " and " + column + " is null", Map.of(),
                    0, limit - page.size()));
        }
        return page;
    }

    /**
     * A deep page sorted by meeting id, positioned from {@code visit_meeting_id_daily} (V15): the
     * range's visits per meeting-id bucket say which bucket holds row {@code offset}; the page skips
     * inside that bucket only (index-only, {@code visit_by_meeting_id}) and runs on past its end if
     * needed. A bucket's upper end is the next bucket's boundary: the buckets between them hold no
     * visit of the range. Only for an unfiltered scope and a range of whole UTC days.
     */
    private List<Visit> pageFromMeetingIdBuckets(VisitScope scope, ReportRange range, boolean descending,
            long offset, int limit) {
        InnerDays days = InnerDays.of(range);
        List<String> bounds = new ArrayList<>();
        List<Long> counts = new ArrayList<>();
        jdbc.sql("""
                select lower_bound, sum(visits) as n
                from visit_meeting_id_daily
                where organisation_id = :org and day >= :first_day and day < :end_day
                group by 1 having sum(visits) > 0 order by 1""")
                .param("org", scope.organisationId())
                .param("first_day", days.firstDay()).param("end_day", days.endDay())
                .query(rs -> {
                    bounds.add(rs.getString("lower_bound"));
                    counts.add(rs.getLong("n"));
                });
        long before = 0;
        for (int i = 0; i < bounds.size(); i++) {
            int bucket = descending ? bounds.size() - 1 - i : i;
            long visits = counts.get(bucket);
            if (offset < before + visits) {
                return meetingIdPage(scope, range, descending, bounds.get(bucket),
                        bucket + 1 < bounds.size() ? bounds.get(bucket + 1) : null, offset - before, limit);
            }
            before += visits;
        }
        return List.of(); // past the end
    }

    /** {@code skip} rows into the meeting ids in [lower, upper) (null: no upper end), then past it. */
    private List<Visit> meetingIdPage(VisitScope scope, ReportRange range, boolean descending, String lower,
            String upper, long skip, int limit) {
        String orderBy = VisitSort.MEETING_ID.orderBy(descending);
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("bucket_low", lower);
        String bucket = " and meeting_id >= :bucket_low";
        if (upper != null) {
            parameters.put("bucket_high", upper);
            bucket += " and meeting_id < :bucket_high";
        }
        List<Visit> page = new ArrayList<>(pageThroughIndex(scope, range, VisitFilter.NONE, orderBy, bucket,
                parameters, skip, limit));
        if (page.size() < limit && (descending || upper != null)) {
            page.addAll(pageQuery(scope, range, VisitFilter.NONE, orderBy,
                    descending ? " and meeting_id < :bucket_low" : " and meeting_id >= :bucket_high",
                    descending ? Map.of("bucket_low", lower) : Map.of("bucket_high", upper), 0, limit - page.size()));
        }
        return page;
    }

    /**
     * The range's segments of a sort in ascending page order from {@code visit_sort_daily}: per
     * bucket and UTC day, the days of a bucket that holds several values merged into one segment.
     * For a range of whole UTC days ({@link #onWholeUtcDays}).
     */
    private List<DeepPagePlan.Segment> sortSegments(long organisationId, ReportRange range, SortBuckets buckets) {
        return segments("""
                select bucket, case when %s then day end as day, sum(visits) as n
                from visit_sort_daily
                where organisation_id = :org and sort_key = :key and day >= :first_day and day < :end_day
                group by 1, 2 having sum(visits) > 0 order by 1 nulls first, 2""".formatted(buckets.exactSql()),
                organisationId, range, Map.of("key", buckets.key()), buckets::segment);
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

    /** The exact waits in [low, high] of a range of whole UTC days, per day, ascending. */
    private List<DeepPagePlan.Segment> exactWaits(long organisationId, ReportRange range, int low, int high) {
        return segments("""
                select wait_seconds as bucket, day, visits as n
                from visit_wait_daily
                where organisation_id = :org and day >= :first_day and day < :end_day
                  and wait_seconds >= :low and wait_seconds <= :high and visits > 0
                order by 1, 2""",
                organisationId, range, Map.of("low", low, "high", high),
                (bucket, from, to, visits) -> new DeepPagePlan.Segment(bucket, bucket, from, to, visits));
    }

    private interface SegmentMapper {
        DeepPagePlan.Segment map(Integer bucket, Instant from, Instant to, long visits);
    }

    /** Runs a segments query that returns (bucket, UTC day, n); a null day stands for the whole range. */
    private List<DeepPagePlan.Segment> segments(String sql, long organisationId, ReportRange range,
            Map<String, Object> extraParameters, SegmentMapper mapper) {
        InnerDays days = InnerDays.of(range);
        JdbcClient.StatementSpec spec = jdbc.sql(sql)
                .param("org", organisationId)
                .param("first_day", days.firstDay()).param("end_day", days.endDay());
        for (var entry : extraParameters.entrySet()) {
            spec = spec.param(entry.getKey(), entry.getValue());
        }
        return spec.query((rs, row) -> {
            int bucket = rs.getInt("bucket");
            Integer value = rs.wasNull() ? null : bucket;
            LocalDate day = rs.getObject("day", LocalDate.class);
            Instant from = day == null ? days.start() : day.atStartOfDay(ZoneOffset.UTC).toInstant();
            Instant to = day == null ? days.end() : from.plus(1, ChronoUnit.DAYS);
            return mapper.map(value, from, to, rs.getLong("n"));
        }).list();
    }

    /**
     * Whether the range starts and ends at UTC midnights (UTC, or e.g. London in winter), so that
     * daily rollups by UTC day count it exactly. Deep pages of other ranges fall back to skipping
     * rows inside an index: counting their part-days from the visits reads up to a day of visit rows
     * from the table, which costs as much as the skip when the rows are not stored in time order.
     */
    static boolean onWholeUtcDays(ReportRange range) {
        InnerDays days = InnerDays.of(range);
        return days.start().equals(days.innerStart()) && days.end().equals(days.innerEnd())
                && days.innerStart().isBefore(days.innerEnd());
    }

    /**
     * A range cut at UTC midnights: the whole UTC days [innerStart, innerEnd) that daily rollups
     * count, and the part-days [start, innerStart) and [innerEnd, end) they do not (empty in UTC).
     */
    record InnerDays(Instant start, Instant innerStart, Instant innerEnd, Instant end) {

        static InnerDays of(ReportRange range) {
            Instant start = range.startInclusive();
            Instant end = range.endExclusive();
            Instant innerStart = start.truncatedTo(ChronoUnit.DAYS);
            if (innerStart.isBefore(start)) {
                innerStart = innerStart.plus(1, ChronoUnit.DAYS);
            }
            Instant innerEnd = end.truncatedTo(ChronoUnit.DAYS);
            if (!innerStart.isBefore(innerEnd)) {
                innerStart = end;
                innerEnd = end;
            }
            return new InnerDays(start, innerStart, innerEnd, end);
        }

        LocalDate firstDay() {
            return innerStart.atOffset(ZoneOffset.UTC).toLocalDate();
        }

        LocalDate endDay() {
            return innerEnd.atOffset(ZoneOffset.UTC).toLocalDate();
        }
    }

    /** The sorts whose order the rollup knows: start time, or a rollup column then start time. */
    private static final Map<VisitSort, String> ROLLUP_SORTS = Map.of(VisitSort.START_TIME, "",
            VisitSort.STATUS, "status", VisitSort.MEETING_TYPE, "meeting_type");

    /**
     * A deep page without reading the rows before it: the rollup counts the rows of every
     * (sort value, hour) segment in page order, so the page starts in the segment that holds row
     * {@code offset}, that many rows into it, and runs on into the following rows.
     */
    private List<Visit> pageFromRollup(VisitScope scope, ReportRange range, VisitFilter filter, VisitSort sort,
            boolean descending, long offset, int limit) {
        String column = ROLLUP_SORTS.get(sort);
        boolean byValue = !column.isEmpty();
        String direction = descending ? " desc" : " asc";
        String segmentOrder = byValue ? column + direction + ", hour" + direction : "hour" + direction;
        List<Object[]> found = bind(jdbc.sql("""
                select value, hour, before from (
                    select %s as value, hour, sum(sum(visits)) over (order by %s) - sum(visits) as before,
                           sum(visits) as visits
                    from visit_hourly where%s group by 1, 2) h
                where before <= :offset and before + visits > :offset""".formatted(byValue ? column : "''",
                        segmentOrder, rollupWhere(scope, filter))), scope, range, filter)
                .param("offset", offset)
                .query((rs, row) -> new Object[] {rs.getString("value"), rs.getTimestamp("hour").toInstant(),
                        rs.getLong("before")})
                .list();
        if (found.isEmpty()) {
            return List.of();
        }
        String value = (String) found.get(0)[0];
        Instant hour = (Instant) found.get(0)[1];
        long skip = offset - (Long) found.get(0)[2];
        if (!byValue) {
            return pageQuery(scope, range, filter, sort.orderBy(descending),
                    descending ? " and start_time < :bucket_end" : " and start_time >= :bucket_start",
                    Map.of("bucket_start", Timestamp.from(hour),
                            "bucket_end", Timestamp.from(hour.plus(1, ChronoUnit.HOURS))), skip, limit);
        }
        // Within one value rows go by start time then meeting id in the sort's direction (VisitSort's
        // tie-break); then the next values, in the grid's order of the names (SortBuckets.names).
        List<String> values = new ArrayList<>(SortBuckets.of(sort).orElseThrow().names());
        if (descending) {
            Collections.reverse(values);
        }
        String withinValue = VisitSort.START_TIME.orderBy(descending);
        List<Visit> page = new ArrayList<>(pageQuery(scope, range, filter, withinValue,
                " and " + column + " = :segment_value and start_time " + (descending ? "< :bucket_end" : ">= :bucket_start"),
                Map.of("segment_value", value, "bucket_start", Timestamp.from(hour),
                        "bucket_end", Timestamp.from(hour.plus(1, ChronoUnit.HOURS))), skip, limit));
        fillValueByValue(page, scope, range, filter, column, values.subList(values.indexOf(value) + 1, values.size()),
                descending, limit);
        return page;
    }

    /**
     * Fills the page with the rows of the given status or type values in turn, each by start time
     * through {@code visit_by_start}: no index orders by status or type, so one query over several
     * values would sort all their rows.
     */
    private void fillValueByValue(List<Visit> page, VisitScope scope, ReportRange range, VisitFilter filter,
            String column, List<String> values, boolean descending, int limit) {
        for (String value : values) {
            if (page.size() >= limit) {
                return;
            }
            page.addAll(pageQuery(scope, range, filter, VisitSort.START_TIME.orderBy(descending),
                    " and " + column + " = :segment_value", Map.of("segment_value", value), 0, limit - page.size()));
        }
    }

    private List<Visit> pageQuery(VisitScope scope, ReportRange range, VisitFilter filter, String orderBy,
            String extraCondition, Map<String, Object> extraParameters, long offset, int limit) {
        JdbcClient.StatementSpec spec = bind(jdbc.sql(SELECT_VISIT + """
                from visit where""" + where(scope, filter) + extraCondition + " order by " + orderBy
                + " offset :offset limit :limit"), scope, range, filter);
        for (var entry : extraParameters.entrySet()) {
            spec = spec.param(entry.getKey(), entry.getValue());
        }
        return spec.param("offset", offset).param("limit", limit).query(VisitQueries::mapVisit).list();
    }

    /**
     * Streams every visit of the range in the given order without holding them in memory
     * (a server-side cursor, {@code FETCH_SIZE} rows at a time). Must run inside a transaction.
     */
    public void stream(VisitScope scope, ReportRange range, VisitFilter filter, VisitSort sort, boolean descending,
            Consumer<Visit> consumer) {
        MapSqlParameterSource parameters = new MapSqlParameterSource();
        bindTo(parameters, scope, range, filter);
        String sql = SELECT_VISIT + """
                from visit where""" + where(scope, filter) + " order by " + sort.orderBy(descending);
        JdbcTemplate streaming = new JdbcTemplate(jdbcTemplate.getDataSource());
        streaming.setFetchSize(FETCH_SIZE);
        new NamedParameterJdbcTemplate(streaming).query(sql, parameters,
                (RowCallbackHandler) rs -> consumer.accept(mapVisit(rs, 0)));
    }

    private static final int FETCH_SIZE = 2000;

    private static void bindTo(MapSqlParameterSource parameters, VisitScope scope, ReportRange range,
            VisitFilter filter) {
        parameters.addValue("org", scope.organisationId())
                .addValue("start", Timestamp.from(range.startInclusive()))
                .addValue("end", Timestamp.from(range.endExclusive()))
                .addValue("departments", scope.departmentArray());
        if (filter.meetingType() != null) {
            parameters.addValue("f_type", filter.meetingType().name());
        }
        if (filter.department() != null) {
            parameters.addValue("f_department", filter.department());
        }
        if (filter.appointmentKind() != null) {
            parameters.addValue("f_kind", filter.appointmentKind().name());
        }
        if (filter.status() != null) {
            parameters.addValue("f_status", filter.status().name());
        }
    }

    static Visit mapVisit(ResultSet rs, int row) throws SQLException {
        long wait = rs.getLong("lobby_wait_seconds");
        Long lobbyWait = rs.wasNull() ? null : wait;
        return new Visit(
                rs.getString("meeting_id"),
                MeetingType.valueOf(rs.getString("meeting_type")),
                rs.getTimestamp("start_time").toInstant(),
                lobbyWait,
                rs.getLong("duration_seconds"),
                VisitStatus.valueOf(rs.getString("status")),
                rs.getInt("participants"),
                rs.getBoolean("sms_sent"),
                rs.getString("department"),
                AppointmentKind.valueOf(rs.getString("appointment_kind")));
    }

    private static Double nullableDouble(ResultSet rs, String column) throws SQLException {
        double value = rs.getDouble(column);
        return rs.wasNull() ? null : value;
    }
}
