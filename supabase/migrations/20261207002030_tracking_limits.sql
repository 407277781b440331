-- Security (issue 12, item 9): guessing a tracking secret no longer locks the owner out.
--
-- Before: 5 wrong secrets locked a code for everyone for 15 minutes — and codes are printed and
-- read aloud, so anyone could keep a citizen out of their own file for ever. Unknown codes
-- answered at once (no bcrypt), which told a prober which codes exist.
--
-- Now (private.rate_limits, client = private.client_bucket(): the signed or gateway address):
--   * 5 wrong secrets per (code, client) in 15 minutes lock that code *for that client*;
--   * 100 wrong secrets per code in an hour, from all clients together, lock the code (the
--     ceiling against a distributed guesser; 100 guesses of 31^8 secrets);
--   * 30 wrong secrets per client in an hour, whatever the codes, stop that client;
--   * every refusal — unknown code, locked, wrong secret — costs one bcrypt comparison (against a
--     dummy hash when there is nothing to compare with), so the answer time says nothing.
-- Never raises (the counters must survive the refusal), returns no row.
-- tracking_codes.failed_attempts / locked_until are no longer used.

-- Hits of (bucket, key) in the window still running (0 when none): a read without counting.
create function private.rate_limit_hits(p_bucket text, p_key text, p_per interval) returns integer
language sql stable security definer set search_path = '' as $$
  select coalesce((select r.hits from private.rate_limits r
                    where r.bucket = p_bucket and r.key = p_key and r.window_start + p_per > now()), 0)
$$;
revoke all on function private.rate_limit_hits(text, text, interval) from public, anon, authenticated;

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

-- Security (issue 12, item 11): bounded working-day arithmetic. working_days_add(start, 6000000)
-- generated 12 million rows and stalled the database for everyone; now |n| ≤ 3,650 and a range
-- of working_days_between ≤ 10 years (3,653 days), else `working_days_out_of_range` (P0001, 400).
create function private.working_days_out_of_range() returns date
language plpgsql volatile set search_path = '' as $$
begin
  raise exception using errcode = 'P0001', message = 'working_days_out_of_range',
    hint = 'working_days_add: |n| <= 3650; working_days_between: at most 10 years apart';
end
$$;
grant execute on function private.working_days_out_of_range() to anon, authenticated, service_role;

create or replace function public.working_days_add(start date, n integer)
returns date
language sql stable parallel safe
set search_path = ''
as $$
  select case
    when start is null or n is null then null
    when n > 3650 or n < -3650 then private.working_days_out_of_range()
    when n = 0 then start
    when n > 0 then (
      select g.d
      from (
        select (start + i) as d from generate_series(1, 2 * n + 30) as i
      ) g
      left join public.holidays h on h.day = g.d
      where coalesce(not h.is_day_off, extract(isodow from g.d) < 6)
      order by g.d
      offset n - 1 limit 1
    )
    else (
      select g.d
      from (
        select (start - i) as d from generate_series(1, 2 * (-n) + 30) as i
      ) g
      left join public.holidays h on h.day = g.d
      where coalesce(not h.is_day_off, extract(isodow from g.d) < 6)
      order by g.d desc
      offset (-n) - 1 limit 1
    )
  end;
$$;

create or replace function public.working_days_between(a date, b date)
returns integer
language sql stable parallel safe
set search_path = ''
as $$
  select case
    when a is null or b is null then null
    when b = a then 0
    when abs(b - a) > 3653 then (private.working_days_out_of_range() - a)
    else sign(b - a)::integer * (
      select count(*)::integer
      from generate_series(1, abs(b - a)) as i
      left join public.holidays h on h.day = least(a, b) + i
      where coalesce(not h.is_day_off, extract(isodow from least(a, b) + i) < 6)
    )
  end;
$$;
