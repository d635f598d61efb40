-- Audit log: who did what, when, in which organisation. organisation_id is null only for
-- failed sign-ins with a username that matches no user (kept for operators, shown to nobody).
create table audit_log (
    id              bigint generated always as identity primary key,
    organisation_id bigint      references organisation (id),
    occurred_at     timestamptz not null default now(),
    actor           text,
    action          text        not null,
    detail          text
);

-- Newest first per organisation, optionally filtered by action.
create index audit_log_by_organisation on audit_log (organisation_id, occurred_at desc, id desc);
create index audit_log_by_action on audit_log (organisation_id, action, occurred_at desc, id desc);

-- Failed sign-ins per username (lower-cased), shared by every application instance: after
-- too many failures in a row the username is locked for a while.
create table login_attempt (
    username        text        primary key,
    failures        integer     not null,
    last_failure_at timestamptz not null,
    locked_until    timestamptz
);

-- Sign-in looks usernames up case-insensitively: two users must not differ by case only.
create unique index app_user_username_lower on app_user (lower(username));
