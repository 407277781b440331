-- Security (issue 12, item 2): idempotency keys are no longer a way to a citizen's secret.
--
-- Before: the key of a submission sat in clear in complaints / bookings / applications (readable by
-- the unit's staff through RLS), and a replay of submit_complaint / book_reception /
-- submit_application with it answered the tracking code *and clear secret* — to anyone, for ever
-- (complaints) or a day (bookings, applications, whose replies were stored with the secret in
-- clear).
--
-- Now: the key is never stored. Replies live in private.idempotent_replies under the SHA-256 of
-- the key, encrypted (pgcrypto pgp_sym_encrypt) with the key itself: only whoever holds the key —
-- the submitting device — can recover the reply, and nothing at rest holds a secret in clear or
-- in a form the database alone can undo. A replay answers only while the reply is fresh (24 h);
-- then the encrypted reply is wiped (the hash stays 30 days so a late replay is refused with
-- `idempotency_key_expired` instead of filing twice). Purged on every new submission and by the
-- daily public.purge_rate_limits() job.

create table private.idempotent_replies (
  key_hash bytea primary key,
  kind text not null check (kind in ('complaint', 'complaint_appeal', 'booking', 'application')),
  ref_id uuid not null,
  reply bytea,
  created_at timestamptz not null default now()
);
comment on table private.idempotent_replies is
  'Idempotent replays: sha256 of the idempotency key → reply encrypted with the key (pgp_sym_encrypt), wiped after 24 h, row deleted after 30 days. Functions only.';
create index idempotent_replies_created_at_idx on private.idempotent_replies (created_at);
alter table private.idempotent_replies enable row level security;
revoke all on private.idempotent_replies from public, anon, authenticated, service_role;

create function private.idem_hash(p_kind text, p_key uuid) returns bytea
language sql immutable set search_path = '' as $$
  select extensions.digest('thads-idempotency:' || p_kind || ':' || p_key::text, 'sha256')
$$;

-- The reply to replay for (kind, key), or null when the key is new. Takes a transaction lock on
-- the key first, so a concurrent duplicate waits for the first submission and then replays it.
-- Raises idempotency_key_expired for a key whose reply is older than 24 h.
create function private.idem_replay(p_kind text, p_key uuid) returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
declare
  r private.idempotent_replies;
begin
  perform pg_advisory_xact_lock(hashtextextended('thads-idempotency:' || p_kind || ':' || p_key::text, 0));
  select * into r from private.idempotent_replies x where x.key_hash = private.idem_hash(p_kind, p_key);
  if not found then
    return null;
  end if;
  if r.reply is null or r.created_at < now() - interval '24 hours' then
    raise exception using errcode = 'P0001', message = 'idempotency_key_expired';
  end if;
  return convert_from(extensions.pgp_sym_decrypt_bytea(r.reply, p_key::text), 'UTF8')::jsonb;
end
$$;

create function private.idem_purge() returns integer
language plpgsql volatile security definer set search_path = '' as $$
declare
  n integer;
begin
  update private.idempotent_replies x set reply = null
   where x.reply is not null and x.created_at < now() - interval '24 hours';
  get diagnostics n = row_count;
  delete from private.idempotent_replies x where x.created_at < now() - interval '30 days';
  return n;
end
$$;

create function private.idem_store(p_kind text, p_key uuid, p_ref uuid, p_reply jsonb) returns void
language plpgsql volatile security definer set search_path = '' as $$
begin
  perform private.idem_purge();
  insert into private.idempotent_replies (key_hash, kind, ref_id, reply)
  values (private.idem_hash(p_kind, p_key), p_kind, p_ref,
          extensions.pgp_sym_encrypt_bytea(convert_to(p_reply::text, 'UTF8'), p_key::text, 'cipher-algo=aes256'));
end
$$;

revoke all on function private.idem_hash(text, uuid), private.idem_replay(text, uuid),
  private.idem_purge(), private.idem_store(text, uuid, uuid, jsonb) from public, anon, authenticated;

-- Replies still fresh move to the new store (their keys are known now, for the last time).
insert into private.idempotent_replies (key_hash, kind, ref_id, reply, created_at)
select private.idem_hash(k.kind, k.key), k.kind, k.ref_id,
       extensions.pgp_sym_encrypt_bytea(convert_to(k.reply::text, 'UTF8'), k.key::text, 'cipher-algo=aes256'),
       k.created_at
  from (
    select case when c.parent_id is not null and c.idempotency_key is distinct from s.idempotency_key
                then 'complaint_appeal' else 'complaint' end as kind,
           s.idempotency_key as key, s.complaint_id as ref_id, s.created_at,
           case when c.parent_id is not null and c.idempotency_key is distinct from s.idempotency_key
                then jsonb_build_object('complaint_id', c.id, 'new_code', c.tracking_code,
                       'new_secret', private.complaints_unmask(s.secret_masked, s.idempotency_key),
                       'accept_due', c.accept_due, 'unit_name', u.name)
                else jsonb_build_object('code', c.tracking_code,
                       'secret', private.complaints_unmask(s.secret_masked, s.idempotency_key),
                       'complaint_id', c.id, 'accept_due', c.accept_due) end as reply
      from private.complaint_submissions s
      join public.complaints c on c.id = s.complaint_id
      join public.units u on u.id = c.unit_id
     where s.created_at > now() - interval '24 hours'
    union all
    select 'booking', r.key, r.booking_id, r.created_at, r.response
      from private.reception_idempotency r where r.created_at > now() - interval '24 hours'
    union all
    select 'application', a.idempotency_key, a.application_id, a.created_at,
           jsonb_build_object('application_id', a.application_id, 'code', a.code, 'secret', a.secret,
                              'due_date', p.due_date)
      from private.application_receipts a join public.applications p on p.id = a.application_id
     where a.created_at > now() - interval '24 hours'
  ) k
on conflict do nothing;

-- The old stores (clear or key-masked secrets) and the keys in clear go.
drop table private.complaint_submissions;
drop table private.reception_idempotency;
drop table private.application_receipts;
alter table public.complaints drop column idempotency_key;
alter table public.bookings drop column idempotency_key;
alter table public.applications drop column idempotency_key;

-- The key-masking helpers of the old store are no longer used.
drop function private.complaints_unmask(text, uuid);
drop function private.complaints_mask(text, uuid);
drop function private.complaints_pad(uuid, int);

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

create or replace function public.appeal_complaint_by_code(code text, secret text, reasons text, draft_key uuid default null)
returns table (complaint_id uuid, new_code text, new_secret text, accept_due date, unit_name text)
language plpgsql security definer set search_path = '' as $$
declare
  r record;
  s record;
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
      if (select c.parent_id from public.complaints c where c.id = (v_reply ->> 'complaint_id')::uuid)
           is distinct from r.ref_id then
        return;
      end if;
      return query select (v_reply ->> 'complaint_id')::uuid, v_reply ->> 'new_code', v_reply ->> 'new_secret',
                          (v_reply ->> 'accept_due')::date, v_reply ->> 'unit_name';
      return;
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

create or replace function private.file_application(
  payload jsonb, p_key uuid, p_channel text
) returns table (application_id uuid, code text, secret text, due_date date)
language plpgsql security definer set search_path = ''
as $$
declare
  v public.procedure_catalogue;
  ap jsonb := coalesce(payload -> 'applicant', '{}');
  unit uuid;
  bad text;
  new_app public.applications;
  issued record;
  doc_count int;
  missing text;
  phone text;
  client text;
begin
  select * into v from public.procedure_catalogue c where c.code = payload ->> 'procedure_code';
  if v.version_id is null then
    raise exception using errcode = 'P0001', message = 'procedure_not_found';
  end if;
  if p_channel = 'online' and not (v.modes && array['online_full', 'online_partial']) then
    raise exception using errcode = 'P0001', message = 'procedure_not_online';
  end if;

  unit := case when p_channel = 'desk' then private.staff_unit_id()
               else nullif(payload ->> 'unit_id', '')::uuid end;
  if unit is null or not exists (select 1 from public.units u where u.id = unit
                                  and (u.valid_to is null or u.valid_to >= private.vn_today())) then
    raise exception using errcode = 'P0001', message = 'unit_not_found';
  end if;

  if p_channel = 'online' and coalesce((payload ->> 'consent')::boolean, false) is not true then
    raise exception using errcode = 'P0001', message = 'consent_required';
  end if;

  if length(btrim(coalesce(ap ->> 'name', ''))) < 2 then
    raise exception using errcode = 'P0001', message = 'applicant_name_required';
  end if;
  phone := nullif(regexp_replace(coalesce(ap ->> 'phone', ''), '^\+84', '0'), '');
  if p_channel = 'online' and phone is null and nullif(ap ->> 'email', '') is null then
    raise exception using errcode = 'P0001', message = 'contact_required';
  end if;

  bad := private.invalid_application_field(v.fields, coalesce(payload -> 'answers', '{}'));
  if bad is not null then
    raise exception using errcode = 'P0001', message = 'application_answers_invalid',
      detail = bad;
  end if;

  -- Anonymous abuse limits: 10 online applications per CCCD, phone or e-mail per day, and per
  -- client address 10 an hour and 30 a day.
  if p_channel = 'online' and (
       select count(*) from public.applications a
        where a.received_at > now() - interval '1 day'
          and (a.applicant_cccd = nullif(ap ->> 'cccd', '') or a.applicant_phone = phone
               or a.applicant_email = nullif(lower(btrim(ap ->> 'email')), ''))) >= 10 then
    raise exception using errcode = 'P0001', message = 'rate_limited';
  end if;
  if p_channel = 'online' then
    client := private.client_bucket();
    if client is not null and (
         not private.hit_rate_limit('application_submit_client_hour', client, 10, interval '1 hour')
         or not private.hit_rate_limit('application_submit_client_day', client, 30, interval '1 day')) then
      raise exception using errcode = 'P0001', message = 'rate_limited';
    end if;
  end if;

  insert into public.applications (
    procedure_id, procedure_version_id, unit_id, channel, status, applicant_name, applicant_cccd,
    applicant_phone, applicant_email, applicant_address, answers, consent_at,
    due_date, created_by)
  values (
    v.procedure_id, v.version_id, unit, p_channel, 'submitted', btrim(ap ->> 'name'),
    nullif(ap ->> 'cccd', ''), phone, nullif(lower(btrim(ap ->> 'email')), ''),
    nullif(btrim(ap ->> 'address'), ''), coalesce(payload -> 'answers', '{}'),
    case when coalesce((payload ->> 'consent')::boolean, false) then now() end,
    -- Provisional return date for the receipt; accept_application() fixes it.
    public.working_days_add(private.vn_today(), v.processing_days),
    case when p_channel = 'desk' then auth.uid() end)
  returning * into new_app;

  doc_count := private.claim_application_documents(
    new_app.id, payload -> 'documents', case when p_channel = 'online' then p_key end, 'filing');

  -- Online: every required document must be attached (desk staff check the paper instead).
  if p_channel = 'online' then
    select string_agg(d ->> 'key', ',') into missing
      from jsonb_array_elements(v.documents) d
     where coalesce((d ->> 'required')::boolean, false)
       and not exists (select 1 from public.application_documents ad
                        where ad.application_id = new_app.id and ad.document_key = d ->> 'key');
    if missing is not null then
      raise exception using errcode = 'P0001', message = 'documents_missing', detail = missing;
    end if;
  end if;

  select * into issued from private.issue_tracking_code('application', new_app.id);
  update public.applications set tracking_code = issued.code where id = new_app.id
  returning * into new_app;
  if p_key is not null then
    perform private.idem_store('application', p_key, new_app.id, jsonb_build_object(
      'application_id', new_app.id, 'code', issued.code, 'secret', issued.secret, 'due_date', new_app.due_date));
  end if;

  perform private.application_event(new_app.id, 'submitted', 'submitted',
    case p_channel when 'desk' then 'Tiếp nhận trực tiếp tại bộ phận một cửa'
                   else 'Nộp trực tuyến' end);
  perform private.audit('application', new_app.id, unit, 'submit', null,
    jsonb_build_object('status', 'submitted', 'channel', p_channel, 'documents', doc_count));
  perform private.application_notify(new_app, 'application_received',
    jsonb_build_object('procedure', v.name_vi));

  return query select new_app.id, issued.code, issued.secret, new_app.due_date;
end
$$;

create or replace function public.submit_application(payload jsonb, idempotency_key uuid)
returns table (application_id uuid, code text, secret text, due_date date)
language plpgsql security definer set search_path = ''
as $$
declare
  r jsonb;
begin
  if idempotency_key is null then
    raise exception using errcode = 'P0001', message = 'idempotency_key_required';
  end if;
  r := private.idem_replay('application', submit_application.idempotency_key);
  if r is not null then
    return query select (r ->> 'application_id')::uuid, r ->> 'code', r ->> 'secret', (r ->> 'due_date')::date;
    return;
  end if;
  return query select * from private.file_application(payload, submit_application.idempotency_key, 'online');
end
$$;
comment on function public.submit_application(jsonb, uuid) is
  'Anyone: file an application online. A repeated idempotency key returns the same code + secret for 24 h.';

-- The daily job also wipes stale replies.
create or replace function public.purge_rate_limits()
returns integer
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  n integer;
begin
  delete from private.rate_limits r where r.window_start < now() - interval '1 day';
  get diagnostics n = row_count;
  perform private.idem_purge();
  return n;
end;
$$;
