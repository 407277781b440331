-- Complaints: second-instance appeal online (khiếu nại lần hai) and one SQL path for it.
--
-- After a first-instance complaint decision the citizen may complain to the level above: the unit
-- the deciding unit belongs to in the units tree (a khu vực office → the province's THADS). The
-- window is the deadline_rules row (complaint, instance 2, file): 15 days [check] counted here from
-- the day of the first-instance decision (the law counts from its receipt; a later receipt, or a
-- force-majeure delay, is argued in person: the staff path below does not apply the window).
--
-- private.complaints_open_second_instance is the one path: the citizen's
-- public.appeal_complaint_by_code (anon, code + secret through public.resolve_tracking_code, so
-- wrong secrets are counted; never raises for a wrong secret) and the officers'
-- public.reopen_complaint_second_instance (a paper or in-person appeal) both call it. It creates
-- the second-instance file at the unit above, linked by parent_id, with the filer's parties, the
-- citizen's reasons and attachments, deadlines from the second-instance rules (accept within 10
-- working days [check]), events, audit and notifications. The online path also issues a new
-- tracking code + secret for the new file (shown once); the first code keeps following the chain.
-- Refusals: not_a_complaint, invalid_transition (not resolved at first instance, or already a
-- second instance), already_reopened, no_higher_unit, appeal_window_passed, invalid_content.

create function private.complaints_open_second_instance(
  p_parent uuid, p_content text, p_draft_key uuid, p_online boolean
) returns table (complaint_id uuid, code text, secret text, accept_due date, unit_name text)
language plpgsql security definer set search_path = '' as $$
declare
  c public.complaints;
  v_above public.units;
  v_new uuid := gen_random_uuid();
  v_today date := private.complaints_today();
  v_window date;
  v_due date;
  v_content text := btrim(coalesce(p_content, ''));
  v_code text;
  v_secret text;
  v_files int := 0;
begin
  select * into c from public.complaints x where x.id = p_parent for update;
  if c.id is null then
    raise exception using errcode = 'P0001', message = 'complaint_not_found';
  end if;
  if c.kind <> 'complaint' then
    raise exception using errcode = 'P0001', message = 'not_a_complaint';
  end if;
  if c.instance <> 1 or c.status <> 'resolved' then
    raise exception using errcode = 'P0001', message = 'invalid_transition', detail = c.status;
  end if;
  if exists (select 1 from public.complaints x where x.parent_id = p_parent) then
    raise exception using errcode = 'P0001', message = 'already_reopened';
  end if;
  select a.* into v_above from public.units u join public.units a on a.id = u.parent_id where u.id = c.unit_id;
  if v_above.id is null then
    raise exception using errcode = 'P0001', message = 'no_higher_unit';
  end if;
  if p_online then
    v_window := public.complaint_deadline('complaint', 2::smallint, c.subject, 'file',
                  ((c.resolved_at at time zone 'UTC') + interval '7 hours')::date);
    if v_window is null or v_today > v_window then
      raise exception using errcode = 'P0001', message = 'appeal_window_passed', detail = v_window::text;
    end if;
  end if;
  if char_length(v_content) < 20 or char_length(v_content) > 10000 then
    raise exception using errcode = 'P0001', message = 'invalid_content';
  end if;

  v_due := public.complaint_deadline('complaint', 2::smallint, c.subject, 'accept', v_today);
  insert into public.complaints
    (id, kind, instance, parent_id, unit_id, status, subject, is_group, filer_capacity, via_representative,
     decision_number, decision_date, enforcement_officer, case_number, learned_on, content, request, accept_due)
  values
    (v_new, 'complaint', 2, p_parent, v_above.id, 'received', c.subject, c.is_group, c.filer_capacity,
     c.via_representative, c.decision_number, c.decision_date, c.enforcement_officer, c.case_number,
     ((c.resolved_at at time zone 'UTC') + interval '7 hours')::date, v_content, c.request, v_due);
  insert into public.complaint_parties
    (complaint_id, role, full_name, cccd, phone, email, province, ward, address_line, authorisation, sort_order)
  select v_new, p.role, p.full_name, p.cccd, p.phone, p.email, p.province, p.ward, p.address_line,
         p.authorisation, p.sort_order
    from public.complaint_parties p where p.complaint_id = p_parent;

  if p_draft_key is not null then
    update public.attachments a set owner_id = v_new, draft_key = null, unit_id = v_above.id
     where a.draft_key = p_draft_key and a.owner_kind = 'complaint' and a.owner_id is null;
    get diagnostics v_files = row_count;
    if v_files > 10 then
      raise exception using errcode = 'P0001', message = 'too_many_attachments';
    end if;
  end if;

  if p_online then
    select i.code, i.secret into v_code, v_secret from private.issue_tracking_code('complaint', v_new) i;
    update public.complaints x set tracking_code = v_code where x.id = v_new;
  end if;

  perform private.complaints_event(v_new, 'reopened', true, null,
    jsonb_build_object('instance', 2, 'accept_due', v_due, 'files', v_files,
                       'by', case when p_online then 'citizen' else 'staff' end));
  -- The first-instance unit sees on its file that it was appealed, and where.
  perform private.complaints_event(p_parent, 'appealed', false, null,
    jsonb_build_object('second_instance_id', v_new, 'to_unit_name', v_above.name));
  perform private.audit('complaint', v_new, v_above.id,
    case when p_online then 'appeal_online' else 'reopen_second_instance' end,
    jsonb_build_object('parent_id', p_parent), jsonb_build_object('accept_due', v_due, 'files', v_files), null);
  if v_above.email is not null then
    perform private.notify('email', v_above.email, 'complaint_new_for_unit',
      jsonb_build_object('code', coalesce(v_code, c.tracking_code), 'kind', 'complaint', 'instance', 2,
                         'accept_due', v_due));
  end if;
  perform private.complaints_notify_filer(v_new, 'complaint_received',
    jsonb_build_object('code', coalesce(v_code, c.tracking_code), 'kind', 'complaint', 'instance', 2,
                       'unit_name', v_above.name, 'accept_due', v_due));

  complaint_id := v_new;
  code := v_code;
  secret := v_secret;
  accept_due := v_due;
  unit_name := v_above.name;
  return next;
