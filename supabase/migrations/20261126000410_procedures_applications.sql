-- One-stop-shop applications (hồ sơ thủ tục hành chính): filing, desk processing, counting.
--
-- Counting view for the statistics page (H7) — public.procedure_stats, one row per unit and day:
--   unit_id uuid, day date,
--   received_online int, received_desk int, received_total int       (by received_at day)
--   completed_on_time int, completed_late int                          (by completed_at day)
--   in_progress_on_time int, overdue int   (of those received that day: still open now, and
--                                            not past / past their due date today)
--   returned_for_documents int                                         (by request day)
--   refused int                                                        (by refusal day)
--   processing_days_sum int, avg_processing_days numeric(6,2)          (completed that day;
--                                            working days from receipt to result, pauses excluded)
--   rating_count int, rating_sum int, rating_avg numeric(3,2)          (by rating day)
-- Sum the *_sum / *_count columns over a period and divide (never average the averages).
-- On-time rate = completed_on_time ÷ (completed_on_time + completed_late).
-- The view is security invoker: staff see the units they may see (private.can_see_unit).
--
-- Statuses (lookup table public.application_statuses, category in brackets):
--   submitted [new] → checking [open] → processing [open] → result_ready [done] → returned [done]
--   checking|processing → needs_documents [waiting] → back to where it was when documents arrive
--   submitted|checking|needs_documents → refused [closed]
-- The processing clock stops while documents are requested (application_pauses); when they
-- arrive the due date moves by the working days the clock stood still.

-- ---------------------------------------------------------------------------------------------
-- Statuses as data.
-- ---------------------------------------------------------------------------------------------
create table public.application_statuses (
  code text primary key,
  category text not null check (category in ('new', 'open', 'waiting', 'done', 'closed')),
  label_vi text not null,
  label_en text not null,
  citizen_label_vi text not null,
  citizen_label_en text not null,
  sort smallint not null
);
comment on table public.application_statuses is
  'Lookup of application statuses with a category. Everyone reads; only migrations write.';
alter table public.application_statuses enable row level security;
create policy "Anyone can read application statuses" on public.application_statuses
  for select to anon, authenticated using (true);
revoke insert, update, delete, truncate on public.application_statuses from anon, authenticated;

insert into public.application_statuses values
  ('submitted', 'new', 'Mới tiếp nhận', 'New', 'Đã tiếp nhận', 'Received', 10),
  ('checking', 'open', 'Đang kiểm tra', 'Being checked', 'Đang kiểm tra hồ sơ', 'Being checked', 20),
  ('needs_documents', 'waiting', 'Chờ bổ sung', 'Waiting for documents', 'Cần bổ sung giấy tờ', 'More documents needed', 30),
  ('processing', 'open', 'Đang giải quyết', 'Being processed', 'Đang giải quyết', 'Being processed', 40),
  ('result_ready', 'done', 'Có kết quả', 'Result ready', 'Đã có kết quả', 'Result ready', 50),
  ('returned', 'done', 'Đã trả kết quả', 'Result returned', 'Đã trả kết quả', 'Result returned', 60),
  ('refused', 'closed', 'Từ chối', 'Refused', 'Không tiếp nhận', 'Refused', 70);

-- ---------------------------------------------------------------------------------------------
-- Applications.
-- ---------------------------------------------------------------------------------------------
create table public.applications (
  id uuid primary key default gen_random_uuid(),
  -- The HS- tracking code (a copy of tracking_codes.code, whose secret hash staff never read).
  tracking_code text unique,
  procedure_id uuid not null references public.procedures (id),
  procedure_version_id uuid not null references public.procedure_versions (id),
  unit_id uuid not null references public.units (id),
  channel text not null check (channel in ('online', 'desk')),
  status text not null default 'submitted' references public.application_statuses (code),
  applicant_name text not null check (length(applicant_name) between 2 and 200),
  applicant_cccd text check (applicant_cccd ~ '^[0-9]{12}$'),
  applicant_phone text check (applicant_phone ~ '^0[0-9]{9}$'),
  applicant_email text check (length(applicant_email) <= 254 and applicant_email like '%_@_%'),
  applicant_address text check (length(applicant_address) <= 500),
  answers jsonb not null default '{}' check (jsonb_typeof(answers) = 'object'),
  consent_at timestamptz,
  idempotency_key uuid unique,
  received_at timestamptz not null default now(),
  accepted_at timestamptz,
  due_date date not null,
  paused_days integer not null default 0 check (paused_days >= 0),
  assigned_to uuid references auth.users (id),
  completed_at timestamptz,
  result_note text check (length(result_note) <= 2000),
  result_attachment_id uuid references public.attachments (id),
  returned_at timestamptz,
  returned_via text check (returned_via in ('online', 'desk')),
  refused_at timestamptz,
  refusal_reasons text check (length(refusal_reasons) <= 2000),
  rating smallint check (rating between 1 and 5),
  rating_comment text check (length(rating_comment) <= 1000),
  rated_at timestamptz,
  created_by uuid references auth.users (id),
  updated_at timestamptz not null default now(),
  check (applicant_phone is not null or applicant_email is not null or channel = 'desk')
);
comment on table public.applications is
  'Applications for a procedure, frozen to the version they were filed under. Staff of the unit '
  '(procedure officers, unit heads over their units, admins) read; nobody writes directly: every '
  'change is an SQL function. Citizens reach their own through get_application_by_code().';

