-- Second-instance appeal (khiếu nại lần hai), issue 13 A.5.
--
-- Luật THADS 2008 (sđ 2014), Điều 140 (thời hiệu): a later complaint may be made within 15 days
-- "kể từ ngày nhận được quyết định giải quyết khiếu nại" — from the day the citizen RECEIVED the
-- first decision, not from the day it was issued (resolved_at), which is what
-- 20261126000212 counted from. The citizen states the day they received it when appealing online
-- (appeal_complaint_by_code's received_on; it cannot be before the decision or in the future);
-- staff record or correct it (set_decision_received_on, audited). Without it the decision day
-- stands in.
-- An appeal is also open when the first instance is overdue and unresolved (as the catalogue page
-- promises): received and not accepted by accept_due, or accepted and not resolved by resolve_due.
-- The window then runs from the day after the missed deadline, under the same rule — the law's
-- provision for this case was not found in the available text: [check].

alter table public.complaints add column decision_received_on date null;
comment on column public.complaints.decision_received_on is
  'First instance: the day the citizen received the decision (stated when appealing, corrected by staff). The second-instance window runs from it.';

-- Whether a first-instance complaint is past its deadline without a decision (Vietnam days).
create function private.complaints_first_instance_overdue(c public.complaints) returns boolean
language sql stable set search_path = '' as $$
  select c.kind = 'complaint' and c.instance = 1 and (
         (c.status = 'received' and c.in_competence is distinct from false and c.accept_due < private.vn_today())
      or (c.status in ('accepted', 'verifying', 'dialogue') and c.resolve_due < private.vn_today()))
$$;

-- The day the second-instance window runs from.
create function private.complaints_appeal_start(c public.complaints) returns date
language sql stable set search_path = '' as $$
  select case
    when c.status = 'resolved' then coalesce(c.decision_received_on, private.vn_date(c.resolved_at))
    when c.status = 'received' then c.accept_due + 1
    else c.resolve_due + 1
  end
$$;

-- The last day to appeal (deadline_rules: complaint, instance 2, file; the law version in force on
-- the day of the act complained about).
create function private.complaints_appeal_window(c public.complaints) returns date
language sql stable set search_path = '' as $$
  select public.complaint_deadline('complaint', 2::smallint, c.subject, 'file',
           private.complaints_appeal_start(c),
           coalesce(c.decision_date, c.learned_on, private.complaints_appeal_start(c)))
$$;
revoke all on function private.complaints_first_instance_overdue(public.complaints),
  private.complaints_appeal_start(public.complaints), private.complaints_appeal_window(public.complaints) from public;

create or replace function private.complaints_open_second_instance(
  p_parent uuid, p_content text, p_draft_key uuid, p_online boolean
) returns table (complaint_id uuid, code text, secret text, accept_due date, unit_name text)
language plpgsql security definer set search_path = '' as $$
declare
  c public.complaints;
  v_above public.units;
  v_new uuid := gen_random_uuid();
  v_today date := private.vn_today();
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
  -- Open to a first-instance decision, or to a first instance overdue and still unresolved.
  if c.instance <> 1 or not (c.status = 'resolved' or private.complaints_first_instance_overdue(c)) then
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
    v_window := private.complaints_appeal_window(c);
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
     private.complaints_appeal_start(c), v_content, c.request, v_due);
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

-- Staff record or correct the day the citizen received the first-instance decision.
create function public.set_decision_received_on(p_id uuid, p_date date, p_note text default null)
returns date language plpgsql security definer set search_path = '' as $$
declare
  c public.complaints := private.complaints_load(p_id);