end
$$;
revoke execute on function private.complaints_open_second_instance(uuid, text, uuid, boolean) from public;

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

-- Citizens: appeal online with the first-instance code + secret. No row for an unknown code or a
-- wrong secret (never raises there, so wrong secrets are counted and lock the code).
create function public.appeal_complaint_by_code(code text, secret text, reasons text, draft_key uuid default null)
returns table (complaint_id uuid, new_code text, new_secret text, accept_due date, unit_name text)
language plpgsql security definer set search_path = '' as $$
declare
  r record;
  s record;
begin
  select * into r from public.resolve_tracking_code(code, secret);
  if r.kind is distinct from 'complaint' or r.ref_id is null then
    return;
  end if;
  select * into s from private.complaints_open_second_instance(r.ref_id, reasons, draft_key, true);
  complaint_id := s.complaint_id;
  new_code := s.code;
  new_secret := s.secret;
  accept_due := s.accept_due;
  unit_name := s.unit_name;
  return next;
end
$$;
comment on function public.appeal_complaint_by_code is
  'Citizen appeals a first-instance complaint decision to the unit above (khiếu nại lần hai) with the code + secret; returns the new file''s code and secret once. No row for a wrong code/secret.';
revoke execute on function public.appeal_complaint_by_code(text, text, text, uuid) from public;
grant execute on function public.appeal_complaint_by_code(text, text, text, uuid) to anon, authenticated, service_role;

-- The citizen's view: the code of this file, the first code for a second instance, whether and
-- until when a second-instance appeal is open, and the extension number of an 'extended' event.
create or replace function private.complaints_citizen_view(p_id uuid) returns jsonb
language plpgsql stable security definer set search_path = '' as $$
declare
  c public.complaints;
  u record;
  v_root uuid;
  v_next jsonb;
  v_appeal jsonb;
  v_above record;
  v_window date;
