-- Enforcement report: tạm đình chỉ (stayed) and "trường hợp khác" (other) columns (issue 13, A.2).
--
-- The monthly report had, for cases and money with conditions (có điều kiện), only: thi hành xong
-- (finished), đình chỉ (terminated; column *_suspended, labelled "đình chỉ" on every screen),
-- hoãn (postponed) and đang thi hành (in progress), and a CHECK constraint made them add up to
-- "có điều kiện": a unit with cases under tạm đình chỉ, or in any other situation the form lists
-- separately, had to file them as "in progress" or "postponed". Now:
--   có điều kiện = thi hành xong + đình chỉ + hoãn + tạm đình chỉ + trường hợp khác + đang thi hành
-- for cases and for money; the new columns default to 0, so every report already stored (and every
-- published figure in the seeds: Gia Lai 37,21 % / 13,66 %, Hậu Giang 76,97 % / 33,89 %) is
-- unchanged. The rates stay thi hành xong ÷ có điều kiện.
--
-- [check] against the statistics circular (TT 06/2019/TT-BTP, or the circular that replaced it —
-- not found in the text available here): the exact column list of its main table and whether its
-- "thi hành xong" includes đình chỉ. If it does, the rate is (finished + terminated) ÷ có điều
-- kiện and the units' published figures already count đình chỉ inside "finished"; the seeds'
-- published numbers are the "thi hành xong" totals the reports print, so they reproduce either way.
--
-- Also: the lock on approved reports compares whole rows (it listed the columns and would have let
-- the new ones change), save_enforcement_report and enforcement_rollup carry the new columns, and
-- the month check uses Vietnam's date.

alter table public.enforcement_reports
  add column cases_stayed bigint not null default 0 check (cases_stayed >= 0),
  add column cases_other bigint not null default 0 check (cases_other >= 0),
  add column money_stayed bigint not null default 0 check (money_stayed >= 0),
  add column money_other bigint not null default 0 check (money_other >= 0);
comment on column public.enforcement_reports.cases_suspended is 'Việc đình chỉ thi hành án (terminated), within có điều kiện.';
comment on column public.enforcement_reports.cases_stayed is 'Việc tạm đình chỉ thi hành án (stayed), within có điều kiện.';
comment on column public.enforcement_reports.cases_other is 'Việc có điều kiện in the form''s "trường hợp khác" (other cases).';
comment on column public.enforcement_reports.money_stayed is 'Tiền tạm đình chỉ (đồng).';
comment on column public.enforcement_reports.money_other is 'Tiền, trường hợp khác (đồng).';

alter table public.enforcement_reports drop constraint enforcement_reports_cases_outcomes;
alter table public.enforcement_reports drop constraint enforcement_reports_money_outcomes;
alter table public.enforcement_reports add constraint enforcement_reports_cases_outcomes check
  (cases_finished + cases_suspended + cases_postponed + cases_stayed + cases_other + cases_in_progress = cases_with_conditions);
alter table public.enforcement_reports add constraint enforcement_reports_money_outcomes check
  (money_finished + money_suspended + money_postponed + money_stayed + money_other + money_in_progress = money_with_conditions);

-- Approved (and superseded) revisions are history: only approved → superseded may change, and
-- nothing else on the row with it.
create or replace function private.enforcement_reports_lock()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if tg_op = 'DELETE' then
    if old.status <> 'draft' then
      raise exception using errcode = 'P0001', message = 'report_locked';
    end if;
    return old;
  end if;
  if old.status = 'superseded'
     or (old.status = 'approved'
         and not (new.status = 'superseded'
                  -- generated columns are not computed yet in a BEFORE trigger's NEW
                  and (to_jsonb(new) - array['status', 'work_year', 'month_index'])
                      = (to_jsonb(old) - array['status', 'work_year', 'month_index']))) then
    raise exception using errcode = 'P0001', message = 'report_locked';
  end if;
  return new;
end;
$$;

create or replace function public.save_enforcement_report(p_unit_id uuid, p_month date, p_figures jsonb, p_note text default null)
returns uuid
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  v_draft public.enforcement_reports;
  v_approved public.enforcement_reports;
  v_id uuid;
  v_after jsonb;
