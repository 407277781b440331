-- Personal data 4/5 (issue 12 item 13; Luật BVDLCN 91/2025/QH15, rights of the data subject to
-- obtain their data and to ask for its deletion): with code + secret, the citizen
--   * downloads what the agency holds about them for that file: get_my_data_by_code() — the
--     personal data of the file, the events the citizen may see, the list of attachments (names,
--     not contents), who opened the file, the consent given, the retention rule and any erasure
--     request. Internal notes and internal files are not in it (they are not the citizen's data
--     and would bypass the seal of rule 8);
--   * asks for erasure: request_erasure_by_code() — allowed only for a closed file past its legal
--     hold (retention_rules.hold_months after closure); otherwise the answer says why not
--     (file_open, legal_hold with the date, already_erased). An allowed request is recorded for
--     the unit (erasure_requests); a unit head or admin carries it out with carry_out_erasure(),
--     which anonymises through the same private.erase_personal_data as the retention job.
-- Both go through public.resolve_tracking_code, so wrong secrets are counted and locked as on
-- every other code lookup.

create table public.erasure_requests (
  id uuid primary key default gen_random_uuid(),
  record_kind text not null check (record_kind in ('complaint', 'booking', 'application')),
  record_id uuid not null,
  unit_id uuid not null references public.units (id),
  requested_at timestamptz not null default now(),
  reason text null check (length(reason) <= 1000),
  status text not null default 'pending' check (status in ('pending', 'done')),
  handled_at timestamptz null,
  handled_by uuid null
);
comment on table public.erasure_requests is
  'Citizens'' requests to erase the personal data of a closed file past its legal hold (Luật BVDLCN 91/2025/QH15). Staff who may read the file read it; written by request_erasure_by_code() and carry_out_erasure().';
create unique index erasure_requests_one_pending on public.erasure_requests (record_kind, record_id)
  where status = 'pending';
create index erasure_requests_unit_idx on public.erasure_requests (unit_id, status);
alter table public.erasure_requests enable row level security;
-- The subqueries run under the caller's row-level security: whoever may read the file reads the request.
create policy "Staff can read erasure requests of files they can read"
  on public.erasure_requests for select to authenticated
  using (
    (record_kind = 'complaint' and exists (select 1 from public.complaints c where c.id = record_id))
    or (record_kind = 'booking' and exists (select 1 from public.bookings b where b.id = record_id))
    or (record_kind = 'application' and exists (select 1 from public.applications a where a.id = record_id))
  );
revoke all on public.erasure_requests from anon;
revoke insert, update, delete, truncate on public.erasure_requests from authenticated;
grant select on public.erasure_requests to authenticated;
grant all on public.erasure_requests to service_role;

-- Status, unit and closure time of a record ('closed_at' null while open).
create function private.record_closure(p_kind text, p_id uuid,
  out status text, out unit_id uuid, out closed_at timestamptz, out erased boolean)
language plpgsql stable security definer set search_path = '' as $$
begin
  if p_kind = 'complaint' then
    select c.status, c.unit_id,
           case when s.category <> 'open' then coalesce(c.closed_at, c.resolved_at, c.updated_at) end,
           c.personal_data_erased_at is not null
      into status, unit_id, closed_at, erased
      from public.complaints c join public.complaint_statuses s on s.code = c.status where c.id = p_id;
  elsif p_kind = 'booking' then
    select b.status, b.unit_id,
           case when s.category = 'closed' then coalesce(b.finished_at, b.cancelled_at, b.ends_at, b.updated_at) end,
           b.personal_data_erased_at is not null
      into status, unit_id, closed_at, erased
      from public.bookings b join public.booking_statuses s on s.code = b.status where b.id = p_id;
  elsif p_kind = 'application' then
    select a.status, a.unit_id,
           case when s.category in ('done', 'closed') and a.status in ('returned', 'refused')
                then coalesce(a.returned_at, a.refused_at, a.completed_at, a.updated_at) end,
           a.personal_data_erased_at is not null
      into status, unit_id, closed_at, erased
      from public.applications a join public.application_statuses s on s.code = a.status where a.id = p_id;
  end if;
end
$$;
revoke all on function private.record_closure(text, uuid) from public, anon, authenticated;

/**
 * Everything held about the citizen in the file behind code + secret, as one JSON document;
 * null for a wrong code or secret.
 */
create function public.get_my_data_by_code(code text, secret text)
returns jsonb language plpgsql volatile security definer set search_path = '' as $$
declare
  r record;
  v_code text;
  v_record jsonb;
  v_people jsonb := '[]'::jsonb;
  v_events jsonb;
  v_files jsonb;
  v_log jsonb;
  v_consents jsonb;
  v_rule jsonb;
  v_erasure jsonb;
  c record;
