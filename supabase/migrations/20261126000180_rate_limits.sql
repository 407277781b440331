-- Foundation 9/9: a fixed-window rate limiter for anonymous endpoints (filing a complaint, booking,
-- resolving a tracking code…), kept in a private table so it works across app instances.
-- Usage inside a security definer function:
--   if not private.hit_rate_limit('complaint_submit', client_key, 5, interval '1 hour') then
--     raise exception using errcode = 'P0001', message = 'rate_limited';
--   end if;
-- or, raising `rate_limited` itself: perform private.hit_rate_limit(client_key, 5, interval '1 hour');
-- (The hits before the refused one were committed by earlier requests, so raising here does not
-- undo the count.)

create table private.rate_limits (
  bucket text not null,
  key text not null,
  window_start timestamptz not null,
  hits integer not null,
  primary key (bucket, key)
);

comment on table private.rate_limits is
  'Rate-limit counters (fixed window per bucket and key). Not exposed through the API; written only by private.hit_rate_limit().';

alter table private.rate_limits enable row level security;
revoke all on private.rate_limits from public, anon, authenticated, service_role;

-- Count one hit for (bucket, key). Returns true when the hit is within the limit (at most `max`
-- hits per `per`), false when the caller should be refused.
create or replace function private.hit_rate_limit(bucket text, key text, max integer, per interval)
returns boolean
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  n integer;
begin
  insert into private.rate_limits as r (bucket, key, window_start, hits)
  values (hit_rate_limit.bucket, hit_rate_limit.key, now(), 1)
  on conflict on constraint rate_limits_pkey do update
    set hits = case when r.window_start + hit_rate_limit.per <= now() then 1 else r.hits + 1 end,
        window_start = case when r.window_start + hit_rate_limit.per <= now() then now() else r.window_start end
  returning r.hits into n;
  return n <= hit_rate_limit.max;
end;
$$;

-- Raising variant for `perform`: one hit on bucket 'default' for `key`; raises `rate_limited`
-- when over the limit, otherwise returns true.
create or replace function private.hit_rate_limit(key text, max integer, per interval)
returns boolean
language plpgsql volatile security definer
set search_path = ''
as $$
begin
  if not private.hit_rate_limit('default', hit_rate_limit.key, hit_rate_limit.max, hit_rate_limit.per) then
    raise exception using errcode = 'P0001', message = 'rate_limited';
  end if;
  return true;
end;
$$;

-- Delete counters whose window started more than a day ago. Public (so the app's daily job can
-- call it through the API) but executable by service_role only.
-- The daily job also wipes stale replies.
create or replace function public.purge_rate_limits()
returns integer
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  n integer;
begin
  delete from private.rate_limits r where r.window_start < now() - interval '1 day';
  get diagnostics n = row_count;
  perform private.idem_purge();
  return n;
end;
$$;

revoke all on function private.hit_rate_limit(text, text, integer, interval),
  private.hit_rate_limit(text, integer, interval) from public;
grant execute on function private.hit_rate_limit(text, text, integer, interval),
  private.hit_rate_limit(text, integer, interval) to service_role;
revoke all on function public.purge_rate_limits() from public, anon, authenticated;
grant execute on function public.purge_rate_limits() to service_role;