create index applications_unit_status_idx on public.applications (unit_id, status, due_date);
create index applications_received_idx on public.applications (unit_id, received_at);

create table public.application_documents (
  application_id uuid not null references public.applications (id) on delete cascade,
  attachment_id uuid not null references public.attachments (id),
  document_key text not null check (length(document_key) between 1 and 80),
  stage text not null check (stage in ('filing', 'supplement', 'result', 'apology')),
  added_at timestamptz not null default now(),
  primary key (application_id, attachment_id)
);
comment on table public.application_documents is
  'Which attachment answers which required document (or is the result). Staff of the unit read.';

create table public.application_pauses (
  id uuid primary key default gen_random_uuid(),
  application_id uuid not null references public.applications (id) on delete cascade,
  requested_at timestamptz not null default now(),
  requested_by uuid references auth.users (id),
  what text not null check (length(what) between 3 and 2000),
  due_by date not null,
  resume_status text not null check (resume_status in ('checking', 'processing')),
  resumed_at timestamptz,
  working_days integer check (working_days >= 0)
);
comment on table public.application_pauses is
  'Intervals in which the processing clock stood still waiting for the citizen''s documents. '
  'Staff of the unit read.';
create index application_pauses_app_idx on public.application_pauses (application_id, requested_at);
create unique index application_pauses_one_open on public.application_pauses (application_id)
  where resumed_at is null;

create table public.application_events (
  id bigint generated always as identity primary key,
  application_id uuid not null references public.applications (id) on delete cascade,
  occurred_at timestamptz not null default now(),
  actor_id uuid,
  kind text not null,
  status text references public.application_statuses (code),
  note text check (length(note) <= 2000),
  is_public boolean not null default true
);
comment on table public.application_events is
  'Timeline of an application. is_public events are shown to the citizen on the tracking page; '
  'the others are internal. Staff of the unit read.';
create index application_events_app_idx on public.application_events (application_id, occurred_at);

create table public.application_apologies (
  id uuid primary key default gen_random_uuid(),
  application_id uuid not null references public.applications (id) on delete cascade,
  issued_on date not null default current_date,
  new_due_date date,
  reason text not null check (length(reason) between 3 and 2000),
  attachment_id uuid references public.attachments (id),
  recorded_by uuid references auth.users (id),
  recorded_at timestamptz not null default now()
);
comment on table public.application_apologies is
  'Apology letters (thư xin lỗi) sent for late results, as the one-stop rules require '
  '(NĐ 61/2018/NĐ-CP, Điều 19 [check]). Staff of the unit read.';

-- Rate limit of anonymous filing: per CCCD/phone/email per day.
create or replace function private.application_can_see(unit uuid) returns boolean
language sql stable security definer set search_path = ''
as $$
  select private.can_see_unit(unit)
     and (private.has_role('procedure_officer') or private.has_role('unit_head')
          or private.has_role('admin'))
$$;
grant execute on function private.application_can_see(uuid) to authenticated;

alter table public.applications enable row level security;
alter table public.application_documents enable row level security;
alter table public.application_pauses enable row level security;
alter table public.application_events enable row level security;
alter table public.application_apologies enable row level security;

create policy "One-stop staff can read their units' applications" on public.applications
  for select to authenticated using ((select private.application_can_see(unit_id)));
create policy "One-stop staff can read their units' application documents"
  on public.application_documents for select to authenticated
  using (exists (select 1 from public.applications a where a.id = application_id
                 and (select private.application_can_see(a.unit_id))));
create policy "One-stop staff can read their units' application pauses"
  on public.application_pauses for select to authenticated
  using (exists (select 1 from public.applications a where a.id = application_id
                 and (select private.application_can_see(a.unit_id))));