begin
  select * into r from public.resolve_tracking_code(code, secret);
  if r.ref_id is null then
    return null;
  end if;
  select t.code into v_code from public.tracking_codes t where t.kind = r.kind and t.ref_id = r.ref_id;
  select * into c from private.record_closure(r.kind, r.ref_id);

  if r.kind = 'complaint' then
    select jsonb_build_object(
             'kind', x.kind, 'instance', x.instance, 'unit', u.name, 'status', x.status,
             'subject', x.subject, 'received_at', x.received_at, 'decision_number', x.decision_number,
             'decision_date', x.decision_date, 'case_number', x.case_number, 'learned_on', x.learned_on,
             'content', x.content, 'request', x.request, 'outcome', x.outcome,
             'closed_at', coalesce(x.closed_at, x.resolved_at))
      into v_record
      from public.complaints x join public.units u on u.id = x.unit_id where x.id = r.ref_id;
    select coalesce(jsonb_agg(jsonb_strip_nulls(jsonb_build_object(
             'role', p.role, 'full_name', p.full_name, 'cccd', p.cccd, 'phone', p.phone,
             'email', p.email, 'province', p.province, 'ward', p.ward, 'address', p.address_line,
             'authorisation', p.authorisation)) order by p.role, p.sort_order), '[]')
      into v_people from public.complaint_parties p where p.complaint_id = r.ref_id;
    select coalesce(jsonb_agg(jsonb_strip_nulls(jsonb_build_object(
             'at', e.occurred_at, 'event', e.event, 'status', e.status_after, 'note', e.public_note))
             order by e.occurred_at, e.id), '[]')
      into v_events from public.complaint_events e
     where e.complaint_id = r.ref_id and e.citizen_visible;
  elsif r.kind = 'booking' then
    select jsonb_strip_nulls(jsonb_build_object(
             'unit', u.name, 'status', b.status, 'channel', b.channel, 'day', b.day,
             'starts_at', b.starts_at, 'full_name', b.full_name, 'phone', b.phone, 'email', b.email,
             'cccd', b.cccd, 'address', b.address, 'people_count', b.people_count,
             'representatives', b.representatives, 'topic', b.topic, 'case_number', b.case_number,
             'summary', b.summary, 'booked_at', b.created_at, 'checked_in_at', b.checked_in_at,
             'finished_at', b.finished_at, 'cancelled_at', b.cancelled_at))
      into v_record
      from public.bookings b join public.units u on u.id = b.unit_id where b.id = r.ref_id;
    v_events := '[]'::jsonb;
  else
    select jsonb_strip_nulls(jsonb_build_object(
             'procedure', v.name_vi, 'unit', u.name, 'status', a.status, 'channel', a.channel,
             'full_name', a.applicant_name, 'cccd', a.applicant_cccd, 'phone', a.applicant_phone,
             'email', a.applicant_email, 'address', a.applicant_address, 'answers', a.answers,
             'received_at', a.received_at, 'due_date', a.due_date, 'completed_at', a.completed_at,
             'returned_at', a.returned_at, 'refused_at', a.refused_at, 'rating', a.rating,
             'rating_comment', a.rating_comment))
      into v_record
      from public.applications a join public.units u on u.id = a.unit_id
      join public.procedure_versions v on v.id = a.procedure_version_id
     where a.id = r.ref_id;
    select coalesce(jsonb_agg(jsonb_strip_nulls(jsonb_build_object(
             'at', e.occurred_at, 'event', e.kind, 'status', e.status, 'note', e.note))
             order by e.occurred_at, e.id), '[]')
      into v_events from public.application_events e
     where e.application_id = r.ref_id and e.is_public;
  end if;

  select coalesce(jsonb_agg(jsonb_build_object(
           'file_name', f.file_name, 'type', f.mime_type, 'size_bytes', f.size_bytes,
           'uploaded_at', f.uploaded_at) order by f.uploaded_at), '[]')
    into v_files from public.attachments f
   where not f.is_internal
     and ((f.owner_kind = r.kind and f.owner_id = r.ref_id)
          or (r.kind = 'application' and exists (
                select 1 from public.application_documents d
                 where d.application_id = r.ref_id and d.attachment_id = f.id)));

  if r.kind = 'complaint' then
    select coalesce(jsonb_agg(jsonb_build_object('at', l.opened_at, 'unit', u.name, 'role', l.role,
             'what', l.what) order by l.opened_at desc), '[]')
      into v_log from public.complaint_access_log l left join public.units u on u.id = l.unit_id
     where l.complaint_id = r.ref_id;
  else
    select coalesce(jsonb_agg(jsonb_build_object('at', l.opened_at, 'unit', u.name, 'role', l.role,
             'what', l.what) order by l.opened_at desc), '[]')
      into v_log from public.record_access_log l left join public.units u on u.id = l.unit_id
     where l.record_kind = r.kind and l.record_id = r.ref_id;
  end if;

  select coalesce(jsonb_agg(jsonb_build_object('purpose', k.purpose, 'notice_version', k.notice_version,
           'method', k.method, 'given_at', k.given_at)), '[]')
    into v_consents from public.personal_data_consents k
   where k.record_kind = r.kind and k.record_id = r.ref_id;

  select jsonb_build_object('retention_months', x.retention_months, 'hold_months', x.hold_months,
           'action', x.action, 'legal_basis', x.legal_basis, 'confirmed', x.is_confirmed)
    into v_rule from public.retention_rules x
   where x.record_kind = r.kind and x.closed_status = c.status;

  select coalesce(jsonb_agg(jsonb_build_object('requested_at', q.requested_at, 'status', q.status,
           'handled_at', q.handled_at) order by q.requested_at), '[]')
    into v_erasure from public.erasure_requests q
   where q.record_kind = r.kind and q.record_id = r.ref_id;

  return jsonb_build_object(
    'generated_at', now(), 'controller', 'Cơ quan thi hành án dân sự',
    'kind', r.kind, 'code', v_code, 'record', v_record, 'people', v_people, 'events', v_events,
    'attachments', v_files, 'access_log', v_log, 'consents', v_consents,
    'retention', v_rule, 'erasure_requests', v_erasure,
    'personal_data_erased', coalesce(c.erased, false));
