

-- Raise the coded validation error used by submit_complaint: `invalid_<field>` (e.g.
-- invalid_content, invalid_filer.cccd, invalid_filer.identity); the app maps it to the field.
create function private.complaints_invalid(p_field text) returns void
language plpgsql set search_path = '' as $$
begin
  raise exception using errcode = 'P0001', message = 'invalid_' || p_field;
end
$$;

-- Trimmed text of a JSON field, null when empty.
create function private.complaints_txt(p jsonb, p_key text) returns text
language sql immutable set search_path = '' as $$
  select nullif(btrim(p ->> p_key), '')
$$;

-- Insert one party row from its JSON; validates what the database repeats of the zod schema.
create function private.complaints_add_party(p_complaint uuid, p_role text, p jsonb, p_order int) returns void
language plpgsql security definer set search_path = '' as $$
declare
  v_name text := private.complaints_txt(p, 'full_name');
  v_cccd text := private.complaints_txt(p, 'cccd');
  v_phone text := replace(private.complaints_txt(p, 'phone'), ' ', '');
begin
  if v_name is null or char_length(v_name) < 2 or char_length(v_name) > 200 then
    perform private.complaints_invalid(p_role || '.full_name');
  end if;
  if v_cccd is not null and v_cccd !~ '^[0-9]{12}$' then
    perform private.complaints_invalid(p_role || '.cccd');
  end if;
  if v_phone is not null and v_phone !~ '^(0[0-9]{9}|\+84[0-9]{9})$' then
    perform private.complaints_invalid(p_role || '.phone');
  end if;
  insert into public.complaint_parties
    (complaint_id, role, full_name, cccd, phone, email, province, ward, address_line, authorisation, sort_order)
  values
    (p_complaint, p_role, v_name, v_cccd, v_phone, private.complaints_txt(p, 'email'),
     private.complaints_txt(p, 'province'), private.complaints_txt(p, 'ward'),
     private.complaints_txt(p, 'address_line'), private.complaints_txt(p, 'authorisation'), p_order);
end
$$;

-- Append a status-history event; actor, unit and role come from the session.
create function private.complaints_event(
  p_complaint uuid, p_event text, p_visible boolean, p_note text default null, p_data jsonb default '{}'::jsonb
) returns void
language plpgsql security definer set search_path = '' as $$
declare
  v_status text;
  v_role text;
begin
  select status into v_status from public.complaints where id = p_complaint;
  select case
           when 'unit_head' = any (s.roles) then 'unit_head'
           when 'complaint_officer' = any (s.roles) then 'complaint_officer'
           when 'admin' = any (s.roles) then 'admin'
           else s.roles[1]
         end
    into v_role
    from public.staff s where s.user_id = auth.uid();
  insert into public.complaint_events
    (complaint_id, event, status_after, citizen_visible, public_note, data, actor_id, actor_unit_id, actor_role)
  values
    (p_complaint, p_event, v_status, p_visible, p_note, coalesce(p_data, '{}'::jsonb), auth.uid(),
     (select s.unit_id from public.staff s where s.user_id = auth.uid()), coalesce(v_role, 'citizen'));
end
$$;

-- Queue a message to the filer (email and/or SMS) if they gave contact details.
create function private.complaints_notify_filer(p_complaint uuid, p_template text, p_payload jsonb) returns void
language plpgsql security definer set search_path = '' as $$
declare
  p record;
begin
  select email, phone into p from public.complaint_parties
   where complaint_id = p_complaint and role = 'filer' order by sort_order limit 1;
  if p.email is not null then
    perform private.notify('email', p.email, p_template, p_payload);
  end if;
  if p.phone is not null then
    perform private.notify('sms', p.phone, p_template, p_payload);
  end if;
end
$$;

-- The file a code points to, following appeals: the latest instance in the chain.
create function private.complaints_latest(p_root uuid) returns uuid
language sql stable security definer set search_path = '' as $$
  with recursive chain as (
    select id, 1 as depth from public.complaints where id = p_root
    union all
    select c.id, chain.depth + 1 from public.complaints c join chain on c.parent_id = chain.id
  )
  select id from chain order by depth desc limit 1
$$;

-- Resolve a complaint code (raises the generic tracking_not_found for anything else).
-- The code + secret functions return null / no row for an unknown code, a wrong secret or a locked
-- code, and never raise: a raise would roll back public.resolve_tracking_code's failed-attempt
-- counter, and the 5-wrong-secrets lockout would not hold for direct RPC calls. The app maps null
-- to tracking_not_found.
create or replace function private.complaints_by_code(p_code text, p_secret text) returns uuid
language plpgsql security definer set search_path = '' as $$
declare
  r record;
