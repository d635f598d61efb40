-- Deep grid pages sorted by status or meeting type positioned from per-day counts too: V13's
-- visit_sort_daily also counts, per UTC day, the visits of each status and each meeting type
-- (docs/decisions/0012-status-type-and-meeting-id-sort-rollups.md). Before, those pages found their
-- segment with a window over the range's visit_hourly rows (about 45 ms for 90 days at 1M visits);
-- a few hundred rows of visit_sort_daily say the UTC day, visit_hourly's rows of that one day the hour.
--
--   'status'  bucket = the status's rank in the grid's order: ABANDONED 0, COMPLETED 1, IN_PROGRESS 2,
--             NO_SHOW 3 (the names' first letters differ, so every collation orders them so)
--   'type'    bucket = BOOKINGS 0, EHR 1
-- Both exact values (SortBuckets.STATUS and MEETING_TYPE say the same in Java; a test compares them).
-- The trigger functions are V13's with the two keys added; the triggers themselves stay.
-- No visit may be written while the functions change: a writer whose trigger already runs V13's
-- body would count its visits without the new keys after the backfill below has missed them
-- (uncommitted). This lock waits for such writers and holds new ones until the migration commits.
lock table visit in share row exclusive mode;
alter table visit_sort_daily drop constraint visit_sort_daily_sort_key_check;
alter table visit_sort_daily add constraint visit_sort_daily_sort_key_check
    check (sort_key in ('participants', 'sms', 'duration', 'wait', 'status', 'type'));

create or replace function visit_sort_rollup_insert() returns trigger language plpgsql as $$
begin
    perform pg_advisory_xact_lock(hashtext('visit_rollups'), hashint8(o.organisation_id))
    from (select distinct organisation_id from new_visits order by 1) o;

    insert into visit_sort_daily as s (organisation_id, sort_key, day, bucket, visits)
    select n.organisation_id, k.sort_key, (n.start_time at time zone 'UTC')::date, k.bucket, count(*)
    from new_visits n
    cross join lateral (values ('participants', n.participants), ('sms', n.sms_sent::int),
                               ('duration', 2 * floor(n.duration_seconds / 60.0)::int + (n.duration_seconds % 60 <> 0)::int),
                               ('wait', floor(n.lobby_wait_seconds / 60.0)::int),
                               ('status', case n.status when 'ABANDONED' then 0 when 'COMPLETED' then 1 when 'IN_PROGRESS' then 2 when 'NO_SHOW' then 3 end),
                               ('type', case n.meeting_type when 'BOOKINGS' then 0 when 'EHR' then 1 end)) k (sort_key, bucket)
    group by 1, 2, 3, 4
    order by 1, 2, 3, 4
    on conflict (organisation_id, sort_key, day, bucket) do update set visits = s.visits + excluded.visits;
    return null;
end $$;

-- Adds the new versions and subtracts the old ones; buckets whose net change is zero are not touched
-- (a re-derived visit that kept its start day, participants, SMS, duration bucket and wait minute).
create or replace function visit_sort_rollup_update() returns trigger language plpgsql as $$
begin
    perform pg_advisory_xact_lock(hashtext('visit_rollups'), hashint8(o.organisation_id))
    from (select organisation_id from new_visits union select organisation_id from old_visits order by 1) o;

    insert into visit_sort_daily as s (organisation_id, sort_key, day, bucket, visits)
    select d.organisation_id, k.sort_key, (d.start_time at time zone 'UTC')::date, k.bucket, sum(d.sign)
    from (select organisation_id, start_time, participants, sms_sent, duration_seconds, lobby_wait_seconds, status,
                 meeting_type, 1 as sign
          from new_visits
          union all
          select organisation_id, start_time, participants, sms_sent, duration_seconds, lobby_wait_seconds, status,
                 meeting_type, -1
          from old_visits) d
    cross join lateral (values ('participants', d.participants), ('sms', d.sms_sent::int),
                               ('duration', 2 * floor(d.duration_seconds / 60.0)::int + (d.duration_seconds % 60 <> 0)::int),
                               ('wait', floor(d.lobby_wait_seconds / 60.0)::int),
                               ('status', case d.status when 'ABANDONED' then 0 when 'COMPLETED' then 1 when 'IN_PROGRESS' then 2 when 'NO_SHOW' then 3 end),
                               ('type', case d.meeting_type when 'BOOKINGS' then 0 when 'EHR' then 1 end)) k (sort_key, bucket)
    group by 1, 2, 3, 4
    having sum(d.sign) <> 0
    order by 1, 2, 3, 4
    on conflict (organisation_id, sort_key, day, bucket) do update set visits = s.visits + excluded.visits;
    return null;
end $$;

-- Subtracts the deleted visits (the retention job) and removes the buckets they emptied.
create or replace function visit_sort_rollup_delete() returns trigger language plpgsql as $$
begin
    perform pg_advisory_xact_lock(hashtext('visit_rollups'), hashint8(o.organisation_id))
    from (select distinct organisation_id from old_visits order by 1) o;

    insert into visit_sort_daily as s (organisation_id, sort_key, day, bucket, visits)
    select o.organisation_id, k.sort_key, (o.start_time at time zone 'UTC')::date, k.bucket, -count(*)
    from old_visits o
    cross join lateral (values ('participants', o.participants), ('sms', o.sms_sent::int),
                               ('duration', 2 * floor(o.duration_seconds / 60.0)::int + (o.duration_seconds % 60 <> 0)::int),
                               ('wait', floor(o.lobby_wait_seconds / 60.0)::int),
                               ('status', case o.status when 'ABANDONED' then 0 when 'COMPLETED' then 1 when 'IN_PROGRESS' then 2 when 'NO_SHOW' then 3 end),
                               ('type', case o.meeting_type when 'BOOKINGS' then 0 when 'EHR' then 1 end)) k (sort_key, bucket)
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

-- Existing visits: only the two new keys (V13 counted the others).
insert into visit_sort_daily (organisation_id, sort_key, day, bucket, visits)
select v.organisation_id, k.sort_key, (v.start_time at time zone 'UTC')::date, k.bucket, count(*)
from visit v
cross join lateral (values ('status', case v.status when 'ABANDONED' then 0 when 'COMPLETED' then 1
                                                    when 'IN_PROGRESS' then 2 when 'NO_SHOW' then 3 end),
                           ('type', case v.meeting_type when 'BOOKINGS' then 0 when 'EHR' then 1 end)) k (sort_key, bucket)
group by 1, 2, 3, 4;
