-- Report rollups (issue 4, bench/report proposal 3, docs/decisions/0008-report-rollups.md).
-- Both tables are kept exact by statement-level triggers on visit, in the transaction that
-- changes the visits (the ingestion upserts a batch in one statement, so one trigger run per
-- batch and operation), and both are filled from the visits below.

-- Visits per UTC hour and per value of every report filter: the counts, sums and averages of
-- any range of whole UTC hours (whole days in any whole-hour time zone) come from here.
create table visit_hourly (
    organisation_id  bigint      not null references organisation (id),
    hour             timestamptz not null,
    meeting_type     text        not null,
    department       text,
    appointment_kind text        not null,
    status           text        not null,
    visits           integer     not null,
    duration_sum     bigint      not null,
    wait_count       integer     not null,
    wait_sum         bigint      not null,
    constraint visit_hourly_key unique nulls not distinct
        (organisation_id, hour, meeting_type, department, appointment_kind, status)
);

-- How many visits of each UTC day had each lobby wait (in seconds): exact percentiles and
-- counts over a threshold without sorting the visits (about a thousand rows a day).
create table visit_wait_daily (
    organisation_id bigint  not null references organisation (id),
    day             date    not null,
    wait_seconds    integer not null,
    visits          integer not null,
    primary key (organisation_id, day, wait_seconds)
);

-- The trigger functions are static SQL, one function per operation, so that PL/pgSQL plans each
-- statement once per session and reuses the plan (a dynamic EXECUTE is planned on every call:
-- 48.6 ms instead of 3.9 ms for a 150-visit upsert, see bench/report/README.md).
--
-- Locking: one INSERT ... ON CONFLICT DO UPDATE fires the UPDATE and then the INSERT statement
-- trigger, each upserting its buckets in key order. Two transactions could still lock shared
-- buckets in crossed order across those two runs (or across the two tables), so each run first
-- takes a transaction-scoped advisory lock per organisation, in organisation order: one
-- transaction at a time changes an organisation's rollups, from its first trigger run to its
-- commit. Concurrent batches of one organisation queue there for the rest of their transaction
-- (the ingestion commits right after its upsert); they would queue on the shared recent-hour
-- buckets anyway. Within a run, buckets are still upserted in key order.

create function visit_rollups_insert() returns trigger language plpgsql as $$
begin
    perform pg_advisory_xact_lock(hashtext('visit_rollups'), hashint8(o.organisation_id))
    from (select distinct organisation_id from new_visits order by 1) o;

    insert into visit_hourly as h (organisation_id, hour, meeting_type, department, appointment_kind, status,
                                   visits, duration_sum, wait_count, wait_sum)
    select organisation_id, date_trunc('hour', start_time, 'UTC'), meeting_type, department, appointment_kind,
           status, count(*), sum(duration_seconds), count(lobby_wait_seconds), coalesce(sum(lobby_wait_seconds), 0)
    from new_visits
    group by 1, 2, 3, 4, 5, 6
    order by 1, 2, 3, 4, 5, 6
    on conflict (organisation_id, hour, meeting_type, department, appointment_kind, status) do update set
        visits = h.visits + excluded.visits, duration_sum = h.duration_sum + excluded.duration_sum,
        wait_count = h.wait_count + excluded.wait_count, wait_sum = h.wait_sum + excluded.wait_sum;

    insert into visit_wait_daily as w (organisation_id, day, wait_seconds, visits)
    select organisation_id, (start_time at time zone 'UTC')::date, lobby_wait_seconds, count(*)
    from new_visits
    where lobby_wait_seconds is not null
    group by 1, 2, 3
    order by 1, 2, 3
    on conflict (organisation_id, day, wait_seconds) do update set visits = w.visits + excluded.visits;
    return null;
end $$;

-- Adds the new versions and subtracts the old ones: a visit whose start time moves when late
-- events arrive leaves its old hour and day and joins the new ones. Buckets whose net change is
-- zero (a re-derived visit that kept its start hour, status, type, department, kind, wait and
-- duration) are not touched.
create function visit_rollups_update() returns trigger language plpgsql as $$
begin
    perform pg_advisory_xact_lock(hashtext('visit_rollups'), hashint8(o.organisation_id))
    from (select organisation_id from new_visits union select organisation_id from old_visits order by 1) o;

    insert into visit_hourly as h (organisation_id, hour, meeting_type, department, appointment_kind, status,
                                   visits, duration_sum, wait_count, wait_sum)
    select organisation_id, date_trunc('hour', start_time, 'UTC'), meeting_type, department, appointment_kind,
           status, sum(sign), sum(sign * duration_seconds),
           coalesce(sum(sign) filter (where lobby_wait_seconds is not null), 0),
           coalesce(sum(sign * lobby_wait_seconds), 0)
    from (select organisation_id, start_time, meeting_type, department, appointment_kind, status,
                 duration_seconds, lobby_wait_seconds, 1 as sign
          from new_visits
          union all
          select organisation_id, start_time, meeting_type, department, appointment_kind, status,
                 duration_seconds, lobby_wait_seconds, -1
          from old_visits) d
    group by 1, 2, 3, 4, 5, 6
    having sum(sign) <> 0 or sum(sign * duration_seconds) <> 0
        or coalesce(sum(sign) filter (where lobby_wait_seconds is not null), 0) <> 0
        or coalesce(sum(sign * lobby_wait_seconds), 0) <> 0
    order by 1, 2, 3, 4, 5, 6
    on conflict (organisation_id, hour, meeting_type, department, appointment_kind, status) do update set
        visits = h.visits + excluded.visits, duration_sum = h.duration_sum + excluded.duration_sum,
        wait_count = h.wait_count + excluded.wait_count, wait_sum = h.wait_sum + excluded.wait_sum;

    insert into visit_wait_daily as w (organisation_id, day, wait_seconds, visits)
    select organisation_id, (start_time at time zone 'UTC')::date, lobby_wait_seconds, sum(sign)
    from (select organisation_id, start_time, lobby_wait_seconds, 1 as sign
          from new_visits where lobby_wait_seconds is not null
          union all
          select organisation_id, start_time, lobby_wait_seconds, -1
          from old_visits where lobby_wait_seconds is not null) d
    group by 1, 2, 3
    having sum(sign) <> 0
    order by 1, 2, 3
    on conflict (organisation_id, day, wait_seconds) do update set visits = w.visits + excluded.visits;
    return null;
