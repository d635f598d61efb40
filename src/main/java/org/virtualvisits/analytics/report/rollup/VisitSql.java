package org.virtualvisits.analytics.report.rollup;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.virtualvisits.analytics.base.db.PgArrays;
import org.virtualvisits.analytics.report.ReportRange;
import org.virtualvisits.analytics.report.VisitFilter;
import org.virtualvisits.analytics.report.VisitScope;
import org.virtualvisits.analytics.report.VisitSort;
import org.virtualvisits.analytics.visits.AppointmentKind;
import org.virtualvisits.analytics.visits.MeetingType;
import org.virtualvisits.analytics.visits.Visit;
import org.virtualvisits.analytics.visits.VisitStatus;

/**
 * The SQL that every report query shares: the scope and filter conditions with their parameters, the
 * grid's ORDER BY, the visit columns and their mapping. Filter values and departments are always bound,
 * never written into the text; column names come from whitelists.
 */
final class VisitSql {

    /** The columns {@link #mapVisit} reads, for every query that returns visits. */
    static final String SELECT_VISIT = """
            select meeting_id, meeting_type, start_time, lobby_wait_seconds, duration_seconds, status,
                   participants, sms_sent, department, appointment_kind
            """;

    private VisitSql() {
    }

    /** The WHERE clause body over {@code visit}: scope, range and the filter's conditions. */
    static String where(VisitScope scope, VisitFilter filter) {
        return " organisation_id = :org and start_time >= :start and start_time < :end" + conditions(scope, filter);
    }

    /** The same over the hourly rollup (whose columns have the same names as the visit's). */
    static String rollupWhere(VisitScope scope, VisitFilter filter) {
        return " organisation_id = :org and hour >= :start and hour < :end" + conditions(scope, filter);
    }

    /** The department limit and the filter, as {@code and ...} conditions (empty when there are none). */
    static String conditions(VisitScope scope, VisitFilter filter) {
        // Only a department-limited caller gets a department condition: an always-true
        // "cardinality(...) = 0 or ..." makes the planner expect 0.5% of the rows and choose plans
        // (and cached generic plans) made for a handful of rows.
        List<String> conditions = new ArrayList<>();
        if (!scope.departments().isEmpty()) {
            conditions.add("department = any(cast(:departments as text[]))");
        }
        if (filter.meetingType() != null) {
            conditions.add("meeting_type = :f_type");
        }
        if (filter.department() != null) {
            conditions.add("department = :f_department");
        }
        if (filter.appointmentKind() != null) {
            conditions.add("appointment_kind = :f_kind");
        }
        if (filter.status() != null) {
            conditions.add("status = :f_status");
        }
        return conditions.isEmpty() ? "" : " and " + String.join(" and ", conditions);
    }

    /** The parameters of {@link #where} / {@link #rollupWhere}. */
    static MapSqlParameterSource parameters(VisitScope scope, ReportRange range, VisitFilter filter) {
        MapSqlParameterSource parameters = new MapSqlParameterSource()
                .addValue("org", scope.organisationId())
                .addValue("start", Timestamp.from(range.startInclusive()))
                .addValue("end", Timestamp.from(range.endExclusive()))
                .addValue("departments", PgArrays.textArray(scope.departments()));
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
        return parameters;
    }

    /** Binds the scope, range and filter parameters to a statement. */
    static JdbcClient.StatementSpec bind(JdbcClient.StatementSpec spec, VisitScope scope, ReportRange range,
            VisitFilter filter) {
        return bind(spec, parameters(scope, range, filter).getValues());
    }

    static JdbcClient.StatementSpec bind(JdbcClient.StatementSpec spec, Map<String, ?> parameters) {
        for (var entry : parameters.entrySet()) {
            spec = spec.param(entry.getKey(), entry.getValue());
        }
        return spec;
    }

    /**
     * The grid's ORDER BY; start time then meeting id break ties so pages are stable. A descending sort
     * is the exact reverse of the ascending one (ties too, empty waits last), so one index
     * {@code (organisation_id, column nulls first, start_time, meeting_id)} serves both directions.
     */
    static String orderBy(VisitSort sort, boolean descending) {
        String direction = descending ? " desc" : " asc";
        // Only the wait can be empty; a NULLS clause on a NOT NULL column would still keep the
        // planner from using that column's index (it does not read NOT NULL constraints).
        String nulls = sort != VisitSort.LOBBY_WAIT ? "" : descending ? " nulls last" : " nulls first";
        return switch (sort) {
            case START_TIME -> "start_time" + direction + ", meeting_id" + direction;
            case MEETING_ID -> "meeting_id" + direction;
            default -> column(sort) + direction + nulls + ", start_time" + direction + ", meeting_id" + direction;
        };
    }

    /** The column a sort orders by (a whitelisted name). */
    static String column(VisitSort sort) {
        return switch (sort) {
            case START_TIME -> "start_time";
            case MEETING_ID -> "meeting_id";
            case LOBBY_WAIT -> "lobby_wait_seconds";
            case DURATION -> "duration_seconds";
            case STATUS -> "status";
            case MEETING_TYPE -> "meeting_type";
            case PARTICIPANTS -> "participants";
            case SMS_SENT -> "sms_sent";
        };
    }

    /** Instants as ISO text, for a {@code cast(... as timestamptz[])} (pgjdbc binds no Timestamp[]). */
    static String[] isoTimes(List<Instant> instants) {
        return instants.stream().map(Instant::toString).toArray(String[]::new);
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

    static Double nullableDouble(ResultSet rs, String column) throws SQLException {
        double value = rs.getDouble(column);
        return rs.wasNull() ? null : value;
    }
}
