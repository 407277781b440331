-- Supabase stand-in bootstrap.
--
-- Recreates the parts of a fresh Supabase database that the project's migrations rely on, so that
-- `supabase/migrations/*.sql` run unchanged both here (PGlite or a plain PostgreSQL 15+) and on a
-- real Supabase project. Names, column names and function bodies follow Supabase's own init
-- scripts (supabase/postgres `migrations/db/init-scripts`, GoTrue and Storage migrations) so a
-- migration or seed written against real Supabase behaves the same here.
--
-- Safe to run more than once: every statement is `if not exists` / `create or replace` / guarded.
-- Runs as the database owner (a superuser: `postgres` on PGlite and on the local server).

-- ---------------------------------------------------------------------------------------------
-- Roles. Cluster-wide on a real server (other databases may already have created them), hence the
-- guards. Same attributes as Supabase: nologin, and only service_role bypasses RLS.
-- ---------------------------------------------------------------------------------------------
do $$
begin
  if not exists (select 1 from pg_roles where rolname = 'anon') then
    create role anon nologin noinherit;
  end if;
  if not exists (select 1 from pg_roles where rolname = 'authenticated') then
    create role authenticated nologin noinherit;
  end if;
  if not exists (select 1 from pg_roles where rolname = 'service_role') then
    create role service_role nologin noinherit bypassrls;
  end if;
exception
  -- Two databases bootstrapping concurrently on the same server may race on create role.
  when duplicate_object or unique_violation then null;
end
$$;

-- Supabase's per-role statement time-outs (anon 3 s, authenticated 8 s): PostgREST applies the
-- impersonated role's settings in each request, and so does the stand-in (server.js runAs).
-- Cluster-wide on a real server, like the roles; idempotent.
alter role anon set statement_timeout = '3s';
alter role authenticated set statement_timeout = '8s';

-- ---------------------------------------------------------------------------------------------
-- Schemas and extensions. Supabase installs extensions into `extensions`, which is on the
-- search_path of every role; migrations call `extensions.crypt(...)` etc. explicitly.
-- ---------------------------------------------------------------------------------------------
create schema if not exists extensions;
create schema if not exists auth;
create schema if not exists storage;
create extension if not exists pgcrypto with schema extensions;

grant usage on schema extensions to anon, authenticated, service_role;
grant usage on schema auth to anon, authenticated, service_role;
grant usage on schema storage to anon, authenticated, service_role;
grant usage on schema public to anon, authenticated, service_role;
grant execute on all functions in schema extensions to anon, authenticated, service_role;

-- Supabase's default privileges: whatever the migration owner creates in public is reachable by
-- the API roles, and RLS (not grants) is what restricts rows. Migrations may revoke.
alter default privileges in schema public grant all on tables to anon, authenticated, service_role;
alter default privileges in schema public grant all on functions to anon, authenticated, service_role;
alter default privileges in schema public grant all on sequences to anon, authenticated, service_role;

-- ---------------------------------------------------------------------------------------------
-- auth schema (GoTrue). Column names and types as in GoTrue's migrations, so seeds that insert
-- demo users into auth.users / auth.identities on real Supabase work unchanged. Like Supabase,
-- auth.users.id has no default: seeds must supply it (use gen_random_uuid()).
-- ---------------------------------------------------------------------------------------------
create table if not exists auth.users (
  instance_id uuid null,
  id uuid not null primary key,
  aud varchar(255) null,
  role varchar(255) null,
  email varchar(255) null,
  encrypted_password varchar(255) null,
  email_confirmed_at timestamptz null,
  invited_at timestamptz null,
  confirmation_token varchar(255) null,
  confirmation_sent_at timestamptz null,
  recovery_token varchar(255) null,
  recovery_sent_at timestamptz null,
  email_change_token_new varchar(255) null,
  email_change varchar(255) null,
  email_change_sent_at timestamptz null,
  last_sign_in_at timestamptz null,
  raw_app_meta_data jsonb null,
  raw_user_meta_data jsonb null,
  is_super_admin bool null,
  created_at timestamptz null,
  updated_at timestamptz null,
  phone text null unique default null,
  phone_confirmed_at timestamptz null,
  phone_change text null default '',
  phone_change_token varchar(255) null default '',
  phone_change_sent_at timestamptz null,
  confirmed_at timestamptz generated always as (least(email_confirmed_at, phone_confirmed_at)) stored,
  email_change_token_current varchar(255) null default '',
  email_change_confirm_status smallint null default 0,
  banned_until timestamptz null,
  reauthentication_token varchar(255) null default '',
  reauthentication_sent_at timestamptz null,
  is_sso_user boolean not null default false,
  deleted_at timestamptz null,
  is_anonymous boolean not null default false
);
-- GoTrue: email unique among non-SSO users (partial index, not a constraint).
create unique index if not exists users_email_partial_key on auth.users (email) where (is_sso_user = false);
create index if not exists users_instance_id_email_idx on auth.users (instance_id, lower(email));

