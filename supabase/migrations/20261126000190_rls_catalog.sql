-- Foundation 10: a catalog of the API-visible relations, for the RLS matrix test
-- (tests/db/rls-matrix.test.ts). The test reads it with the service client so that a new table or
-- view without a matrix entry, a table without RLS, or a view that ignores the caller's RLS fails
-- the build. Executable by service_role only; reveals nothing the service role cannot see anyway.

create or replace function public.rls_catalog()
returns table (relation text, kind text, rls_enabled boolean, security_invoker boolean)
language sql stable security definer
set search_path = ''
as $$
  select c.relname::text,
         case c.relkind when 'r' then 'table' when 'p' then 'table' when 'v' then 'view'
                        when 'm' then 'materialized_view' when 'f' then 'foreign_table' end,
         c.relrowsecurity,
         coalesce(c.reloptions::text[] && array['security_invoker=true', 'security_invoker=on', 'security_invoker=1'], false)
  from pg_catalog.pg_class c
  join pg_catalog.pg_namespace n on n.oid = c.relnamespace
  where n.nspname = 'public' and c.relkind in ('r', 'p', 'v', 'm', 'f')
  order by 1;
$$;

revoke all on function public.rls_catalog() from public, anon, authenticated;
grant execute on function public.rls_catalog() to service_role;
