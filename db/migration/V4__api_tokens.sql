-- Bearer tokens for the HTTP API. Only a SHA-256 of the token is kept: tokens are long
-- random strings, so a fast hash is enough and lookups stay a single index probe.
create table api_token (
    id              bigint generated always as identity primary key,
    organisation_id bigint      not null references organisation (id),
    name            text        not null,
    token_hash      text        not null unique,
    scopes          text[]      not null,
    created_at      timestamptz not null default now(),
    created_by      text,
    last_used_at    timestamptz,
    revoked_at      timestamptz
);

create index api_token_organisation on api_token (organisation_id);
