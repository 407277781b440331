-- Security (issue 12, item 10) and stateless app servers (issue 15, part 4): staff sign-in limits,
-- the app's shared per-client limits, the two-factor assurance level, and the catalogue version.
--
-- Staff sign in through the app server, which forwards the browser's address to Auth
-- (Sb-Forwarded-For) and asks the database before each attempt. The rules, all counted over
-- 15 minutes, none of them a lock-out that a stranger can cause for someone else:
--
-- * per (account, client address): after 3 failures the same client must wait 5 s, then 10, 20,
--   40, 60 s between attempts for that account. Only the guessing client waits.
-- * per account, over all clients: from the 5th failure every attempt is answered after a delay
--   (250 ms doubling, at most 3 s) — a slowed attempt, never a refused one, so the real officer
--   signs in from her own desk however many strangers guess.
-- * per client address: 30 failures refuse further attempts from that address for 15 minutes
--   (private.hit_rate_limit, shared by every app server).
--
-- Accounts are kept as a SHA-256 of the lower-cased e-mail, not the address itself.

create table private.staff_sign_in_failures (
  account text not null check (account ~ '^[0-9a-f]{64}$'),
  client text not null check (length(client) between 1 and 64),
  failures integer not null check (failures > 0),
  last_failed_at timestamptz not null,
  primary key (account, client)
);
comment on table private.staff_sign_in_failures is
  'Failed staff sign-ins per (account hash, client address) in the last 15 minutes. Written and read only by the staff_sign_in_* functions (service role, through the app).';
create index staff_sign_in_failures_last_idx on private.staff_sign_in_failures (last_failed_at);
alter table private.staff_sign_in_failures enable row level security;
revoke all on private.staff_sign_in_failures from public, anon, authenticated, service_role;

-- The key of one client: an IPv4 address, an IPv6 client by its /64, 'unknown' otherwise.
create function private.sign_in_client_key(p_client text) returns text
language plpgsql immutable set search_path = '' as $$
declare
  a inet;
begin
  begin
    a := btrim(p_client)::inet;
  exception when others then
    return 'unknown';
  end;
  if a is null then
    return 'unknown';
  end if;
  if family(a) = 6 then
    return host(network(set_masklen(a, 64))) || '/64';
  end if;
  return host(a);
end
$$;

create function private.sign_in_account_key(p_email text) returns text
language sql immutable set search_path = '' as $$
  select encode(extensions.digest(lower(btrim(coalesce(p_email, ''))), 'sha256'), 'hex')
$$;

-- Before an attempt: how long this client must wait before trying this account (retry_after,
-- seconds; 0 = go) and how long the app should hold the answer (delay_ms).
create function public.staff_sign_in_check(p_email text, p_client text) returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_account text := private.sign_in_account_key(p_email);
  v_client text := private.sign_in_client_key(p_client);
  v_pair record;
  v_account_failures integer;
  v_wait numeric := 0;
  v_gap numeric;
  v_delay integer := 0;
  v_window_end timestamptz;
begin
  -- Per client: 30 failures in 15 minutes (counted by staff_sign_in_record).
  select r.window_start + interval '15 minutes' into v_window_end
    from private.rate_limits r
   where r.bucket = 'staff_sign_in_client' and r.key = v_client and r.hits >= 30
     and r.window_start + interval '15 minutes' > now();
  if v_window_end is not null then
    v_wait := extract(epoch from v_window_end - now());
  end if;

  -- Per (account, client): a gap growing with the failures.
  select f.failures, f.last_failed_at into v_pair
    from private.staff_sign_in_failures f
   where f.account = v_account and f.client = v_client
     and f.last_failed_at > now() - interval '15 minutes';
  if found and v_pair.failures >= 3 then
    v_gap := least(5 * power(2, v_pair.failures - 3), 60);
    v_wait := greatest(v_wait, v_gap - extract(epoch from now() - v_pair.last_failed_at));
  end if;

  -- Per account, every client: a delay, never a refusal.
  select coalesce(sum(f.failures), 0) into v_account_failures
    from private.staff_sign_in_failures f
   where f.account = v_account and f.last_failed_at > now() - interval '15 minutes';
  if v_account_failures >= 5 then
    v_delay := least(250 * power(2, least(v_account_failures - 5, 10)), 3000)::integer;
  end if;

  return jsonb_build_object('retry_after', greatest(ceil(v_wait), 0)::integer, 'delay_ms', v_delay);
end
$$;
comment on function public.staff_sign_in_check(text, text) is
  'Service role only (the app, before a staff sign-in attempt): {retry_after: seconds this client must wait for this account, delay_ms: how long to hold the answer}. Never refuses the account as a whole.';

-- After an attempt: count a failure, or forget this client's failures for the account.
create function public.staff_sign_in_record(p_email text, p_client text, p_succeeded boolean)
returns void
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_account text := private.sign_in_account_key(p_email);
  v_client text := private.sign_in_client_key(p_client);