create policy "One-stop staff can read their units' application events"
  on public.application_events for select to authenticated
  using (exists (select 1 from public.applications a where a.id = application_id
                 and (select private.application_can_see(a.unit_id))));
create policy "One-stop staff can read their units' apology letters"
  on public.application_apologies for select to authenticated
  using (exists (select 1 from public.applications a where a.id = application_id
                 and (select private.application_can_see(a.unit_id))));

revoke insert, update, delete, truncate on public.applications, public.application_documents,
  public.application_pauses, public.application_events, public.application_apologies
  from anon, authenticated;
revoke all on public.applications, public.application_documents, public.application_pauses,
  public.application_events, public.application_apologies from anon;

-- ---------------------------------------------------------------------------------------------
-- Validation helpers.
-- ---------------------------------------------------------------------------------------------

-- Re-checks the answers against the version's field definitions (the zod schema generated by
-- src/lib/procedures/fields.ts is the first line; this is the authoritative one). Returns the name
-- of the first invalid field, or null.
create or replace function private.invalid_application_field(fields jsonb, answers jsonb)
returns text
language plpgsql immutable set search_path = ''
as $$
declare
  f jsonb;
  val text;
  ftype text;
begin
  if jsonb_typeof(answers) <> 'object' then
    return '_answers';
  end if;
  -- No keys other than the defined fields.
  if exists (select 1 from jsonb_object_keys(answers) k
             where not exists (select 1 from jsonb_array_elements(fields) d where d ->> 'name' = k)) then
    return '_unknown';
  end if;
  for f in select * from jsonb_array_elements(fields) loop
    val := btrim(answers ->> (f ->> 'name'));
    ftype := f ->> 'type';
    if val is null or val = '' then
      if coalesce((f ->> 'required')::boolean, false) then
        return f ->> 'name';
      end if;
      continue;
    end if;
    if length(val) > coalesce((f ->> 'max_length')::int,
                              case ftype when 'textarea' then 2000 else 200 end) then
      return f ->> 'name';
    end if;
    if (ftype = 'cccd' and val !~ '^[0-9]{12}$')
       or (ftype = 'phone' and val !~ '^(0[0-9]{9}|\+84[0-9]{9})$')
       or (ftype = 'number' and val !~ '^-?[0-9]+([.,][0-9]+)?$')
       or (ftype = 'money' and val !~ '^[0-9]{1,18}$')
       or (ftype = 'date' and val !~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$')
       or (ftype = 'select' and not exists (
             select 1 from jsonb_array_elements(f -> 'options') o where o ->> 'value' = val)) then
      return f ->> 'name';
    end if;
  end loop;
  return null;
end
$$;

create or replace function private.application_event(
  app uuid, kind text, status text, note text, is_public boolean default true
) returns void
language sql security definer set search_path = ''
as $$
  insert into public.application_events (application_id, actor_id, kind, status, note, is_public)
  values (app, auth.uid(), kind, status, note, is_public)
$$;

-- Queues the citizen's notification on the channels they gave.
create or replace function private.application_notify(a public.applications, template text, extra jsonb default '{}')
returns void
language plpgsql security definer set search_path = ''
as $$
declare
  payload jsonb;
begin
  payload := jsonb_build_object('code', a.tracking_code, 'status', a.status, 'due_date', a.due_date) || extra;
  if a.applicant_email is not null then
    perform private.notify('email', a.applicant_email, template, payload);
  end if;
  if a.applicant_phone is not null then
    perform private.notify('sms', a.applicant_phone, template, payload);
  end if;
end
$$;

-- Links draft attachments (uploaded by the app server under draft_key) to an application.
create or replace function private.claim_application_documents(
  app uuid, docs jsonb, p_draft_key uuid, p_stage text
) returns integer
language plpgsql security definer set search_path = ''
as $$
declare
  d jsonb;
  n int := 0;
  att public.attachments;
begin
  if docs is null or jsonb_typeof(docs) <> 'array' then
    return 0;
  end if;
  if jsonb_array_length(docs) > 20 then
    raise exception using errcode = 'P0001', message = 'too_many_documents';
  end if;
  for d in select * from jsonb_array_elements(docs) loop
    select * into att from public.attachments
     where id = (d ->> 'attachment_id')::uuid for update;
    if att.id is null or att.owner_id is not null
       or (p_draft_key is not null and att.draft_key is distinct from p_draft_key) then
      raise exception using errcode = 'P0001', message = 'attachment_not_found';
    end if;
    update public.attachments
       set owner_kind = 'application', owner_id = app, draft_key = null,
           unit_id = (select a.unit_id from public.applications a where a.id = app)
     where id = att.id;
    insert into public.application_documents (application_id, attachment_id, document_key, stage)
    values (app, att.id, coalesce(nullif(d ->> 'document_key', ''), 'other'), p_stage);
    n := n + 1;
  end loop;
  return n;
end
$$;

-- Loads an application for a staff action, locking it, and checks role + unit.
create or replace function private.application_for_staff(app uuid) returns public.applications
language plpgsql security definer set search_path = ''
as $$
declare
  a public.applications;
begin
  select * into a from public.applications where id = app for update;
  if a.id is null or not private.application_can_see(a.unit_id) then
    raise exception using errcode = 'P0001', message = 'application_not_found';
  end if;
  return a;
end
$$;

-- ---------------------------------------------------------------------------------------------
-- Filing (citizen online, or staff at the desk). Shared body.
-- payload: { procedure_code, unit_id, applicant: { name, cccd, phone, email, address },
--            answers: {..}, documents: [{ attachment_id, document_key }], consent: true }
-- ---------------------------------------------------------------------------------------------
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
  'Anyone: file an application online. A repeated idempotency key returns the same code + secret.';
grant execute on function public.submit_application(jsonb, uuid) to anon, authenticated;

create or replace function public.register_desk_application(payload jsonb)
returns table (application_id uuid, code text, secret text, due_date date)
language plpgsql security definer set search_path = ''
as $$
begin
  if not (private.has_role('procedure_officer') or private.has_role('reception')
          or private.has_role('unit_head')) then
    raise exception using errcode = 'P0001', message = 'not_allowed';
  end if;
  return query select * from private.file_application(payload, null, 'desk');
end
$$;
comment on function public.register_desk_application(jsonb) is
  'Desk staff: enter a paper application received at the one-stop desk (same receipt code).';
revoke all on function public.register_desk_application(jsonb) from public, anon;
grant execute on function public.register_desk_application(jsonb) to authenticated;

-- ---------------------------------------------------------------------------------------------
-- Citizen access by code + secret. Like public.resolve_tracking_code these never raise for an
-- unknown code or a wrong secret (a raise would roll back the failed-attempt counter that locks a
-- code after 5 wrong secrets): they return null / no row / false, which the app shows as the
-- generic errors_tracking_not_found.
-- ---------------------------------------------------------------------------------------------
create or replace function private.application_by_code(p_code text, p_secret text)
returns public.applications
language plpgsql security definer set search_path = ''
as $$
declare
  r record;
  a public.applications;
begin
  select * into r from public.resolve_tracking_code(p_code, p_secret);
  if r.kind is distinct from 'application' then
    return null;
  end if;
  select * into a from public.applications where id = r.ref_id for update;
  return a;
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
comment on function public.get_application_by_code(text, text) is
  'Anyone with the code + secret: the citizen-visible view of an application.';
grant execute on function public.get_application_by_code(text, text) to anon, authenticated;

-- The result attachment of a code-holder's application (the app server signs its URL with the
-- service client after this check).
create or replace function public.get_application_result_by_code(code text, secret text)
returns table (bucket text, path text, file_name text, mime_type text)
language plpgsql security definer set search_path = ''
as $$
declare
  a public.applications;
