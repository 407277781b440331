-- Denunciations at the reception desk (issue 12 item 6).
--
-- Before: a visit about a denunciation (topic to_cao) kept the visitor's name, CCCD, phone,
-- address, what they said, the documents and the KN code in reception_visits — read by every
-- reception officer of the unit and exported in so.csv — and the walk-in booking kept the same
-- identity. A petition registered at the desk discarded its secret, so the citizen could not track it.
--
-- Now:
--   * A visit with topic to_cao is sealed (reception_visits.identity_sealed, set by a trigger,
--     never cleared): the row keeps unit, day, officer, topic, outcome, people count and the
--     complaint id (for the figures), and nothing that identifies the visitor or what they said.
--     The identity and the text go into private.reception_sealed_visitors (no API access); the
--     unit head reads them through get_sealed_reception_visitor(), audited. When the petition is
--     registered, the complaints module holds it sealed like any denunciation.
--   * The booking behind a sealed visit loses the visitor's identity too (name replaced by
--     "(bảo mật)", CCCD, address, e-mail, summary, case number cleared, representatives masked;
--     the phone of an online booking stays — the table requires one — and is cleared for a walk-in).
--   * record_reception_visit returns complaint_secret with complaint_code for a petition
--     registered at the desk: the officer hands both over once; neither is kept in the record
--     of a sealed visit.

alter table public.reception_visits
  add column identity_sealed boolean not null default false;
alter table public.reception_visits alter column visitor_name drop not null;
comment on column public.reception_visits.identity_sealed is
  'A denunciation (topic to_cao) at the desk: the visitor''s identity, words, documents, case number, note and KN code are kept only in private.reception_sealed_visitors (unit head, audited). Never cleared.';
comment on table public.reception_visits is
  'Sổ tiếp công dân: one row per visit. Read by reception staff, heads and admins of a visible unit; written by record_reception_visit(). A sealed visit (denunciation) holds no identity.';

create table private.reception_sealed_visitors (
  visit_id uuid primary key,
  full_name text null,
  phone text null,
  cccd text null,
  address text null,
  representatives jsonb null,
  case_number text null,
  content text null,
  documents text null,
  note text null,
  complaint_code text null,
  created_at timestamptz not null default now()
);
comment on table private.reception_sealed_visitors is
  'Identity and words of a denouncer received at the desk (sealed reception_visits rows). Functions only: get_sealed_reception_visitor() for unit heads and admins, audited.';
alter table private.reception_sealed_visitors enable row level security;
revoke all on private.reception_sealed_visitors from public, anon, authenticated;

create function private.reception_seal_visit() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if tg_op = 'UPDATE' and old.identity_sealed then
    new.identity_sealed := true;
  else
    new.identity_sealed := new.topic = 'to_cao' or coalesce(new.identity_sealed, false);
  end if;
  if not new.identity_sealed then
    return new;
  end if;
  insert into private.reception_sealed_visitors as s
    (visit_id, full_name, phone, cccd, address, representatives, case_number, content, documents, note, complaint_code)
  values (new.id, new.visitor_name, new.visitor_phone, new.visitor_cccd, new.visitor_address,
          nullif(new.representatives, '[]'::jsonb), new.case_number,
          nullif(new.content, '(bảo mật)'), nullif(new.documents, ''), new.note, new.complaint_code)
  on conflict (visit_id) do update set
    full_name = coalesce(excluded.full_name, s.full_name),
    phone = coalesce(excluded.phone, s.phone),
    cccd = coalesce(excluded.cccd, s.cccd),
    address = coalesce(excluded.address, s.address),
    representatives = coalesce(excluded.representatives, s.representatives),
    case_number = coalesce(excluded.case_number, s.case_number),
    content = coalesce(excluded.content, s.content),
    documents = coalesce(excluded.documents, s.documents),
    note = coalesce(excluded.note, s.note),
    complaint_code = coalesce(excluded.complaint_code, s.complaint_code);
  new.visitor_name := null;
  new.visitor_phone := null;
  new.visitor_cccd := null;
  new.visitor_address := null;
  new.representatives := '[]'::jsonb;
  new.case_number := null;
  new.content := '(bảo mật)';
  new.documents := '';
  new.note := null;
  new.complaint_code := null;
  return new;
end
$$;
revoke execute on function private.reception_seal_visit() from public, anon, authenticated;
create trigger reception_visits_seal
  before insert or update on public.reception_visits
  for each row execute function private.reception_seal_visit();

-- The booking behind a sealed visit keeps no identity either.
create function private.reception_seal_booking() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if new.identity_sealed and new.booking_id is not null then
    update public.bookings b
       set full_name = '(bảo mật)',
           phone = case when b.channel = 'walk_in' then null else b.phone end,
           email = null, cccd = null, address = null, summary = null, case_number = null,
           representatives = (select coalesce(jsonb_agg(to_jsonb('(bảo mật)'::text)), '[]'::jsonb)
                                from jsonb_array_elements(b.representatives)),
           updated_at = now()
     where b.id = new.booking_id;
  end if;
  return null;
