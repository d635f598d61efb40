-- One timed ingestion-style upsert of :n visits, with EXPLAIN ANALYZE, rolled back. Half are
-- re-derived existing visits whose start time moves by 37 minutes and whose status, wait and
-- duration change; half are new visits, spread over the 10 hours before the newest visit.
-- :pattern 'scattered' takes the existing ones anywhere in the last 90 days (nearly every one
-- in rollup buckets of its own: the worst case); 'today' takes them from the newest day, as a
-- live feed re-derives them. Run by run.sh and per-trigger.sh beside it, with :seed, :org, :n and
-- :pattern set.
begin;
select setseed(:seed);
create temp table batch on commit drop as
with newest as (select max(start_time) as t from visit where organisation_id = :org)
select * from (select * from (
    select organisation_id, meeting_id, meeting_type, start_time + interval '37 minutes' as start_time,
           case when lobby_wait_seconds is null then 60 else lobby_wait_seconds + 1 end as lobby_wait_seconds,
           duration_seconds + 60 as duration_seconds,
           case status when 'COMPLETED' then 'NO_SHOW' else 'COMPLETED' end as status,
           participants, sms_sent, department, appointment_kind
    from visit tablesample bernoulli (0.2), newest
    where :'pattern' = 'scattered' and organisation_id = :org and start_time >= newest.t - interval '90 days'
    union all
    select organisation_id, meeting_id, meeting_type, start_time + interval '37 minutes',
           case when lobby_wait_seconds is null then 60 else lobby_wait_seconds + 1 end,
           duration_seconds + 60,
           case status when 'COMPLETED' then 'NO_SHOW' else 'COMPLETED' end,
           participants, sms_sent, department, appointment_kind
    from visit, newest
    where :'pattern' = 'today' and organisation_id = :org and start_time >= date_trunc('day', newest.t)
    ) candidates order by random() limit :n / 2) existing
union all
select :org, 'NEW-' || g || '-' || :seed, case when g % 5 < 2 then 'EHR' else 'BOOKINGS' end,
       date_trunc('hour', newest.t) - make_interval(mins => (g * 7) % 600),
       case when g % 4 = 0 then null else 30 + g % 600 end,
       900 + g, 'COMPLETED', 2, true, 'Dept-' || g % 6, 'SCHEDULED'
from generate_series(1, :n - :n / 2) g, newest;
explain (analyze, costs off, summary on)
insert into visit (organisation_id, meeting_id, meeting_type, start_time, lobby_wait_seconds,
                   duration_seconds, status, participants, sms_sent, department, appointment_kind)
select * from batch
on conflict (organisation_id, meeting_id) do update set
    meeting_type = excluded.meeting_type, start_time = excluded.start_time,
    lobby_wait_seconds = excluded.lobby_wait_seconds, duration_seconds = excluded.duration_seconds,
    status = excluded.status, participants = excluded.participants, sms_sent = excluded.sms_sent,
    department = excluded.department, appointment_kind = excluded.appointment_kind,
    updated_at = now();
rollback;