end $$;

-- Subtracts the deleted visits (the retention job) and removes the buckets they emptied.
create function visit_rollups_delete() returns trigger language plpgsql as $$
begin
    perform pg_advisory_xact_lock(hashtext('visit_rollups'), hashint8(o.organisation_id))
    from (select distinct organisation_id from old_visits order by 1) o;

    insert into visit_hourly as h (organisation_id, hour, meeting_type, department, appointment_kind, status,
                                   visits, duration_sum, wait_count, wait_sum)
    select organisation_id, date_trunc('hour', start_time, 'UTC'), meeting_type, department, appointment_kind,
           status, -count(*), -sum(duration_seconds), -count(lobby_wait_seconds),
           -coalesce(sum(lobby_wait_seconds), 0)
    from old_visits
    group by 1, 2, 3, 4, 5, 6
    order by 1, 2, 3, 4, 5, 6
    on conflict (organisation_id, hour, meeting_type, department, appointment_kind, status) do update set
        visits = h.visits + excluded.visits, duration_sum = h.duration_sum + excluded.duration_sum,
        wait_count = h.wait_count + excluded.wait_count, wait_sum = h.wait_sum + excluded.wait_sum;

    insert into visit_wait_daily as w (organisation_id, day, wait_seconds, visits)
    select organisation_id, (start_time at time zone 'UTC')::date, lobby_wait_seconds, -count(*)
    from old_visits
    where lobby_wait_seconds is not null
    group by 1, 2, 3
    order by 1, 2, 3
    on conflict (organisation_id, day, wait_seconds) do update set visits = w.visits + excluded.visits;

    -- Buckets this statement emptied (locked above already). Zero rows left by updates stay;
    -- they read as nothing.
    delete from visit_hourly h
    using (select distinct organisation_id, date_trunc('hour', start_time, 'UTC') as hour from old_visits) d
    where h.organisation_id = d.organisation_id and h.hour = d.hour
      and h.visits = 0 and h.duration_sum = 0 and h.wait_count = 0 and h.wait_sum = 0;
    delete from visit_wait_daily w
    using (select distinct organisation_id, (start_time at time zone 'UTC')::date as day from old_visits) d
    where w.organisation_id = d.organisation_id and w.day = d.day and w.visits = 0;
    return null;
end $$;

-- TRUNCATE fires no row or delete trigger (bench/ingest truncates visit between runs).
create function visit_rollups_truncate() returns trigger language plpgsql as $$
begin
    truncate visit_hourly, visit_wait_daily;
    return null;
end $$;

create trigger visit_rollups_insert after insert on visit referencing new table as new_visits
    for each statement execute function visit_rollups_insert();
create trigger visit_rollups_update after update on visit referencing old table as old_visits new table as new_visits
    for each statement execute function visit_rollups_update();
create trigger visit_rollups_delete after delete on visit referencing old table as old_visits
    for each statement execute function visit_rollups_delete();
create trigger visit_rollups_truncate after truncate on visit
    for each statement execute function visit_rollups_truncate();

insert into visit_hourly (organisation_id, hour, meeting_type, department, appointment_kind, status,
                          visits, duration_sum, wait_count, wait_sum)
select organisation_id, date_trunc('hour', start_time, 'UTC'), meeting_type, department, appointment_kind, status,
       count(*), sum(duration_seconds), count(lobby_wait_seconds), coalesce(sum(lobby_wait_seconds), 0)
from visit
group by 1, 2, 3, 4, 5, 6;

insert into visit_wait_daily (organisation_id, day, wait_seconds, visits)
select organisation_id, (start_time at time zone 'UTC')::date, lobby_wait_seconds, count(*)
from visit
where lobby_wait_seconds is not null
group by 1, 2, 3;

-- Department-limited viewers and the department filter: their exact lobby-wait percentiles are
-- read from this (index-only) instead of from the visits' heap.
create index visit_waits_by_department on visit (organisation_id, department, start_time)
    include (lobby_wait_seconds) where lobby_wait_seconds is not null;