begin
  if not private.can_enter_figures(p_unit_id) then
    raise exception using errcode = 'P0001', message = 'not_allowed';
  end if;
  if p_month is null or extract(day from p_month) <> 1 then
    raise exception using errcode = 'P0001', message = 'report_month_invalid';
  end if;
  -- A report covers a finished month, or the current one (entered in its last days).
  if p_month > date_trunc('month', private.vn_today())::date then
    raise exception using errcode = 'P0001', message = 'report_month_in_future';
  end if;
  if p_figures is null or jsonb_typeof(p_figures) <> 'object' then
    raise exception using errcode = 'P0001', message = 'report_figures_invalid';
  end if;

  select * into v_draft from public.enforcement_reports
   where unit_id = p_unit_id and month = p_month and status = 'draft' for update;
  if found then
    update public.enforcement_reports set
    cases_carried_over = coalesce((p_figures ->> 'cases_carried_over')::bigint, 0),
    cases_new = coalesce((p_figures ->> 'cases_new')::bigint, 0),
    cases_entrusted_out = coalesce((p_figures ->> 'cases_entrusted_out')::bigint, 0),
    cases_with_conditions = coalesce((p_figures ->> 'cases_with_conditions')::bigint, 0),
    cases_without_conditions = coalesce((p_figures ->> 'cases_without_conditions')::bigint, 0),
    cases_finished = coalesce((p_figures ->> 'cases_finished')::bigint, 0),
    cases_suspended = coalesce((p_figures ->> 'cases_suspended')::bigint, 0),
    cases_postponed = coalesce((p_figures ->> 'cases_postponed')::bigint, 0),
    cases_stayed = coalesce((p_figures ->> 'cases_stayed')::bigint, 0),
    cases_other = coalesce((p_figures ->> 'cases_other')::bigint, 0),
    cases_in_progress = coalesce((p_figures ->> 'cases_in_progress')::bigint, 0),
    money_carried_over = coalesce((p_figures ->> 'money_carried_over')::bigint, 0),
    money_new = coalesce((p_figures ->> 'money_new')::bigint, 0),
    money_entrusted_out = coalesce((p_figures ->> 'money_entrusted_out')::bigint, 0),
    money_with_conditions = coalesce((p_figures ->> 'money_with_conditions')::bigint, 0),
    money_without_conditions = coalesce((p_figures ->> 'money_without_conditions')::bigint, 0),
    money_finished = coalesce((p_figures ->> 'money_finished')::bigint, 0),
    money_suspended = coalesce((p_figures ->> 'money_suspended')::bigint, 0),
    money_postponed = coalesce((p_figures ->> 'money_postponed')::bigint, 0),
    money_stayed = coalesce((p_figures ->> 'money_stayed')::bigint, 0),
    money_other = coalesce((p_figures ->> 'money_other')::bigint, 0),
    money_in_progress = coalesce((p_figures ->> 'money_in_progress')::bigint, 0),
    budget_cases_with_conditions = coalesce((p_figures ->> 'budget_cases_with_conditions')::bigint, 0),
    budget_cases_finished = coalesce((p_figures ->> 'budget_cases_finished')::bigint, 0),
    budget_money_with_conditions = coalesce((p_figures ->> 'budget_money_with_conditions')::bigint, 0),
    budget_money_finished = coalesce((p_figures ->> 'budget_money_finished')::bigint, 0),
    corruption_cases_with_conditions = coalesce((p_figures ->> 'corruption_cases_with_conditions')::bigint, 0),
    corruption_cases_finished = coalesce((p_figures ->> 'corruption_cases_finished')::bigint, 0),
    corruption_money_with_conditions = coalesce((p_figures ->> 'corruption_money_with_conditions')::bigint, 0),
    corruption_money_finished = coalesce((p_figures ->> 'corruption_money_finished')::bigint, 0),
    bank_cases_with_conditions = coalesce((p_figures ->> 'bank_cases_with_conditions')::bigint, 0),
    bank_cases_finished = coalesce((p_figures ->> 'bank_cases_finished')::bigint, 0),
    bank_money_with_conditions = coalesce((p_figures ->> 'bank_money_with_conditions')::bigint, 0),
    bank_money_finished = coalesce((p_figures ->> 'bank_money_finished')::bigint, 0),
      note = p_note, entered_by = (select auth.uid()), entered_at = now()
    where id = v_draft.id;
    v_id := v_draft.id;
    select to_jsonb(r) into v_after from public.enforcement_reports r where r.id = v_id;
    perform private.audit('enforcement_report', v_id, p_unit_id, 'update_draft', to_jsonb(v_draft), v_after);
    return v_id;
  end if;

  select * into v_approved from public.enforcement_reports
   where unit_id = p_unit_id and month = p_month and status = 'approved';
  insert into public.enforcement_reports (unit_id, month, revision, status, cases_carried_over, cases_new, cases_entrusted_out, cases_with_conditions, cases_without_conditions, cases_finished, cases_suspended, cases_postponed, cases_stayed, cases_other, cases_in_progress, money_carried_over, money_new, money_entrusted_out, money_with_conditions, money_without_conditions, money_finished, money_suspended, money_postponed, money_stayed, money_other, money_in_progress, budget_cases_with_conditions, budget_cases_finished, budget_money_with_conditions, budget_money_finished, corruption_cases_with_conditions, corruption_cases_finished, corruption_money_with_conditions, corruption_money_finished, bank_cases_with_conditions, bank_cases_finished, bank_money_with_conditions, bank_money_finished, note, entered_by)
  values (p_unit_id, p_month,
          coalesce((select max(revision) from public.enforcement_reports where unit_id = p_unit_id and month = p_month), 0) + 1,
          'draft', coalesce((p_figures ->> 'cases_carried_over')::bigint, 0), coalesce((p_figures ->> 'cases_new')::bigint, 0), coalesce((p_figures ->> 'cases_entrusted_out')::bigint, 0), coalesce((p_figures ->> 'cases_with_conditions')::bigint, 0), coalesce((p_figures ->> 'cases_without_conditions')::bigint, 0), coalesce((p_figures ->> 'cases_finished')::bigint, 0), coalesce((p_figures ->> 'cases_suspended')::bigint, 0), coalesce((p_figures ->> 'cases_postponed')::bigint, 0), coalesce((p_figures ->> 'cases_stayed')::bigint, 0), coalesce((p_figures ->> 'cases_other')::bigint, 0), coalesce((p_figures ->> 'cases_in_progress')::bigint, 0), coalesce((p_figures ->> 'money_carried_over')::bigint, 0), coalesce((p_figures ->> 'money_new')::bigint, 0), coalesce((p_figures ->> 'money_entrusted_out')::bigint, 0), coalesce((p_figures ->> 'money_with_conditions')::bigint, 0), coalesce((p_figures ->> 'money_without_conditions')::bigint, 0), coalesce((p_figures ->> 'money_finished')::bigint, 0), coalesce((p_figures ->> 'money_suspended')::bigint, 0), coalesce((p_figures ->> 'money_postponed')::bigint, 0), coalesce((p_figures ->> 'money_stayed')::bigint, 0), coalesce((p_figures ->> 'money_other')::bigint, 0), coalesce((p_figures ->> 'money_in_progress')::bigint, 0), coalesce((p_figures ->> 'budget_cases_with_conditions')::bigint, 0), coalesce((p_figures ->> 'budget_cases_finished')::bigint, 0), coalesce((p_figures ->> 'budget_money_with_conditions')::bigint, 0), coalesce((p_figures ->> 'budget_money_finished')::bigint, 0), coalesce((p_figures ->> 'corruption_cases_with_conditions')::bigint, 0), coalesce((p_figures ->> 'corruption_cases_finished')::bigint, 0), coalesce((p_figures ->> 'corruption_money_with_conditions')::bigint, 0), coalesce((p_figures ->> 'corruption_money_finished')::bigint, 0), coalesce((p_figures ->> 'bank_cases_with_conditions')::bigint, 0), coalesce((p_figures ->> 'bank_cases_finished')::bigint, 0), coalesce((p_figures ->> 'bank_money_with_conditions')::bigint, 0), coalesce((p_figures ->> 'bank_money_finished')::bigint, 0), p_note, (select auth.uid()))
  returning id into v_id;
  select to_jsonb(r) into v_after from public.enforcement_reports r where r.id = v_id;
  perform private.audit('enforcement_report', v_id, p_unit_id,
    case when v_approved.id is null then 'create' else 'revise' end,
    case when v_approved.id is null then null else to_jsonb(v_approved) end, v_after);
  return v_id;
end;
$$;

-- The roll-up with the new columns (same body as 20261126000540; the result type changes, so the
-- function is dropped and created again, with its grants).
drop function public.enforcement_rollup(uuid, int, int);
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

revoke all on function public.enforcement_rollup(uuid, int, int) from public, anon;
grant execute on function public.enforcement_rollup(uuid, int, int) to authenticated, service_role;
