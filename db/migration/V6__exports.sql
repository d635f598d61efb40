-- Export jobs (PRODUCT.md §4). One row per requested export: who asked, in which scope
-- (organisation, departments of a department-limited viewer), exactly what was on screen
-- (request, as JSON) and how far the background job got. db-scheduler runs each job as a
-- one-time task whose data is the job id.
create table export_job (
    id              bigint generated always as identity primary key,
    organisation_id bigint      not null references organisation (id),
    user_id         bigint      not null references app_user (id) on delete cascade,
    username        text        not null,
    -- the requester's departments when they asked (empty: all); the job never sees more
    departments     text[]      not null default '{}',
    language        text        not null default 'en',
    format          text        not null check (format in ('XLSX', 'CSV')),
    title           text        not null,
    request         jsonb       not null,
    file_name       text        not null,
    status          text        not null default 'QUEUED'
                                check (status in ('QUEUED', 'RUNNING', 'READY', 'FAILED')),
    rows_written    bigint      not null default 0,
    rows_total      bigint,
    size_bytes      bigint,
    chunk_count     integer,
    error           text,
    attempts        integer     not null default 0,
    created_at      timestamptz not null,
    started_at      timestamptz,
    finished_at     timestamptz,
    expires_at      timestamptz not null
);

create index export_job_by_owner on export_job (organisation_id, user_id, created_at desc);
create index export_job_by_expiry on export_job (expires_at);

-- The produced file, in chunks of about 1 MB written while the job streams, so that any
-- instance can serve the download and no instance holds a whole file in memory. Chunks are
-- written in the job's transaction: a job that dies leaves none behind. No foreign key to
-- export_job on purpose: deleting a running job must not wait for the job's transaction
-- (the key-share lock a foreign key takes); the job notices the deletion and rolls back.
create table export_chunk (
    job_id bigint  not null,
    seq    integer not null,
    data   bytea   not null,
    primary key (job_id, seq)
);

-- xlsx files are zip archives already: do not let TOAST try to compress them again.
alter table export_chunk alter column data set storage external;
