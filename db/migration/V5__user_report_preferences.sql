-- Each user's own report preferences, kept across sessions (PRODUCT.md §3).
create table user_report_preference (
    user_id      bigint primary key references app_user (id) on delete cascade,
    grid_columns text[] not null,
    updated_at   timestamptz not null default now()
);