begin
  if c.kind <> 'complaint' or c.instance <> 1 or c.status <> 'resolved' then
    raise exception using errcode = 'P0001', message = 'invalid_transition', detail = c.status;
  end if;
  if p_date is null or p_date < private.vn_date(c.resolved_at) or p_date > private.vn_today() then
    raise exception using errcode = 'P0001', message = 'received_on_invalid';
  end if;
  update public.complaints set decision_received_on = p_date, updated_at = now() where id = c.id;
  perform private.complaints_event(c.id, 'decision_received_on', false, null, jsonb_build_object('received_on', p_date));
  perform private.audit('complaint', c.id, c.unit_id, 'set_decision_received_on',
    jsonb_build_object('decision_received_on', c.decision_received_on), jsonb_build_object('decision_received_on', p_date),
    nullif(btrim(p_note), ''));
  c.decision_received_on := p_date;
  return private.complaints_appeal_window(c);
end
$$;
revoke all on function public.set_decision_received_on(uuid, date, text) from public, anon;
grant execute on function public.set_decision_received_on(uuid, date, text) to authenticated, service_role;

-- Citizens: the appeal may state the day the first decision was received (received_on). Same
-- replay behaviour as 20261207002010 (hashed key, encrypted reply, fresh for 24 h). The four-argument form is replaced (one function, so
-- PostgREST never has to choose between two).
drop function public.appeal_complaint_by_code(text, text, text, uuid);
create function public.appeal_complaint_by_code(code text, secret text, reasons text, draft_key uuid default null,
                                                received_on date default null)
returns table (complaint_id uuid, new_code text, new_secret text, accept_due date, unit_name text)
language plpgsql security definer set search_path = '' as $$
declare
  r record;
  s record;
  c public.complaints;
  v_reply jsonb;
begin
  select * into r from public.resolve_tracking_code(code, secret);
  if r.kind is distinct from 'complaint' or r.ref_id is null then
    return;
  end if;
  if draft_key is not null then
    v_reply := private.idem_replay('complaint_appeal', draft_key);
    if v_reply is not null then
      -- Only the holder of the first file's code + secret gets here, and only for its own appeal.
      if (select x.parent_id from public.complaints x where x.id = (v_reply ->> 'complaint_id')::uuid)
           is distinct from r.ref_id then
        return;
      end if;
      return query select (v_reply ->> 'complaint_id')::uuid, v_reply ->> 'new_code', v_reply ->> 'new_secret',
                          (v_reply ->> 'accept_due')::date, v_reply ->> 'unit_name';
      return;
    end if;
  end if;
  if received_on is not null then
    select * into c from public.complaints x where x.id = r.ref_id;
    if c.status = 'resolved' and c.decision_received_on is null then
      if received_on < private.vn_date(c.resolved_at) or received_on > private.vn_today() then
        raise exception using errcode = 'P0001', message = 'received_on_invalid';
      end if;
      update public.complaints x set decision_received_on = received_on where x.id = c.id;
      perform private.complaints_event(c.id, 'decision_received_on', false, null,
        jsonb_build_object('received_on', received_on, 'by', 'citizen'));
    end if;
  end if;
  select * into s from private.complaints_open_second_instance(r.ref_id, reasons, draft_key, true);
  if draft_key is not null then
    perform private.idem_store('complaint_appeal', draft_key, s.complaint_id, jsonb_build_object(
      'complaint_id', s.complaint_id, 'new_code', s.code, 'new_secret', s.secret,
      'accept_due', s.accept_due, 'unit_name', s.unit_name));
  end if;
  complaint_id := s.complaint_id;
  new_code := s.code;
  new_secret := s.secret;
  accept_due := s.accept_due;
  unit_name := s.unit_name;
  return next;
end
$$;
comment on function public.appeal_complaint_by_code is
  'Citizen appeals a first-instance complaint (decision received on received_on, or overdue and unresolved) to the unit above with the code + secret; returns the new file''s code and secret (again for a replay with the same draft_key). No row for a wrong code/secret.';
revoke execute on function public.appeal_complaint_by_code(text, text, text, uuid, date) from public;
grant execute on function public.appeal_complaint_by_code(text, text, text, uuid, date) to anon, authenticated, service_role;
