-- Raw meeting activity, exactly as received (one row per distinct event).
create table meeting_event (
    organisation_id  bigint      not null references organisation (id),
    event_id         text        not null,
    meeting_id       text        not null,
    meeting_type     text        not null,
    type             text        not null,
    occurred_at      timestamptz not null,
    participant_id   text,
    role             text,
    department       text,
    appointment_kind text,
    received_at      timestamptz not null default now(),
    primary key (organisation_id, event_id)
);

create index meeting_event_meeting on meeting_event (organisation_id, meeting_id);

-- One row per meeting that is a visit, re-derived from all its events whenever one arrives.
create table visit (
    organisation_id    bigint      not null references organisation (id),
    meeting_id         text        not null,
    meeting_type       text        not null check (meeting_type in ('BOOKINGS', 'EHR')),
    start_time         timestamptz not null,
    lobby_wait_seconds integer,
    duration_seconds   integer     not null,
    status             text        not null check (status in ('IN_PROGRESS', 'COMPLETED', 'NO_SHOW', 'ABANDONED')),
    participants       integer     not null,
    sms_sent           boolean     not null,
    department         text,
    appointment_kind   text        not null,
    updated_at         timestamptz not null default now(),
    primary key (organisation_id, meeting_id)
);

create index visit_by_start on visit (organisation_id, start_time, meeting_id);
