-- Complaint resolution rate as the reports compute it (issue 13, A.1).
--
-- Until now the statistics page divided the files resolved in a period by the files accepted in
-- the same period (complaint_stats), which exceeds 100 % at the start of a work year. The reports
-- ("đã giải quyết 32/33 vụ việc thuộc thẩm quyền, đạt 96,97%") divide what was resolved by
-- everything the unit had to resolve in the period:
--
--   to_resolve = carried_over        accepted before the period, not settled before it
--              + accepted            accepted (thụ lý) in the period
--              + unaccepted_overdue  received, not returned/guided/forwarded, acceptance limit
--                                    (5 working days; 7–10 for tố cáo) passed by the end of the
--                                    period and still not accepted: a unit cannot improve its rate
--                                    by leaving letters unaccepted
--   resolved   = of those, decided/answered in the period, or withdrawn after acceptance (the
--                head then closes the file with a decision to stop: counted as settled [check])
--
-- per kind (khiếu nại, tố cáo, kiến nghị/phản ánh) and per unit. Duplicate letters (đơn trùng,
-- complaints.duplicate_of set) are merged into the first letter and counted once. A forwarded
-- letter (chuyển đơn) moves to the receiving unit (complaints.unit_id), so it leaves the
-- forwarding unit's figures and counts where it is handled.
--
-- Rounding: hundredths of a percent, by a setting per unit (stats_settings, inherited from the
-- nearest unit above; default half up). Hậu Giang's report (seed 002) prints 96,96 % for 32 of
-- 33 complaints; 32/33 = 96,9696… is 96,97 % half up and 96,96 % truncated. Half up can only give
-- 96,96 % with at least 230 files to resolve (223/230), which a province that accepted 41 letters
-- does not carry over: the report truncates. The setting lets a unit print what its report prints.

-- Duplicate letters ------------------------------------------------------------------------------
alter table public.complaints add column duplicate_of uuid null references public.complaints (id);
alter table public.complaints add constraint complaints_not_own_duplicate check (duplicate_of is distinct from id);
create index complaints_duplicate_of_idx on public.complaints (duplicate_of) where duplicate_of is not null;
comment on column public.complaints.duplicate_of is
  'Đơn trùng: the first letter about the same matter. Duplicates are counted once (statistics skip them). Set only by mark_complaint_duplicate.';

-- Mark a letter as a duplicate of an earlier one about the same matter (same unit and kind).
create function public.mark_complaint_duplicate(p_id uuid, p_of uuid, p_note text default null)
returns void language plpgsql security definer set search_path = '' as $$
declare
  c public.complaints := private.complaints_load(p_id);
  o public.complaints;
begin
  select * into o from public.complaints where id = p_of;
  if o.id is null or not private.can_see_unit(o.unit_id) then
    raise exception using errcode = 'P0001', message = 'complaint_not_found';
  end if;
  if o.id = c.id or o.duplicate_of is not null or o.kind <> c.kind or o.unit_id <> c.unit_id then
    raise exception using errcode = 'P0001', message = 'duplicate_invalid';
  end if;
  if c.duplicate_of is not null then
    raise exception using errcode = 'P0001', message = 'invalid_transition', detail = 'duplicate';
  end if;
  update public.complaints set duplicate_of = o.id, updated_at = now() where id = c.id;
  -- Letters that pointed at this one now point at the first letter.
  update public.complaints set duplicate_of = o.id where duplicate_of = c.id;
  perform private.complaints_event(c.id, 'duplicate', false, null, jsonb_build_object('duplicate_of', o.id));
  perform private.audit('complaint', c.id, c.unit_id, 'mark_duplicate', jsonb_build_object('duplicate_of', null),
                        jsonb_build_object('duplicate_of', o.id), nullif(btrim(p_note), ''));
end
$$;
revoke all on function public.mark_complaint_duplicate(uuid, uuid, text) from public, anon;
grant execute on function public.mark_complaint_duplicate(uuid, uuid, text) to authenticated, service_role;

