-- Personal data 1/5 (issue 12 item 13; Luật Bảo vệ dữ liệu cá nhân 91/2025/QH15): consent is kept
-- as evidence for every filing — complaints, bookings and applications alike.
--
-- Before: submit_complaint and book_reception refused a filing without consent but kept nothing;
-- applications kept only the time (applications.consent_at). The law asks the controller to be
-- able to prove the consent: for which purpose, on which notice, when and how it was given.
--
--   * privacy_notices: the versions of the notice /bao-ve-du-lieu (one is current). The forms may
--     send the version they showed (payload.notice_version); an unknown one falls back to the
--     current version.
--   * personal_data_consents: one row per (record, purpose). Method online_form (the citizen's
--     tick box) or oral_at_desk (a staff member asked and ticked the desk form; the officer is
--     recorded in recorded_by). No personal data in it: record ids only.
--   * submit_complaint and book_reception (latest bodies from 20261207002010, unchanged except the
--     private.record_consent call) store it; applications get it from a trigger on consent_at,
--     so private.file_application is not redefined. Existing consented applications are
--     backfilled against the first notice.
--   * Walk-ins (add_walk_in) ask no consent yet: reception desk functions are being changed by
--     another change; they should call private.record_consent('booking', id, unit,
--     'reception_booking', null) when the officer ticks "the visitor agreed orally".

