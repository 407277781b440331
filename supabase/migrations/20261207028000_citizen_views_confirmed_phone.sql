-- Citizens never see an office phone nobody confirmed (issue 13 B: demo data never looks like real
-- contact data). units.contact_confirmed came with 20261207021030; the three citizen views of a
-- file, a booking and an application now leave the phone out until an admin confirms it, so the
-- receipt pages, the tracking pages and the public API (which reuses these functions) agree.
-- Bodies as before otherwise; grants are kept by create or replace.

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
  select id, name, short_name, address, phone, reception_hours, contact_confirmed into u from public.units where id = c.unit_id;
  -- All instances in the chain share the history shown to the citizen.
  with recursive up as (
    select id, parent_id from public.complaints where id = p_id
    union all
    select x.id, x.parent_id from public.complaints x join up on x.id = up.parent_id
  )
  select id into v_root from up where parent_id is null;

  -- Second instance (khiếu nại lần hai): open to a first-instance complaint decision within the
  -- window counted from the citizen's receipt of it, or to a first instance overdue and unresolved
  -- (20261207003030).
  if c.kind = 'complaint' and c.instance = 1
     and (c.status = 'resolved' or private.complaints_first_instance_overdue(c)) then
    select a.id, a.name into v_above from public.units x join public.units a on a.id = x.parent_id
     where x.id = c.unit_id;
    v_window := private.complaints_appeal_window(c);
    v_appeal := jsonb_build_object(
      'due', v_window,
      'open', v_above.id is not null and v_window is not null and private.vn_today() <= v_window
              and not exists (select 1 from public.complaints x where x.parent_id = c.id),
      'overdue', c.status <> 'resolved',
      'received_on', c.decision_received_on,
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
                               'address', u.address, 'phone', case when u.contact_confirmed then u.phone end, 'reception_hours', u.reception_hours),
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

create or replace function public.get_booking_by_code(p_code text, p_secret text)
  returns jsonb language plpgsql security definer set search_path = '' as $$
declare
  b public.bookings;
  u public.units;
begin
  b := private.reception_booking_by_code(p_code, p_secret);
  if b.id is null then
    return null;
  end if;
  select * into u from public.units x where x.id = b.unit_id;
  return jsonb_build_object(
    'code', b.tracking_code, 'status', b.status, 'unit_id', b.unit_id,
    'unit_name', u.name, 'unit_address', u.address, 'unit_phone', case when u.contact_confirmed then u.phone end,
    'unit_lat', u.lat, 'unit_lng', u.lng,
    'day', b.day, 'starts_at', b.starts_at, 'ends_at', b.ends_at, 'with_head', b.with_head,
    'full_name', b.full_name,
    'phone_masked', case when b.phone is null then null else left(b.phone, 3) || '****' || right(b.phone, 3) end,
    'people_count', b.people_count, 'representatives', b.representatives, 'topic', b.topic,
    'case_number', b.case_number, 'wants_head', b.wants_head, 'needs_reschedule', b.needs_reschedule,
    'queue_no', b.queue_no, 'created_at', b.created_at, 'cancelled_at', b.cancelled_at,
    'can_change', b.status = 'booked' and b.starts_at > now()
  );
end
$$;

create or replace function public.get_application_by_code(code text, secret text)
returns jsonb
language plpgsql security definer set search_path = ''
as $$
declare
  a public.applications;
  v public.procedure_versions;
  p public.procedures;
  s public.application_statuses;
  u public.units;
  pause public.application_pauses;
begin
  a := private.application_by_code(code, secret);
  if a.id is null then
    return null;
  end if;
  select * into v from public.procedure_versions where id = a.procedure_version_id;
  select * into p from public.procedures where id = a.procedure_id;
  select * into s from public.application_statuses where application_statuses.code = a.status;
  select * into u from public.units where id = a.unit_id;
  select * into pause from public.application_pauses
   where application_id = a.id and resumed_at is null;
  return jsonb_build_object(
    'code', a.tracking_code,
    'status', a.status,
    'status_category', s.category,
    'status_label_vi', s.citizen_label_vi,
    'status_label_en', s.citizen_label_en,
    'procedure_code', p.code,
    'procedure_name_vi', v.name_vi,
    'procedure_name_en', v.name_en,
    'documents', v.documents,
    'unit_name', u.name,
    'unit_address', u.address,
    'unit_phone', case when u.contact_confirmed then u.phone end,
    'channel', a.channel,
    'applicant_name', a.applicant_name,
    'received_at', a.received_at,
    'accepted_at', a.accepted_at,
    'due_date', a.due_date,
    'completed_at', a.completed_at,
    'returned_at', a.returned_at,
    'refusal_reasons', a.refusal_reasons,
    'result_note', a.result_note,
    'has_result', a.result_attachment_id is not null,
    'documents_request', case when pause.id is not null then
      jsonb_build_object('what', pause.what, 'due_by', pause.due_by, 'requested_at', pause.requested_at) end,
    'rating', a.rating,
    'can_rate', a.status in ('result_ready', 'returned') and a.rating is null,
    'events', coalesce((select jsonb_agg(jsonb_build_object(
        'at', e.occurred_at, 'kind', e.kind, 'status', e.status, 'note', e.note) order by e.occurred_at, e.id)
        from public.application_events e where e.application_id = a.id and e.is_public), '[]')
  );
end
$$;

-- private.may_maintain_rules() is called only inside security-definer functions (no policy uses
-- it), so signed-in roles need not execute it (tests/db/security-limits.test.ts, item 14).
revoke execute on function private.may_maintain_rules() from authenticated;