begin
  select * into r from public.resolve_tracking_code(p_code, p_secret);
  if r.kind is distinct from 'complaint' or r.ref_id is null then
    return null; -- never raise here: the failed-attempt counter must be committed
  end if;
  return private.complaints_latest(r.ref_id);
end
$$;

/*
 * submit_complaint: a citizen files a complaint, denunciation or petition.
 * payload: { kind, subject, unit_id, filer_capacity, via_representative, is_group,
 *   decision_number, decision_date, enforcement_officer, case_number, learned_on, content,
 *   request, consent, send_receipt, draft_key, filer{full_name,cccd,phone,email,province,ward,
 *   address_line}, represented{…, authorisation}, co_filers[…], representatives[…] }
 * Idempotent on p_idempotency_key: a repeated call returns the same code and secret (replayed).
 */
-- Records the consent (private.record_consent) and keeps the reply for a repeated key
-- (private.idem_*).
create or replace function public.submit_complaint(payload jsonb, idempotency_key uuid)
returns table (code text, secret text, complaint_id uuid, accept_due date, replayed boolean)
language plpgsql security definer set search_path = '' as $$
declare
  p jsonb := payload;
  v_key uuid := idempotency_key;
  v_reply jsonb;
  v_id uuid := gen_random_uuid();
  v_kind text := private.complaints_txt(payload, 'kind');
  v_subject text := coalesce(private.complaints_txt(payload, 'subject'), 'before_measure');
  v_unit uuid;
  v_unit_row record;
  v_filer jsonb := payload -> 'filer';
  v_due date;
  v_today date := private.complaints_today();
  v_code text;
  v_secret text;
  v_item jsonb;
  v_i int := 0;
  v_files int;