create table public.privacy_notices (
  version text primary key check (version ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'),
  published_on date not null,
  is_current boolean not null default false,
  summary text not null check (length(summary) <= 500)
);
comment on table public.privacy_notices is
  'Versions of the personal-data notice (/bao-ve-du-lieu). Everyone reads; changed by migration only.';
create unique index privacy_notices_one_current on public.privacy_notices (is_current) where is_current;
alter table public.privacy_notices enable row level security;
create policy "Anyone can read the versions of the privacy notice"
  on public.privacy_notices for select to anon, authenticated using (true);
revoke insert, update, delete, truncate on public.privacy_notices from anon, authenticated;
grant select on public.privacy_notices to anon, authenticated;

insert into public.privacy_notices (version, published_on, is_current, summary) values
  ('2026-11-26', '2026-11-26', false, 'First notice: purposes and rights in general terms.'),
  ('2026-12-07', '2026-12-07', true,
   'Which roles see what, access logs for every kind of file, the retention schedule, a copy of the data and erasure requests by code + secret.');

create table public.personal_data_consents (
  id bigint generated always as identity primary key,
  record_kind text not null check (record_kind in ('complaint', 'booking', 'application')),
  record_id uuid not null,
  unit_id uuid not null references public.units (id),
  purpose text not null
    check (purpose in ('complaint_handling', 'reception_booking', 'application_processing')),
  notice_version text not null references public.privacy_notices (version),
  method text not null check (method in ('online_form', 'oral_at_desk')),
  given_at timestamptz not null default now(),
  -- The staff member who asked, for oral consent at the desk.
  recorded_by uuid null,
  unique (record_kind, record_id, purpose)
);
comment on table public.personal_data_consents is
  'Evidence of consent (Luật BVDLCN 91/2025/QH15): purpose, notice version, time and method per filing. Staff who may read the file read it; written only by private.record_consent() inside the filing functions. Kept when a file is anonymised (it holds no personal data); deleted with a file that is deleted.';
create index personal_data_consents_record_idx on public.personal_data_consents (record_kind, record_id);
alter table public.personal_data_consents enable row level security;
-- The subqueries run under the caller's row-level security: whoever may read the file reads its
-- consent (complaint staff, reception, one-stop officers, heads, admins of visible units).
create policy "Staff can read consent records of files they can read"
  on public.personal_data_consents for select to authenticated
  using (
    (record_kind = 'complaint' and exists (select 1 from public.complaints c where c.id = record_id))
    or (record_kind = 'booking' and exists (select 1 from public.bookings b where b.id = record_id))
    or (record_kind = 'application' and exists (select 1 from public.applications a where a.id = record_id))
  );
revoke all on public.personal_data_consents from anon;
revoke insert, update, delete, truncate on public.personal_data_consents from authenticated;
grant select on public.personal_data_consents to authenticated;
grant all on public.personal_data_consents to service_role;

/** Stores the consent of one filing (idempotent per record and purpose). */
create function private.record_consent(
  p_kind text, p_id uuid, p_unit uuid, p_purpose text, p_version text
) returns void language plpgsql volatile security definer set search_path = '' as $$
declare
  v_version text;
  v_staff boolean := private.is_staff();
begin
  select n.version into v_version from public.privacy_notices n where n.version = p_version;
  if v_version is null then
    select n.version into v_version from public.privacy_notices n where n.is_current;
  end if;
  insert into public.personal_data_consents
    (record_kind, record_id, unit_id, purpose, notice_version, method, recorded_by)
  values (p_kind, p_id, p_unit, p_purpose, v_version,
          case when v_staff then 'oral_at_desk' else 'online_form' end,
          case when v_staff then auth.uid() end)
  on conflict (record_kind, record_id, purpose) do nothing;
end
$$;
revoke all on function private.record_consent(text, uuid, uuid, text, text) from public, anon, authenticated;

-- Applications: file_application sets consent_at when the citizen consented (online filing).
create function private.applications_record_consent() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  perform private.record_consent('application', new.id, new.unit_id, 'application_processing', null);
  return new;
end
$$;
revoke all on function private.applications_record_consent() from public, anon, authenticated;
create trigger applications_record_consent
  after insert on public.applications
  for each row when (new.consent_at is not null)
  execute function private.applications_record_consent();

insert into public.personal_data_consents
  (record_kind, record_id, unit_id, purpose, notice_version, method, given_at)
select 'application', a.id, a.unit_id, 'application_processing', '2026-11-26',
       case a.channel when 'desk' then 'oral_at_desk' else 'online_form' end, a.consent_at
  from public.applications a
 where a.consent_at is not null
on conflict do nothing;

-- submit_complaint: the body of 20261207002010, plus the consent record.
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

-- book_reception: the body of 20261207002010, plus the consent record.
create or replace function public.book_reception(payload jsonb, idempotency_key uuid default null)
  returns jsonb language plpgsql security definer set search_path = '' as $$
declare
  v_settings public.reception_settings;
  v_visitor jsonb;
  v_unit_id uuid;
  v_starts timestamptz;
  v_slot record;
  v_active int;
  v_booking public.bookings;
  v_code text;
  v_secret text;
  v_response jsonb;
  v_client text;
begin
  if idempotency_key is not null then
    -- A replay of one submission (offline outbox) answers the first reply while fresh.
    v_response := private.idem_replay('booking', idempotency_key);
    if v_response is not null then return v_response; end if;
  end if;
  select * into v_settings from public.reception_settings limit 1;
  v_visitor := private.reception_clean_visitor(payload, true);
  if coalesce((payload ->> 'consent')::boolean, false) is not true then
    -- Personal data law 91/2025/QH15: consent to process the data for this purpose.
    raise exception using errcode = 'P0001', message = 'consent_required';
  end if;
  begin
    v_unit_id := (payload ->> 'unit_id')::uuid;
    v_starts := (payload ->> 'starts_at')::timestamptz;
  exception when others then
    raise exception using errcode = 'P0001', message = 'invalid_slot';
  end;
  if v_unit_id is null then raise exception using errcode = 'P0001', message = 'invalid_unit'; end if;
  if v_starts is null then raise exception using errcode = 'P0001', message = 'invalid_slot'; end if;

  -- Per client (slot hoarding with random phone numbers): 4 bookings an hour, 10 a day.
  v_client := private.client_bucket();
  if v_client is not null and (
       not private.hit_rate_limit('reception_booking_client_hour', v_client, 4, interval '1 hour')
       or not private.hit_rate_limit('reception_booking_client_day', v_client, 10, interval '1 day')) then
    raise exception using errcode = 'P0001', message = 'rate_limited';
  end if;
  if not private.hit_rate_limit('reception_booking', v_visitor ->> 'phone',
      v_settings.bookings_per_phone_per_hour, interval '1 hour') then
    raise exception using errcode = 'P0001', message = 'rate_limited';
  end if;
  -- One phone at a time, so two concurrent bookings cannot both pass the hoarding limit.
  perform pg_advisory_xact_lock(hashtext('reception-phone:' || (v_visitor ->> 'phone')));
  select count(*) into v_active from public.bookings b
    where b.phone = v_visitor ->> 'phone' and b.status = 'booked' and b.starts_at > now();
  if v_active >= v_settings.max_active_bookings_per_phone then
    raise exception using errcode = 'P0001', message = 'too_many_active_bookings';
  end if;

  select * into v_slot from private.reception_take_place(v_unit_id, v_starts, true);

  insert into public.bookings (
    unit_id, channel, status, day, starts_at, ends_at, with_head, full_name, phone, email, cccd,
    address, people_count, representatives, topic, case_number, summary, wants_head
  ) values (
    v_unit_id, 'online', 'booked', v_slot.day, v_slot.starts_at, v_slot.ends_at, v_slot.with_head,
    v_visitor ->> 'full_name', v_visitor ->> 'phone', v_visitor ->> 'email', v_visitor ->> 'cccd',
    v_visitor ->> 'address', (v_visitor ->> 'people_count')::int, v_visitor -> 'representatives',
    v_visitor ->> 'topic', v_visitor ->> 'case_number', v_visitor ->> 'summary',
    (v_visitor ->> 'wants_head')::boolean
  ) returning * into v_booking;

  select t.code, t.secret into v_code, v_secret from private.issue_tracking_code('booking', v_booking.id) t;
  -- Luật BVDLCN 91/2025/QH15: keep the proof of consent (purpose, notice version, time, how).
  perform private.record_consent('booking', v_booking.id, v_booking.unit_id, 'reception_booking',
                                 nullif(btrim(payload ->> 'notice_version'), ''));
  update public.bookings set tracking_code = v_code where id = v_booking.id returning * into v_booking;

  perform private.reception_queue_messages(v_booking, 'reception_booking_confirmed');
  -- No personal data in the audit trail: the booking id points to it.
  perform private.audit('booking', v_booking.id, v_booking.unit_id, 'book', null,
    jsonb_build_object('status', 'booked', 'starts_at', v_booking.starts_at, 'code', v_code));

  v_response := jsonb_build_object(
    'booking_id', v_booking.id, 'code', v_code, 'secret', v_secret, 'unit_id', v_booking.unit_id,
    'starts_at', v_booking.starts_at, 'ends_at', v_booking.ends_at, 'with_head', v_booking.with_head
  );
  if idempotency_key is not null then
    perform private.idem_store('booking', idempotency_key, v_booking.id, v_response);
  end if;
  return v_response;
end
$$;
