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