begin
  a := private.application_by_code(code, secret);
  if a.id is null then
    return;
  end if;
  if a.result_attachment_id is null or a.status not in ('result_ready', 'returned') then
    raise exception using errcode = 'P0001', message = 'result_not_ready';
  end if;
  return query select t.bucket, t.path, t.file_name, t.mime_type
    from public.attachments t where t.id = a.result_attachment_id;
end
$$;
grant execute on function public.get_application_result_by_code(text, text) to anon, authenticated;

-- The citizen hands in the requested documents: the clock stood still from the request day up to
-- and including today (Vietnam days), added to the return date once.
create or replace function public.add_application_documents_by_code(
  code text, secret text, documents jsonb, draft_key uuid
) returns jsonb
language plpgsql security definer set search_path = ''
as $$
declare
  a public.applications;
  pause public.application_pauses;
  n int;
  stood int;
begin
  a := private.application_by_code(code, secret);
  if a.id is null then
    return null;
  end if;
  if a.status <> 'needs_documents' then
    raise exception using errcode = 'P0001', message = 'invalid_transition';
  end if;
  if draft_key is null then
    raise exception using errcode = 'P0001', message = 'idempotency_key_required';
  end if;
  n := private.claim_application_documents(a.id, documents, draft_key, 'supplement');
  if n = 0 then
    raise exception using errcode = 'P0001', message = 'documents_missing';
  end if;

  select * into pause from public.application_pauses
   where application_id = a.id and resumed_at is null for update;
  stood := greatest(public.working_days_between(private.vn_date(pause.requested_at), private.vn_today()), 0);
  update public.application_pauses set resumed_at = now(), working_days = stood where id = pause.id;
  update public.applications
     set status = pause.resume_status, paused_days = paused_days + stood,
         due_date = public.working_days_add(due_date, stood), updated_at = now()
   where id = a.id returning * into a;

  perform private.application_event(a.id, 'documents_added', a.status,
    'Đã bổ sung ' || n || ' tệp');
  perform private.audit('application', a.id, a.unit_id, 'add_documents',
    jsonb_build_object('status', 'needs_documents'),
    jsonb_build_object('status', a.status, 'documents', n, 'paused_days', stood));
  return jsonb_build_object('status', a.status, 'due_date', a.due_date);