begin
  if v_key is null then
    perform private.complaints_invalid('idempotency_key');
  end if;

  -- A replay of the same submission (offline outbox, double click, lost response) while fresh;
  -- the lock makes a concurrent duplicate wait for the first and then answer from its reply.
  v_reply := private.idem_replay('complaint', v_key);
  if v_reply is not null then
    return query select v_reply ->> 'code', v_reply ->> 'secret', (v_reply ->> 'complaint_id')::uuid,
                        (v_reply ->> 'accept_due')::date, true;
    return;
  end if;

  if p is null or jsonb_typeof(p) <> 'object' then
    perform private.complaints_invalid('payload');
  end if;
  if v_kind is null or v_kind not in ('complaint', 'denunciation', 'petition') then
    perform private.complaints_invalid('kind');
  end if;
  if v_subject not in ('before_measure', 'account_freeze', 'protective_measure', 'coercion') then
    perform private.complaints_invalid('subject');
  end if;
  if coalesce((p ->> 'consent')::boolean, false) is not true then
    perform private.complaints_invalid('consent');
  end if;
  begin
    v_unit := (p ->> 'unit_id')::uuid;
  exception when others then
    perform private.complaints_invalid('unit_id');
  end;
  select id, name, email into v_unit_row from public.units
   where id = v_unit and (valid_to is null or valid_to >= v_today);
  if v_unit_row.id is null then
    perform private.complaints_invalid('unit_id');
  end if;
  if char_length(coalesce(btrim(p ->> 'content'), '')) not between 20 and 10000 then
    perform private.complaints_invalid('content');
  end if;
  if char_length(coalesce(btrim(p ->> 'request'), '')) not between 5 and 5000 then
    perform private.complaints_invalid('request');
  end if;
  if v_filer is null or jsonb_typeof(v_filer) <> 'object' then
    perform private.complaints_invalid('filer');
  end if;
  -- Luật Tố cáo 2018 Điều 23: a denunciation states the denouncer's name and address; anonymous
  -- letters are not handled as denunciations (the form offers the petition path instead).
  if v_kind = 'denunciation' and (
       private.complaints_txt(v_filer, 'full_name') is null
       or (private.complaints_txt(v_filer, 'cccd') is null and private.complaints_txt(v_filer, 'phone') is null)
       or private.complaints_txt(v_filer, 'province') is null) then
    perform private.complaints_invalid('filer.identity');
  end if;
  if (p ->> 'learned_on') is not null and (p ->> 'learned_on')::date > v_today then
    perform private.complaints_invalid('learned_on');
  end if;
  if (p ->> 'decision_date') is not null and (p ->> 'decision_date')::date > v_today then
    perform private.complaints_invalid('decision_date');
  end if;

  -- Rate limit (after the replay above, so resending the same submission never counts, and after
  -- validation, so a typo does not use up an attempt). Raising here rolls back only this hit.
  perform private.complaints_submit_rate_limit(v_filer, null);

  v_due := public.complaint_deadline(v_kind, 1::smallint, v_subject, 'accept', v_today);

  insert into public.complaints
    (id, kind, instance, unit_id, status, subject, is_group, filer_capacity, via_representative,
     decision_number, decision_date, enforcement_officer, case_number, learned_on, content, request,
     accept_due)
  values
    (v_id, v_kind, 1, v_unit, 'received', v_subject,
     coalesce((p ->> 'is_group')::boolean, false),
     coalesce(private.complaints_txt(p, 'filer_capacity'), 'party'),
     coalesce((p ->> 'via_representative')::boolean, false),
     private.complaints_txt(p, 'decision_number'), (p ->> 'decision_date')::date,
     private.complaints_txt(p, 'enforcement_officer'), private.complaints_txt(p, 'case_number'),
     (p ->> 'learned_on')::date, btrim(p ->> 'content'), btrim(p ->> 'request'),
     v_due);

  perform private.complaints_add_party(v_id, 'filer', v_filer, 0);
  if coalesce((p ->> 'via_representative')::boolean, false) then
    if p -> 'represented' is null or jsonb_typeof(p -> 'represented') <> 'object' then
      perform private.complaints_invalid('represented');
    end if;
    perform private.complaints_add_party(v_id, 'represented', p -> 'represented', 0);
  end if;
  if jsonb_typeof(p -> 'co_filers') = 'array' then
    if jsonb_array_length(p -> 'co_filers') > 200 then
      perform private.complaints_invalid('co_filers');
    end if;
    for v_item in select * from jsonb_array_elements(p -> 'co_filers') loop
      v_i := v_i + 1;
      perform private.complaints_add_party(v_id, 'co_filer', v_item, v_i);
    end loop;
  end if;
  if jsonb_typeof(p -> 'representatives') = 'array' then
    v_i := 0;
    for v_item in select * from jsonb_array_elements(p -> 'representatives') loop
      v_i := v_i + 1;
      perform private.complaints_add_party(v_id, 'representative', v_item, v_i);
    end loop;
  end if;

  -- Attachments uploaded while the form was a draft.
  if private.complaints_txt(p, 'draft_key') is not null then
    update public.attachments a
       set owner_id = v_id, draft_key = null, unit_id = v_unit
     where a.draft_key = (p ->> 'draft_key')::uuid and a.owner_kind = 'complaint' and a.owner_id is null;
    get diagnostics v_files = row_count;
    if v_files > 10 then
      perform private.complaints_invalid('attachments');
    end if;
  end if;

  select i.code, i.secret into v_code, v_secret from private.issue_tracking_code('complaint', v_id) i;
  -- Luật BVDLCN 91/2025/QH15: keep the proof of consent (purpose, notice version, time, how).
  perform private.record_consent('complaint', v_id, v_unit, 'complaint_handling',
                                 private.complaints_txt(p, 'notice_version'));
  update public.complaints set tracking_code = v_code where id = v_id;
  perform private.idem_store('complaint', v_key, v_id,
    jsonb_build_object('code', v_code, 'secret', v_secret, 'complaint_id', v_id, 'accept_due', v_due));

  perform private.complaints_event(v_id, 'submitted', true, null, jsonb_build_object('accept_due', v_due));
  perform private.audit('complaint', v_id, v_unit, 'submit', null,
                        jsonb_build_object('kind', v_kind, 'status', 'received', 'accept_due', v_due), null);
  perform private.complaints_notify_filer(v_id, 'complaint_received',
    jsonb_build_object('code', v_code, 'kind', v_kind, 'unit_name', v_unit_row.name, 'accept_due', v_due)
    || case when coalesce((p ->> 'send_receipt')::boolean, false)
            then jsonb_build_object('secret', v_secret) else '{}'::jsonb end);
  if v_unit_row.email is not null then
    perform private.notify('email', v_unit_row.email, 'complaint_new_for_unit',
      jsonb_build_object('code', v_code, 'kind', v_kind, 'accept_due', v_due));
  end if;

  return query select v_code, v_secret, v_id, v_due, false;
end
$$;
comment on function public.submit_complaint is 'Citizen files a complaint/denunciation/petition; idempotent on the key; returns tracking code + secret (once, or again on replay).';

-- What the citizen may see of their file (JSON for the tracking page).
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

-- Citizen: read one's file by code + secret.
create or replace function public.get_complaint_by_code(code text, secret text) returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  v_id uuid := private.complaints_by_code(code, secret);
begin
  if v_id is null then
    return null;
  end if;
  return private.complaints_citizen_view(v_id);
end
$$;
comment on function public.get_complaint_by_code is 'Citizen view of a complaint file (citizen-visible events, access log by unit/role, attachments); generic tracking_not_found otherwise.';

-- Citizen: the storage path of one attachment of one's file, for the server to sign a URL.
create or replace function public.get_complaint_attachment_by_code(code text, secret text, attachment_id uuid)
returns table (bucket text, path text, file_name text, mime_type text)
language plpgsql security definer set search_path = '' as $$
declare
  v_id uuid := private.complaints_by_code(code, secret);
