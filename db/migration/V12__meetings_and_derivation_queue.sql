-- Visits are derived asynchronously since V12 (docs/decisions/0011-asynchronous-derivation.md):
-- a batch stores its events, registers its meetings and queues the changed ones; a background
-- worker re-derives queued meetings in groups.

-- One row per meeting that has events: the meeting type its first stored batch gave it. A batch
-- that names a meeting with another type is refused; the unique key makes two concurrent batches
-- that disagree on a new meeting's type wait for each other, so exactly one of them is refused.
create table meeting (
    organisation_id bigint not null,
    meeting_id      text   not null,
    meeting_type    text   not null check (meeting_type in ('BOOKINGS', 'EHR')),
    primary key (organisation_id, meeting_id)
);

insert into meeting (organisation_id, meeting_id, meeting_type)
select distinct on (organisation_id, meeting_id) organisation_id, meeting_id, meeting_type
from meeting_event
order by organisation_id, meeting_id, received_at;

-- Meetings waiting to be re-derived. A batch appends one row per meeting it changed, committed
-- together with its events, and takes no lock on it; the worker claims the oldest rows with
-- FOR UPDATE SKIP LOCKED and deletes them in the transaction that upserts the visits, so a
-- crash or a failed derivation leaves them queued. A meeting may be queued several times
-- (once per batch); one derivation serves all rows claimed together.
create table visit_derivation_queue (
    id              bigint generated always as identity primary key,
    organisation_id bigint      not null,
    meeting_id      text        not null,
    queued_at       timestamptz not null default clock_timestamp()
);
