-- Organisations: every row of every other table belongs to exactly one of them.
create table organisation (
    id                           bigint generated always as identity primary key,
    slug                         text        not null unique,
    name                         text        not null,
    analytics_enabled            boolean     not null default true,
    bookings_licence             boolean     not null default true,
    ehr_licence                  boolean     not null default true,
    lobby_wait_threshold_seconds integer     not null default 600 check (lobby_wait_threshold_seconds > 0),
    retention_days               integer     not null default 365 check (retention_days > 0),
    created_at                   timestamptz not null default now()
);

create table app_user (
    id              bigint generated always as identity primary key,
    organisation_id bigint      not null references organisation (id),
    username        text        not null unique,
    display_name    text        not null,
    password_hash   text        not null,
    role            text        not null check (role in ('GLOBAL_ADMIN', 'TEAMS_ADMIN', 'REPORT_VIEWER')),
    -- empty: all departments; otherwise a REPORT_VIEWER sees only these departments' visits
    departments     text[]      not null default '{}',
    enabled         boolean     not null default true,
    created_at      timestamptz not null default now()
);

create index app_user_organisation on app_user (organisation_id);