end
$$;
comment on function public.add_application_documents_by_code(text, text, jsonb, uuid) is
  'Code-holder: hand in requested documents; restarts the clock and moves the due date.';
grant execute on function public.add_application_documents_by_code(text, text, jsonb, uuid) to anon, authenticated;

create or replace function public.rate_application_by_code(
  code text, secret text, rating integer, comment text default null
) returns boolean
language plpgsql security definer set search_path = ''
as $$
declare
  a public.applications;
begin
  a := private.application_by_code(code, secret);
  if a.id is null then
    return false;
  end if;
  if a.status not in ('result_ready', 'returned') then
    raise exception using errcode = 'P0001', message = 'invalid_transition';
  end if;
  if a.rating is not null then
    raise exception using errcode = 'P0001', message = 'already_rated';
  end if;
  if rating is null or rating not between 1 and 5 then
    raise exception using errcode = 'P0001', message = 'rating_invalid';
  end if;
  update public.applications
     set rating = rate_application_by_code.rating,
         rating_comment = nullif(btrim(coalesce(comment, '')), ''), rated_at = now()
   where id = a.id;
  perform private.audit('application', a.id, a.unit_id, 'rate', null,
    jsonb_build_object('rating', rating));
  return true;
end
$$;
grant execute on function public.rate_application_by_code(text, text, integer, text) to anon, authenticated;

-- ---------------------------------------------------------------------------------------------
-- Staff steps.
-- ---------------------------------------------------------------------------------------------
create or replace function public.check_application(id uuid) returns void
language plpgsql security definer set search_path = ''
as $$
declare
  a public.applications := private.application_for_staff(id);
begin
  if a.status <> 'submitted' then
    raise exception using errcode = 'P0001', message = 'invalid_transition';
  end if;
  update public.applications set status = 'checking', updated_at = now() where applications.id = a.id;
  perform private.application_event(a.id, 'checking', 'checking', null);
  perform private.audit('application', a.id, a.unit_id, 'check',
    jsonb_build_object('status', a.status), jsonb_build_object('status', 'checking'));
end
$$;

-- Accept: the file is complete; the return date on the receipt does not move.
create or replace function public.accept_application(id uuid, assign_to uuid default null)
returns date
language plpgsql security definer set search_path = ''
as $$
declare
  a public.applications := private.application_for_staff(id);
begin
  if a.status <> 'checking' then
    raise exception using errcode = 'P0001', message = 'invalid_transition';
  end if;
  if assign_to is not null and not exists (
       select 1 from public.staff s where s.user_id = assign_to and s.unit_id = a.unit_id) then
    raise exception using errcode = 'P0001', message = 'assignee_invalid';
  end if;
  -- The processing time runs from receipt (checking counts); pauses were already added to
  -- due_date when the requested documents came in.
  update public.applications
     set status = 'processing', accepted_at = now(),
         assigned_to = coalesce(assign_to, assigned_to), updated_at = now()
   where applications.id = a.id returning * into a;
  perform private.application_event(a.id, 'accepted', 'processing',
    'Hồ sơ đầy đủ, hẹn trả kết quả ngày ' || to_char(a.due_date, 'DD/MM/YYYY'));
  perform private.audit('application', a.id, a.unit_id, 'accept',
    jsonb_build_object('status', 'checking'),
    jsonb_build_object('status', 'processing', 'due_date', a.due_date, 'assigned_to', a.assigned_to));
  perform private.application_notify(a, 'application_accepted');
  return a.due_date;
