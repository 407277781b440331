-- Statistics: enforcement_series reads the subtree's units once (materialised) and joins the
-- reports to them, instead of `unit_id in (select … from unit_rollup_map())`, which PGlite (no
-- statistics) could run as a sub-plan per report row. Same signature, result and grants.

create or replace function public.enforcement_series(p_unit_id uuid, p_work_year int)
returns table (
  work_year int,
  month_index int,
  reporting_units int,
  cases_with_conditions bigint,
  cases_finished bigint,
  money_with_conditions bigint,
  money_finished bigint
)
language plpgsql stable security definer
set search_path = ''
as $$
#variable_conflict use_column
begin
  if not private.can_see_unit(p_unit_id) then
    raise exception using errcode = 'P0001', message = 'not_allowed';
  end if;
  return query
  with members as materialized (
    select distinct m.unit_id from private.unit_rollup_map() m where m.ancestor_id = p_unit_id
  )
  select r.work_year::int, r.month_index::int, count(distinct r.unit_id)::int,
         sum(r.cases_with_conditions)::bigint, sum(r.cases_finished)::bigint,
         sum(r.money_with_conditions)::bigint, sum(r.money_finished)::bigint
    from members mb
    join public.enforcement_reports r on r.unit_id = mb.unit_id
   where r.status = 'approved' and r.work_year in (p_work_year, p_work_year - 1)
   group by r.work_year, r.month_index
   order by 1, 2;
end;
$$;

-- Without statistics (PGlite never runs ANALYZE; a fresh PostgreSQL before autovacuum) the planner
-- guesses one row per report and picks a nested loop over the subtree's units: 9.624 × 406
-- comparisons took seconds. These aggregate functions always read a whole month or two years of
-- reports, for which a hash join is right, so they run with nested loops off (function-local
-- setting, restored on return).
alter function public.enforcement_series(uuid, int) set enable_nestloop = off;
alter function public.enforcement_rollup(uuid, int, int) set enable_nestloop = off;
alter function public.public_enforcement_by_province(int, int) set enable_nestloop = off;