begin
  select * into c from public.complaints where id = p_id;
  select id, name, short_name, address, phone, reception_hours into u from public.units where id = c.unit_id;
  -- All instances in the chain share the history shown to the citizen.
  with recursive up as (
    select id, parent_id from public.complaints where id = p_id
    union all
    select x.id, x.parent_id from public.complaints x join up on x.id = up.parent_id
  )
  select id into v_root from up where parent_id is null;

  -- Second instance (khiếu nại lần hai): open to a first-instance complaint decision, within the
  -- filing window counted from the decision (deadline_rules: complaint, instance 2, purpose file).
  if c.kind = 'complaint' and c.instance = 1 and c.status = 'resolved' then
    select a.id, a.name into v_above from public.units x join public.units a on a.id = x.parent_id
     where x.id = c.unit_id;
    v_window := public.complaint_deadline('complaint', 2::smallint, c.subject, 'file',
                  ((c.resolved_at at time zone 'UTC') + interval '7 hours')::date);
    v_appeal := jsonb_build_object(
      'due', v_window,
      'open', v_above.id is not null and v_window is not null and private.complaints_today() <= v_window
              and not exists (select 1 from public.complaints x where x.parent_id = c.id),
      'to_unit_name', v_above.name);
  end if;

  v_next := case
    when c.status = 'received' then jsonb_build_object('purpose', 'accept', 'due', c.accept_due)
    when c.status in ('accepted', 'verifying', 'dialogue') then jsonb_build_object('purpose', 'resolve', 'due', c.resolve_due)
    else null end;

  return jsonb_build_object(
    'id', c.id,
    -- The code of this file (an online appeal has its own), else the code of the first instance.
    'code', coalesce(c.tracking_code, (select tracking_code from public.complaints where id = v_root)),
    'parent_code', case when c.parent_id is not null
                        then (select tracking_code from public.complaints where id = v_root) end,
    'appeal', v_appeal,
    'extensions', c.extensions,
    'kind', c.kind, 'instance', c.instance, 'status', c.status,
    'status_category', (select category from public.complaint_statuses where code = c.status),
    'subject', c.subject, 'is_group', c.is_group,
    'unit', jsonb_build_object('id', u.id, 'name', u.name, 'short_name', u.short_name,
                               'address', u.address, 'phone', u.phone, 'reception_hours', u.reception_hours),
    'decision_number', c.decision_number, 'decision_date', c.decision_date,
    'enforcement_officer', c.enforcement_officer, 'case_number', c.case_number,
    'content', c.content, 'request', c.request,
    'received_at', c.received_at, 'accept_due', c.accept_due, 'accepted_at', c.accepted_at,
    'resolve_due', c.resolve_due, 'resolved_at', c.resolved_at, 'closed_at', c.closed_at,
    'outcome', c.outcome, 'outcome_summary', c.outcome_summary,
    'info_request', c.info_request, 'info_requested_at', c.info_requested_at,
    'next_deadline', v_next,
    'can_withdraw', c.status in ('received', 'accepted', 'verifying', 'dialogue'),
    'can_add_documents', c.status in ('received', 'accepted', 'verifying', 'dialogue'),
    'events', coalesce((
      select jsonb_agg(jsonb_build_object(
               'occurred_at', e.occurred_at, 'event', e.event, 'status_after', e.status_after,
               'public_note', e.public_note,
               -- whitelisted details only
               'data', jsonb_strip_nulls(jsonb_build_object(
                  'accept_due', e.data -> 'accept_due', 'resolve_due', e.data -> 'resolve_due',
                  'to_unit_name', e.data -> 'to_unit_name', 'dialogue_date', e.data -> 'dialogue_date',
                  'verification_date', e.data -> 'verification_date', 'outcome', e.data -> 'outcome',
                  'kind', e.data -> 'kind', 'instance', e.data -> 'instance',
                  'extension', e.data -> 'extension')))
             order by e.occurred_at, e.id)
        from public.complaint_events e
       where e.citizen_visible and e.complaint_id in (v_root, p_id)), '[]'::jsonb),
    'access_log', coalesce((
      select jsonb_agg(jsonb_build_object('opened_at', l.opened_at, 'unit_name', un.short_name,
                                          'role', l.role, 'what', l.what) order by l.opened_at desc)
        from (select * from public.complaint_access_log where complaint_id in (v_root, p_id)
               order by opened_at desc limit 50) l
        left join public.units un on un.id = l.unit_id), '[]'::jsonb),
    'attachments', coalesce((
      select jsonb_agg(jsonb_build_object('id', a.id, 'file_name', a.file_name, 'mime_type', a.mime_type,
                                          'size_bytes', a.size_bytes, 'uploaded_at', a.uploaded_at,
                                          'is_decision', a.id = c.decision_attachment_id,
                                          'from_agency', a.uploaded_by is not null)
                       order by a.uploaded_at)
        from public.attachments a
       where a.owner_kind = 'complaint' and a.owner_id in (v_root, p_id) and not a.is_internal), '[]'::jsonb)
  );
end
$$;