end
$$;

-- Request missing documents: as many times as one_stop_rules allows (once).
create or replace function public.request_application_documents(id uuid, what text, due_by date)
returns void
language plpgsql security definer set search_path = ''
as $$
declare
  a public.applications := private.application_for_staff(id);
  v_max int := coalesce((select r.value from public.one_stop_rules r where r.key = 'max_document_requests'), 1);
begin
  if a.status not in ('checking', 'processing') then
    raise exception using errcode = 'P0001', message = 'invalid_transition';
  end if;
  if (select count(*) from public.application_pauses p where p.application_id = a.id) >= v_max then
    raise exception using errcode = 'P0001', message = 'documents_already_requested';
  end if;
  if length(btrim(coalesce(what, ''))) < 3 then
    raise exception using errcode = 'P0001', message = 'documents_request_required';
  end if;
  if due_by is null or due_by < private.vn_today() then
    raise exception using errcode = 'P0001', message = 'due_by_invalid';
  end if;
  insert into public.application_pauses (application_id, requested_by, what, due_by, resume_status)
  values (a.id, auth.uid(), btrim(what), due_by, a.status);
  update public.applications set status = 'needs_documents', updated_at = now()
   where applications.id = a.id returning * into a;
  perform private.application_event(a.id, 'documents_requested', 'needs_documents', btrim(what));
  perform private.audit('application', a.id, a.unit_id, 'request_documents',
    jsonb_build_object('status', a.status), jsonb_build_object('status', 'needs_documents', 'due_by', due_by));
  perform private.application_notify(a, 'application_documents_requested',
    jsonb_build_object('what', btrim(what), 'due_by', due_by));
end
$$;

create or replace function public.refuse_application(id uuid, reasons text) returns void
language plpgsql security definer set search_path = ''
as $$
declare
  a public.applications := private.application_for_staff(id);
begin
  if a.status not in ('submitted', 'checking', 'needs_documents') then
    raise exception using errcode = 'P0001', message = 'invalid_transition';
  end if;
  if length(btrim(coalesce(reasons, ''))) < 5 then
    raise exception using errcode = 'P0001', message = 'refusal_reasons_required';
  end if;
  update public.application_pauses set resumed_at = now(), working_days = 0
   where application_id = a.id and resumed_at is null;
  update public.applications
     set status = 'refused', refused_at = now(), refusal_reasons = btrim(reasons), updated_at = now()
   where applications.id = a.id returning * into a;
  perform private.application_event(a.id, 'refused', 'refused', btrim(reasons));
  perform private.audit('application', a.id, a.unit_id, 'refuse',
    null, jsonb_build_object('status', 'refused'), btrim(reasons));
  perform private.application_notify(a, 'application_refused', jsonb_build_object('reasons', btrim(reasons)));
end
$$;

create or replace function public.assign_application(id uuid, assignee uuid) returns void
language plpgsql security definer set search_path = ''
as $$
declare
  a public.applications := private.application_for_staff(id);
begin
  if a.status not in ('checking', 'processing', 'needs_documents') then
    raise exception using errcode = 'P0001', message = 'invalid_transition';
  end if;
  if not exists (select 1 from public.staff s where s.user_id = assignee and s.unit_id = a.unit_id
                  and 'procedure_officer' = any (s.roles)) then
    raise exception using errcode = 'P0001', message = 'assignee_invalid';
  end if;
  update public.applications set assigned_to = assignee, updated_at = now()
   where applications.id = a.id;
  perform private.application_event(a.id, 'assigned', null, null, false);
  perform private.audit('application', a.id, a.unit_id, 'assign',
    jsonb_build_object('assigned_to', a.assigned_to), jsonb_build_object('assigned_to', assignee));
end
$$;

create or replace function public.record_application_result(id uuid, attachment_id uuid, note text default null)
returns void
language plpgsql security definer set search_path = ''
as $$
declare
  a public.applications := private.application_for_staff(id);
  att public.attachments;
