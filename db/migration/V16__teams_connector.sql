-- Microsoft Teams connector (issue 16, decision 0020): one Graph connection per organisation and
-- the history of its syncs. The client secret is stored only encrypted (AES-GCM, key from
-- app.teams.secret-key); the default organisation may instead take its credentials from app.teams.*.
create table teams_connection (
    organisation_id        bigint      primary key references organisation (id),
    tenant_id              text,
    client_id              text,
    client_secret_cipher   text,
    -- Booking business ids to read; empty = all the app may see.
    business_ids           text[]      not null default '{}',
    sync_interval_seconds  integer     not null default 900 check (sync_interval_seconds >= 60),
    -- End of the window of the last sync that read everything (the next one starts there, minus an overlap).
    synced_until           timestamptz,
    updated_at             timestamptz not null default now()
);

create table teams_sync_run (
    id                  bigint generated always as identity primary key,
    organisation_id     bigint      not null references organisation (id),
    started_at          timestamptz not null,
    finished_at         timestamptz,
    window_start        timestamptz not null,
    window_end          timestamptz not null,
    trigger             text        not null,
    appointments_read   integer     not null default 0,
    visits_changed      integer     not null default 0,
    events_stored       integer     not null default 0,
    graph_calls         integer     not null default 0,
    failures            integer     not null default 0,
    -- null while running; OK, PARTIAL (some business or appointment failed) or FAILED
    outcome             text        check (outcome in ('OK', 'PARTIAL', 'FAILED')),
    error               text
);

create index teams_sync_run_latest on teams_sync_run (organisation_id, started_at desc, id desc);