-- Rounding setting ------------------------------------------------------------------------------
create table public.stats_settings (
  unit_id uuid primary key references public.units (id) on delete cascade,
  -- half_up: 96,9696… → 96,97 %; truncate: → 96,96 % (what some provinces' reports print).
  percent_rounding text not null check (percent_rounding in ('half_up', 'truncate')),
  note text null check (char_length(note) <= 500),
  set_by uuid null references auth.users (id) on delete set null,
  set_at timestamptz not null default now()
);
comment on table public.stats_settings is
  'How a unit (and the units below it, unless they have their own row) rounds percentages in its reports. Staff read; set only through set_stats_rounding by an admin or a unit head of the unit or above.';

alter table public.stats_settings enable row level security;
create policy "Staff can read statistics settings"
  on public.stats_settings for select to authenticated
  using ((select private.is_staff()));
revoke all on public.stats_settings from anon, authenticated;
grant select on public.stats_settings to authenticated;
grant all on public.stats_settings to service_role;

-- The rounding in force for a unit: its own setting, else the nearest unit above it, else half up.
create function private.percent_rounding_for(p_unit uuid) returns text
language sql stable security definer set search_path = '' as $$
  select coalesce((
    select s.percent_rounding
      from private.unit_rollup_map() m
      join public.stats_settings s on s.unit_id = m.ancestor_id
     where m.unit_id = p_unit
     order by m.depth
     limit 1), 'half_up')
$$;
revoke all on function private.percent_rounding_for(uuid) from public;
grant execute on function private.percent_rounding_for(uuid) to authenticated, service_role;

-- part ÷ whole in hundredths of a percent (9696 = 96,96 %), exact integer arithmetic; null when
-- whole is 0 (nothing to resolve: no rate, not 0 %).
create function private.percent_hundredths(p_part bigint, p_whole bigint, p_mode text) returns int
language sql immutable set search_path = '' as $$
  select case
    when p_whole is null or p_whole = 0 then null
    when p_mode = 'truncate' then (p_part * 10000 / p_whole)::int
    else ((2 * p_part * 10000 + p_whole) / (2 * p_whole))::int
  end
$$;
grant execute on function private.percent_hundredths(bigint, bigint, text) to anon, authenticated, service_role;

-- Set a unit's rounding: an admin, or a unit head of that unit or a unit above it.
create function public.set_stats_rounding(p_unit_id uuid, p_rounding text, p_note text default null)
returns void language plpgsql volatile security definer set search_path = '' as $$
declare
  v_before jsonb;
begin
  if not ((select private.has_role('admin')) or (private.has_role('unit_head') and private.can_see_unit(p_unit_id))) then
    raise exception using errcode = 'P0001', message = 'not_allowed';
  end if;
  if p_rounding is null or p_rounding not in ('half_up', 'truncate') then
    raise exception using errcode = 'P0001', message = 'rounding_invalid';
  end if;
  select to_jsonb(s) into v_before from public.stats_settings s where s.unit_id = p_unit_id;
  insert into public.stats_settings (unit_id, percent_rounding, note, set_by, set_at)
  values (p_unit_id, p_rounding, nullif(btrim(p_note), ''), (select auth.uid()), now())
  on conflict (unit_id) do update
    set percent_rounding = excluded.percent_rounding, note = excluded.note, set_by = excluded.set_by, set_at = excluded.set_at;
  perform private.audit('stats_setting', p_unit_id, p_unit_id, 'set_rounding', v_before,
                        jsonb_build_object('percent_rounding', p_rounding), nullif(btrim(p_note), ''));
end
$$;
revoke all on function public.set_stats_rounding(uuid, text, text) from public, anon;
grant execute on function public.set_stats_rounding(uuid, text, text) to authenticated, service_role;

-- The resolution figures ------------------------------------------------------------------------
-- One row per kind for the subtree of p_unit_id ('total') and for each unit directly below it
-- ('child'), over [p_start, p_end] (Vietnam calendar days). Sums only: no names, no file rows.
create function public.complaint_resolution(p_unit_id uuid, p_start date, p_end date)
returns table (
  row_kind text,
  unit_id uuid,
  unit_code text,
  unit_name text,
  kind text,
  carried_over int,
  accepted int,
  unaccepted_overdue int,
  to_resolve int,
  resolved int,
  resolved_on_time int,
  withdrawn int,
  duplicates int,
  rate_hundredths int,
  rounding text
)
language plpgsql stable security definer set search_path = ''
as $$
#variable_conflict use_column
declare
  v_mode text;
begin
  if not private.can_see_unit(p_unit_id) then
    raise exception using errcode = 'P0001', message = 'not_allowed';
  end if;
  if p_start is null or p_end is null or p_end < p_start or p_end - p_start > 3700 then
    raise exception using errcode = 'P0001', message = 'period_invalid';
  end if;
  v_mode := private.percent_rounding_for(p_unit_id);
  return query
  with map as materialized (select * from private.unit_rollup_map()),
  keys_of as (
    select a.unit_id, coalesce(k.ancestor_id, p_unit_id) as key_id
      from map a
      left join map k on k.unit_id = a.unit_id and k.depth = a.depth - 1
     where a.ancestor_id = p_unit_id
  ),
  f as (
    select ko.key_id, c.kind, c.status, c.in_competence, c.duplicate_of, c.accept_due, c.resolve_due,
           private.vn_date(c.received_at) as rec_day,
           private.vn_date(c.accepted_at) as acc_day,
           private.vn_date(c.resolved_at) as res_day,
           private.vn_date(c.closed_at) as closed_day,
           (c.status in ('returned', 'guided', 'withdrawn')) as is_closed
      from public.complaints c
      join keys_of ko on ko.unit_id = c.unit_id
  ),
  cls as (
    select f.key_id, f.kind,
           -- settled before the period: resolved, or closed, before p_start
           (f.duplicate_of is null and f.acc_day < p_start
             and not (f.res_day is not null and f.res_day < p_start)
             and not (f.is_closed and f.closed_day < p_start)) as is_carried,
           (f.duplicate_of is null and f.acc_day between p_start and p_end) as is_accepted,
           (f.duplicate_of is null and (f.acc_day is null or f.acc_day > p_end)
             and f.rec_day <= p_end and f.accept_due is not null and f.accept_due < p_end
             and f.in_competence is distinct from false
             and not (f.is_closed and f.closed_day <= p_end)) as is_unaccepted_overdue,
           (f.res_day between p_start and p_end) as resolved_in,
           (f.status = 'withdrawn' and f.acc_day is not null and f.closed_day between p_start and p_end) as withdrawn_in,
           (f.res_day is not null and f.resolve_due is not null and f.res_day <= f.resolve_due) as on_time,
           (f.duplicate_of is not null and f.rec_day between p_start and p_end) as is_dup
      from f
  ),
  agg as (
    select grouping(cls.key_id) = 1 as is_total, cls.key_id, cls.kind,
           count(*) filter (where is_carried)::int as carried_over,
           count(*) filter (where is_accepted)::int as accepted,
           count(*) filter (where is_unaccepted_overdue)::int as unaccepted_overdue,
           count(*) filter (where (is_carried or is_accepted) and (resolved_in or withdrawn_in))::int as resolved,
           count(*) filter (where (is_carried or is_accepted) and resolved_in and on_time)::int as resolved_on_time,
           count(*) filter (where (is_carried or is_accepted) and withdrawn_in)::int as withdrawn,
           count(*) filter (where is_dup)::int as duplicates
      from cls
     group by grouping sets ((cls.kind), (cls.key_id, cls.kind))
  ),
  keys as (
    select 'total'::text as row_kind, p_unit_id as id, 0 as ord
    union all
    select 'child', c.id, 2 from public.units c
     where c.parent_id = p_unit_id
       and (c.valid_to is null or c.valid_to >= p_start)
       and not exists (select 1 from public.units s where s.predecessor_id = c.id)
  ),
  kinds (kind, kord) as (values ('complaint', 1), ('denunciation', 2), ('petition', 3))
  select k.row_kind, u.id, u.code, u.name, kd.kind,
         coalesce(a.carried_over, 0), coalesce(a.accepted, 0), coalesce(a.unaccepted_overdue, 0),
         coalesce(a.carried_over + a.accepted + a.unaccepted_overdue, 0),
         coalesce(a.resolved, 0), coalesce(a.resolved_on_time, 0), coalesce(a.withdrawn, 0),
         coalesce(a.duplicates, 0),
         private.percent_hundredths(coalesce(a.resolved, 0),
                                    coalesce(a.carried_over + a.accepted + a.unaccepted_overdue, 0), v_mode),
         v_mode
    from keys k
    join public.units u on u.id = k.id
    cross join kinds kd
    left join agg a on a.kind = kd.kind
                   and ((k.row_kind = 'total' and a.is_total) or (k.row_kind = 'child' and not a.is_total and a.key_id = k.id))
   order by k.ord, u.code, kd.kord;
end;
$$;
revoke all on function public.complaint_resolution(uuid, date, date) from public, anon;
grant execute on function public.complaint_resolution(uuid, date, date) to authenticated, service_role;

comment on view public.complaint_stats is
  'Per unit, day (Vietnam time), kind and instance: received, within_competence, accepted, resolved, resolved_on_time, overdue, withdrawn — event counts. The resolution RATE is not sum(resolved)/sum(accepted): use complaint_resolution() (resolved ÷ carried over + accepted + overdue unaccepted, duplicates once).';

revoke all on function public.stats_activity(uuid, date, date) from public, anon;
grant execute on function public.stats_activity(uuid, date, date) to authenticated, service_role;