begin
  if p_succeeded then
    delete from private.staff_sign_in_failures f where f.account = v_account and f.client = v_client;
    return;
  end if;
  insert into private.staff_sign_in_failures as f (account, client, failures, last_failed_at)
  values (v_account, v_client, 1, now())
  on conflict (account, client) do update
    set failures = case when f.last_failed_at <= now() - interval '15 minutes' then 1
                        else f.failures + 1 end,
        last_failed_at = now();
  perform private.hit_rate_limit('staff_sign_in_client', v_client, 30, interval '15 minutes', 1);
  delete from private.staff_sign_in_failures f where f.last_failed_at < now() - interval '1 hour';
end
$$;
comment on function public.staff_sign_in_record(text, text, boolean) is
  'Service role only (the app, after a staff sign-in attempt): counts a failure for (account, client) and for the client, or clears the pair on success.';

revoke all on function public.staff_sign_in_check(text, text),
  public.staff_sign_in_record(text, text, boolean) from public, anon, authenticated;
grant execute on function public.staff_sign_in_check(text, text),
  public.staff_sign_in_record(text, text, boolean) to service_role;
revoke all on function private.sign_in_client_key(text), private.sign_in_account_key(text)
  from public, anon, authenticated;

-- The app's own limits, shared by every app server (issue 15, part 4): one hit on
-- ('app:' || bucket, key); true while within `max` hits per `per_seconds`. Weight 0 only looks.
-- Service role only: the app passes the real client address (getClientAddress()) as the key.
create function public.app_rate_limit(p_bucket text, p_key text, p_max integer,
  p_per_seconds integer, p_weight integer default 1)
returns boolean
language plpgsql volatile security definer set search_path = '' as $$
begin
  if p_bucket !~ '^[a-z_]{1,40}$' or p_key is null or length(p_key) > 200
     or p_max < 0 or p_per_seconds not between 1 and 86400 or p_weight not between 0 and 100 then
    raise exception using errcode = 'P0001', message = 'invalid_rate_limit';
  end if;
  if p_weight = 0 then
    return coalesce((select r.hits < p_max or r.window_start + make_interval(secs => p_per_seconds) <= now()
                       from private.rate_limits r
                      where r.bucket = 'app:' || p_bucket and r.key = p_key), true);
  end if;
  return private.hit_rate_limit('app:' || p_bucket, p_key, p_max,
                                make_interval(secs => p_per_seconds), p_weight);
end
$$;
comment on function public.app_rate_limit(text, text, integer, integer, integer) is
  'Service role only: the app servers'' shared fixed-window limiter (tracking page per client, two-factor code failures per user). Weight 0 looks without counting.';
revoke all on function public.app_rate_limit(text, text, integer, integer, integer)
  from public, anon, authenticated;
grant execute on function public.app_rate_limit(text, text, integer, integer, integer) to service_role;

-- Two-factor sign-in (Supabase Auth MFA): true when the caller's session passed a second factor
-- (the JWT's `aal` claim is 'aal2'). For policies and functions that reveal a denouncer's
-- identity; applying it to them is left to the functions' owners.
create function private.is_aal2() returns boolean
language sql stable set search_path = '' as $$
  select coalesce((select auth.jwt()) ->> 'aal', '') = 'aal2'
$$;
comment on function private.is_aal2() is
  'True when the request''s JWT has aal = aal2 (signed in with a second factor). Not security definer: reads only the caller''s own claims.';
grant execute on function private.is_aal2() to authenticated, service_role;
revoke execute on function private.is_aal2() from public, anon;

-- The catalogue's version (issue 15, part 4): bumped by any change to topics, procedures or
-- their versions, so every app server sees a change on its next check (a one-row read) and
-- drops its in-memory copy.
create table private.catalogue_state (
  id boolean primary key default true check (id),
  version bigint not null default 1,
  changed_at timestamptz not null default now()
);
comment on table private.catalogue_state is
  'One row: the procedure catalogue''s version, bumped by triggers; read through public.catalogue_version().';
alter table private.catalogue_state enable row level security;
revoke all on private.catalogue_state from public, anon, authenticated, service_role;
insert into private.catalogue_state default values;

create function private.bump_catalogue_version() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  update private.catalogue_state set version = version + 1, changed_at = now() where id;
  return null;
end
$$;
revoke all on function private.bump_catalogue_version() from public, anon, authenticated;

create trigger catalogue_changed after insert or update or delete or truncate
  on public.procedure_topics for each statement execute function private.bump_catalogue_version();
create trigger catalogue_changed after insert or update or delete or truncate
  on public.procedures for each statement execute function private.bump_catalogue_version();
create trigger catalogue_changed after insert or update or delete or truncate
  on public.procedure_versions for each statement execute function private.bump_catalogue_version();

create function public.catalogue_version() returns bigint
language sql stable security definer set search_path = '' as $$
  select s.version from private.catalogue_state s where s.id
$$;
comment on function public.catalogue_version() is
  'Everyone: the procedure catalogue''s version; changes whenever a topic, procedure or version changes. App servers compare it before using their cached catalogue.';
revoke all on function public.catalogue_version() from public;
grant execute on function public.catalogue_version() to anon, authenticated, service_role;
