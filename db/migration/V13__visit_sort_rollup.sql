-- Deep grid pages sorted by participants, SMS, duration or lobby wait, positioned from counts
-- instead of skipping the rows before them (docs/decisions/0010-deep-pages-from-sort-rollups.md).
--
-- visit_sort_daily: how many visits of each UTC day fall in each bucket of each of those sorts:
--   'participants'  bucket = participants           (an exact value)
--   'sms'           bucket = sms_sent::int          (an exact value: 0, 1)
--   'duration'      bucket = 2 * floor(duration_seconds / 60) + (0 on a whole minute, else 1): an even
--                   bucket is the exact value of a whole minute (0 s: every no-show and abandoned
--                   visit), an odd one the 59 values after it
--   'wait'          bucket = whole minutes, floor(lobby_wait_seconds / 60); null = no wait (an exact value)
-- Within an exact value the grid orders rows by start time, so (value, UTC day) is a contiguous run
-- of the page order and a page starts at most one day's rows of one value into it. A minute holds
-- many values, so there the run is the whole bucket over the range; for the waits the page then
-- finds the exact value in V8's visit_wait_daily (a minute's 60 values instead of every value).
-- About 160 rows per organisation and busy day on the benchmark's data (about 100 duration and 50
-- wait buckets, 4 participant counts, two SMS values): 34k rows, about 4 MB per million visits.
--
-- Kept exact like V8's rollups: statement-level triggers on visit with transition tables, in the
-- transaction that changes the visits, after V8's triggers (triggers of one event fire in name
-- order) and under the same per-organisation advisory lock, buckets upserted in key order.
-- No foreign key to organisation, like visit itself since V11 (the ids come from visits).
create table visit_sort_daily (
    organisation_id bigint  not null,
    sort_key        text    not null check (sort_key in ('participants', 'sms', 'duration', 'wait')),
    day             date    not null,
    bucket          integer,
    visits          integer not null,
    constraint visit_sort_daily_key unique nulls not distinct (organisation_id, sort_key, day, bucket)
);

create function visit_sort_rollup_insert() returns trigger language plpgsql as $$
begin
    perform pg_advisory_xact_lock(hashtext('visit_rollups'), hashint8(o.organisation_id))
    from (select distinct organisation_id from new_visits order by 1) o;

    insert into visit_sort_daily as s (organisation_id, sort_key, day, bucket, visits)
    select n.organisation_id, k.sort_key, (n.start_time at time zone 'UTC')::date, k.bucket, count(*)
    from new_visits n
    cross join lateral (values ('participants', n.participants), ('sms', n.sms_sent::int),
                               ('duration', 2 * floor(n.duration_seconds / 60.0)::int + (n.duration_seconds % 60 <> 0)::int),
                               ('wait', floor(n.lobby_wait_seconds / 60.0)::int)) k (sort_key, bucket)
    group by 1, 2, 3, 4
    order by 1, 2, 3, 4
    on conflict (organisation_id, sort_key, day, bucket) do update set visits = s.visits + excluded.visits;
    return null;
end $$;

-- Adds the new versions and subtracts the old ones; buckets whose net change is zero are not touched
-- (a re-derived visit that kept its start day, participants, SMS, duration bucket and wait minute).
create function visit_sort_rollup_update() returns trigger language plpgsql as $$
begin
    perform pg_advisory_xact_lock(hashtext('visit_rollups'), hashint8(o.organisation_id))
    from (select organisation_id from new_visits union select organisation_id from old_visits order by 1) o;

    insert into visit_sort_daily as s (organisation_id, sort_key, day, bucket, visits)
    select d.organisation_id, k.sort_key, (d.start_time at time zone 'UTC')::date, k.bucket, sum(d.sign)
    from (select organisation_id, start_time, participants, sms_sent, duration_seconds, lobby_wait_seconds, 1 as sign
          from new_visits
          union all
          select organisation_id, start_time, participants, sms_sent, duration_seconds, lobby_wait_seconds, -1
          from old_visits) d
    cross join lateral (values ('participants', d.participants), ('sms', d.sms_sent::int),
                               ('duration', 2 * floor(d.duration_seconds / 60.0)::int + (d.duration_seconds % 60 <> 0)::int),
                               ('wait', floor(d.lobby_wait_seconds / 60.0)::int)) k (sort_key, bucket)
    group by 1, 2, 3, 4
    having sum(d.sign) <> 0
    order by 1, 2, 3, 4
    on conflict (organisation_id, sort_key, day, bucket) do update set visits = s.visits + excluded.visits;
    return null;
end $$;

-- Subtracts the deleted visits (the retention job) and removes the buckets they emptied.
create function visit_sort_rollup_delete() returns trigger language plpgsql as $$
begin
    perform pg_advisory_xact_lock(hashtext('visit_rollups'), hashint8(o.organisation_id))
    from (select distinct organisation_id from old_visits order by 1) o;

    insert into visit_sort_daily as s (organisation_id, sort_key, day, bucket, visits)
    select o.organisation_id, k.sort_key, (o.start_time at time zone 'UTC')::date, k.bucket, -count(*)
    from old_visits o
    cross join lateral (values ('participants', o.participants), ('sms', o.sms_sent::int),
                               ('duration', 2 * floor(o.duration_seconds / 60.0)::int + (o.duration_seconds % 60 <> 0)::int),
                               ('wait', floor(o.lobby_wait_seconds / 60.0)::int)) k (sort_key, bucket)
    group by 1, 2, 3, 4
    order by 1, 2, 3, 4
    on conflict (organisation_id, sort_key, day, bucket) do update set visits = s.visits + excluded.visits;

    -- Buckets this statement emptied (locked above already). Zero rows left by updates stay; they
    -- read as nothing.
    delete from visit_sort_daily s
    using (select distinct organisation_id, (start_time at time zone 'UTC')::date as day from old_visits) d
    where s.organisation_id = d.organisation_id and s.day = d.day and s.visits = 0;
    return null;
end $$;

-- TRUNCATE fires no delete trigger (bench/ingest truncates visit between runs).
create function visit_sort_rollup_truncate() returns trigger language plpgsql as $$
begin
    truncate visit_sort_daily;
    return null;
end $$;

create trigger visit_sort_rollup_insert after insert on visit referencing new table as new_visits
    for each statement execute function visit_sort_rollup_insert();
create trigger visit_sort_rollup_update after update on visit
    referencing old table as old_visits new table as new_visits
    for each statement execute function visit_sort_rollup_update();
create trigger visit_sort_rollup_delete after delete on visit referencing old table as old_visits
    for each statement execute function visit_sort_rollup_delete();
create trigger visit_sort_rollup_truncate after truncate on visit
    for each statement execute function visit_sort_rollup_truncate();

insert into visit_sort_daily (organisation_id, sort_key, day, bucket, visits)
select v.organisation_id, k.sort_key, (v.start_time at time zone 'UTC')::date, k.bucket, count(*)
from visit v
cross join lateral (values ('participants', v.participants), ('sms', v.sms_sent::int),
                           ('duration', 2 * floor(v.duration_seconds / 60.0)::int + (v.duration_seconds % 60 <> 0)::int),
                           ('wait', floor(v.lobby_wait_seconds / 60.0)::int)) k (sort_key, bucket)
group by 1, 2, 3, 4;
