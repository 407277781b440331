-- Statistics: the same roll-up functions as 20261126000510 (same signatures, results and grants),
-- with the report → sub-unit mapping done by one join instead of a sub-query per report row.
-- Measured with tests/bench/stats.bench.js (34 provinces, 355 offices, 5 work years): on PGlite,
-- which never runs ANALYZE by itself, the sub-query plan took seconds per page.

create or replace function public.enforcement_rollup(p_unit_id uuid, p_work_year int, p_month_index int)
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
  cases_in_progress bigint,
  money_carried_over bigint,
  money_new bigint,
  money_entrusted_out bigint,
  money_with_conditions bigint,
  money_without_conditions bigint,
  money_finished bigint,
  money_suspended bigint,
  money_postponed bigint,
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
      coalesce(sum(r.cases_in_progress), 0)::bigint as cases_in_progress,
      coalesce(sum(r.money_carried_over), 0)::bigint as money_carried_over,
      coalesce(sum(r.money_new), 0)::bigint as money_new,
      coalesce(sum(r.money_entrusted_out), 0)::bigint as money_entrusted_out,
      coalesce(sum(r.money_with_conditions), 0)::bigint as money_with_conditions,
      coalesce(sum(r.money_without_conditions), 0)::bigint as money_without_conditions,
      coalesce(sum(r.money_finished), 0)::bigint as money_finished,
      coalesce(sum(r.money_suspended), 0)::bigint as money_suspended,
      coalesce(sum(r.money_postponed), 0)::bigint as money_postponed,
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
         coalesce(a.cases_in_progress, 0)::bigint,
         coalesce(a.money_carried_over, 0)::bigint,
         coalesce(a.money_new, 0)::bigint,
         coalesce(a.money_entrusted_out, 0)::bigint,
         coalesce(a.money_with_conditions, 0)::bigint,
         coalesce(a.money_without_conditions, 0)::bigint,
         coalesce(a.money_finished, 0)::bigint,
         coalesce(a.money_suspended, 0)::bigint,
         coalesce(a.money_postponed, 0)::bigint,
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
