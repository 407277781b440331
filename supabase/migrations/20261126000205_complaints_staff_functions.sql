-- Complaints: officer actions. Each function checks role, unit and current state, writes the row,
-- a status-history event (citizen-visible where the citizen should know), an audit event and
-- notifications, in one transaction; refusals are coded P0001 errors the app maps to Vietnamese:
--   not_allowed (role), complaint_not_found, not_in_your_unit, invalid_transition (state),
--   not_in_competence, reason_required, invalid_unit, invalid_officer, outcome_invalid,
--   decision_required, attachment_not_found, already_reopened, no_higher_unit, identity_protected.
-- Open statuses: received → accepted → verifying ⇄ dialogue → resolved; received → returned |
-- guided | (forwarded: stays received at the new unit); any open → withdrawn.

-- The caller must be complaint staff (complaint officer, unit head or admin).
create function private.complaints_require_staff() returns void
language plpgsql stable security definer set search_path = '' as $$
begin
  if not (private.has_role('complaint_officer') or private.has_role('unit_head') or private.has_role('admin')) then
    raise exception using errcode = 'P0001', message = 'not_allowed';
  end if;
end
$$;

-- Lock and return a complaint the caller may act on.
-- Every officer action loads the file through this helper: an excluded officer is refused.
create or replace function private.complaints_load(p_id uuid) returns public.complaints
language plpgsql security definer set search_path = '' as $$
declare
  c public.complaints;
begin
  perform private.complaints_require_staff();
  select * into c from public.complaints where id = p_id for update;
  if c.id is null then
    raise exception using errcode = 'P0001', message = 'complaint_not_found';
  end if;
  if not private.can_see_unit(c.unit_id) then
    raise exception using errcode = 'P0001', message = 'not_in_your_unit';
  end if;
  if private.is_excluded(p_id) then
    raise exception using errcode = 'P0001', message = 'conflict_of_interest';
  end if;
  return c;
end
$$;

create function private.complaints_require_status(c public.complaints, p_allowed text[]) returns void
language plpgsql immutable set search_path = '' as $$
begin
  if not (c.status = any (p_allowed)) then
    raise exception using errcode = 'P0001', message = 'invalid_transition', detail = c.status;
  end if;
end
$$;

create function private.complaints_require_text(p text, p_min int default 5) returns text
language plpgsql immutable set search_path = '' as $$
begin
  if p is null or char_length(btrim(p)) < p_min then
    raise exception using errcode = 'P0001', message = 'reason_required';
  end if;
  return left(btrim(p), 5000);
end
$$;

create function private.complaints_note(p_id uuid, p_body text) returns void
language sql security definer set search_path = '' as $$
  insert into public.complaint_notes (complaint_id, author_id, body)
  select p_id, auth.uid(), p_body where nullif(btrim(p_body), '') is not null
$$;

-- Classify: kind, subject (act concerned) and whether the unit is competent. Only before acceptance.
-- Changing the kind of a sealed file is the head's decision (not_allowed for officers);
-- classifying a file as a denunciation seals it.
create or replace function public.classify_complaint(p_id uuid, p_kind text, p_subject text, p_in_competence boolean, p_note text default null)
returns void language plpgsql security definer set search_path = '' as $$
declare
  c public.complaints := private.complaints_load(p_id);
  v_due date;
  v_sealed boolean;
