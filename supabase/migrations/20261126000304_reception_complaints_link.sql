-- Citizen reception → complaints: a petition received at the desk (outcome nhan_don) is
-- registered in the complaints module in the same transaction as the reception record, through
-- the complaints helper's public.submit_complaint(payload, idempotency_key) (migration
-- 20261126000204), so nothing is typed twice. The visit keeps the complaint's id and code.
--
-- Mapping: topic khieu_nai → complaint, to_cao → denunciation, kien_nghi / hoi_vu_viec → petition.
-- The record form supplies what a complaint needs beyond the visit: petition_request (what the
-- citizen asks, ≥ 5 characters), optional petition_content (defaults to the visit's content,
-- ≥ 20 characters), province/ward of residence (required for a denunciation), decision_number.
-- submit_complaint's own errors (invalid_content, invalid_request, invalid_filer.identity…)
-- abort the whole visit, so a failed registration never leaves a half-written record.

/** Registers a petition received at the desk in the complaints module. Returns {complaint_id, code}. */
create or replace function private.reception_register_petition(p_visit public.reception_visits, p_extra jsonb)
  returns jsonb language plpgsql security definer set search_path = '' as $$
declare
  v_kind text := case p_visit.topic when 'khieu_nai' then 'complaint' when 'to_cao' then 'denunciation' else 'petition' end;
  v_filer jsonb;
  v_payload jsonb;
  r record;
