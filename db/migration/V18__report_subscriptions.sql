-- Report subscriptions (issue 19): a report view (tab, filters, columns, sort) with a relative
-- range, mailed on a schedule to one user of the organisation. What the subscriber may see is
-- read from app_user when the mail is sent, never stored here. db-scheduler runs each
-- subscription as a one-time task (data: the subscription id) that reschedules itself.
create table report_subscription (
    id               bigint generated always as identity primary key,
    organisation_id  bigint      not null references organisation (id),
    user_id          bigint      not null references app_user (id) on delete cascade,
    created_by       text        not null,
    -- users have no e-mail address of their own yet: the address is the subscription's
    email            text        not null,
    tab              text        not null,
    department       text,
    appointment_kind text,
    status           text,
    columns          text[]      not null,
    sort             text        not null,
    descending       boolean     not null default false,
    range_kind       text        not null check (range_kind in
                                 ('LAST_7_DAYS', 'LAST_30_DAYS', 'LAST_90_DAYS', 'PREVIOUS_WEEK', 'PREVIOUS_MONTH')),
    frequency        text        not null check (frequency in ('DAILY', 'WEEKLY', 'MONTHLY')),
    day_of_week      smallint    check (day_of_week between 1 and 7),
    day_of_month     smallint    check (day_of_month between 1 and 31),
    send_time        time        not null,
    zone             text        not null,
    language         text        not null check (language in ('en', 'fr')),
    attachment       text        not null check (attachment in ('XLSX', 'CSV', 'NONE')),
    paused           boolean     not null default false,
    created_at       timestamptz not null,
    next_run_at      timestamptz,
    last_sent_at     timestamptz,
    last_error       text,
    last_error_at    timestamptz
);

create index report_subscription_organisation on report_subscription (organisation_id, user_id);