begin
  perform private.complaints_require_status(c, array['received']);
  if p_kind not in ('complaint', 'denunciation', 'petition')
     or p_subject not in ('before_measure', 'account_freeze', 'protective_measure', 'coercion') then
    raise exception using errcode = 'P0001', message = 'invalid_kind';
  end if;
  if c.identity_sealed and p_kind <> c.kind
     and not (private.has_role('unit_head') or private.has_role('admin')) then
    raise exception using errcode = 'P0001', message = 'not_allowed';
  end if;
  v_sealed := c.identity_sealed or p_kind = 'denunciation';
  v_due := public.complaint_deadline(p_kind, c.instance, p_subject, 'accept',
                                     ((c.received_at at time zone 'UTC') + interval '7 hours')::date);
  update public.complaints
     set kind = p_kind, subject = p_subject, in_competence = p_in_competence, accept_due = v_due,
         identity_sealed = v_sealed, updated_at = now()
   where id = p_id;
  perform private.complaints_event(p_id, 'classified', p_kind <> c.kind, null,
                                   jsonb_build_object('kind', p_kind, 'subject', p_subject,
                                                      'in_competence', p_in_competence, 'accept_due', v_due));
  perform private.complaints_note(p_id, p_note);
  perform private.audit('complaint', p_id, c.unit_id, 'classify',
    jsonb_build_object('kind', c.kind, 'subject', c.subject, 'in_competence', c.in_competence,
                       'identity_sealed', c.identity_sealed),
    jsonb_build_object('kind', p_kind, 'subject', p_subject, 'in_competence', p_in_competence,
                       'identity_sealed', v_sealed), null);
end
$$;

-- Accept (thụ lý): sets the resolution deadline from deadline_rules.
create function public.accept_complaint(p_id uuid, p_note text default null)
returns date language plpgsql security definer set search_path = '' as $$
declare
  c public.complaints := private.complaints_load(p_id);
  v_due date;
begin
  perform private.complaints_require_status(c, array['received']);
  if c.in_competence is false then
    raise exception using errcode = 'P0001', message = 'not_in_competence';
  end if;
  v_due := public.complaint_deadline(c.kind, c.instance, c.subject, 'resolve', private.complaints_today());
  update public.complaints
     set status = 'accepted', in_competence = true, accepted_at = now(), resolve_due = v_due,
         assigned_to = coalesce(assigned_to, case when private.has_role('complaint_officer') then auth.uid() end),
         updated_at = now()
   where id = p_id;
  perform private.complaints_event(p_id, 'accepted', true, null, jsonb_build_object('resolve_due', v_due));
  perform private.complaints_note(p_id, p_note);
  perform private.audit('complaint', p_id, c.unit_id, 'accept', jsonb_build_object('status', c.status),
                        jsonb_build_object('status', 'accepted', 'resolve_due', v_due), null);
  perform private.complaints_notify_filer(p_id, 'complaint_accepted',
    jsonb_build_object('code', c.tracking_code, 'resolve_due', v_due));
  return v_due;
end
$$;

-- Return the letter (trả lại đơn) with the legal reason, shown to the citizen.
create function public.return_complaint(p_id uuid, p_reason text)
returns void language plpgsql security definer set search_path = '' as $$
declare
  c public.complaints := private.complaints_load(p_id);
  v_reason text := private.complaints_require_text(p_reason);
begin
  perform private.complaints_require_status(c, array['received']);
  update public.complaints set status = 'returned', closed_at = now(), info_request = null, updated_at = now()
   where id = p_id;
  perform private.complaints_event(p_id, 'returned', true, v_reason);
  perform private.audit('complaint', p_id, c.unit_id, 'return', jsonb_build_object('status', c.status),
                        jsonb_build_object('status', 'returned'), v_reason);
  perform private.complaints_notify_filer(p_id, 'complaint_returned', jsonb_build_object('code', c.tracking_code));
end
$$;

-- Forward (chuyển đơn) to the competent unit, which then sees it; the acceptance period restarts there.
create function public.forward_complaint(p_id uuid, p_to_unit uuid, p_reason text)
returns void language plpgsql security definer set search_path = '' as $$
declare
  c public.complaints := private.complaints_load(p_id);
  v_reason text := private.complaints_require_text(p_reason);
  v_to record;
  v_from text;
  v_due date;
