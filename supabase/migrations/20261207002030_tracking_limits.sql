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

revoke all on function public.resolve_tracking_code(text, text) from public;
grant execute on function public.resolve_tracking_code(text, text) to anon, authenticated, service_role;

-- Security (issue 12, item 14): least privilege on functions.
--
-- * SECURITY DEFINER helpers in `private` run with the owner's rights; anon and authenticated need
--   EXECUTE only on those a row-level policy calls (policies run as the caller). Every other one is
--   reachable only through the public functions that call it (as owner), so EXECUTE goes. Computed
--   from pg_policies at migration time: `private.<name>(` in a policy's using / with check.
-- * public.extend_denunciation_deadline refuses anyone but a unit head in its body, yet anon held
--   EXECUTE through Supabase's default privileges: revoked.
do $$
declare
  f record;
begin
  for f in
    select p.oid::regprocedure as sig
      from pg_proc p join pg_namespace n on n.oid = p.pronamespace
     where n.nspname = 'private' and p.prosecdef
       and not exists (
         select 1 from pg_policies pol
          where position('private.' || p.proname || '(' in coalesce(pol.qual, '') || ' ' || coalesce(pol.with_check, '')) > 0)
  loop
    execute format('revoke execute on function %s from public, anon, authenticated', f.sig);
  end loop;
end
$$;

revoke execute on function public.extend_denunciation_deadline(uuid, text, text) from anon;
