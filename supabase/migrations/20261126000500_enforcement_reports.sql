-- Statistics 1/3: enforcement results (kết quả thi hành án) per unit and month, and targets.
--
-- One row = one unit's monthly report as in the main table of the Ministry's statistics circular
-- (TT 06/2019/TT-BTP, biểu kết quả thi hành án dân sự về việc và về tiền — [check] a newer one):
-- figures are CUMULATIVE from the start of the work year (1 October) to the end of `month`, so the
-- report for December 2023 *is* "3 tháng năm 2024". Money is in đồng, exact (bigint, never float).
--
--   phải thi hành = carried over + newly accepted − entrusted out (ủy thác)
--                 = có điều kiện (with conditions) + chưa có điều kiện (without)
--   có điều kiện  = thi hành xong (finished) + đình chỉ (suspended) + hoãn (postponed) + đang thi hành
-- Breakdowns: state budget collections (thu ngân sách nhà nước), corruption/economic cases (tham
-- nhũng, kinh tế), bank credit cases (tín dụng, ngân hàng): with conditions and finished, cases and money.
--
-- Revisions: the unit's staff enter a draft; the unit head approves it, which locks it (a trigger
-- refuses any change to an approved row, even by service_role). A correction is a new revision
-- (draft, revision + 1); approving it supersedes the old one. Every step is audited. Statistics
-- read only approved revisions (`status = 'approved'`: at most one per unit and month).
--
-- Who may do what: staff read the reports of units they can see (own unit; unit heads their
-- subtree; admins all). Nobody writes the tables directly: save_enforcement_report (the unit's own
-- staff, or an admin), approve_enforcement_report (the unit's head, or an admin),
-- import_enforcement_reports (same rules, all rows or none), set_enforcement_target (a unit head of
-- a unit above, or an admin). Citizens and anon read nothing here (public figures come from
-- public_enforcement_by_province in 20261126000510).

create table public.enforcement_reports (
  id uuid primary key default gen_random_uuid(),
  unit_id uuid not null references public.units (id) on delete restrict,
  -- First day of the calendar month the report ends with.
  month date not null check (extract(day from month) = 1 and month >= date '2000-01-01'),
  -- Work year (năm công tác, 1/10 – 30/9) and month of it (1 = October … 12 = September).
  work_year smallint not null generated always as
    ((extract(year from month) + case when extract(month from month) >= 10 then 1 else 0 end)::smallint) stored,
  month_index smallint not null generated always as
    (((extract(month from month)::int + 2) % 12 + 1)::smallint) stored,
  revision int not null default 1 check (revision >= 1),
  status text not null default 'draft' check (status in ('draft', 'approved', 'superseded')),
  cases_carried_over bigint not null default 0 check (cases_carried_over >= 0),
  cases_new bigint not null default 0 check (cases_new >= 0),
  cases_entrusted_out bigint not null default 0 check (cases_entrusted_out >= 0),
  cases_with_conditions bigint not null default 0 check (cases_with_conditions >= 0),
  cases_without_conditions bigint not null default 0 check (cases_without_conditions >= 0),
  cases_finished bigint not null default 0 check (cases_finished >= 0),
  cases_suspended bigint not null default 0 check (cases_suspended >= 0),
  cases_postponed bigint not null default 0 check (cases_postponed >= 0),
  cases_in_progress bigint not null default 0 check (cases_in_progress >= 0),
  money_carried_over bigint not null default 0 check (money_carried_over >= 0),
  money_new bigint not null default 0 check (money_new >= 0),
  money_entrusted_out bigint not null default 0 check (money_entrusted_out >= 0),
  money_with_conditions bigint not null default 0 check (money_with_conditions >= 0),
  money_without_conditions bigint not null default 0 check (money_without_conditions >= 0),
  money_finished bigint not null default 0 check (money_finished >= 0),
  money_suspended bigint not null default 0 check (money_suspended >= 0),
  money_postponed bigint not null default 0 check (money_postponed >= 0),
  money_in_progress bigint not null default 0 check (money_in_progress >= 0),
  budget_cases_with_conditions bigint not null default 0 check (budget_cases_with_conditions >= 0),
  budget_cases_finished bigint not null default 0 check (budget_cases_finished >= 0),
  budget_money_with_conditions bigint not null default 0 check (budget_money_with_conditions >= 0),
  budget_money_finished bigint not null default 0 check (budget_money_finished >= 0),
  corruption_cases_with_conditions bigint not null default 0 check (corruption_cases_with_conditions >= 0),
  corruption_cases_finished bigint not null default 0 check (corruption_cases_finished >= 0),
  corruption_money_with_conditions bigint not null default 0 check (corruption_money_with_conditions >= 0),
  corruption_money_finished bigint not null default 0 check (corruption_money_finished >= 0),
  bank_cases_with_conditions bigint not null default 0 check (bank_cases_with_conditions >= 0),
  bank_cases_finished bigint not null default 0 check (bank_cases_finished >= 0),
  bank_money_with_conditions bigint not null default 0 check (bank_money_with_conditions >= 0),
  bank_money_finished bigint not null default 0 check (bank_money_finished >= 0),
  note text check (length(note) <= 2000),
  entered_by uuid references auth.users (id) on delete set null,
  entered_at timestamptz not null default now(),
  approved_by uuid references auth.users (id) on delete set null,
  approved_at timestamptz,
  unique (unit_id, month, revision),
  -- The circular's arithmetic, about cases and about money.
  constraint enforcement_reports_cases_entrusted check (cases_entrusted_out <= cases_carried_over + cases_new),
  constraint enforcement_reports_money_entrusted check (money_entrusted_out <= money_carried_over + money_new),
  constraint enforcement_reports_cases_split check
    (cases_with_conditions + cases_without_conditions = cases_carried_over + cases_new - cases_entrusted_out),
  constraint enforcement_reports_money_split check
    (money_with_conditions + money_without_conditions = money_carried_over + money_new - money_entrusted_out),
  constraint enforcement_reports_cases_outcomes check
    (cases_finished + cases_suspended + cases_postponed + cases_in_progress = cases_with_conditions),
  constraint enforcement_reports_money_outcomes check
    (money_finished + money_suspended + money_postponed + money_in_progress = money_with_conditions),
  constraint enforcement_reports_breakdowns check (
    budget_cases_finished <= budget_cases_with_conditions and budget_money_finished <= budget_money_with_conditions
    and corruption_cases_finished <= corruption_cases_with_conditions and corruption_money_finished <= corruption_money_with_conditions
    and bank_cases_finished <= bank_cases_with_conditions and bank_money_finished <= bank_money_with_conditions
    and budget_cases_with_conditions <= cases_with_conditions and budget_money_with_conditions <= money_with_conditions
    and corruption_cases_with_conditions <= cases_with_conditions and corruption_money_with_conditions <= money_with_conditions
    and bank_cases_with_conditions <= cases_with_conditions and bank_money_with_conditions <= money_with_conditions
  ),
  constraint enforcement_reports_approval check ((status = 'draft') = (approved_at is null))
);

comment on table public.enforcement_reports is
  'Monthly enforcement results per unit, cumulative from 1 October (TT 06/2019/TT-BTP main table). Staff read the units they can see; writes only through save/approve/import functions; approved rows are locked (trigger), corrections are new revisions.';
comment on column public.enforcement_reports.month is 'First day of the last month covered; figures are cumulative from 1 October of the work year.';

-- One approved and one draft revision at most per unit and month.
create unique index enforcement_reports_one_approved on public.enforcement_reports (unit_id, month) where status = 'approved';
create unique index enforcement_reports_one_draft on public.enforcement_reports (unit_id, month) where status = 'draft';
create index enforcement_reports_period_idx on public.enforcement_reports (work_year, month_index, unit_id) where status = 'approved';

alter table public.enforcement_reports enable row level security;

create policy "Staff can read enforcement reports of units they can see"
  on public.enforcement_reports for select
  to authenticated
  using (unit_id in (select private.visible_unit_ids()));

revoke all on public.enforcement_reports from anon, authenticated;
grant select on public.enforcement_reports to authenticated;
grant all on public.enforcement_reports to service_role;

-- Approved (and superseded) revisions are history: nobody changes them, not even service_role.
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

create trigger enforcement_reports_locked
  before update or delete on public.enforcement_reports
  for each row execute function private.enforcement_reports_lock();

-- ---------------------------------------------------------------------------------------------
-- Targets (chỉ tiêu) per unit and work year, set by the level above.
-- ---------------------------------------------------------------------------------------------
create table public.enforcement_targets (
  unit_id uuid not null references public.units (id) on delete restrict,
  work_year smallint not null check (work_year between 2000 and 2100),
  -- Percent with two decimals, e.g. 83.25 (về việc) and 46.75 (về tiền).
  cases_target numeric(5, 2) not null check (cases_target between 0 and 100),
  money_target numeric(5, 2) not null check (money_target between 0 and 100),
  set_by uuid references auth.users (id) on delete set null,
  set_at timestamptz not null default now(),
  primary key (unit_id, work_year)
);

comment on table public.enforcement_targets is
  'Targets (chỉ tiêu) về việc and về tiền per unit and work year. Staff read the targets of units they can see; set only through set_enforcement_target by a unit head of a unit above, or an admin.';

alter table public.enforcement_targets enable row level security;

create policy "Staff can read targets of units they can see"
  on public.enforcement_targets for select
  to authenticated
  using (unit_id in (select private.visible_unit_ids()));

revoke all on public.enforcement_targets from anon, authenticated;
grant select on public.enforcement_targets to authenticated;
grant all on public.enforcement_targets to service_role;

-- ---------------------------------------------------------------------------------------------
-- State changes
-- ---------------------------------------------------------------------------------------------

-- Whether the caller may enter figures for `unit`: its own staff (any role), or an admin.
create or replace function private.can_enter_figures(unit uuid)
returns boolean
language plpgsql stable security definer
set search_path = ''
as $$
begin
  return (select private.has_role('admin')) or (private.is_staff() and private.staff_unit_id() = unit);
end;
$$;

-- Save the figures of one unit and month: updates the open draft, or starts revision n + 1 when
-- the month is already approved (a correction), or revision 1. Figures come as a jsonb object with
-- the column names (missing = 0); the table's CHECK constraints reject inconsistent figures
-- (SQLSTATE 23514, constraint name in the message).
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

-- Approve a draft: the head of the unit itself (or an admin). Locks it; the previously approved
-- revision of the same month, if any, becomes 'superseded'.
create or replace function public.approve_enforcement_report(p_report_id uuid)
returns void
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  v public.enforcement_reports;
  v_old public.enforcement_reports;
begin
  select * into v from public.enforcement_reports where id = p_report_id for update;
  if not found then
    raise exception using errcode = 'P0001', message = 'report_not_found';
  end if;
  if not ((select private.has_role('admin'))
          or (private.has_role('unit_head') and private.staff_unit_id() = v.unit_id)) then
    raise exception using errcode = 'P0001', message = 'not_allowed';
  end if;
  if v.status <> 'draft' then
    raise exception using errcode = 'P0001', message = 'report_locked';
  end if;
  select * into v_old from public.enforcement_reports
   where unit_id = v.unit_id and month = v.month and status = 'approved' for update;
  if found then
    update public.enforcement_reports set status = 'superseded' where id = v_old.id;
  end if;
  update public.enforcement_reports
     set status = 'approved', approved_by = (select auth.uid()), approved_at = now()
   where id = v.id;
  perform private.audit('enforcement_report', v.id, v.unit_id, 'approve',
    jsonb_build_object('status', 'draft', 'superseded_id', v_old.id), jsonb_build_object('status', 'approved', 'revision', v.revision));
end;
$$;

-- Import many months/units at once (CSV/XLSX after the app's row-by-row validation): all rows or
-- none. Rows: [{unit_code, month: 'YYYY-MM-01', <figure columns>…}]. Refuses unknown units,
-- duplicate unit+month in the file and months already approved (a correction goes through the form,
-- as a new revision). Returns the number of rows saved as drafts.
-- Checks the caller's right to enter a unit's figures before looking at that unit's approved
-- months, so an outsider never learns that a month was approved elsewhere.
create or replace function public.import_enforcement_reports(p_rows jsonb)
returns int
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  r jsonb;
  i int := 0;
  v_unit uuid;
  v_month date;
begin
  if p_rows is null or jsonb_typeof(p_rows) <> 'array' or jsonb_array_length(p_rows) = 0 then
    raise exception using errcode = 'P0001', message = 'import_empty';
  end if;
  if jsonb_array_length(p_rows) > 5000 then
    raise exception using errcode = 'P0001', message = 'import_too_large';
  end if;
  if (select count(*) from (select distinct x ->> 'unit_code', x ->> 'month' from jsonb_array_elements(p_rows) x) d)
     <> jsonb_array_length(p_rows) then
    raise exception using errcode = 'P0001', message = 'import_duplicate_month';
  end if;
  for r in select * from jsonb_array_elements(p_rows) loop
    i := i + 1;
    select u.id into v_unit from public.units u where u.code = upper(r ->> 'unit_code');
    if v_unit is null then
      raise exception using errcode = 'P0001', message = 'import_unknown_unit', detail = format('row %s', i);
    end if;
    -- Rights first, so an outsider learns nothing about another unit's months.
    if not private.can_enter_figures(v_unit) then
      raise exception using errcode = 'P0001', message = 'not_allowed', detail = format('row %s', i);
    end if;
    v_month := (r ->> 'month')::date;
    if exists (select 1 from public.enforcement_reports e where e.unit_id = v_unit and e.month = v_month and e.status = 'approved') then
      raise exception using errcode = 'P0001', message = 'import_month_approved', detail = format('row %s', i);
    end if;
    perform public.save_enforcement_report(v_unit, v_month, r - 'unit_code' - 'month', 'import');
  end loop;
  return i;
end;
$$;

-- Set the targets of a unit for a work year: a unit head of a unit strictly above it, or an admin.
create or replace function public.set_enforcement_target(p_unit_id uuid, p_work_year int, p_cases_target numeric, p_money_target numeric)
returns void
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  v_before jsonb;
  v_me uuid := private.staff_unit_id();
  v_above boolean;
begin
  with recursive up as (
    select u.parent_id as id from public.units u where u.id = p_unit_id
    union
    select u.parent_id from public.units u join up on u.id = up.id where u.parent_id is not null
  )
  select exists (select 1 from up where up.id = v_me) into v_above;
  if not ((select private.has_role('admin')) or (private.has_role('unit_head') and v_above)) then
    raise exception using errcode = 'P0001', message = 'not_allowed';
  end if;
  if p_cases_target is null or p_money_target is null
     or p_cases_target not between 0 and 100 or p_money_target not between 0 and 100 then
    raise exception using errcode = 'P0001', message = 'target_invalid';
  end if;
  select to_jsonb(t) into v_before from public.enforcement_targets t where t.unit_id = p_unit_id and t.work_year = p_work_year;
  insert into public.enforcement_targets (unit_id, work_year, cases_target, money_target, set_by, set_at)
  values (p_unit_id, p_work_year, p_cases_target, p_money_target, (select auth.uid()), now())
  on conflict (unit_id, work_year) do update
    set cases_target = excluded.cases_target, money_target = excluded.money_target, set_by = excluded.set_by, set_at = excluded.set_at;
  perform private.audit('enforcement_target', p_unit_id, p_unit_id, 'set_target', v_before,
    jsonb_build_object('work_year', p_work_year, 'cases_target', p_cases_target, 'money_target', p_money_target));
end;
$$;

revoke all on function public.save_enforcement_report(uuid, date, jsonb, text) from public, anon;
revoke all on function public.approve_enforcement_report(uuid) from public, anon;
revoke all on function public.import_enforcement_reports(jsonb) from public, anon;
revoke all on function public.set_enforcement_target(uuid, int, numeric, numeric) from public, anon;
grant execute on function public.save_enforcement_report(uuid, date, jsonb, text) to authenticated, service_role;
grant execute on function public.approve_enforcement_report(uuid) to authenticated, service_role;
grant execute on function public.import_enforcement_reports(jsonb) to authenticated, service_role;
grant execute on function public.set_enforcement_target(uuid, int, numeric, numeric) to authenticated, service_role;
revoke all on function private.can_enter_figures(uuid) from public;
grant execute on function private.can_enter_figures(uuid) to authenticated, service_role;