begin
  if a.status <> 'processing' then
    raise exception using errcode = 'P0001', message = 'invalid_transition';
  end if;
  select * into att from public.attachments t where t.id = attachment_id for update;
  if att.id is null or (att.owner_id is not null and att.owner_id <> a.id) then
    raise exception using errcode = 'P0001', message = 'attachment_not_found';
  end if;
  update public.attachments
     set owner_kind = 'application', owner_id = a.id, draft_key = null, unit_id = a.unit_id
   where attachments.id = att.id;
  insert into public.application_documents (application_id, attachment_id, document_key, stage)
  values (a.id, att.id, 'result', 'result') on conflict do nothing;
  update public.applications
     set status = 'result_ready', completed_at = now(), result_attachment_id = att.id,
         result_note = nullif(btrim(coalesce(note, '')), ''), updated_at = now()
   where applications.id = a.id returning * into a;
  perform private.application_event(a.id, 'result_ready', 'result_ready', a.result_note);
  perform private.audit('application', a.id, a.unit_id, 'record_result',
    jsonb_build_object('status', 'processing'),
    jsonb_build_object('status', 'result_ready', 'on_time', private.vn_date(a.completed_at) <= a.due_date));
  perform private.application_notify(a, 'application_result_ready');
end
$$;

create or replace function public.return_application_result(id uuid, via text) returns void
language plpgsql security definer set search_path = ''
as $$
declare
  a public.applications := private.application_for_staff(id);
begin
  if a.status <> 'result_ready' then
    raise exception using errcode = 'P0001', message = 'invalid_transition';
  end if;
  if via not in ('online', 'desk') then
    raise exception using errcode = 'P0001', message = 'return_channel_invalid';
  end if;
  update public.applications
     set status = 'returned', returned_at = now(), returned_via = via, updated_at = now()
   where applications.id = a.id;
  perform private.application_event(a.id, 'returned', 'returned',
    case via when 'desk' then 'Đã trả kết quả tại bộ phận một cửa' else 'Đã trả kết quả trực tuyến' end);
  perform private.audit('application', a.id, a.unit_id, 'return_result',
    jsonb_build_object('status', 'result_ready'), jsonb_build_object('status', 'returned', 'via', via));
end
$$;

-- Apology with a new return date: before the due date, as the decree asks (or, failing that, once
-- late). The original due date stays: a file returned after it still counts as late.
create or replace function public.record_apology_letter(
  id uuid, reason text, new_due_date date default null, attachment_id uuid default null
) returns uuid
language plpgsql security definer set search_path = ''
as $$
declare
  a public.applications := private.application_for_staff(id);
  new_id uuid;
  v_today date := private.vn_today();
  v_before boolean;
begin
  if a.status in ('refused', 'returned') or (a.completed_at is not null and private.vn_date(a.completed_at) <= a.due_date) then
    raise exception using errcode = 'P0001', message = 'application_not_late';
  end if;
  if length(btrim(coalesce(reason, ''))) < 3 then
    raise exception using errcode = 'P0001', message = 'apology_reason_required';
  end if;
  if new_due_date is null then
    raise exception using errcode = 'P0001', message = 'new_due_date_required';
  end if;
  if new_due_date <= a.due_date or new_due_date < v_today then
    raise exception using errcode = 'P0001', message = 'due_by_invalid';
  end if;
  v_before := coalesce(private.vn_date(a.completed_at), v_today) <= a.due_date;
  if attachment_id is not null then
    update public.attachments
       set owner_kind = 'application', owner_id = a.id, draft_key = null, unit_id = a.unit_id
     where attachments.id = attachment_id and (owner_id is null or owner_id = a.id);
    if not found then
      raise exception using errcode = 'P0001', message = 'attachment_not_found';
    end if;
  end if;
  insert into public.application_apologies (application_id, issued_on, new_due_date, reason, attachment_id, recorded_by, before_due)
  values (a.id, v_today, new_due_date, btrim(reason), attachment_id, auth.uid(), v_before)
  returning application_apologies.id into new_id;
  perform private.application_event(a.id, 'apology', null,
    'Thư xin lỗi, hẹn lại ngày ' || to_char(new_due_date, 'DD/MM/YYYY'));
  perform private.audit('application', a.id, a.unit_id, 'apology', null,
    jsonb_build_object('new_due_date', new_due_date, 'before_due', v_before), btrim(reason));
  perform private.application_notify(a, 'application_apology',
    jsonb_build_object('new_due_date', new_due_date));
  return new_id;
end
$$;

do $$
declare
  fn text;
begin
  foreach fn in array array[
    'public.check_application(uuid)', 'public.accept_application(uuid, uuid)',
    'public.request_application_documents(uuid, text, date)', 'public.refuse_application(uuid, text)',
    'public.assign_application(uuid, uuid)', 'public.record_application_result(uuid, uuid, text)',
    'public.return_application_result(uuid, text)',
    'public.record_apology_letter(uuid, text, date, uuid)'] loop
    execute format('revoke all on function %s from public, anon', fn);
    execute format('grant execute on function %s to authenticated', fn);
  end loop;
