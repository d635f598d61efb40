package org.virtualvisits.analytics.report;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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

    /** The range condition every query shares. */
    private static final String SCOPE = " organisation_id = :org and start_time >= :start and start_time < :end";

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

    /**
     * Only a department-limited caller gets a department condition: an always-true
     * {@code cardinality(...) = 0 or ...} makes the planner expect 0.5% of the rows and choose
     * plans (and cached generic plans) made for a handful of rows.
     */
    private static String departments(VisitScope scope) {
        return scope.departments().isEmpty() ? "" : " and department = any(cast(:departments as text[]))";
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
        Map<LocalDate, DailyVisits> byDay = new HashMap<>();
        bind(jdbc.sql("""
                select (start_time at time zone :zone)::date as day,
                       count(*) as total,
                       count(*) filter (where meeting_type = 'BOOKINGS') as bookings,
                       count(*) filter (where meeting_type = 'EHR') as ehr,
                       avg(duration_seconds) filter (where status = 'COMPLETED') / 60.0 as avg_duration,
                       avg(lobby_wait_seconds) / 60.0 as avg_wait
                from visit
                where""" + where(scope, filter) + " group by 1").param("zone", range.zone().getId()), scope, range, filter)
                .query((rs, row) -> new DailyVisits(rs.getObject("day", LocalDate.class), rs.getLong("total"),
                        rs.getLong("bookings"), rs.getLong("ehr"), nullableDouble(rs, "avg_duration"),
                        nullableDouble(rs, "avg_wait")))
                .list()
                .forEach(day -> byDay.put(day.date(), day));
        return byDay;
    }

    /** Headline figures of the range; percentiles over the visits that have a lobby wait. */
    public Headlines headlines(VisitScope scope, ReportRange range, VisitFilter filter, int thresholdSeconds) {
        return bind(jdbc.sql("""
                select count(*) as visits,
                       count(*) filter (where status = 'COMPLETED') as completed,
                       count(*) filter (where status = 'NO_SHOW') as no_shows,
                       percentile_cont(0.5) within group (order by lobby_wait_seconds) as median_wait,
                       percentile_cont(0.9) within group (order by lobby_wait_seconds) as p90_wait,
                       count(*) filter (where lobby_wait_seconds > :threshold) as over_threshold
                from visit where""" + where(scope, filter)).param("threshold", thresholdSeconds), scope, range, filter)
                .query((rs, row) -> new Headlines(rs.getLong("visits"), rs.getLong("completed"),
                        rs.getLong("no_shows"), nullableDouble(rs, "median_wait"), nullableDouble(rs, "p90_wait"),
                        rs.getLong("over_threshold"), thresholdSeconds))
                .single();
    }

    public long count(VisitScope scope, ReportRange range, VisitFilter filter) {
        return bind(jdbc.sql("select count(*) from visit where" + where(scope, filter)), scope, range, filter)
                .query(Long.class).single();
    }

    public List<Visit> page(VisitScope scope, ReportRange range, VisitFilter filter, VisitSort sort, boolean descending,
            long offset, int limit) {
        return bind(jdbc.sql("""
                select meeting_id, meeting_type, start_time, lobby_wait_seconds, duration_seconds, status,
                       participants, sms_sent, department, appointment_kind
                from visit where""" + where(scope, filter) + " order by " + sort.orderBy(descending)
                + " offset :offset limit :limit"), scope, range, filter)
                .param("offset", offset)
                .param("limit", limit)
                .query(VisitQueries::mapVisit)
                .list();
    }

    /**
     * Streams every visit of the range in the given order without holding them in memory
     * (a server-side cursor, {@code FETCH_SIZE} rows at a time). Must run inside a transaction.
     */
    public void stream(VisitScope scope, ReportRange range, VisitFilter filter, VisitSort sort, boolean descending,
            Consumer<Visit> consumer) {
        MapSqlParameterSource parameters = new MapSqlParameterSource();
        bindTo(parameters, scope, range, filter);
        String sql = """
                select meeting_id, meeting_type, start_time, lobby_wait_seconds, duration_seconds, status,
                       participants, sms_sent, department, appointment_kind
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
