package org.virtualvisits.analytics.report.rollup;

import static org.virtualvisits.analytics.report.rollup.VisitSql.bind;
import static org.virtualvisits.analytics.report.rollup.VisitSql.conditions;
import static org.virtualvisits.analytics.report.rollup.VisitSql.nullableDouble;
import static org.virtualvisits.analytics.report.rollup.VisitSql.rollupWhere;
import static org.virtualvisits.analytics.report.rollup.VisitSql.where;

import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.virtualvisits.analytics.report.DailyVisits;
import org.virtualvisits.analytics.report.Headlines;
import org.virtualvisits.analytics.report.ReportRange;
import org.virtualvisits.analytics.report.VisitFilter;
import org.virtualvisits.analytics.report.VisitScope;

/**
 * The report's sums over a range: the daily series, the headline counts and lobby-wait figures, and
 * the number of visits. Read from the hourly rollup ({@code visit_hourly}) and the waits' daily
 * histogram ({@code visit_wait_daily}); the parts of the range those do not cover exactly (see
 * {@link RangeCut}) are read from the visits. Each figure equals the same aggregate over the visits.
 */
@Repository
public class Aggregates {

    private final JdbcClient jdbc;

    Aggregates(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** One entry per day that has visits; the caller fills the empty days. */
    public Map<LocalDate, DailyVisits> daily(VisitScope scope, ReportRange range, VisitFilter filter) {
        // The rollup's sums divided by its counts are exactly what avg() gives over the visits
        // (avg of integers is numeric sum / numeric count).
        RangeCut cut = RangeCut.of(range);
        JdbcClient.StatementSpec query = cut.wholeHours()
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
                        scope, range, filter), cut);
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
        RangeCut cut = RangeCut.of(range);
        JdbcClient.StatementSpec countQuery = cut.wholeHours()
                ? bind(jdbc.sql("""
                        select coalesce(sum(visits), 0) as visits,
                               coalesce(sum(visits) filter (where status = 'COMPLETED'), 0) as completed,
                               coalesce(sum(visits) filter (where status = 'NO_SHOW'), 0) as no_shows
                        from visit_hourly where""" + rollupWhere(scope, filter)), scope, range, filter)
                : bindSplit(bind(jdbc.sql("""
                        select coalesce(sum(total), 0) as visits, coalesce(sum(completed), 0) as completed,
                               coalesce(sum(no_shows), 0) as no_shows
                        from (""" + splitFacts(scope, filter) + ") facts"), scope, range, filter), cut);
        StatusCounts counts = countQuery
                .query((rs, row) -> new StatusCounts(rs.getLong("visits"), rs.getLong("completed"),
                        rs.getLong("no_shows")))
                .single();
        boolean unfiltered = scope.departments().isEmpty() && filter.equals(VisitFilter.NONE);
        WaitFigures waits = unfiltered ? waitsFromHistogram(scope, cut, thresholdSeconds)
                : waitsFromVisits(scope, range, filter, thresholdSeconds);
        return new Headlines(counts.visits(), counts.completed(), counts.noShows(), waits.median(), waits.p90(),
                waits.overThreshold(), thresholdSeconds);
    }

    public long count(VisitScope scope, ReportRange range, VisitFilter filter) {
        RangeCut cut = RangeCut.of(range);
        if (!cut.wholeHours()) {
            return bindSplit(bind(jdbc.sql("select coalesce(sum(total), 0) from (" + splitFacts(scope, filter)
                    + ") facts"), scope, range, filter), cut).query(Long.class).single();
        }
        return bind(jdbc.sql("select coalesce(sum(visits), 0) from visit_hourly where" + rollupWhere(scope, filter)),
                scope, range, filter).query(Long.class).single();
    }

    private record StatusCounts(long visits, long completed, long noShows) {
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
     * Median, 90th percentile and count over the threshold from the waits' histogram: whole UTC days of
     * the range from {@code visit_wait_daily}, the part-days at either end (other time zones) from the
     * visits. Only for an unfiltered scope (the histogram counts no filter).
     */
    private WaitFigures waitsFromHistogram(VisitScope scope, RangeCut cut, int threshold) {
        WaitHistogram histogram = new WaitHistogram(jdbc.sql("""
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
                .param("first_day", cut.firstUtcDay())
                .param("end_day", cut.endUtcDay())
                .param("start", Timestamp.from(cut.start())).param("inner_start", Timestamp.from(cut.dayStart()))
                .param("inner_end", Timestamp.from(cut.dayEnd())).param("end", Timestamp.from(cut.end()))
                .query((rs, row) -> new WaitHistogram.Bin(rs.getLong("w"), rs.getLong("n")))
                .list());
        return new WaitFigures(histogram.percentileCont(0.5), histogram.percentileCont(0.9),
                histogram.over(threshold));
    }

    /**
     * The figures of a range whose days do not start on whole UTC hours: one row per rollup hour that
     * lies in one local day, and one per visit of the hours a local midnight cuts and of the part-hours
     * at either end, each with its local day and the sums the report needs. Summed, they give exactly
     * what the same sums over the range's visits give. (The cut hours go through a subquery: a
     * text-to-timestamptz cast is not constant, so in the condition itself it would be parsed again for
     * every rollup row.)
     */
    private static String splitFacts(VisitScope scope, VisitFilter filter) {
        String conditions = conditions(scope, filter);
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

    private static JdbcClient.StatementSpec bindSplit(JdbcClient.StatementSpec spec, RangeCut cut) {
        return spec.param("zone", cut.range().zone().getId())
                .param("inner_start", Timestamp.from(cut.hourStart()))
                .param("inner_end", Timestamp.from(cut.hourEnd()))
                .param("cut_hours", VisitSql.isoTimes(cut.cutHours()))
                .param("raw_from", VisitSql.isoTimes(cut.partsFrom()))
                .param("raw_to", VisitSql.isoTimes(cut.partsTo()));
    }
}