end
$$;
revoke all on function private.file_application(jsonb, uuid, text) from public;
revoke all on function private.application_by_code(text, text) from public;
revoke all on function private.claim_application_documents(uuid, jsonb, uuid, text) from public;
revoke all on function private.application_for_staff(uuid) from public;

-- ---------------------------------------------------------------------------------------------
-- Staff list view: joins the names the inbox needs (no embedding in the REST subset).
-- ---------------------------------------------------------------------------------------------
create view public.application_inbox with (security_invoker = true) as
  select a.id, a.tracking_code as code, a.unit_id, a.status, s.category as status_category, s.label_vi as status_label_vi,
         s.label_en as status_label_en, a.channel, a.applicant_name, a.received_at, a.accepted_at,
         a.due_date, a.completed_at, a.assigned_to, a.paused_days, p.code as procedure_code,
         v.name_vi as procedure_name_vi, v.name_en as procedure_name_en,
         (a.completed_at is null and a.status not in ('refused', 'needs_documents')
            and a.due_date < current_date) as is_overdue,
         (a.completed_at is null and a.status not in ('refused', 'needs_documents')
            and a.due_date >= current_date
            and public.working_days_between(current_date, a.due_date) <= 2) as is_due_soon
    from public.applications a
    join public.application_statuses s on s.code = a.status
    join public.procedures p on p.id = a.procedure_id
    join public.procedure_versions v on v.id = a.procedure_version_id;
comment on view public.application_inbox is
  'One-stop inbox rows (security invoker: applications RLS decides which rows staff see).';
revoke all on public.application_inbox from anon;
grant select on public.application_inbox to authenticated, service_role;

-- ---------------------------------------------------------------------------------------------
-- Counting (see the column list at the top of this file).
-- ---------------------------------------------------------------------------------------------
create view public.procedure_stats with (security_invoker = true) as
  with facts as (
    select a.unit_id, a.received_at::date as day,
           (a.channel = 'online')::int as received_online, (a.channel = 'desk')::int as received_desk,
           0 as completed_on_time, 0 as completed_late,
           (a.completed_at is null and a.status <> 'refused' and a.due_date >= current_date)::int as in_progress_on_time,
           (a.completed_at is null and a.status not in ('refused', 'needs_documents') and a.due_date < current_date)::int as overdue,
           0 as returned_for_documents, 0 as refused, 0 as processing_days, 0 as rating_count, 0 as rating_sum
      from public.applications a
    union all
    select a.unit_id, a.completed_at::date, 0, 0,
           (a.completed_at::date <= a.due_date)::int, (a.completed_at::date > a.due_date)::int,
           0, 0, 0, 0,
           greatest(public.working_days_between(a.received_at::date, a.completed_at::date) - a.paused_days, 0),
           0, 0
      from public.applications a where a.completed_at is not null
    union all
    select a.unit_id, ps.requested_at::date, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0
      from public.application_pauses ps join public.applications a on a.id = ps.application_id
    union all
    select a.unit_id, a.refused_at::date, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0
      from public.applications a where a.refused_at is not null
    union all
    select a.unit_id, a.rated_at::date, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, a.rating
      from public.applications a where a.rated_at is not null
  )
  select unit_id, day,
         sum(received_online)::int as received_online,
         sum(received_desk)::int as received_desk,
         sum(received_online + received_desk)::int as received_total,
         sum(completed_on_time)::int as completed_on_time,
         sum(completed_late)::int as completed_late,
         sum(in_progress_on_time)::int as in_progress_on_time,
         sum(overdue)::int as overdue,
         sum(returned_for_documents)::int as returned_for_documents,
         sum(refused)::int as refused,
         sum(processing_days)::int as processing_days_sum,
         case when sum(completed_on_time + completed_late) > 0
              then round(sum(processing_days)::numeric / sum(completed_on_time + completed_late), 2)
         end::numeric(6, 2) as avg_processing_days,
         sum(rating_count)::int as rating_count,
         sum(rating_sum)::int as rating_sum,
         case when sum(rating_count) > 0 then round(sum(rating_sum)::numeric / sum(rating_count), 2)
         end::numeric(3, 2) as rating_avg
    from facts
   group by unit_id, day;
comment on view public.procedure_stats is
  'Per unit and day counts of one-stop applications (columns documented at the top of migration '
  '20261126000410). Security invoker: staff see the units they may see.';
revoke all on public.procedure_stats from anon;
grant select on public.procedure_stats to authenticated, service_role;