begin
  perform private.complaints_require_status(c, array['received']);
  select id, name, email into v_to from public.units
   where id = p_to_unit and (valid_to is null or valid_to >= private.complaints_today());
  if v_to.id is null or v_to.id = c.unit_id then
    raise exception using errcode = 'P0001', message = 'invalid_unit';
  end if;
  select name into v_from from public.units where id = c.unit_id;
  v_due := public.complaint_deadline(c.kind, c.instance, c.subject, 'accept', private.complaints_today());
  update public.complaints
     set unit_id = v_to.id, assigned_to = null, in_competence = null, accept_due = v_due, updated_at = now()
   where id = p_id;
  -- The files follow the letter to the competent unit.
  update public.attachments set unit_id = v_to.id where owner_kind = 'complaint' and owner_id = p_id;
  perform private.complaints_event(p_id, 'forwarded', true, v_reason,
    jsonb_build_object('from_unit_name', v_from, 'to_unit_id', v_to.id, 'to_unit_name', v_to.name, 'accept_due', v_due));
  perform private.audit('complaint', p_id, c.unit_id, 'forward', jsonb_build_object('unit_id', c.unit_id),
                        jsonb_build_object('unit_id', v_to.id, 'accept_due', v_due), v_reason);
  perform private.complaints_notify_filer(p_id, 'complaint_forwarded',
    jsonb_build_object('code', c.tracking_code, 'to_unit_name', v_to.name));
  if v_to.email is not null then
    perform private.notify('email', v_to.email, 'complaint_new_for_unit',
      jsonb_build_object('code', c.tracking_code, 'kind', c.kind, 'accept_due', v_due));
  end if;
end
$$;

-- Guide (hướng dẫn): outside competence, tell the citizen where and how to file. Closes the file here.
create function public.guide_complaint(p_id uuid, p_guidance text)
returns void language plpgsql security definer set search_path = '' as $$
declare
  c public.complaints := private.complaints_load(p_id);
  v_text text := private.complaints_require_text(p_guidance);
begin
  perform private.complaints_require_status(c, array['received']);
  update public.complaints set status = 'guided', in_competence = false, closed_at = now(), updated_at = now()
   where id = p_id;
  perform private.complaints_event(p_id, 'guided', true, v_text);
  perform private.audit('complaint', p_id, c.unit_id, 'guide', jsonb_build_object('status', c.status),
                        jsonb_build_object('status', 'guided'), null);
  perform private.complaints_notify_filer(p_id, 'complaint_guided', jsonb_build_object('code', c.tracking_code));
end
$$;

-- Assign to an officer of the complaint's unit. A unit head assigns anyone; an officer only themself.
-- A head assigns anyone of the unit; an officer only themself, and never to a sealed file; never
-- an excluded officer.
create or replace function public.assign_complaint(p_id uuid, p_officer uuid)
returns void language plpgsql security definer set search_path = '' as $$
declare
  c public.complaints := private.complaints_load(p_id);
  v_head boolean := private.has_role('unit_head') or private.has_role('admin');
begin
  perform private.complaints_require_status(c, array['received', 'accepted', 'verifying', 'dialogue']);
  if not v_head and (c.identity_sealed or p_officer is distinct from auth.uid()) then
    raise exception using errcode = 'P0001', message = 'not_allowed';
  end if;
  if exists (select 1 from public.complaint_exclusions e where e.complaint_id = p_id and e.officer_id = p_officer) then
    raise exception using errcode = 'P0001', message = 'officer_excluded';
  end if;
  if not exists (select 1 from public.staff s where s.user_id = p_officer and s.unit_id = c.unit_id
                   and s.is_active and (s.roles && array['complaint_officer', 'unit_head'])) then
    raise exception using errcode = 'P0001', message = 'invalid_officer';
  end if;
  update public.complaints set assigned_to = p_officer, updated_at = now() where id = p_id;
  perform private.complaints_event(p_id, 'assigned', false, null, jsonb_build_object('officer', p_officer));
  perform private.audit('complaint', p_id, c.unit_id, 'assign', jsonb_build_object('assigned_to', c.assigned_to),
                        jsonb_build_object('assigned_to', p_officer), null);
end
$$;

-- Ask the citizen for more information. Does not pause any deadline (no legal basis to do so).
create function public.request_complaint_info(p_id uuid, p_message text)
returns void language plpgsql security definer set search_path = '' as $$
declare
  c public.complaints := private.complaints_load(p_id);
  v_text text := private.complaints_require_text(p_message);
