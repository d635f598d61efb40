package org.virtualvisits.analytics.teams;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** The teams_sync_run table: what each sync did, newest first on the connection page. */
@Repository
public class TeamsSyncRuns {

    /** Runs kept per organisation (one every 15 minutes is about three days). */
    static final int KEPT = 300;

    public enum Outcome { OK, PARTIAL, FAILED }

    /**
     * One sync.
     *
     * @param outcome null while running (or when the instance running it stopped)
     */
    public record Run(long id, long organisationId, Instant startedAt, Instant finishedAt, Instant windowStart,
                      Instant windowEnd, String trigger, int appointmentsRead, int visitsChanged, int eventsStored,
                      int graphCalls, int failures, Outcome outcome, String error) {
    }

    /** What a finished sync reports. */
    public record Counts(int appointmentsRead, int visitsChanged, int eventsStored, int graphCalls, int failures) {
    }

    private final JdbcClient jdbc;

    TeamsSyncRuns(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long start(long organisationId, Instant now, Instant windowStart, Instant windowEnd, String trigger) {
        // A run still open here was cut short (its instance stopped): say so.
        jdbc.sql("""
                        update teams_sync_run set outcome = 'FAILED', finished_at = :now,
                               error = 'Interrupted (the application stopped during the sync)'
                        where organisation_id = :org and outcome is null""")
                .param("org", organisationId).param("now", Timestamp.from(now)).update();
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("""
                        insert into teams_sync_run (organisation_id, started_at, window_start, window_end, trigger)
                        values (:org, :now, :from, :to, :trigger)""")
                .param("org", organisationId).param("now", Timestamp.from(now))
                .param("from", Timestamp.from(windowStart)).param("to", Timestamp.from(windowEnd))
                .param("trigger", trigger).update(key, "id");
        return key.getKey().longValue();
    }

    void finish(long runId, Instant now, Counts counts, Outcome outcome, String error) {
        jdbc.sql("""
                        update teams_sync_run set finished_at = :now, appointments_read = :read,
                               visits_changed = :visits, events_stored = :events, graph_calls = :calls,
                               failures = :failures, outcome = :outcome, error = :error
                        where id = :id""")
                .param("now", Timestamp.from(now)).param("read", counts.appointmentsRead())
                .param("visits", counts.visitsChanged()).param("events", counts.eventsStored())
                .param("calls", counts.graphCalls()).param("failures", counts.failures())
                .param("outcome", outcome.name()).param("error", error).param("id", runId).update();
        jdbc.sql("""
                        delete from teams_sync_run where organisation_id = (select organisation_id from teams_sync_run
                                                                            where id = :id)
                          and id not in (select id from teams_sync_run r where r.organisation_id =
                                             (select organisation_id from teams_sync_run where id = :id)
                                         order by started_at desc, id desc limit :kept)""")
                .param("id", runId).param("kept", KEPT).update();
    }

    public List<Run> latest(long organisationId, int limit) {
        return jdbc.sql("""
                        select * from teams_sync_run where organisation_id = :org
                        order by started_at desc, id desc limit :limit""")
                .param("org", organisationId).param("limit", limit).query(TeamsSyncRuns::row).list();
    }

    private static Run row(ResultSet rs, int rowNum) throws SQLException {
        Timestamp finished = rs.getTimestamp("finished_at");
        String outcome = rs.getString("outcome");
        return new Run(rs.getLong("id"), rs.getLong("organisation_id"), rs.getTimestamp("started_at").toInstant(),
                finished == null ? null : finished.toInstant(), rs.getTimestamp("window_start").toInstant(),
                rs.getTimestamp("window_end").toInstant(), rs.getString("trigger"), rs.getInt("appointments_read"),
                rs.getInt("visits_changed"), rs.getInt("events_stored"), rs.getInt("graph_calls"),
                rs.getInt("failures"), outcome == null ? null : Outcome.valueOf(outcome), rs.getString("error"));
    }
}