begin
  if v_id is null then
    return; -- no row: same answer as an unknown attachment
  end if;
  return query
    select a.bucket, a.path, a.file_name, a.mime_type from public.attachments a
     where a.id = attachment_id and a.owner_kind = 'complaint' and not a.is_internal
       and a.owner_id in (v_id, (select parent_id from public.complaints where id = v_id));
  if not found then
    raise exception using errcode = 'P0001', message = 'attachment_not_found';
  end if;
end
$$;

-- Citizen: withdraw (rút đơn). Allowed while the file is open.
create or replace function public.withdraw_complaint_by_code(code text, secret text, reason text default null)
returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  v_id uuid := private.complaints_by_code(code, secret);
  c public.complaints;
begin
  if v_id is null then
    return null;
  end if;
  select * into c from public.complaints where id = v_id for update;
  if c.status not in ('received', 'accepted', 'verifying', 'dialogue') then
    raise exception using errcode = 'P0001', message = 'invalid_transition';
  end if;
  update public.complaints set status = 'withdrawn', closed_at = now(), info_request = null, updated_at = now()
   where id = v_id;
  perform private.complaints_event(v_id, 'withdrawn', true, left(nullif(btrim(reason), ''), 1000),
                                   jsonb_build_object('by', 'citizen'));
  perform private.audit('complaint', v_id, c.unit_id, 'withdraw_by_citizen',
                        jsonb_build_object('status', c.status), jsonb_build_object('status', 'withdrawn'), null);
  return private.complaints_citizen_view(v_id);
end
$$;

-- Citizen: add documents (uploaded under p_draft_key) and/or answer a request for information.
create or replace function public.add_complaint_documents_by_code(code text, secret text, draft_key uuid, message text default null)
returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  v_id uuid := private.complaints_by_code(code, secret);
  c public.complaints;
  v_files int := 0;
  v_total int;
  v_msg text := left(nullif(btrim(message), ''), 5000);
begin
  if v_id is null then
    return null;
  end if;
  select * into c from public.complaints where id = v_id for update;
  if c.status not in ('received', 'accepted', 'verifying', 'dialogue') then
    raise exception using errcode = 'P0001', message = 'invalid_transition';
  end if;
  if draft_key is not null then
    update public.attachments a set owner_id = v_id, draft_key = null, unit_id = c.unit_id
     where a.draft_key = add_complaint_documents_by_code.draft_key and a.owner_kind = 'complaint' and a.owner_id is null;
    get diagnostics v_files = row_count;
  end if;
  select count(*) into v_total from public.attachments where owner_kind = 'complaint' and owner_id = v_id;
  if v_total > 30 then
    raise exception using errcode = 'P0001', message = 'too_many_attachments';
  end if;
  if v_files = 0 and v_msg is null then
    raise exception using errcode = 'P0001', message = 'invalid_message';
  end if;
  if c.info_request is not null then
    update public.complaints set info_request = null, updated_at = now() where id = v_id;
    perform private.complaints_event(v_id, 'info_provided', true, v_msg, jsonb_build_object('files', v_files));
  else
    perform private.complaints_event(v_id, 'documents_added', true, v_msg, jsonb_build_object('files', v_files));
  end if;
  perform private.audit('complaint', v_id, c.unit_id, 'citizen_added_documents', null,
                        jsonb_build_object('files', v_files, 'answered_request', c.info_request is not null), null);
  return private.complaints_citizen_view(v_id);
end
$$;

revoke execute on function public.submit_complaint(jsonb, uuid) from public;
revoke execute on function public.get_complaint_by_code(text, text) from public;
revoke execute on function public.get_complaint_attachment_by_code(text, text, uuid) from public;
revoke execute on function public.withdraw_complaint_by_code(text, text, text) from public;
revoke execute on function public.add_complaint_documents_by_code(text, text, uuid, text) from public;
grant execute on function public.submit_complaint(jsonb, uuid) to anon, authenticated, service_role;
grant execute on function public.get_complaint_by_code(text, text) to anon, authenticated, service_role;
grant execute on function public.get_complaint_attachment_by_code(text, text, uuid) to anon, authenticated, service_role;
grant execute on function public.withdraw_complaint_by_code(text, text, text) to anon, authenticated, service_role;
grant execute on function public.add_complaint_documents_by_code(text, text, uuid, text) to anon, authenticated, service_role;

-- Private helpers are never callable by API roles directly.
revoke execute on function private.complaints_invalid(text), private.complaints_txt(jsonb, text),
  private.complaints_add_party(uuid, text, jsonb, int), private.complaints_event(uuid, text, boolean, text, jsonb),
  private.complaints_notify_filer(uuid, text, jsonb), private.complaints_latest(uuid),
  private.complaints_by_code(text, text), private.complaints_citizen_view(uuid) from public;