begin
  perform private.complaints_require_status(c, array['received', 'accepted', 'verifying', 'dialogue']);
  update public.complaints set info_request = v_text, info_requested_at = now(), updated_at = now() where id = p_id;
  perform private.complaints_event(p_id, 'info_requested', true, v_text);
  perform private.audit('complaint', p_id, c.unit_id, 'request_info', null, null, null);
  perform private.complaints_notify_filer(p_id, 'complaint_info_requested', jsonb_build_object('code', c.tracking_code));
end
$$;

-- Record verification (xác minh): the date is shown to the citizen, the findings stay internal.
create function public.record_complaint_verification(p_id uuid, p_date date, p_summary text)
returns void language plpgsql security definer set search_path = '' as $$
declare
  c public.complaints := private.complaints_load(p_id);
begin
  perform private.complaints_require_status(c, array['accepted', 'verifying', 'dialogue']);
  if p_date is null or p_date > private.complaints_today() + 60 then
    raise exception using errcode = 'P0001', message = 'invalid_date';
  end if;
  update public.complaints set status = 'verifying', updated_at = now() where id = p_id;
  perform private.complaints_event(p_id, 'verification', true, null, jsonb_build_object('verification_date', p_date));
  perform private.complaints_note(p_id, 'Xác minh ' || to_char(p_date, 'DD/MM/YYYY') || ': ' || coalesce(p_summary, ''));
  perform private.audit('complaint', p_id, c.unit_id, 'verification', jsonb_build_object('status', c.status),
                        jsonb_build_object('status', 'verifying', 'date', p_date), null);
end
$$;

-- Record a dialogue (đối thoại) with its date and minutes (minutes internal; date shown).
create function public.record_complaint_dialogue(p_id uuid, p_date date, p_minutes text)
returns void language plpgsql security definer set search_path = '' as $$
declare
  c public.complaints := private.complaints_load(p_id);
begin
  perform private.complaints_require_status(c, array['accepted', 'verifying', 'dialogue']);
  if p_date is null or p_date > private.complaints_today() + 60 then
    raise exception using errcode = 'P0001', message = 'invalid_date';
  end if;
  update public.complaints set status = 'dialogue', updated_at = now() where id = p_id;
  perform private.complaints_event(p_id, 'dialogue', true, null, jsonb_build_object('dialogue_date', p_date));
  perform private.complaints_note(p_id, 'Biên bản đối thoại ' || to_char(p_date, 'DD/MM/YYYY') || ': ' || coalesce(p_minutes, ''));
  perform private.audit('complaint', p_id, c.unit_id, 'dialogue', jsonb_build_object('status', c.status),
                        jsonb_build_object('status', 'dialogue', 'date', p_date), null);
end
$$;

-- Resolve with the decision. Outcomes by kind: complaint upheld/partly_upheld/rejected;
-- denunciation true/partly_true/false; petition answered. A decision file is required for
-- complaints and denunciations and must already be attached to this file.
create function public.resolve_complaint(p_id uuid, p_outcome text, p_summary text, p_decision_attachment uuid default null)
returns void language plpgsql security definer set search_path = '' as $$
declare
  c public.complaints := private.complaints_load(p_id);
  v_summary text := private.complaints_require_text(p_summary);
begin
  perform private.complaints_require_status(c, array['accepted', 'verifying', 'dialogue']);
  if not ((c.kind = 'complaint' and p_outcome in ('upheld', 'partly_upheld', 'rejected'))
       or (c.kind = 'denunciation' and p_outcome in ('true', 'partly_true', 'false'))
       or (c.kind = 'petition' and p_outcome = 'answered')) then
    raise exception using errcode = 'P0001', message = 'outcome_invalid';
  end if;
  if p_decision_attachment is null and c.kind <> 'petition' then
    raise exception using errcode = 'P0001', message = 'decision_required';
  end if;
  if p_decision_attachment is not null and not exists (
       select 1 from public.attachments a
        where a.id = p_decision_attachment and a.owner_kind = 'complaint' and a.owner_id = p_id) then
    raise exception using errcode = 'P0001', message = 'attachment_not_found';
  end if;
  update public.complaints
     set status = 'resolved', resolved_at = now(), outcome = p_outcome, outcome_summary = v_summary,
         decision_attachment_id = p_decision_attachment, info_request = null, updated_at = now()
   where id = p_id;
  -- The decision is for the citizen: make sure it is not flagged internal.
  update public.attachments set is_internal = false where id = p_decision_attachment;
  perform private.complaints_event(p_id, 'resolved', true, v_summary, jsonb_build_object('outcome', p_outcome));
  perform private.audit('complaint', p_id, c.unit_id, 'resolve', jsonb_build_object('status', c.status),
    jsonb_build_object('status', 'resolved', 'outcome', p_outcome,
                       'on_time', private.complaints_today() <= c.resolve_due), null);
  perform private.complaints_notify_filer(p_id, 'complaint_resolved',
    jsonb_build_object('code', c.tracking_code, 'outcome', p_outcome));