end
$$;
revoke all on function public.get_my_data_by_code(text, text) from public;
grant execute on function public.get_my_data_by_code(text, text) to anon, authenticated, service_role;

/**
 * The citizen asks to erase the personal data of the file behind code + secret. Returns
 * {status: 'recorded' | 'refused' | 'already_requested', reason?: 'file_open' | 'legal_hold' |
 * 'already_erased', hold_until?: date}; null for a wrong code or secret.
 */
create function public.request_erasure_by_code(code text, secret text, reason text default null)
returns jsonb language plpgsql volatile security definer set search_path = '' as $$
declare
  r record;
  c record;
  v_rule public.retention_rules;
  v_until date;
begin
  select * into r from public.resolve_tracking_code(code, secret);
  if r.ref_id is null then
    return null;
  end if;
  select * into c from private.record_closure(r.kind, r.ref_id);
  if c.erased then
    return jsonb_build_object('status', 'refused', 'reason', 'already_erased');
  end if;
  if c.closed_at is null then
    return jsonb_build_object('status', 'refused', 'reason', 'file_open');
  end if;
  select * into v_rule from public.retention_rules x
   where x.record_kind = r.kind and x.closed_status = c.status;
  if v_rule.record_kind is null then
    return jsonb_build_object('status', 'refused', 'reason', 'file_open');
  end if;
  -- Until the hold ends the file must be kept (appeal, lawsuit, archives): say until when. With
  -- no hold set, the data is kept for the whole retention period.
  v_until := private.vn_date(c.closed_at
               + make_interval(months => coalesce(v_rule.hold_months, v_rule.retention_months)));
  if v_until > private.vn_today() then
    return jsonb_build_object('status', 'refused', 'reason', 'legal_hold', 'hold_until', v_until);
  end if;
  if exists (select 1 from public.erasure_requests q
              where q.record_kind = r.kind and q.record_id = r.ref_id and q.status = 'pending') then
    return jsonb_build_object('status', 'already_requested');
  end if;
  insert into public.erasure_requests (record_kind, record_id, unit_id, reason)
  values (r.kind, r.ref_id, c.unit_id, nullif(btrim(left(request_erasure_by_code.reason, 1000)), ''));
  perform private.audit(r.kind, r.ref_id, c.unit_id, 'erasure_requested', null, null, null);
  return jsonb_build_object('status', 'recorded');
end
$$;
revoke all on function public.request_erasure_by_code(text, text, text) from public;
grant execute on function public.request_erasure_by_code(text, text, text) to anon, authenticated, service_role;

/** A unit head or admin carries out a pending erasure request: the file is anonymised. */
create function public.carry_out_erasure(p_request_id uuid)
returns void language plpgsql volatile security definer set search_path = '' as $$
declare
  q public.erasure_requests;
begin
  select * into q from public.erasure_requests x where x.id = p_request_id for update;
  if q.id is null or not private.can_see_unit(q.unit_id)
     or not (private.has_role('unit_head') or private.has_role('admin')) then
    raise exception using errcode = 'P0001', message = 'not_allowed';
  end if;
  if q.status <> 'pending' then
    raise exception using errcode = 'P0001', message = 'erasure_not_pending';
  end if;
  perform private.erase_personal_data(q.record_kind, q.record_id, 'anonymise', 'erasure_request');
  update public.erasure_requests set status = 'done', handled_at = now(), handled_by = auth.uid()
   where id = q.id;
end
$$;
revoke all on function public.carry_out_erasure(uuid) from public, anon;
grant execute on function public.carry_out_erasure(uuid) to authenticated, service_role;