create table if not exists auth.identities (
  provider_id text not null,
  user_id uuid not null references auth.users (id) on delete cascade,
  identity_data jsonb not null,
  provider text not null,
  last_sign_in_at timestamptz null,
  created_at timestamptz null,
  updated_at timestamptz null,
  email text generated always as (lower(identity_data ->> 'email')) stored,
  id uuid not null default gen_random_uuid() primary key,
  constraint identities_provider_id_provider_unique unique (provider_id, provider)
);
create index if not exists identities_user_id_idx on auth.identities (user_id);

create table if not exists auth.sessions (
  id uuid not null primary key,
  user_id uuid not null references auth.users (id) on delete cascade,
  created_at timestamptz null,
  updated_at timestamptz null,
  factor_id uuid null,
  aal text null,
  not_after timestamptz null,
  refreshed_at timestamp null,
  user_agent text null,
  ip inet null,
  tag text null
);
create index if not exists sessions_user_id_idx on auth.sessions (user_id);

create table if not exists auth.refresh_tokens (
  instance_id uuid null,
  id bigserial primary key,
  token varchar(255) null unique,
  user_id varchar(255) null,
  revoked bool null,
  created_at timestamptz null,
  updated_at timestamptz null,
  parent varchar(255) null,
  session_id uuid null references auth.sessions (id) on delete cascade
);
create index if not exists refresh_tokens_session_id_revoked_idx on auth.refresh_tokens (session_id, revoked);

-- Stand-in only (not on real Supabase): one-time codes issued by /auth/v1/otp, and every message
-- the stand-in "sends" (OTP codes, sign-up confirmations). Read by the dev mailbox through
-- GET /__standin/mailbox (service key). Kept in `auth` so it never shows up in the public API,
-- the generated types or the RLS matrix.
create table if not exists auth.standin_otps (
  id bigserial primary key,
  user_id uuid not null references auth.users (id) on delete cascade,
  channel text not null check (channel in ('email', 'sms')),
  recipient text not null,
  code_hash text not null,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  used_at timestamptz null
);
create table if not exists auth.mail_outbox (
  id bigserial primary key,
  created_at timestamptz not null default now(),
  channel text not null default 'email',
  recipient text not null,
  subject text not null,
  body text not null
);

-- MFA (GoTrue's tables, same names and columns): factors, their challenges, and the
-- authentication methods (amr) of each session.
do $$ begin
  create type auth.factor_type as enum ('totp', 'webauthn', 'phone');
exception when duplicate_object then null; end $$;
do $$ begin
  create type auth.factor_status as enum ('unverified', 'verified');
exception when duplicate_object then null; end $$;
do $$ begin
  create type auth.aal_level as enum ('aal1', 'aal2', 'aal3');
exception when duplicate_object then null; end $$;
create table if not exists auth.mfa_factors (
  id uuid not null primary key,
  user_id uuid not null references auth.users (id) on delete cascade,
  friendly_name text null,
  factor_type auth.factor_type not null,
  status auth.factor_status not null,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  secret text null,
  phone text null,
  last_challenged_at timestamptz null unique,
  web_authn_credential jsonb null,
  web_authn_aaguid uuid null
);
create unique index if not exists mfa_factors_user_friendly_name_unique
  on auth.mfa_factors (friendly_name, user_id) where trim(friendly_name) <> '';
create index if not exists factor_id_created_at_idx on auth.mfa_factors (user_id, created_at);
create table if not exists auth.mfa_challenges (
  id uuid not null primary key,
  factor_id uuid not null references auth.mfa_factors (id) on delete cascade,
  created_at timestamptz not null,
  verified_at timestamptz null,
  ip_address inet not null,
  otp_code text null,
  web_authn_session_data jsonb null
);
create table if not exists auth.mfa_amr_claims (
  session_id uuid not null references auth.sessions (id) on delete cascade,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  authentication_method text not null,
  id uuid not null primary key,
  constraint mfa_amr_claims_session_id_authentication_method_pkey unique (session_id, authentication_method)
);

-- Stand-in only: settings that must survive restarts with the database (the JWT secret, so the
-- anon/service keys written to .env stay valid).
create table if not exists auth.standin_config (
  key text primary key,
  value text not null
);

-- The API roles must not read GoTrue's tables directly (as on Supabase).
revoke all on all tables in schema auth from anon, authenticated;
grant all on all tables in schema auth to service_role;

-- auth.uid()/role()/email()/jwt(): bodies exactly as Supabase's (supabase/postgres
-- 00000000000001-auth-schema.sql plus the later `request.jwt.claims` update). The legacy single
-- claim settings (`request.jwt.claim.sub`) are read first, then the JSON claims.
create or replace function auth.uid() returns uuid
  language sql stable
  as $$
  select
    coalesce(
      nullif(current_setting('request.jwt.claim.sub', true), ''),
      (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'sub')
    )::uuid