end
$$;

-- Record a withdrawal received on paper or in person.
create function public.withdraw_complaint(p_id uuid, p_note text default null)
returns void language plpgsql security definer set search_path = '' as $$
declare
  c public.complaints := private.complaints_load(p_id);
begin
  perform private.complaints_require_status(c, array['received', 'accepted', 'verifying', 'dialogue']);
  update public.complaints set status = 'withdrawn', closed_at = now(), info_request = null, updated_at = now()
   where id = p_id;
  perform private.complaints_event(p_id, 'withdrawn', true, null, jsonb_build_object('by', 'staff'));
  perform private.complaints_note(p_id, p_note);
  perform private.audit('complaint', p_id, c.unit_id, 'withdraw', jsonb_build_object('status', c.status),
                        jsonb_build_object('status', 'withdrawn'), null);
end
$$;

-- Second instance (khiếu nại lần hai): the citizen appeals a first-instance decision. Creates the
-- second-instance file at the unit above, linked by parent_id; the citizen keeps the same code.
-- Officers: register an appeal received on paper or in person (same path; no window check, no new
-- code: the citizen follows the appeal with their first code).
create or replace function public.reopen_complaint_second_instance(p_id uuid, p_note text default null)
returns uuid language plpgsql security definer set search_path = '' as $$
declare
  c public.complaints;
  v_parent_unit uuid;
  v_new uuid;
begin
  perform private.complaints_require_staff();
  select * into c from public.complaints where id = p_id;
  if c.id is null then
    raise exception using errcode = 'P0001', message = 'complaint_not_found';
  end if;
  select parent_id into v_parent_unit from public.units where id = c.unit_id;
  -- Staff of the first-instance unit or of the unit above may register the appeal.
  if not (private.can_see_unit(c.unit_id) or (v_parent_unit is not null and private.can_see_unit(v_parent_unit))) then
    raise exception using errcode = 'P0001', message = 'not_in_your_unit';
  end if;
  select s.complaint_id into v_new from private.complaints_open_second_instance(p_id, c.content, null, false) s;
  perform private.complaints_note(v_new, p_note);
  return v_new;
end
$$;

-- "Who opened my file": the staff detail page calls this on every open.
create or replace function public.log_complaint_access(p_id uuid)
returns void language plpgsql security definer set search_path = '' as $$
begin
  perform private.complaints_for_reader(p_id);
  perform private.complaints_log_open(p_id);
end
$$;

-- Identity of the filer(s). For a denunciation only the assigned officer and the unit head may
-- see it (Luật Tố cáo 2018 Điều 47), and every view is logged and audited.
-- The parties of a file, logged. Sealed: the assigned officer and the unit head only (Luật Tố cáo
-- 2018 Điều 47), an 'identity' row the citizen sees and an audit event.
create or replace function public.get_complaint_parties(p_id uuid)
returns setof public.complaint_parties
language plpgsql security definer set search_path = '' as $$
declare
  c public.complaints := private.complaints_for_reader(p_id);
begin
  if c.identity_sealed then
    if not (c.assigned_to is not null and c.assigned_to = auth.uid()
            or coalesce(private.has_role('unit_head'), false)) then
      raise exception using errcode = 'P0001', message = 'identity_protected';
    end if;
    insert into public.complaint_access_log (complaint_id, user_id, unit_id, role, what)
    values (p_id, auth.uid(), private.staff_unit_id(),
            case when private.has_role('unit_head') then 'unit_head' else 'complaint_officer' end, 'identity');
    perform private.audit('complaint', p_id, c.unit_id, 'view_denouncer_identity', null, null, null);
  else
    perform private.complaints_log_open(p_id);
  end if;
  return query select * from public.complaint_parties where complaint_id = p_id order by role, sort_order;