begin
  v_filer := jsonb_strip_nulls(jsonb_build_object(
    'full_name', p_visit.visitor_name, 'cccd', p_visit.visitor_cccd, 'phone', p_visit.visitor_phone,
    'province', nullif(btrim(coalesce(p_extra ->> 'province', '')), ''),
    'ward', nullif(btrim(coalesce(p_extra ->> 'ward', '')), ''),
    'address_line', p_visit.visitor_address
  ));
  v_payload := jsonb_strip_nulls(jsonb_build_object(
    'kind', v_kind,
    'subject', coalesce(nullif(p_extra ->> 'subject', ''), 'before_measure'),
    'unit_id', p_visit.unit_id,
    'filer_capacity', 'party',
    'is_group', p_visit.people_count >= 5,
    'case_number', p_visit.case_number,
    'decision_number', nullif(btrim(coalesce(p_extra ->> 'decision_number', '')), ''),
    'content', coalesce(nullif(btrim(coalesce(p_extra ->> 'petition_content', '')), ''), p_visit.content),
    'request', btrim(coalesce(p_extra ->> 'petition_request', '')),
    -- Consent given at the desk: the officer asks and records it on the form.
    'consent', coalesce((p_extra ->> 'consent')::boolean, false),
    'filer', v_filer,
    'representatives', (
      select coalesce(jsonb_agg(jsonb_build_object('full_name', x #>> '{}')), '[]'::jsonb)
      from jsonb_array_elements(p_visit.representatives) x
    )
  ));
  -- The visit id doubles as the idempotency key: one visit registers at most one petition.
  select * into r from public.submit_complaint(v_payload, p_visit.id);
  return jsonb_build_object('complaint_id', r.complaint_id, 'code', r.code);
end
$$;

-- record_reception_visit (first in 20261126000303) now passes the form's petition fields.
/** Writes the reception record (sổ tiếp công dân) for a booking or walk-in and closes it.
    payload: content, documents, outcome (huong_dan | nhan_don | chuyen_don | tu_choi),
    refusal_reason (tu_choi), forwarded_to (chuyen_don), note, with_head, and optional
    corrections of the visitor fields (full_name, cccd, address, people_count, representatives,
    topic, case_number); for nhan_don also petition_request, petition_content, province, ward,
    decision_number, subject, consent (see the header). Returns {visit_id, complaint_id,
    complaint_code}. */
create or replace function public.record_reception_visit(p_booking_id uuid, payload jsonb)
  returns jsonb language plpgsql security definer set search_path = '' as $$
declare
  b public.bookings;
  v_visitor jsonb;
  v_outcome text := coalesce(payload ->> 'outcome', '');
  v_reason text := nullif(payload ->> 'refusal_reason', '');
  v_forwarded text := nullif(btrim(coalesce(payload ->> 'forwarded_to', '')), '');
  v_content text := btrim(coalesce(payload ->> 'content', ''));
  v_visit public.reception_visits;
  v_staff_name text;
  v_link jsonb;
begin
  if jsonb_typeof(payload) is distinct from 'object' then
    raise exception using errcode = 'P0001', message = 'invalid_payload';
  end if;
  b := private.reception_desk_booking(p_booking_id);
  if b.status not in ('checked_in', 'waiting', 'in_progress') then
    raise exception using errcode = 'P0001', message = 'booking_wrong_state';
  end if;
  if not exists (select 1 from public.reception_outcomes o where o.code = v_outcome) then
    raise exception using errcode = 'P0001', message = 'invalid_outcome';
  end if;
  if v_outcome = 'tu_choi' and not exists (select 1 from public.reception_refusal_reasons r where r.code = v_reason) then
    raise exception using errcode = 'P0001', message = 'refusal_reason_required';
  end if;
  if v_outcome = 'chuyen_don' and v_forwarded is null then
    raise exception using errcode = 'P0001', message = 'forwarded_to_required';
  end if;
  if v_outcome <> 'tu_choi' then v_reason := null; end if;
  if length(v_content) < 1 or length(v_content) > 5000 then
    raise exception using errcode = 'P0001', message = 'invalid_content';
  end if;
  -- The visitor as recorded: the booking's data, corrected at the desk where the payload says so.
  v_visitor := private.reception_clean_visitor(
    jsonb_build_object(
      'full_name', b.full_name, 'phone', b.phone, 'cccd', b.cccd, 'address', b.address,
      'people_count', b.people_count, 'representatives', b.representatives, 'topic', b.topic,
      'case_number', b.case_number
    ) || jsonb_strip_nulls(jsonb_build_object(
      'full_name', nullif(payload ->> 'full_name', ''), 'cccd', payload -> 'cccd',
      'address', payload -> 'address', 'people_count', payload -> 'people_count',
      'representatives', payload -> 'representatives', 'topic', nullif(payload ->> 'topic', ''),
      'case_number', payload -> 'case_number'
    )),
    false
  );
  select s.full_name into v_staff_name from public.staff s where s.user_id = auth.uid();
  insert into public.reception_visits (
    unit_id, booking_id, day, received_by, received_by_name, with_head, visitor_name, visitor_phone,
    visitor_cccd, visitor_address, people_count, representatives, topic, case_number, content,
    documents, outcome, refusal_reason, forwarded_to, note
  ) values (
    b.unit_id, b.id, b.day, auth.uid(), coalesce(v_staff_name, ''),
    coalesce((payload ->> 'with_head')::boolean, b.with_head),
    v_visitor ->> 'full_name', v_visitor ->> 'phone', v_visitor ->> 'cccd', v_visitor ->> 'address',
    (v_visitor ->> 'people_count')::int, v_visitor -> 'representatives', v_visitor ->> 'topic',
    v_visitor ->> 'case_number', v_content, left(btrim(coalesce(payload ->> 'documents', '')), 2000),
    v_outcome, v_reason, v_forwarded, nullif(left(btrim(coalesce(payload ->> 'note', '')), 2000), '')
  ) returning * into v_visit;
  if v_outcome = 'nhan_don' then
    v_link := private.reception_register_petition(v_visit, payload);
    if v_link is not null then
      update public.reception_visits set complaint_id = (v_link ->> 'complaint_id')::uuid,
          complaint_code = v_link ->> 'code'
        where id = v_visit.id returning * into v_visit;
    end if;
  end if;
  update public.bookings set status = 'done', finished_at = now(), updated_at = now(),
      started_at = coalesce(started_at, now()), received_by = coalesce(received_by, auth.uid())
    where id = b.id;
  perform private.audit('reception_visit', v_visit.id, b.unit_id, 'record', null,
    jsonb_build_object('booking_id', b.id, 'outcome', v_outcome, 'refusal_reason', v_reason,
      'complaint_id', v_visit.complaint_id));
  perform private.audit('booking', b.id, b.unit_id, 'finish',
    jsonb_build_object('status', b.status), jsonb_build_object('status', 'done'));
  return jsonb_build_object('visit_id', v_visit.id, 'complaint_id', v_visit.complaint_id,
    'complaint_code', v_visit.complaint_code);
end
$$;

-- Keep the one-argument version (20261126000303) working for any caller: it now delegates.
create or replace function private.reception_register_petition(p_visit public.reception_visits)
  returns jsonb language plpgsql security definer set search_path = '' as $$
begin
  return private.reception_register_petition(p_visit, '{}'::jsonb);
end
$$;

revoke all on function private.reception_register_petition(public.reception_visits, jsonb) from public;
