-- Security (issue 12, item 8): the client address that per-client abuse limits key on, taken from
-- something the caller cannot choose.
--
-- The app server is the only legitimate caller of the REST API for citizens, so every request it
-- makes for a citizen carries the citizen's address (SvelteKit's getClientAddress(): adapter-node,
-- ADDRESS_HEADER / XFF_DEPTH behind a proxy) in one header, signed with a key only the app and the
-- database know:
--
--   x-thads-client: <address>;<unix seconds>;<hex hmac-sha256(key, "<address>;<unix seconds>")>
--
-- PostgREST hands every request header to SQL as JSON in `request.headers`. The signature is
-- checked here (±5 minutes); a header without a valid signature is ignored, and the address is
-- then the one the API gateway saw: the last hop of x-forwarded-for, which the gateway appends
-- (Supabase's gateway, and the stand-in like it), else x-real-ip. `payload.client_address` and
-- any other value in the request body are never used.
--
-- The key: the app's env THADS_CLIENT_ADDRESS_KEY (≥ 32 characters); the app registers it once per
-- process with public.set_client_address_key() (service role only). Until a key is registered,
-- every request is keyed on the gateway's address, i.e. the app server's: set the key in production.

create table private.app_settings (
  name text primary key check (name ~ '^[a-z_]{1,60}$'),
  value text not null,
  updated_at timestamptz not null default now()
);
comment on table private.app_settings is
  'Server-side settings and secrets of the database functions (client_address_key). Functions only.';
alter table private.app_settings enable row level security;
revoke all on private.app_settings from public, anon, authenticated, service_role;

create function public.set_client_address_key(p_key text) returns void
language plpgsql volatile security definer set search_path = '' as $$
begin
  if p_key is null or length(p_key) < 32 or length(p_key) > 200 then
    raise exception using errcode = 'P0001', message = 'invalid_client_address_key';
  end if;
  insert into private.app_settings (name, value) values ('client_address_key', p_key)
  on conflict (name) do update set value = excluded.value, updated_at = now()
  where private.app_settings.value is distinct from excluded.value;
end
$$;
comment on function public.set_client_address_key(text) is
  'Service role only: registers the key with which the app signs the x-thads-client header (THADS_CLIENT_ADDRESS_KEY).';
revoke all on function public.set_client_address_key(text) from public, anon, authenticated;
grant execute on function public.set_client_address_key(text) to service_role;

-- One request header (lower-case name), null outside an API request.
create function private.request_header(p_name text) returns text
language sql stable set search_path = '' as $$
  select nullif(current_setting('request.headers', true), '')::jsonb ->> lower(p_name)
$$;

-- The address in an x-thads-client header when its signature is valid, else null.
create function private.signed_client_address() returns inet
language plpgsql stable security definer set search_path = '' as $$
declare
  v text := private.request_header('x-thads-client');
  v_addr text;
  v_ts text;
  v_key text;
begin
  if v is null or length(v) > 300 then
    return null;
  end if;
  v_addr := split_part(v, ';', 1);
  v_ts := split_part(v, ';', 2);
  if v_ts !~ '^[0-9]{1,12}$' or abs(extract(epoch from now()) - v_ts::bigint) > 300 then
    return null;
  end if;
  select s.value into v_key from private.app_settings s where s.name = 'client_address_key';
  if v_key is null or split_part(v, ';', 3)
       <> encode(extensions.hmac(v_addr || ';' || v_ts, v_key, 'sha256'), 'hex') then
    return null;
  end if;
  begin
    return v_addr::inet;
  exception when others then
    return null;
  end;
end
$$;

-- The client's address: the app's signed header, else the gateway's (last x-forwarded-for hop,
-- else x-real-ip). Null outside an API request (seeds, jobs in the database).
create function private.client_address() returns inet
language plpgsql stable security definer set search_path = '' as $$
declare
  v inet := private.signed_client_address();
  h text;
begin
  if v is not null then
    return v;
  end if;
  h := coalesce(btrim(regexp_replace(private.request_header('x-forwarded-for'), '^.*,', '')),
                btrim(private.request_header('x-real-ip')));
  begin
    return h::inet;
  exception when others then
    return null;
  end;
end
$$;

-- The key of per-client limits: the client's address (an IPv6 client by its /64: one subscriber).
-- Null — no per-client limit — when the app itself signed a loopback or private address: it could
-- not see the citizen's address (development, or a proxy without ADDRESS_HEADER), and limiting it
-- would lump every citizen together. Unsigned requests are always limited, on the gateway's view.
create function private.client_bucket() returns text
language plpgsql stable security definer set search_path = '' as $$
declare
  s inet := private.signed_client_address();
  a inet := coalesce(s, private.client_address());
begin
  if a is null then
    return case when (select auth.role()) in ('anon', 'authenticated') then 'unknown' end;
  end if;
  if s is not null and (
       s <<= '127.0.0.0/8' or s <<= '10.0.0.0/8' or s <<= '172.16.0.0/12' or s <<= '192.168.0.0/16'
       or s <<= '169.254.0.0/16' or s <<= '100.64.0.0/10' or s <<= '::1/128' or s <<= 'fc00::/7'
       or s <<= 'fe80::/10' or s <<= '::ffff:127.0.0.0/104' or s <<= '::ffff:10.0.0.0/104'
       or s <<= '::ffff:192.168.0.0/112' or s <<= '::ffff:172.16.0.0/108') then
    return null;
  end if;
  if family(a) = 6 then
    return host(network(set_masklen(a, 64))) || '/64';
  end if;
  return host(a);
end
$$;

revoke all on function private.request_header(text), private.signed_client_address(),
  private.client_address(), private.client_bucket() from public, anon, authenticated;
grant execute on function private.client_address(), private.client_bucket() to service_role;
