-- Statistics 2/3: roll-up of enforcement results, khu vực → tỉnh → nationwide, in SQL.
--
-- The browser never adds figures up: these functions sum approved reports over a unit's subtree
-- and the app only divides (exact rates in src/lib/stats/figures.ts).
--
-- Merged units: a unit that no longer exists rolls into its successor (the unit whose
-- predecessor_id points at it, followed to the end of the chain), and from there up the current
-- tree (parent_id). So a Chi cục's 2024 reports count for the Phòng THADS khu vực that replaced it,
-- and "cùng kỳ" comparisons across the 1/7/2025 reorganisation still line up.
--
-- Access: staff call enforcement_rollup / enforcement_series for a unit they can see
-- (private.can_see_unit: own unit; unit heads their subtree; admins all) and get sums only.
-- Anyone (anon included) calls public_enforcement_by_province: per-province sums of approved
-- reports, no names of people, no per-report rows.

-- Every unit (current or not) with every current ancestor it rolls into, itself included (depth 0).
create or replace function private.unit_rollup_map()
returns table (unit_id uuid, ancestor_id uuid, depth int)
language sql stable security definer
set search_path = ''
as $$
  with recursive succ as (
    select u.id as unit_id, u.id as cur_id, 0 as hops from public.units u
    union all
    select s.unit_id, n.id, s.hops + 1
      from succ s join public.units n on n.predecessor_id = s.cur_id
     where s.hops < 20
  ),
  cur as (
    select distinct on (s.unit_id) s.unit_id, s.cur_id from succ s order by s.unit_id, s.hops desc, s.cur_id
  ),
  anc as (
    select c.unit_id, c.cur_id as ancestor_id, 0 as depth from cur c
    union all
    select a.unit_id, p.parent_id, a.depth + 1
      from anc a join public.units p on p.id = a.ancestor_id
     where p.parent_id is not null and a.depth < 20
  )
  select anc.unit_id, anc.ancestor_id, anc.depth from anc;
$$;

revoke all on function private.unit_rollup_map() from public;

