package org.virtualvisits.analytics.subscriptions;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.virtualvisits.analytics.base.db.PgArrays;
import org.virtualvisits.analytics.report.ReportTab;
import org.virtualvisits.analytics.report.VisitColumn;
import org.virtualvisits.analytics.report.VisitSort;
import org.virtualvisits.analytics.visits.AppointmentKind;
import org.virtualvisits.analytics.visits.VisitStatus;

/** The report_subscription table; every read for a user matches the organisation in SQL. */
@Repository
class Subscriptions {

    private static final String SELECT = """
            select s.*, u.username from report_subscription s join app_user u on u.id = s.user_id
            """;

    private final JdbcClient jdbc;

    Subscriptions(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long insert(long organisationId, long userId, String createdBy, NewSubscription subscription, Instant now) {
        SubscribedView view = subscription.view();
        SendSchedule schedule = subscription.schedule();
        return jdbc.sql("""
                        insert into report_subscription (organisation_id, user_id, created_by, email, tab, department,
                            appointment_kind, status, columns, sort, descending, range_kind, frequency, day_of_week,
                            day_of_month, send_time, zone, language, attachment, created_at)
                        values (:org, :user, :createdBy, :email, :tab, :department, :kind, :status,
                            cast(:columns as text[]), :sort, :descending, :range, :frequency, :dayOfWeek,
                            :dayOfMonth, :time, :zone, :language, :attachment, :now)
                        returning id""")
                .param("org", organisationId).param("user", userId).param("createdBy", createdBy)
                .param("email", subscription.email())
                .param("tab", view.tab().name()).param("department", view.department())
                .param("kind", view.appointmentKind() == null ? null : view.appointmentKind().name())
                .param("status", view.status() == null ? null : view.status().name())
                .param("columns", PgArrays.textArray(view.columns().stream().map(Enum::name).toList()))
                .param("sort", view.sort().name()).param("descending", view.descending())
                .param("range", subscription.range().name()).param("frequency", schedule.frequency().name())
                .param("dayOfWeek", schedule.dayOfWeek() == null ? null : schedule.dayOfWeek().getValue())
                .param("dayOfMonth", schedule.dayOfMonth())
                .param("time", schedule.time())
                .param("zone", schedule.zone().getId())
                .param("language", subscription.language().getLanguage())
                .param("attachment", subscription.attachment().name())
                .param("now", Timestamp.from(now))
                .query(Long.class).single();
    }

    Optional<Subscription> find(long id) {
        return jdbc.sql(SELECT + "where s.id = :id").param("id", id).query(Subscriptions::map).optional();
    }

    Optional<Subscription> findInOrganisation(long organisationId, long id) {
        return jdbc.sql(SELECT + "where s.id = :id and s.organisation_id = :org")
                .param("id", id).param("org", organisationId).query(Subscriptions::map).optional();
    }

    List<Subscription> findByUser(long organisationId, long userId) {
        return jdbc.sql(SELECT + "where s.organisation_id = :org and s.user_id = :user order by s.id")
                .param("org", organisationId).param("user", userId).query(Subscriptions::map).list();
    }

    List<Subscription> findByOrganisation(long organisationId) {
        return jdbc.sql(SELECT + "where s.organisation_id = :org order by lower(u.username), s.id")
                .param("org", organisationId).query(Subscriptions::map).list();
    }

    boolean setPaused(long id, boolean paused, Instant nextRunAt) {
        return jdbc.sql("update report_subscription set paused = :paused, next_run_at = :next where id = :id")
                .param("paused", paused).param("next", timestamp(nextRunAt)).param("id", id).update() == 1;
    }

    boolean delete(long id) {
        return jdbc.sql("delete from report_subscription where id = :id").param("id", id).update() == 1;
    }

    void nextRun(long id, Instant nextRunAt) {
        jdbc.sql("update report_subscription set next_run_at = :next where id = :id")
                .param("next", timestamp(nextRunAt)).param("id", id).update();
    }

    void sent(long id, Instant sentAt, Instant nextRunAt) {
        jdbc.sql("""
                        update report_subscription set last_sent_at = :sent, next_run_at = :next,
                            last_error = null, last_error_at = null
                        where id = :id""")
                .param("sent", Timestamp.from(sentAt)).param("next", timestamp(nextRunAt)).param("id", id).update();
    }

    void failed(long id, String error, Instant at, Instant nextRunAt) {
        jdbc.sql("""
                        update report_subscription set last_error = :error, last_error_at = :at, next_run_at = :next
                        where id = :id""")
                .param("error", error).param("at", Timestamp.from(at)).param("next", timestamp(nextRunAt))
                .param("id", id).update();
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp timestamp = rs.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }

    private static <E extends Enum<E>> E enumOrNull(Class<E> type, String value) {
        return value == null ? null : Enum.valueOf(type, value);
    }

    static Subscription map(ResultSet rs, int row) throws SQLException {
        Array columnArray = rs.getArray("columns");
        List<VisitColumn> columns = Arrays.stream((String[]) columnArray.getArray()).map(VisitColumn::valueOf)
                .toList();
        SubscribedView view = new SubscribedView(ReportTab.valueOf(rs.getString("tab")), rs.getString("department"),
                enumOrNull(AppointmentKind.class, rs.getString("appointment_kind")),
                enumOrNull(VisitStatus.class, rs.getString("status")), columns,
                VisitSort.valueOf(rs.getString("sort")), rs.getBoolean("descending"));
        int dayOfWeek = rs.getInt("day_of_week");
        DayOfWeek day = rs.wasNull() ? null : DayOfWeek.of(dayOfWeek);
        int dayOfMonth = rs.getInt("day_of_month");
        Integer monthDay = rs.wasNull() ? null : dayOfMonth;
        SendSchedule schedule = new SendSchedule(Frequency.valueOf(rs.getString("frequency")), day, monthDay,
                rs.getObject("send_time", LocalTime.class), ZoneId.of(rs.getString("zone")));
        return new Subscription(rs.getLong("id"), rs.getLong("organisation_id"), rs.getLong("user_id"),
                rs.getString("username"), rs.getString("created_by"), rs.getString("email"), view,
                RelativeRange.valueOf(rs.getString("range_kind")), schedule,
                Locale.forLanguageTag(rs.getString("language")),
                AttachmentFormat.valueOf(rs.getString("attachment")), rs.getBoolean("paused"),
                instant(rs, "created_at"), instant(rs, "next_run_at"), instant(rs, "last_sent_at"),
                rs.getString("last_error"), instant(rs, "last_error_at"));
    }
}
