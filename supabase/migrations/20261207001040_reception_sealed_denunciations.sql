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
revoke all on function private.reception_register_petition(public.reception_visits, jsonb) from public;
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
