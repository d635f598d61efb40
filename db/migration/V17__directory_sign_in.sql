-- Directory (OpenID Connect) sign-in, decision 0021.
-- The organisation's Entra tenant id: a token's tid claim must match it (case-insensitively).
alter table organisation add column entra_tenant_id text;
create unique index organisation_entra_tenant_id on organisation (lower(entra_tenant_id))
    where entra_tenant_id is not null;

-- A directory user is known by the provider's issuer and subject; they have no local password.
alter table app_user alter column password_hash drop not null;
alter table app_user add column directory_issuer text;
alter table app_user add column directory_subject text;
alter table app_user add column email text;
alter table app_user add constraint app_user_directory_identity_complete
    check ((directory_issuer is null) = (directory_subject is null));
alter table app_user add constraint app_user_password_or_directory
    check (password_hash is not null or directory_subject is not null);
create unique index app_user_directory_identity on app_user (directory_issuer, directory_subject)
    where directory_subject is not null;