end
$$;
revoke execute on function private.reception_seal_booking() from public, anon, authenticated;
create trigger reception_visits_seal_booking
  after insert or update of identity_sealed, booking_id on public.reception_visits
  for each row execute function private.reception_seal_booking();

-- Existing denunciation visits: seal them (the trigger moves their identity).
update public.reception_visits set identity_sealed = true where topic = 'to_cao';

/** Registers a petition received at the desk (20261126000304) and now also returns its secret,
    for the officer to hand over: {complaint_id, code, secret}. p_visit carries the visitor's
    identity as given at the desk (not as stored: a sealed visit stores none). */
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
    'consent', coalesce((p_extra ->> 'consent')::boolean, false),
    'filer', v_filer,
    'representatives', (
      select coalesce(jsonb_agg(jsonb_build_object('full_name', x #>> '{}')), '[]'::jsonb)
      from jsonb_array_elements(p_visit.representatives) x
    )
  ));
  -- The visit id doubles as the idempotency key: one visit registers at most one petition.
  select * into r from public.submit_complaint(v_payload, p_visit.id);
  return jsonb_build_object('complaint_id', r.complaint_id, 'code', r.code, 'secret', r.secret);
end
$$;
revoke all on function private.reception_register_petition(public.reception_visits, jsonb) from public;

/** Writes the reception record (20261126000304) for a booking or walk-in and closes it. A
    denunciation's record is sealed by the trigger above. Returns {visit_id, complaint_id,
    complaint_code, complaint_secret}: code and secret of a petition registered here, to hand to
    the citizen (shown once; the secret is not stored in clear anywhere). */
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
  v_given public.reception_visits;
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
    -- The petition is filed with the identity as given at the desk, not as stored.
    v_given := v_visit;
    v_given.visitor_name := v_visitor ->> 'full_name';
    v_given.visitor_phone := v_visitor ->> 'phone';
    v_given.visitor_cccd := v_visitor ->> 'cccd';
    v_given.visitor_address := v_visitor ->> 'address';
    v_given.representatives := v_visitor -> 'representatives';
    v_given.case_number := v_visitor ->> 'case_number';
    v_given.content := v_content;
    v_link := private.reception_register_petition(v_given, payload);
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
      'complaint_id', v_visit.complaint_id, 'identity_sealed', v_visit.identity_sealed));
  perform private.audit('booking', b.id, b.unit_id, 'finish',
    jsonb_build_object('status', b.status), jsonb_build_object('status', 'done'));
  return jsonb_build_object('visit_id', v_visit.id, 'complaint_id', v_visit.complaint_id,
    'complaint_code', v_link ->> 'code', 'complaint_secret', v_link ->> 'secret',
    'identity_sealed', v_visit.identity_sealed);
end
$$;
revoke all on function public.record_reception_visit(uuid, jsonb) from public, anon;
grant execute on function public.record_reception_visit(uuid, jsonb) to authenticated, service_role;

/** The sealed visitor of a denunciation received at the desk: unit head or admin of the visit's
    unit only; every read is audited. Errors: not_allowed, visit_not_found, not_sealed. */
create function public.get_sealed_reception_visitor(p_visit_id uuid)
returns jsonb language plpgsql security definer set search_path = '' as $$
declare
  v public.reception_visits;
  s private.reception_sealed_visitors;
begin
  if not (private.has_role('unit_head') or private.has_role('admin')) then
    raise exception using errcode = 'P0001', message = 'not_allowed';
  end if;
  select * into v from public.reception_visits where id = p_visit_id;
  if v.id is null or not private.can_see_unit(v.unit_id) then
    raise exception using errcode = 'P0001', message = 'visit_not_found';
  end if;
  if not v.identity_sealed then
    raise exception using errcode = 'P0001', message = 'not_sealed';
  end if;
  select * into s from private.reception_sealed_visitors where visit_id = p_visit_id;
  perform private.audit('reception_visit', v.id, v.unit_id, 'view_sealed_visitor', null, null, null);
  return jsonb_build_object('full_name', s.full_name, 'phone', s.phone, 'cccd', s.cccd,
    'address', s.address, 'representatives', coalesce(s.representatives, '[]'::jsonb),
    'case_number', s.case_number, 'content', s.content, 'documents', s.documents, 'note', s.note,
    'complaint_code', s.complaint_code);
end
$$;
revoke all on function public.get_sealed_reception_visitor(uuid) from public, anon;
grant execute on function public.get_sealed_reception_visitor(uuid) to authenticated, service_role;
