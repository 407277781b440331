-- Foundation 7/9: tracking codes — one mechanism for every citizen-facing record.
-- A citizen without an account gets a code (KN-… complaint, LH-… booking, HS-… application) and an
-- 8-character secret. Codes are not secret (they are printed on receipts); the secret is stored only
-- as a bcrypt hash. Both use an alphabet without look-alikes (no 0 O 1 I L) so they can be read
-- out over the phone and typed on a cheap keyboard.
--
-- Brute force: 5 wrong secrets lock a code for 15 minutes. Because a raised exception would roll
-- back the failed-attempt counter together with the rest of the request, public.resolve_tracking_code
-- (and every get_<thing>_by_code built on it) never raises for a wrong/unknown/locked code: it
-- returns no row, and the app shows the generic `errors_tracking_not_found` message. The answer is
-- the same for an unknown code, a wrong secret and a locked code, so it reveals nothing.

create table public.tracking_codes (
  code text primary key check (code ~ '^(KN|LH|HS)-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$'),
  secret_hash text not null,
  kind text not null check (kind in ('complaint', 'booking', 'application')),
  ref_id uuid not null,
  created_at timestamptz not null default now(),
  failed_attempts integer not null default 0,
  locked_until timestamptz,
  unique (kind, ref_id)
);

comment on table public.tracking_codes is
  'Citizen tracking codes with hashed secrets. No API role may read or write rows directly (not even staff: the secret hash must never leave the database); codes are issued by private.issue_tracking_code() and checked by public.resolve_tracking_code().';

alter table public.tracking_codes enable row level security;
-- No policies: anon and authenticated are denied; service_role bypasses RLS.

revoke all on public.tracking_codes from anon, authenticated;
grant all on public.tracking_codes to service_role;

-- n random characters from the tracking alphabet (31 symbols), without modulo bias.
create or replace function private.random_tracking_chars(n integer)
returns text
language plpgsql volatile
set search_path = ''
as $$
declare
  alphabet constant text := '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
  out text := '';
  b integer;
begin
  while length(out) < n loop
    b := get_byte(extensions.gen_random_bytes(1), 0);
    if b < 248 then -- 248 = 8 × 31: accept only bytes that map uniformly
      out := out || substr(alphabet, (b % 31) + 1, 1);
    end if;
  end loop;
  return out;
end;
$$;

-- Issue the tracking code of a record. Returns the code and the clear secret exactly once: the
-- caller (a security definer feature function) hands both to the citizen and keeps neither.
create or replace function private.issue_tracking_code(kind text, ref_id uuid)
returns table (code text, secret text)
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  prefix text := case issue_tracking_code.kind
    when 'complaint' then 'KN' when 'booking' then 'LH' when 'application' then 'HS' end;
  new_code text;
  new_secret text := private.random_tracking_chars(8);
begin
  if prefix is null then
    raise exception using errcode = 'P0001', message = 'invalid_tracking_kind';
  end if;
  loop
    new_code := prefix || '-' || private.random_tracking_chars(4) || '-' || private.random_tracking_chars(4);
    begin
      insert into public.tracking_codes (code, secret_hash, kind, ref_id)
      values (new_code, extensions.crypt(new_secret, extensions.gen_salt('bf')), issue_tracking_code.kind,
              issue_tracking_code.ref_id);
      exit;
    exception when unique_violation then
      -- A clash on the code (1 in 31^8): try another. A second code for the same record is a bug.
      if exists (select 1 from public.tracking_codes t
                 where t.kind = issue_tracking_code.kind and t.ref_id = issue_tracking_code.ref_id) then
        raise exception using errcode = 'P0001', message = 'tracking_code_exists';
      end if;
    end;
  end loop;
  code := new_code;
  secret := new_secret;
  return next;
end;
$$;

revoke all on function private.random_tracking_chars(integer), private.issue_tracking_code(text, uuid) from public;
grant execute on function private.issue_tracking_code(text, uuid) to service_role;

-- Normalise what a citizen typed: upper case, spaces removed, dashes re-inserted for codes.
create or replace function private.normalize_tracking_input(s text)
returns text
language sql immutable
set search_path = ''
as $$
  select upper(regexp_replace(coalesce(s, ''), '[\s-]', '', 'g'));
$$;
revoke all on function private.normalize_tracking_input(text) from public;

-- Check a code + secret. One row (kind, ref_id) when they match; no row otherwise (unknown code,
-- wrong secret, or locked after 5 wrong secrets for 15 minutes). Never raises, see above.
create or replace function public.resolve_tracking_code(code text, secret text)
returns table (kind text, ref_id uuid)
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  -- bcrypt (cost 6, as issued) of a string outside the secrets' alphabet: never matches.
  dummy constant text := '$2a$06$K.Mq1GuJX86wWLI48vmbs.0eTBcEnRtdH5z/zx4ULswgcaJyu2QB2';
  c text := private.normalize_tracking_input(resolve_tracking_code.code);
  s text := private.normalize_tracking_input(resolve_tracking_code.secret);
  v_client text := coalesce(private.client_bucket(), 'local');
  t public.tracking_codes;
  v_blocked boolean;
  v_ok boolean;
begin
  if length(c) <> 10 or length(s) <> 8 then
    return;
  end if;
  c := substr(c, 1, 2) || '-' || substr(c, 3, 4) || '-' || substr(c, 7, 4);
  select * into t from public.tracking_codes x where x.code = c;
  v_blocked := private.rate_limit_hits('tracking_fail_code_client', c || '|' || v_client, interval '15 minutes') >= 5
            or private.rate_limit_hits('tracking_fail_code', c, interval '1 hour') >= 100
            or (v_client <> 'local'
                and private.rate_limit_hits('tracking_fail_client', v_client, interval '1 hour') >= 30);
  v_ok := extensions.crypt(s, coalesce(t.secret_hash, dummy)) = coalesce(t.secret_hash, dummy)
          and t.code is not null;
  if v_ok and not v_blocked then
    kind := t.kind;
    ref_id := t.ref_id;
    return next;
    return;
  end if;
  if not v_ok then
    perform private.hit_rate_limit('tracking_fail_code_client', c || '|' || v_client, 1000000, interval '15 minutes');
    if v_client <> 'local' then
      perform private.hit_rate_limit('tracking_fail_client', v_client, 1000000, interval '1 hour');
    end if;
    if t.code is not null then
      perform private.hit_rate_limit('tracking_fail_code', c, 1000000, interval '1 hour');
    end if;
  end if;
end;
$$;

revoke all on function public.resolve_tracking_code(text, text) from public;
grant execute on function public.resolve_tracking_code(text, text) to anon, authenticated, service_role;