-- Sums of the approved reports of one month of a work year for `p_unit_id` (row_kind 'total': its
-- whole subtree), for the unit's own reports ('own') and for each unit directly below it ('child',
-- including units that have not reported: reporting_units = 0). Pass the Cục for nationwide.
create function public.enforcement_rollup(p_unit_id uuid, p_work_year int, p_month_index int)
returns table (
  row_kind text,
  unit_id uuid,
  unit_code text,
  unit_name text,
  unit_level text,
  reporting_units int,
  cases_target numeric,
  money_target numeric,
  cases_carried_over bigint,
  cases_new bigint,
  cases_entrusted_out bigint,
  cases_with_conditions bigint,
  cases_without_conditions bigint,
  cases_finished bigint,
  cases_suspended bigint,
  cases_postponed bigint,
  cases_stayed bigint,
  cases_other bigint,
  cases_in_progress bigint,
  money_carried_over bigint,
  money_new bigint,
  money_entrusted_out bigint,
  money_with_conditions bigint,
  money_without_conditions bigint,
  money_finished bigint,
  money_suspended bigint,
  money_postponed bigint,
  money_stayed bigint,
  money_other bigint,
  money_in_progress bigint,
  budget_cases_with_conditions bigint,
  budget_cases_finished bigint,
  budget_money_with_conditions bigint,
  budget_money_finished bigint,
  corruption_cases_with_conditions bigint,
  corruption_cases_finished bigint,
  corruption_money_with_conditions bigint,
  corruption_money_finished bigint,
  bank_cases_with_conditions bigint,
  bank_cases_finished bigint,
  bank_money_with_conditions bigint,
  bank_money_finished bigint
)
language plpgsql stable security definer
set search_path = ''
as $$
#variable_conflict use_column
begin
  if not private.can_see_unit(p_unit_id) then
    raise exception using errcode = 'P0001', message = 'not_allowed';
  end if;
  if p_month_index not between 1 and 12 then
    raise exception using errcode = 'P0001', message = 'period_invalid';
  end if;
  return query
  with map as materialized (select * from private.unit_rollup_map()),
  -- Every unit under p_unit_id with the key it rolls into: the ancestor one level below
  -- p_unit_id (a direct child), or p_unit_id itself for its own reports. One hash join, no
  -- per-report sub-query (PGlite has no autovacuum/ANALYZE to rescue a bad plan).
  keys_of as (
    select a.unit_id, coalesce(k.ancestor_id, p_unit_id) as key_id
      from map a
      left join map k on k.unit_id = a.unit_id and k.depth = a.depth - 1
     where a.ancestor_id = p_unit_id
  ),
  rep as (
    select r.*, ko.key_id
      from public.enforcement_reports r
      join keys_of ko on ko.unit_id = r.unit_id
     where r.status = 'approved' and r.work_year = p_work_year and r.month_index = p_month_index
  ),
  agg as (
    select grouping(r.key_id) = 1 as is_total, r.key_id,
           count(distinct r.unit_id)::int as reporting_units,
      coalesce(sum(r.cases_carried_over), 0)::bigint as cases_carried_over,
      coalesce(sum(r.cases_new), 0)::bigint as cases_new,
      coalesce(sum(r.cases_entrusted_out), 0)::bigint as cases_entrusted_out,
      coalesce(sum(r.cases_with_conditions), 0)::bigint as cases_with_conditions,
      coalesce(sum(r.cases_without_conditions), 0)::bigint as cases_without_conditions,
      coalesce(sum(r.cases_finished), 0)::bigint as cases_finished,
      coalesce(sum(r.cases_suspended), 0)::bigint as cases_suspended,
      coalesce(sum(r.cases_postponed), 0)::bigint as cases_postponed,
      coalesce(sum(r.cases_stayed), 0)::bigint as cases_stayed,
      coalesce(sum(r.cases_other), 0)::bigint as cases_other,
      coalesce(sum(r.cases_in_progress), 0)::bigint as cases_in_progress,
      coalesce(sum(r.money_carried_over), 0)::bigint as money_carried_over,
      coalesce(sum(r.money_new), 0)::bigint as money_new,
      coalesce(sum(r.money_entrusted_out), 0)::bigint as money_entrusted_out,
      coalesce(sum(r.money_with_conditions), 0)::bigint as money_with_conditions,
      coalesce(sum(r.money_without_conditions), 0)::bigint as money_without_conditions,
      coalesce(sum(r.money_finished), 0)::bigint as money_finished,
      coalesce(sum(r.money_suspended), 0)::bigint as money_suspended,
      coalesce(sum(r.money_postponed), 0)::bigint as money_postponed,
      coalesce(sum(r.money_stayed), 0)::bigint as money_stayed,
      coalesce(sum(r.money_other), 0)::bigint as money_other,
      coalesce(sum(r.money_in_progress), 0)::bigint as money_in_progress,
      coalesce(sum(r.budget_cases_with_conditions), 0)::bigint as budget_cases_with_conditions,
      coalesce(sum(r.budget_cases_finished), 0)::bigint as budget_cases_finished,
      coalesce(sum(r.budget_money_with_conditions), 0)::bigint as budget_money_with_conditions,
      coalesce(sum(r.budget_money_finished), 0)::bigint as budget_money_finished,
      coalesce(sum(r.corruption_cases_with_conditions), 0)::bigint as corruption_cases_with_conditions,
      coalesce(sum(r.corruption_cases_finished), 0)::bigint as corruption_cases_finished,
      coalesce(sum(r.corruption_money_with_conditions), 0)::bigint as corruption_money_with_conditions,
      coalesce(sum(r.corruption_money_finished), 0)::bigint as corruption_money_finished,
      coalesce(sum(r.bank_cases_with_conditions), 0)::bigint as bank_cases_with_conditions,
      coalesce(sum(r.bank_cases_finished), 0)::bigint as bank_cases_finished,
      coalesce(sum(r.bank_money_with_conditions), 0)::bigint as bank_money_with_conditions,
      coalesce(sum(r.bank_money_finished), 0)::bigint as bank_money_finished
      from rep r
     group by grouping sets ((), (r.key_id))
  ),
  keys as (
    select 'total'::text as row_kind, p_unit_id as id, 0 as ord
    union all
    select 'own', p_unit_id, 1
    union all
    select 'child', c.id, 2 from public.units c
     where c.parent_id = p_unit_id
       and (c.valid_to is null or c.valid_to >= make_date(p_work_year - 1, 10, 1))
       and not exists (select 1 from public.units s where s.predecessor_id = c.id)
  )
  select k.row_kind, u.id, u.code, u.name, u.level,
         coalesce(a.reporting_units, 0),
         t.cases_target, t.money_target,
         coalesce(a.cases_carried_over, 0)::bigint,
         coalesce(a.cases_new, 0)::bigint,
         coalesce(a.cases_entrusted_out, 0)::bigint,
         coalesce(a.cases_with_conditions, 0)::bigint,
         coalesce(a.cases_without_conditions, 0)::bigint,
         coalesce(a.cases_finished, 0)::bigint,
         coalesce(a.cases_suspended, 0)::bigint,
         coalesce(a.cases_postponed, 0)::bigint,
         coalesce(a.cases_stayed, 0)::bigint,
         coalesce(a.cases_other, 0)::bigint,
         coalesce(a.cases_in_progress, 0)::bigint,
         coalesce(a.money_carried_over, 0)::bigint,
         coalesce(a.money_new, 0)::bigint,
         coalesce(a.money_entrusted_out, 0)::bigint,
         coalesce(a.money_with_conditions, 0)::bigint,
         coalesce(a.money_without_conditions, 0)::bigint,
         coalesce(a.money_finished, 0)::bigint,
         coalesce(a.money_suspended, 0)::bigint,
         coalesce(a.money_postponed, 0)::bigint,
         coalesce(a.money_stayed, 0)::bigint,
         coalesce(a.money_other, 0)::bigint,
         coalesce(a.money_in_progress, 0)::bigint,
         coalesce(a.budget_cases_with_conditions, 0)::bigint,
         coalesce(a.budget_cases_finished, 0)::bigint,
         coalesce(a.budget_money_with_conditions, 0)::bigint,
         coalesce(a.budget_money_finished, 0)::bigint,
         coalesce(a.corruption_cases_with_conditions, 0)::bigint,
         coalesce(a.corruption_cases_finished, 0)::bigint,
         coalesce(a.corruption_money_with_conditions, 0)::bigint,
         coalesce(a.corruption_money_finished, 0)::bigint,
         coalesce(a.bank_cases_with_conditions, 0)::bigint,
         coalesce(a.bank_cases_finished, 0)::bigint,
         coalesce(a.bank_money_with_conditions, 0)::bigint,
         coalesce(a.bank_money_finished, 0)::bigint
    from keys k
    join public.units u on u.id = k.id
    left join agg a on (k.row_kind = 'total' and a.is_total) or (k.row_kind <> 'total' and not a.is_total and a.key_id = k.id)
    left join public.enforcement_targets t on t.unit_id = k.id and t.work_year = p_work_year
   order by k.ord, u.code;