end
$$;

-- Daily job: remind assigned officers (or the unit) of files due within 2 working days or overdue.
-- Returns the number of reminders queued. Called with the service role by the app's job runner.
create function public.queue_complaint_reminders()
returns int language plpgsql security definer set search_path = '' as $$
declare
  v_today date := private.complaints_today();
  v_soon date := public.working_days_add(private.complaints_today(), 2);
  r record;
  n int := 0;
begin
  for r in
    select c.id, c.tracking_code, c.kind, c.status,
           case when c.status = 'received' then c.accept_due else c.resolve_due end as due,
           coalesce(s.email, u.email) as recipient
      from public.complaints c
      join public.units u on u.id = c.unit_id
      left join public.staff s on s.user_id = c.assigned_to
     where c.status in ('received', 'accepted', 'verifying', 'dialogue')
       and (case when c.status = 'received' then c.accept_due else c.resolve_due end) <= v_soon
  loop
    continue when r.recipient is null;
    perform private.notify('email', r.recipient,
      case when r.due < v_today then 'complaint_overdue' else 'complaint_due_soon' end,
      jsonb_build_object('code', coalesce(r.tracking_code, r.id::text), 'kind', r.kind, 'status', r.status, 'due', r.due));
    n := n + 1;
  end loop;
  return n;
end
$$;

-- A denunciation's files may identify the denouncer: like complaint_parties, only the assigned
-- officer and the unit head see them (restrictive: narrows the foundation's unit policy).
create policy "Only assigned officer and unit head see denunciation files"
  on public.attachments as restrictive for select to authenticated
  using (
    owner_kind <> 'complaint' or owner_id is null
    or not exists (select 1 from public.complaints c where c.id = owner_id and c.kind = 'denunciation')
    or exists (select 1 from public.complaints c
                where c.id = owner_id and (c.assigned_to = (select auth.uid()) or (select private.has_role('unit_head'))))
  );

revoke execute on function private.complaints_require_staff(), private.complaints_load(uuid),
  private.complaints_require_status(public.complaints, text[]), private.complaints_require_text(text, int),
  private.complaints_note(uuid, text) from public;

revoke execute on function public.classify_complaint(uuid, text, text, boolean, text), public.accept_complaint(uuid, text),
  public.return_complaint(uuid, text), public.forward_complaint(uuid, uuid, text), public.guide_complaint(uuid, text),
  public.assign_complaint(uuid, uuid), public.request_complaint_info(uuid, text),
  public.record_complaint_verification(uuid, date, text), public.record_complaint_dialogue(uuid, date, text),
  public.resolve_complaint(uuid, text, text, uuid), public.withdraw_complaint(uuid, text),
  public.reopen_complaint_second_instance(uuid, text), public.log_complaint_access(uuid),
  public.get_complaint_parties(uuid), public.queue_complaint_reminders() from public, anon;
grant execute on function public.classify_complaint(uuid, text, text, boolean, text), public.accept_complaint(uuid, text),
  public.return_complaint(uuid, text), public.forward_complaint(uuid, uuid, text), public.guide_complaint(uuid, text),
  public.assign_complaint(uuid, uuid), public.request_complaint_info(uuid, text),
  public.record_complaint_verification(uuid, date, text), public.record_complaint_dialogue(uuid, date, text),
  public.resolve_complaint(uuid, text, text, uuid), public.withdraw_complaint(uuid, text),
  public.reopen_complaint_second_instance(uuid, text), public.log_complaint_access(uuid),
  public.get_complaint_parties(uuid) to authenticated, service_role;
grant execute on function public.queue_complaint_reminders() to service_role;

revoke execute on function public.log_complaint_access(uuid) from public, anon;
grant execute on function public.log_complaint_access(uuid) to authenticated, service_role;
