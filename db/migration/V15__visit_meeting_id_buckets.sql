-- Deep grid pages sorted by meeting id positioned from per-day counts, like the other sorts
-- (docs/decisions/0012-status-type-and-meeting-id-sort-rollups.md).
--
-- A meeting id is free text, so its buckets are ranges between boundary ids chosen from the data:
--   visit_meeting_id_bound   the organisation's boundaries; a visit's bucket is the greatest boundary
--                            <= its meeting id, or '' below the first one (no boundaries: one bucket '')
--   visit_meeting_id_daily   visits per UTC day and bucket
-- Comparisons use the database's default collation, which visit.meeting_id and lower_bound both
-- have and ORDER BY meeting_id uses, so the buckets follow the grid's order in any collation (as
-- long as meeting_id keeps the default collation). The counts are exact whatever the boundaries
-- are; the boundaries only decide how many rows a deep page skips inside its bucket.
-- MeetingIdBuckets (a scheduled job) re-chooses them when a bucket has grown too big (ids that
-- grow, like dates or counters, all land in the last one) and recounts, under the same
-- per-organisation lock as the triggers below.
--
-- Kept like V8's and V13's rollups: statement-level triggers with transition tables, the same
-- per-organisation advisory lock (taken first, so the bucket look-up that follows sees the
-- boundaries of the last rebalance), buckets upserted in key order. A meeting id never changes, so an
-- update only moves visits whose start day changed.
create table visit_meeting_id_bound (
    organisation_id bigint not null,
    lower_bound     text   not null,
    primary key (organisation_id, lower_bound)
);

create table visit_meeting_id_daily (
    organisation_id bigint  not null,
    day             date    not null,
    lower_bound     text    not null,
    visits          integer not null,
    primary key (organisation_id, day, lower_bound)
);

-- The look-up after the lock must see the boundaries of a rebalance that committed while this
-- transaction waited: a new snapshot per statement, READ COMMITTED. A writer in REPEATABLE READ or
-- SERIALIZABLE would file its visits under boundaries that may be gone, so it is refused instead.
create function visit_meeting_id_check_isolation() returns void language plpgsql as $$
begin
    if current_setting('transaction_isolation') <> 'read committed' then
        raise exception 'visits are written in READ COMMITTED transactions only (meeting-id buckets), not %',
            current_setting('transaction_isolation');
    end if;
end $$;

-- The bucket of a meeting id (MeetingIdBuckets' recount gets the same from the ids' ranks; a test
-- compares both with a rebuild).
create function visit_meeting_id_bucket(organisation bigint, meeting text) returns text
    language sql stable parallel safe as $$
    select coalesce(max(b.lower_bound), '')
    from visit_meeting_id_bound b
    where b.organisation_id = organisation and b.lower_bound <= meeting
$$;

create function visit_meeting_id_rollup_insert() returns trigger language plpgsql as $$
begin
    perform visit_meeting_id_check_isolation();
    perform pg_advisory_xact_lock(hashtext('visit_rollups'), hashint8(o.organisation_id))
    from (select distinct organisation_id from new_visits order by 1) o;

    insert into visit_meeting_id_daily as s (organisation_id, day, lower_bound, visits)
    select n.organisation_id, (n.start_time at time zone 'UTC')::date,
           visit_meeting_id_bucket(n.organisation_id, n.meeting_id), count(*)
    from new_visits n
    group by 1, 2, 3
    order by 1, 2, 3
    on conflict (organisation_id, day, lower_bound) do update set visits = s.visits + excluded.visits;
    return null;
end $$;

create function visit_meeting_id_rollup_update() returns trigger language plpgsql as $$
begin
    perform visit_meeting_id_check_isolation();
    perform pg_advisory_xact_lock(hashtext('visit_rollups'), hashint8(o.organisation_id))
    from (select organisation_id from new_visits union select organisation_id from old_visits order by 1) o;

    -- A visit that kept its day cancels out per meeting before the bucket look-up.
    with net as (
        select organisation_id, meeting_id, day, sum(sign) as sign
        from (select organisation_id, meeting_id, (start_time at time zone 'UTC')::date as day, 1 as sign
              from new_visits
              union all
              select organisation_id, meeting_id, (start_time at time zone 'UTC')::date, -1
              from old_visits) d
        group by 1, 2, 3
        having sum(sign) <> 0)
    insert into visit_meeting_id_daily as s (organisation_id, day, lower_bound, visits)
    select organisation_id, day, visit_meeting_id_bucket(organisation_id, meeting_id), sum(sign)
    from net
    group by 1, 2, 3
    having sum(sign) <> 0
    order by 1, 2, 3
    on conflict (organisation_id, day, lower_bound) do update set visits = s.visits + excluded.visits;
    return null;
end $$;

-- Subtracts the deleted visits (the retention job) and removes the buckets they emptied.
create function visit_meeting_id_rollup_delete() returns trigger language plpgsql as $$
begin
    perform visit_meeting_id_check_isolation();
    perform pg_advisory_xact_lock(hashtext('visit_rollups'), hashint8(o.organisation_id))
    from (select distinct organisation_id from old_visits order by 1) o;

    insert into visit_meeting_id_daily as s (organisation_id, day, lower_bound, visits)
    select o.organisation_id, (o.start_time at time zone 'UTC')::date,
           visit_meeting_id_bucket(o.organisation_id, o.meeting_id), -count(*)
    from old_visits o
    group by 1, 2, 3
    order by 1, 2, 3
    on conflict (organisation_id, day, lower_bound) do update set visits = s.visits + excluded.visits;

    delete from visit_meeting_id_daily s
    using (select distinct organisation_id, (start_time at time zone 'UTC')::date as day from old_visits) d
    where s.organisation_id = d.organisation_id and s.day = d.day and s.visits = 0;
    return null;
end $$;

-- TRUNCATE fires no delete trigger (bench/ingest truncates visit between runs); the boundaries stay.
create function visit_meeting_id_rollup_truncate() returns trigger language plpgsql as $$
begin
    truncate visit_meeting_id_daily;
    return null;
end $$;

create trigger visit_meeting_id_rollup_insert after insert on visit referencing new table as new_visits
    for each statement execute function visit_meeting_id_rollup_insert();
create trigger visit_meeting_id_rollup_update after update on visit
    referencing old table as old_visits new table as new_visits
    for each statement execute function visit_meeting_id_rollup_update();
create trigger visit_meeting_id_rollup_delete after delete on visit referencing old table as old_visits
    for each statement execute function visit_meeting_id_rollup_delete();
create trigger visit_meeting_id_rollup_truncate after truncate on visit
    for each statement execute function visit_meeting_id_rollup_truncate();

-- Existing visits: one bucket per organisation until the job chooses boundaries.
insert into visit_meeting_id_daily (organisation_id, day, lower_bound, visits)
select organisation_id, (start_time at time zone 'UTC')::date, '', count(*)
from visit
group by 1, 2;
