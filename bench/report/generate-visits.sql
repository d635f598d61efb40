-- :visits visits (1,000,000 in the benchmark) for one organisation (:org), in one INSERT ... SELECT.
-- Run by ReportBench; by hand: psql -v org=ID -v visits=1000000 -v today=YYYY-MM-DD -f generate-visits.sql
-- ~90% over the last 90 days (today included), ~10% over the 275 days before that.
-- Day weights: Mon 1.15, Tue-Fri 1.0, Sat 0.25, Sun 0.12 (x a +-15% daily noise).
-- Time of day (UTC): half N(10:00, 1.3 h), half N(14:30, 1.6 h), clamped to 07:00-19:30.
-- Type 60% BOOKINGS / 40% EHR; status 86% COMPLETED, 10% NO_SHOW, 3% ABANDONED, 1% IN_PROGRESS;
-- lobby wait null for ~25% (and for every ABANDONED visit), otherwise log-normal
-- (median 3 min, sigma 0.9, at most 4 h); duration log-normal (median 17 min, 3-90 min) when
-- COMPLETED, 0 for NO_SHOW/ABANDONED; 6 departments (3% none); 12% ON_DEMAND; 85% SMS.
select setseed(0.4242);
insert into visit (organisation_id, meeting_id, meeting_type, start_time, lobby_wait_seconds, duration_seconds,
                   status, participants, sms_sent, department, appointment_kind)
with day_weight as (
    select i, (cast(:'today' as date) - i) as day,
           case extract(isodow from cast(:'today' as date) - i)
               when 1 then 1.15 when 6 then 0.25 when 7 then 0.12 else 1.0 end
           * greatest(0.5, 1 + 0.15 * random_normal()) as w
    from generate_series(0, 364) i
), cumulative as (
    select i, day, sum(w) over (partition by i >= 90 order by i) / sum(w) over (partition by i >= 90) as cum
    from day_weight
), buckets as (
    select array_agg(cum order by i) filter (where i < 90) as recent_cum,
           array_agg(day order by i) filter (where i < 90) as recent_day,
           array_agg(cum order by i) filter (where i >= 90) as old_cum,
           array_agg(day order by i) filter (where i >= 90) as old_day
    from cumulative
), r as (
    select g, random() as u_period, random() as u_day, random() as u_type, random() as u_status,
           random() as u_wait_null, random_normal() as n_wait, random_normal() as n_duration,
           random() as u_half, random_normal() as n_hour, random() as u_dept, random() as u_kind,
           random() as u_sms, random() as u_extra, random() as u_progress
    from generate_series(1, :visits) g
    offset 0
), v as (
    select r.*,
           case when u_period < 0.9
                then recent_day[least(90, 1 + width_bucket(u_day, recent_cum))]
                else old_day[least(275, 1 + width_bucket(u_day, old_cum))] end as day,
           case when u_status < 0.86 then 'COMPLETED' when u_status < 0.96 then 'NO_SHOW'
                when u_status < 0.99 then 'ABANDONED' else 'IN_PROGRESS' end as status,
           greatest(7.0, least(19.5, case when u_half < 0.5 then 10 + 1.3 * n_hour
                                          else 14.5 + 1.6 * n_hour end)) as hour
    from r, buckets
    offset 0
)
select :org,
       case when u_type < 0.4 then 'EHR-' else 'BK-' end || to_char(day, 'YYYYMMDD') || '-' || lpad(g::text, 7, '0'),
       case when u_type < 0.4 then 'EHR' else 'BOOKINGS' end,
       (day::timestamp + make_interval(secs => hour * 3600)) at time zone 'UTC',
       case when status = 'ABANDONED' or u_wait_null < 0.23 then null
            else least(14400, round(exp(ln(180) + 0.9 * n_wait)))::int end,
       case status when 'COMPLETED' then greatest(180, least(5400, round(exp(ln(1020) + 0.45 * n_duration))))::int
                   when 'IN_PROGRESS' then (u_progress * 1800)::int
                   else 0 end,
       status,
       case status when 'COMPLETED' then 2 + (u_extra < 0.1)::int when 'IN_PROGRESS' then 2
                   when 'NO_SHOW' then 1 else 0 end,
       u_sms < 0.85,
       case when u_dept < 0.03 then null
            when u_dept < 0.25 then 'General Practice' when u_dept < 0.43 then 'Cardiology'
            when u_dept < 0.59 then 'Mental Health' when u_dept < 0.74 then 'Paediatrics'
            when u_dept < 0.88 then 'Dermatology' else 'Physiotherapy' end,
       case when u_kind < 0.12 then 'ON_DEMAND' else 'SCHEDULED' end
from v;
-- As autovacuum would soon after such a load: statistics and the visibility map.
vacuum analyze visit;

