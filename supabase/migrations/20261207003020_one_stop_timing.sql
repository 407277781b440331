-- One-stop timing (issue 13, A.6 and A.7 for the one-stop staff functions).
--
-- What was wrong (20261126000410):
--   * accept_application() recomputed the return date from the day of acceptance
--     (working_days_add(current_date, days + paused_days)): the date printed on the receipt (giấy
--     tiếp nhận và hẹn trả kết quả) silently moved, the days spent checking the file were not
--     counted, and a pause made during checking was added twice (once when the documents came,
--     once more at acceptance).
--   * documents could be requested any number of times;
--   * the apology (phiếu xin lỗi và hẹn lại ngày trả kết quả) could only be recorded once the
--     file was already late, and without a new date;
--   * dates were taken in the server's zone (current_date, ::date — UTC on Supabase).
-- Now: the return date is the one fixed at receipt, moved only by the working days the clock
-- stood still while the citizen supplied requested documents (once per pause); documents may be
-- requested as many times as one_stop_rules allows (1); the apology needs a new date and may be
-- recorded before the due date (as the decree asks) or, failing that, once late; every date is a
-- Vietnam date (private.vn_today / private.vn_date).
--
-- Legal basis: Nghị định 118/2025/NĐ-CP (thủ tục hành chính theo cơ chế một cửa, một cửa liên
-- thông), which replaced NĐ 61/2018/NĐ-CP from 1/7/2025. The one-request rule and "apology before
-- the due date" could not be checked against the decree's text here: one_stop_rules marks them
-- unconfirmed (is_checked = false) so the legal officer can confirm or change them as data.
--
-- Not changed here (the function belongs to the filing flow): private.file_application() still
-- computes the receipt's return date from current_date; it must use private.vn_today().

create table public.one_stop_rules (
  key text primary key check (key in ('max_document_requests', 'apology_days_before_due')),
  value int not null check (value between 0 and 30),
  legal_basis text not null check (char_length(legal_basis) <= 500),
  is_checked boolean not null default false,
  note text null check (char_length(note) <= 1000),
  updated_at timestamptz not null default now()
);
comment on table public.one_stop_rules is
  'One-stop timing rules as data (NĐ 118/2025/NĐ-CP). Everyone reads; admins change. is_checked = false: not yet confirmed against the decree.';
insert into public.one_stop_rules (key, value, legal_basis, is_checked, note) values
  ('max_document_requests', 1, 'Nghị định 118/2025/NĐ-CP (cơ chế một cửa)', false,
   'Chỉ yêu cầu bổ sung, hoàn thiện hồ sơ một lần. Chưa đối chiếu điều, khoản.'),
  ('apology_days_before_due', 1, 'Nghị định 118/2025/NĐ-CP (cơ chế một cửa)', false,
   'Phiếu xin lỗi và hẹn lại ngày trả kết quả gửi trước ngày hết hạn (số ngày chưa đối chiếu).');
alter table public.one_stop_rules enable row level security;
create policy "Anyone can read one-stop rules"
  on public.one_stop_rules for select to anon, authenticated using (true);
create policy "Admins can change one-stop rules"
  on public.one_stop_rules for update to authenticated
  using ((select private.has_role('admin'))) with check ((select private.has_role('admin')));
revoke insert, delete, truncate on public.one_stop_rules from anon, authenticated;
revoke update on public.one_stop_rules from anon;
grant select on public.one_stop_rules to anon, authenticated;
grant update (value, is_checked, note, updated_at) on public.one_stop_rules to authenticated;
grant all on public.one_stop_rules to service_role;

alter table public.application_apologies alter column issued_on set default private.vn_today();
alter table public.application_apologies add column before_due boolean null;
comment on column public.application_apologies.before_due is
  'true: recorded before the due date, as NĐ 118/2025 asks; false: recorded once already late.';

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

-- Inbox and counting in Vietnam days (same columns as 20261126000410).
create or replace view public.application_inbox with (security_invoker = true) as
  select a.id, a.tracking_code as code, a.unit_id, a.status, s.category as status_category, s.label_vi as status_label_vi,
         s.label_en as status_label_en, a.channel, a.applicant_name, a.received_at, a.accepted_at,
         a.due_date, a.completed_at, a.assigned_to, a.paused_days, p.code as procedure_code,
         v.name_vi as procedure_name_vi, v.name_en as procedure_name_en,
         (a.completed_at is null and a.status not in ('refused', 'needs_documents')
            and a.due_date < private.vn_today()) as is_overdue,
         (a.completed_at is null and a.status not in ('refused', 'needs_documents')
            and a.due_date >= private.vn_today()
            and public.working_days_between(private.vn_today(), a.due_date) <= 2) as is_due_soon
    from public.applications a
    join public.application_statuses s on s.code = a.status
    join public.procedures p on p.id = a.procedure_id
    join public.procedure_versions v on v.id = a.procedure_version_id;

create or replace view public.procedure_stats with (security_invoker = true) as
  with facts as (
    select a.unit_id, private.vn_date(a.received_at) as day,
           (a.channel = 'online')::int as received_online, (a.channel = 'desk')::int as received_desk,
           0 as completed_on_time, 0 as completed_late,
           (a.completed_at is null and a.status <> 'refused' and a.due_date >= private.vn_today())::int as in_progress_on_time,
           (a.completed_at is null and a.status not in ('refused', 'needs_documents') and a.due_date < private.vn_today())::int as overdue,
           0 as returned_for_documents, 0 as refused, 0 as processing_days, 0 as rating_count, 0 as rating_sum
      from public.applications a
    union all
    select a.unit_id, private.vn_date(a.completed_at), 0, 0,
           (private.vn_date(a.completed_at) <= a.due_date)::int, (private.vn_date(a.completed_at) > a.due_date)::int,
           0, 0, 0, 0,
           greatest(public.working_days_between(private.vn_date(a.received_at), private.vn_date(a.completed_at)) - a.paused_days, 0),
           0, 0
      from public.applications a where a.completed_at is not null
    union all
    select a.unit_id, private.vn_date(ps.requested_at), 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0
      from public.application_pauses ps join public.applications a on a.id = ps.application_id
    union all
    select a.unit_id, private.vn_date(a.refused_at), 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0
      from public.applications a where a.refused_at is not null
    union all
    select a.unit_id, private.vn_date(a.rated_at), 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, a.rating
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
