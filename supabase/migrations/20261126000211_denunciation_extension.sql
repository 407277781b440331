-- Denunciations: extending the resolution deadline (gia hạn giải quyết tố cáo).
--
-- Luật Tố cáo 2018 Điều 30 khoản 1: a denunciation is resolved within 30 days of acceptance; for a
-- complex case the time may be extended once by 30 days, for an especially complex case twice, by
-- 30 days each. The length is the 'extend' row of deadline_rules (start event: the current
-- deadline); how many times a period may be applied is now data too (deadline_rules.max_times), so
-- a change in the law stays a row change. The decision is the head's (người giải quyết tố cáo):
-- unit heads and admins only; the complaint officer prepares it. The reason is required and kept
-- in the audit event and the internal notes; the citizen sees the new date, never the reason
-- (it may name the people denounced).
-- Errors: not_allowed, complaint_not_found, not_in_your_unit, not_a_denunciation,
-- invalid_transition, complexity_invalid, reason_required, extension_limit, deadline_passed.

alter table public.deadline_rules
  add column max_times smallint null check (max_times between 1 and 10);
comment on column public.deadline_rules.max_times is
  'For purpose = extend: how many times the period may be applied to one file (null: once).';
update public.deadline_rules set max_times = 2 where kind = 'denunciation' and purpose = 'extend';

alter table public.complaints
  add column extensions smallint not null default 0 check (extensions between 0 and 10);
comment on column public.complaints.extensions is
  'How many times the resolution deadline was extended (denunciations, Luật Tố cáo 2018 Điều 30).';

create function public.extend_denunciation_deadline(p_id uuid, p_complexity text, p_reason text)
returns date language plpgsql security definer set search_path = '' as $$
declare
  c public.complaints := private.complaints_load(p_id);
  v_reason text := private.complaints_require_text(p_reason, 10);
  v_today date := private.complaints_today();
  r public.deadline_rules;
  v_limit int;
  v_due date;
begin
  if not (private.has_role('unit_head') or private.has_role('admin')) then
    raise exception using errcode = 'P0001', message = 'not_allowed';
  end if;
  if c.kind <> 'denunciation' then
    raise exception using errcode = 'P0001', message = 'not_a_denunciation';
  end if;
  perform private.complaints_require_status(c, array['accepted', 'verifying', 'dialogue']);
  if p_complexity is null or p_complexity not in ('complex', 'especially_complex') then
    raise exception using errcode = 'P0001', message = 'complexity_invalid';
  end if;
  select * into r from public.deadline_rules dr
   where dr.kind = 'denunciation' and dr.purpose = 'extend'
     and dr.valid_from <= v_today and (dr.valid_to is null or dr.valid_to >= v_today)
   order by dr.valid_from desc limit 1;
  -- Complex: one extension in all; especially complex: as many as the rule allows (two).
  v_limit := case when p_complexity = 'complex' then 1 else coalesce(r.max_times, 1) end;
  if r.id is null or c.extensions >= least(v_limit, coalesce(r.max_times, 1)) then
    raise exception using errcode = 'P0001', message = 'extension_limit', detail = c.extensions::text;
  end if;
  -- An extension is decided before the time runs out.
  if c.resolve_due is null or c.resolve_due < v_today then
    raise exception using errcode = 'P0001', message = 'deadline_passed';
  end if;
  v_due := public.complaint_deadline('denunciation', null, 'any', 'extend', c.resolve_due);
  update public.complaints set resolve_due = v_due, extensions = c.extensions + 1, updated_at = now()
   where id = p_id;
  perform private.complaints_event(p_id, 'extended', true, null,
    jsonb_build_object('resolve_due', v_due, 'previous_due', c.resolve_due,
                       'extension', c.extensions + 1, 'complexity', p_complexity));
  perform private.complaints_note(p_id, v_reason);
  perform private.audit('complaint', p_id, c.unit_id, 'extend_deadline',
    jsonb_build_object('resolve_due', c.resolve_due, 'extensions', c.extensions),
    jsonb_build_object('resolve_due', v_due, 'extensions', c.extensions + 1, 'complexity', p_complexity),
    v_reason);
  perform private.complaints_notify_filer(p_id, 'complaint_extended',
    jsonb_build_object('code', c.tracking_code, 'resolve_due', v_due));
  return v_due;
end
$$;
comment on function public.extend_denunciation_deadline is
  'Unit head/admin extends a denunciation''s resolution deadline by the deadline_rules extend period (Luật Tố cáo 2018 Điều 30: once if complex, twice if especially complex); reason required; audited; citizen sees the new date.';
revoke execute on function public.extend_denunciation_deadline(uuid, text, text) from public;
grant execute on function public.extend_denunciation_deadline(uuid, text, text) to authenticated, service_role;