$$;

create or replace function auth.role() returns text
  language sql stable
  as $$
  select
    coalesce(
      nullif(current_setting('request.jwt.claim.role', true), ''),
      (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'role')
    )::text
$$;

create or replace function auth.email() returns text
  language sql stable
  as $$
  select
    coalesce(
      nullif(current_setting('request.jwt.claim.email', true), ''),
      (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'email')
    )::text
$$;

create or replace function auth.jwt() returns jsonb
  language sql stable
  as $$
  select
    coalesce(
      nullif(current_setting('request.jwt.claim', true), ''),
      nullif(current_setting('request.jwt.claims', true), '')
    )::jsonb
$$;

grant execute on function auth.uid(), auth.role(), auth.email(), auth.jwt()
  to anon, authenticated, service_role;

-- ---------------------------------------------------------------------------------------------
-- storage schema (Supabase Storage). Buckets and objects with RLS enabled and no policies: like on
-- Supabase, only service_role (bypassrls) reaches them until a migration adds policies.
-- ---------------------------------------------------------------------------------------------
create table if not exists storage.buckets (
  id text not null primary key,
  name text not null,
  owner uuid null,
  created_at timestamptz null default now(),
  updated_at timestamptz null default now(),
  public boolean null default false,
  avif_autodetection boolean null default false,
  file_size_limit bigint null,
  allowed_mime_types text[] null,
  owner_id text null
);
create unique index if not exists bname on storage.buckets using btree (name);

create table if not exists storage.objects (
  id uuid not null default gen_random_uuid() primary key,
  bucket_id text null references storage.buckets (id),
  name text null,
  owner uuid null,
  created_at timestamptz null default now(),
  updated_at timestamptz null default now(),
  last_accessed_at timestamptz null default now(),
  metadata jsonb null,
  path_tokens text[] generated always as (string_to_array(name, '/')) stored,
  version text null,
  owner_id text null,
  user_metadata jsonb null
);
create unique index if not exists bucketid_objname on storage.objects using btree (bucket_id, name);
create index if not exists name_prefix_search on storage.objects using btree (name text_pattern_ops);

alter table storage.buckets enable row level security;
alter table storage.objects enable row level security;
grant all on storage.buckets, storage.objects to anon, authenticated, service_role;

-- Helpers used in storage policies, bodies as in Supabase Storage's migrations.
create or replace function storage.foldername(name text) returns text[]
  language plpgsql
  as $$
declare
  _parts text[];
begin
  select string_to_array(name, '/') into _parts;
  return _parts[1:array_length(_parts, 1) - 1];
end
$$;

create or replace function storage.filename(name text) returns text
  language plpgsql
  as $$
declare
  _parts text[];
begin
  select string_to_array(name, '/') into _parts;
  return _parts[array_length(_parts, 1)];
end
$$;

create or replace function storage.extension(name text) returns text
  language plpgsql
  as $$
declare
  _parts text[];
  _filename text;
begin
  select string_to_array(name, '/') into _parts;
  select _parts[array_length(_parts, 1)] into _filename;
  return reverse(split_part(reverse(_filename), '.', 1));
end
$$;

grant execute on function storage.foldername(text), storage.filename(text), storage.extension(text)
  to anon, authenticated, service_role;

-- Stand-in only: object bytes. Kept in the database (not on disk) so the same code path works on
-- PGlite and PostgreSQL and a rolled-back upload leaves nothing behind. No API role can reach it;
-- the server reads/writes it as the owner after the storage.objects row passed RLS.
create table if not exists storage.standin_blobs (
  object_id uuid primary key references storage.objects (id) on delete cascade,
  data bytea not null
);
revoke all on storage.standin_blobs from anon, authenticated, service_role;

-- ---------------------------------------------------------------------------------------------
-- Migration bookkeeping, same table names as the Supabase CLI.
-- ---------------------------------------------------------------------------------------------
create schema if not exists supabase_migrations;
create table if not exists supabase_migrations.schema_migrations (
  version text not null primary key,
  statements text[] null,
  name text null
);
create table if not exists supabase_migrations.seed_files (
  path text not null primary key,
  hash text not null
);
