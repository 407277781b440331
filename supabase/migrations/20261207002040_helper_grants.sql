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
