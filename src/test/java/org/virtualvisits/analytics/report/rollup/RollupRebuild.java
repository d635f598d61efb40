package org.virtualvisits.analytics.report.rollup;

import static org.assertj.core.api.Assertions.assertThat;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The report rollups (V8, V13-V15) rebuilt from the visits, for tests: after any mix of writes, and after
 * an upgrade's backfills, what the triggers and migrations kept must equal what a rebuild gives.
 */
public final class RollupRebuild {

    private RollupRebuild() {
    }

    /** Visits per bucket kept in every rollup = a rebuild from the visits (EXCEPT both ways: 0 rows). */
    public static void assertRollupsEqualARebuild(JdbcClient jdbc, long organisationId) {
        long hourly = rowsThatDiffer(jdbc, organisationId, """
                select organisation_id, date_trunc('hour', start_time, 'UTC') as hour, meeting_type, department,
                       appointment_kind, status, count(*)::int as visits, sum(duration_seconds)::bigint as d,
                       count(lobby_wait_seconds)::int as wc, coalesce(sum(lobby_wait_seconds), 0)::bigint as ws
                from visit where organisation_id = :org group by 1, 2, 3, 4, 5, 6""",
                """
                select organisation_id, hour, meeting_type, department, appointment_kind, status, visits,
                       duration_sum, wait_count, wait_sum
                from visit_hourly
                where organisation_id = :org
                  and not (visits = 0 and duration_sum = 0 and wait_count = 0 and wait_sum = 0)""");
        long daily = rowsThatDiffer(jdbc, organisationId, """
                select organisation_id, (start_time at time zone 'UTC')::date as day, lobby_wait_seconds,
                       count(*)::int as visits
                from visit where organisation_id = :org and lobby_wait_seconds is not null group by 1, 2, 3""",
                """
                select organisation_id, day, wait_seconds, visits from visit_wait_daily
                where organisation_id = :org and visits <> 0""");
        long sorts = rowsThatDiffer(jdbc, organisationId, """
                select organisation_id, sort_key, (start_time at time zone 'UTC')::date as day, bucket,
                       count(*)::int as visits
                from visit v
                cross join lateral (values ('participants', participants), ('sms', case when sms_sent then 1 else 0 end),
                    ('duration', case when duration_seconds % 60 = 0 then 2 * (duration_seconds / 60)
                                      else 2 * floor(duration_seconds / 60.0)::int + 1 end),
                    ('wait', floor(lobby_wait_seconds / 60.0)::int),
                    ('status', array_position(array['ABANDONED', 'COMPLETED', 'IN_PROGRESS', 'NO_SHOW'], status) - 1),
                    ('type', array_position(array['BOOKINGS', 'EHR'], meeting_type) - 1)) k (sort_key, bucket)
                where organisation_id = :org group by 1, 2, 3, 4""",
                """
                select organisation_id, sort_key, day, bucket, visits from visit_sort_daily
                where organisation_id = :org and visits <> 0""");
        long meetingIds = rowsThatDiffer(jdbc, organisationId, """
                select organisation_id, (start_time at time zone 'UTC')::date as day,
                       coalesce((select max(b.lower_bound) from visit_meeting_id_bound b
                                 where b.organisation_id = v.organisation_id and b.lower_bound <= v.meeting_id), '')
                           as lower_bound,
                       count(*)::int as visits
                from visit v where organisation_id = :org group by 1, 2, 3""",
                """
                select organisation_id, day, lower_bound, visits from visit_meeting_id_daily
                where organisation_id = :org and visits <> 0""");
        assertThat(meetingIds).as("visit_meeting_id_daily rows that differ from a rebuild").isZero();
        assertThat(hourly).as("visit_hourly rows that differ from a rebuild").isZero();
        assertThat(daily).as("visit_wait_daily rows that differ from a rebuild").isZero();
        assertThat(sorts).as("visit_sort_daily rows that differ from a rebuild").isZero();
    }

    /** Rows of {@code kept} missing from {@code rebuilt}, plus the reverse (both queries take :org). */
    private static long rowsThatDiffer(JdbcClient jdbc, long organisationId, String rebuilt, String kept) {
        return jdbc.sql("with rebuilt as (" + rebuilt + "), kept as (" + kept + ")"
                        + " select (select count(*) from (select * from kept except select * from rebuilt) a)"
                        + " + (select count(*) from (select * from rebuilt except select * from kept) b)")
                .param("org", organisationId).query(Long.class).single();
    }
}