end;
$$;

-- Subtree totals for every month of a work year and of the year before (progress through the year,
-- trend against cùng kỳ): the headline columns only.
-- Reads the subtree's units once (materialised) and joins the reports to them: `unit_id in
-- (select … from unit_rollup_map())` could run as a sub-plan per report row on PGlite (no
-- statistics).
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

-- Public transparency figures: per current province (tỉnh) and nationwide, for one month of a work
-- year (cumulative since 1 October). Approved reports only; sums only.
create or replace function public.public_enforcement_by_province(p_work_year int, p_month_index int)
returns table (
  unit_id uuid,
  unit_code text,
  province_name text,
  is_nationwide boolean,
  reporting_units int,
  cases_to_enforce bigint,
  cases_with_conditions bigint,
  cases_finished bigint,
  money_to_enforce bigint,
  money_with_conditions bigint,
  money_finished bigint,
  cases_target numeric,
  money_target numeric
)
language sql stable security definer
set search_path = ''
as $$
  with map as materialized (select * from private.unit_rollup_map()),
  prov as (
    select u.id, u.code, coalesce(u.province_name, u.name) as pname from public.units u
     where u.level = 'tinh' and (u.valid_to is null or u.valid_to >= make_date(p_work_year - 1, 10, 1))
       and not exists (select 1 from public.units s where s.predecessor_id = u.id)
  ),
  prov_of as (
    select distinct on (m.unit_id) m.unit_id, m.ancestor_id as prov_id
      from map m join prov on prov.id = m.ancestor_id
     order by m.unit_id, m.depth
  ),
  rep as (
    select r.*, po.prov_id
      from public.enforcement_reports r
      left join prov_of po on po.unit_id = r.unit_id
     where r.status = 'approved' and r.work_year = p_work_year and r.month_index = p_month_index
  ),
  agg as (
    select grouping(rep.prov_id) = 1 as is_total, rep.prov_id, count(distinct rep.unit_id)::int as n,
           sum(cases_carried_over + cases_new - cases_entrusted_out)::bigint as ct,
           sum(cases_with_conditions)::bigint as cw, sum(cases_finished)::bigint as cf,
           sum(money_carried_over + money_new - money_entrusted_out)::bigint as mt,
           sum(money_with_conditions)::bigint as mw, sum(money_finished)::bigint as mf
      from rep group by grouping sets ((), (rep.prov_id))
  )
  select prov.id, prov.code, prov.pname, false, coalesce(a.n, 0), coalesce(a.ct, 0), coalesce(a.cw, 0), coalesce(a.cf, 0),
         coalesce(a.mt, 0), coalesce(a.mw, 0), coalesce(a.mf, 0), t.cases_target, t.money_target
    from prov
    left join agg a on not a.is_total and a.prov_id = prov.id
    left join public.enforcement_targets t on t.unit_id = prov.id and t.work_year = p_work_year
  union all
  select root.id, root.code, null, true, coalesce(a.n, 0), coalesce(a.ct, 0), coalesce(a.cw, 0), coalesce(a.cf, 0),
         coalesce(a.mt, 0), coalesce(a.mw, 0), coalesce(a.mf, 0), t.cases_target, t.money_target
    from agg a
    left join lateral (select u.id, u.code from public.units u where u.level = 'cuc' and u.parent_id is null order by u.valid_to nulls first limit 1) root on true
    left join public.enforcement_targets t on t.unit_id = root.id and t.work_year = p_work_year
   where a.is_total
  order by 4, 3;
$$;

-- Months with approved data (newest first), so the public page can open on the latest one.
create or replace function public.public_enforcement_months()
returns table (work_year int, month_index int, reporting_units int)
language sql stable security definer
set search_path = ''
as $$
  select r.work_year::int, r.month_index::int, count(distinct r.unit_id)::int
    from public.enforcement_reports r where r.status = 'approved'
   group by 1, 2 order by 1 desc, 2 desc;
$$;

revoke all on function public.enforcement_rollup(uuid, int, int) from public, anon;
revoke all on function public.enforcement_series(uuid, int) from public, anon;
grant execute on function public.enforcement_rollup(uuid, int, int) to authenticated, service_role;
grant execute on function public.enforcement_series(uuid, int) to authenticated, service_role;
grant execute on function public.public_enforcement_by_province(int, int) to anon, authenticated, service_role;
grant execute on function public.public_enforcement_months() to anon, authenticated, service_role;

-- Without statistics (PGlite never runs ANALYZE; a fresh PostgreSQL before autovacuum) the planner
-- guesses one row per report and picks a nested loop over the subtree's units for
-- enforcement_series: 9.624 × 406 comparisons took seconds. It always reads two years of reports,
-- for which a hash join is right, so it runs with nested loops off (function-local setting,
-- restored on return). Not enforcement_rollup nor public_enforcement_by_province: their final step
-- joins the summary rows on an OR condition, which only a nested loop can do; with nested loops
-- off PostgreSQL priced every plan as "disabled" and the nationwide roll-up went from ~40 ms to
-- ~1,5 s.
alter function public.enforcement_series(uuid, int) set enable_nestloop = off;
