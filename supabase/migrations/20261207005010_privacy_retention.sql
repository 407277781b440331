-- Personal data 2/5 (issue 12 item 13; Luật Bảo vệ dữ liệu cá nhân 91/2025/QH15): how long closed
-- files keep personal data, as data, and the job that applies it.
--
-- retention_rules: per kind of record and closed status, the period counted from closure, the
-- legal basis as text, the action (anonymise | delete), and whether the period has been confirmed
-- against the law by the agency. Only CONFIRMED rules are applied: a period nobody has checked
-- must not destroy a record the archives law may require (Luật Lưu trữ 2024 and the Ministry's
-- list of retention periods). Unconfirmed rules are counted (how many files would be due) so the
-- job's report shows what waits for a decision. Admins confirm a rule by updating the row.
--
-- hold_months: the legal hold for an erasure request (20261207005020): before closure + hold the
-- file must be kept whatever the citizen asks; null = no erasure before the retention period.
--
-- Anonymising (as FixMyStreet does): names become the marker 'Đã ẩn danh', CCCD / phone / e-mail
-- / address / free-text fields that may name people are cleared (a phone the table requires
-- becomes '0000000000'), internal notes go, attachments rows go and their Storage objects are
-- queued for deletion. The record, its statuses, dates and events stay, so statistics and the
-- deadlines record are unchanged. Deleting removes the record with everything hanging from it.
--
-- Storage objects: SQL cannot remove them soundly (on Supabase a direct delete from
-- storage.objects leaves the object in the S3 backend and is refused by storage.protect_delete).
-- So the job puts (bucket, path) in private.storage_deletions in the same transaction as the row
-- changes; the app's job (src/lib/privacy/server/jobs.ts) then removes them through the Storage
-- API (service role) and confirms with confirm_storage_deletions(). A failed removal stays
-- queued and is retried at the next run.
--
-- Idempotent and safe with two runners: due rows are taken `for update skip locked`, and an
-- anonymised row carries personal_data_erased_at so it is never taken again.

create table public.retention_rules (
  record_kind text not null check (record_kind in ('complaint', 'booking', 'application', 'notification')),
  closed_status text not null check (closed_status ~ '^[a-z_]{1,40}$'),
  retention_months integer not null check (retention_months between 1 and 1200),
  hold_months integer null check (hold_months between 0 and 1200),
  action text not null check (action in ('anonymise', 'delete')),
  legal_basis text not null check (length(legal_basis) between 3 and 1000),
  is_confirmed boolean not null default false,
  updated_at timestamptz not null default now(),
  primary key (record_kind, closed_status)
);
comment on table public.retention_rules is
  'Retention schedule of personal data in closed files (Luật BVDLCN 91/2025/QH15): period from closure, legal basis, action, whether confirmed against the law. Everyone reads (the notice shows it); admins update; private.apply_retention() applies confirmed rules only.';
alter table public.retention_rules enable row level security;
create policy "Anyone can read the retention schedule"
  on public.retention_rules for select to anon, authenticated using (true);
create policy "Admins can change the retention schedule"
  on public.retention_rules for update to authenticated
  using ((select private.has_role('admin'))) with check ((select private.has_role('admin')));
revoke insert, update, delete, truncate on public.retention_rules from anon, authenticated;
grant select on public.retention_rules to anon, authenticated;
grant update (retention_months, hold_months, action, legal_basis, is_confirmed, updated_at)
  on public.retention_rules to authenticated;
grant all on public.retention_rules to service_role;

-- None of these periods could be confirmed from the texts available when this was written: all
-- start unconfirmed, with the basis that has to be checked.
insert into public.retention_rules
  (record_kind, closed_status, retention_months, hold_months, action, legal_basis) values
  ('complaint', 'resolved', 180, null, 'anonymise',
   'Hồ sơ giải quyết khiếu nại, tố cáo: 15 năm (vụ việc quan trọng: vĩnh viễn) theo danh mục thời hạn bảo quản hồ sơ, tài liệu (Thông tư 10/2022/TT-BNV) — CHƯA XÁC NHẬN; đối chiếu danh mục của ngành Thi hành án dân sự (Bộ Tư pháp).'),
  ('complaint', 'returned', 60, null, 'anonymise',
   'Đơn trả lại, không thụ lý: 5 năm (giả định, tương tự đơn thư không đủ điều kiện xử lý) — CHƯA XÁC NHẬN.'),
  ('complaint', 'guided', 60, null, 'anonymise',
   'Đơn đã hướng dẫn gửi đến cơ quan có thẩm quyền: 5 năm (giả định) — CHƯA XÁC NHẬN.'),
  ('complaint', 'withdrawn', 60, null, 'anonymise',
   'Đơn đã rút: 5 năm (giả định) — CHƯA XÁC NHẬN.'),
  ('booking', 'done', 12, 0, 'anonymise',
   'Lịch hẹn đã tiếp: không có nghĩa vụ lưu trữ riêng (nội dung buổi tiếp nằm trong Sổ tiếp công dân); 12 tháng theo nguyên tắc tối thiểu hóa, Luật 91/2025/QH15 — lựa chọn của cơ quan, CHƯA XÁC NHẬN.'),
  ('booking', 'no_show', 3, 0, 'anonymise',
   'Lịch hẹn không đến: 3 tháng (tối thiểu hóa; giữ số liệu thống kê) — lựa chọn của cơ quan, CHƯA XÁC NHẬN.'),
  ('booking', 'cancelled', 3, 0, 'delete',
   'Lịch hẹn đã hủy: 3 tháng rồi xóa (không phục vụ việc tiếp) — lựa chọn của cơ quan, CHƯA XÁC NHẬN.'),
  ('application', 'returned', 60, null, 'anonymise',
   'Hồ sơ thủ tục hành chính đã trả kết quả: thời hạn bảo quản theo danh mục hồ sơ giải quyết thủ tục hành chính (Nghị định 61/2018/NĐ-CP, 107/2021/NĐ-CP; Thông tư 10/2022/TT-BNV) — 5 năm là giả định, CHƯA XÁC NHẬN.'),
  ('application', 'refused', 60, null, 'anonymise',
   'Hồ sơ bị từ chối: như hồ sơ đã trả kết quả — 5 năm là giả định, CHƯA XÁC NHẬN.'),
  ('notification', 'sent', 3, 0, 'delete',
   'Tin nhắn, thư đã gửi (chứa số điện thoại, e-mail): 3 tháng để giải đáp thắc mắc về việc gửi, rồi xóa — lựa chọn của cơ quan, CHƯA XÁC NHẬN.'),
  ('notification', 'failed', 3, 0, 'delete',
   'Tin nhắn, thư gửi lỗi: 3 tháng rồi xóa — lựa chọn của cơ quan, CHƯA XÁC NHẬN.');

alter table public.complaints add column personal_data_erased_at timestamptz null;
alter table public.bookings add column personal_data_erased_at timestamptz null;
alter table public.applications add column personal_data_erased_at timestamptz null;
comment on column public.complaints.personal_data_erased_at is
  'Set when the personal data of this file was anonymised (retention schedule or erasure request).';
comment on column public.bookings.personal_data_erased_at is
  'Set when the personal data of this booking was anonymised (retention schedule or erasure request).';
comment on column public.applications.personal_data_erased_at is
  'Set when the personal data of this application was anonymised (retention schedule or erasure request).';

create table private.storage_deletions (
  id bigint generated always as identity primary key,
  bucket text not null,
  path text not null,
  reason text not null,
  queued_at timestamptz not null default now(),
  unique (bucket, path)
);
comment on table private.storage_deletions is
  'Storage objects whose attachments rows were removed (retention, erasure): the app job removes them through the Storage API and confirms. Functions only.';
alter table private.storage_deletions enable row level security;
revoke all on private.storage_deletions from public, anon, authenticated;

-- Drops the attachments rows of one record (links first) and queues their objects.
create function private.erase_attachments(p_kind text, p_id uuid, p_reason text) returns integer
language plpgsql volatile security definer set search_path = '' as $$
declare
  n integer;
begin
  if p_kind = 'application' then
    delete from public.application_documents d where d.application_id = p_id;
    update public.applications a set result_attachment_id = null where a.id = p_id;
    update public.application_apologies a set attachment_id = null where a.application_id = p_id;
  elsif p_kind = 'complaint' then
    update public.complaints c set decision_attachment_id = null where c.id = p_id;
  end if;
  with gone as (
    delete from public.attachments a
     where a.owner_kind = p_kind and a.owner_id = p_id
       -- Files linked from elsewhere (a reused decision) are left alone.
       and not exists (select 1 from public.application_documents d where d.attachment_id = a.id)
       and not exists (select 1 from public.complaints c where c.decision_attachment_id = a.id)
       and not exists (select 1 from public.applications x where x.result_attachment_id = a.id)
    returning a.bucket, a.path
  )
  insert into private.storage_deletions (bucket, path, reason)
  select g.bucket, g.path, p_reason from gone g
  on conflict (bucket, path) do nothing;
  get diagnostics n = row_count;
  return n;
end
$$;

/** Anonymises (or deletes) one record's personal data; writes the audit event. */
create function private.erase_personal_data(
  p_kind text, p_id uuid, p_action text, p_reason text
) returns void language plpgsql volatile security definer set search_path = '' as $$
declare
  v_marker constant text := 'Đã ẩn danh';
  v_unit uuid;
  v_files integer;
begin
  if p_kind = 'complaint' then
    select c.unit_id into v_unit from public.complaints c where c.id = p_id;
  elsif p_kind = 'booking' then
    select b.unit_id into v_unit from public.bookings b where b.id = p_id;
  elsif p_kind = 'application' then
    select a.unit_id into v_unit from public.applications a where a.id = p_id;
  end if;
  if v_unit is null then
    return;
  end if;
  v_files := private.erase_attachments(p_kind, p_id, p_reason);

  if p_kind = 'complaint' then
    if p_action = 'delete' then
      -- Complaints are only anonymised: appeals and the reception record point at them.
      raise exception using errcode = 'P0001', message = 'retention_delete_not_supported';
    end if;
    update public.complaint_parties p
       set full_name = v_marker, cccd = null, phone = null, email = null, province = null,
           ward = null, address_line = null, authorisation = null
     where p.complaint_id = p_id;
    delete from public.complaint_notes n where n.complaint_id = p_id;
    update public.complaint_events e set public_note = null where e.complaint_id = p_id;
    update public.complaints c
       set content = '[' || v_marker || ' theo quy định bảo vệ dữ liệu cá nhân]',
           request = '[' || v_marker || ']', outcome_summary = null, info_request = null,
           personal_data_erased_at = now(), updated_at = now()
     where c.id = p_id;
  elsif p_kind = 'booking' then
    if p_action = 'delete' then
      update public.reception_visits v set booking_id = null where v.booking_id = p_id;
      delete from public.tracking_codes t where t.kind = 'booking' and t.ref_id = p_id;
      delete from public.personal_data_consents c where c.record_kind = 'booking' and c.record_id = p_id;
      delete from public.bookings b where b.id = p_id;
    else
      update public.bookings b
         set full_name = v_marker, phone = case when b.phone is null then null else '0000000000' end,
             email = null, cccd = null, address = null, summary = null, case_number = null,
             representatives = case when b.people_count >= 5 then jsonb_build_array(v_marker)
                                    else '[]'::jsonb end,
             personal_data_erased_at = now(), updated_at = now()
       where b.id = p_id;
    end if;
  elsif p_kind = 'application' then
    if p_action = 'delete' then
      delete from public.tracking_codes t where t.kind = 'application' and t.ref_id = p_id;
      delete from public.personal_data_consents c where c.record_kind = 'application' and c.record_id = p_id;
      delete from public.applications a where a.id = p_id;
    else
      update public.applications a
         set applicant_name = v_marker, applicant_cccd = null,
             applicant_phone = case when a.applicant_phone is null then null else '0000000000' end,
             applicant_email = null, applicant_address = null, answers = '{}'::jsonb,
             rating_comment = null, result_note = null,
             personal_data_erased_at = now(), updated_at = now()
       where a.id = p_id;
    end if;
  end if;

  -- No personal data in the audit trail: the id, the action, the reason.
  perform private.audit(p_kind, p_id, v_unit,
    case p_action when 'delete' then 'personal_data_deleted' else 'personal_data_anonymised' end,
    null, jsonb_build_object('reason', p_reason, 'attachments_removed', v_files), null);
end
$$;

/**
 * The retention job: applies every confirmed rule to the files closed longer than its period
 * (at most p_batch per rule and run), counts those waiting on unconfirmed rules. Idempotent.
 * Returns [{record_kind, closed_status, action, confirmed, done, waiting}].
 */
create function private.apply_retention(p_now timestamptz, p_batch integer default 500)
returns jsonb language plpgsql volatile security definer set search_path = '' as $$
declare
  r public.retention_rules;
  v_ids uuid[];
  v_id uuid;
  v_done integer;
  v_waiting integer;
  v_deleted bigint;
  v_result jsonb := '[]'::jsonb;
begin
  for r in select * from public.retention_rules order by record_kind, closed_status loop
    v_ids := '{}';
    v_waiting := 0;
    v_done := 0;
    if r.record_kind = 'complaint' then
      if r.is_confirmed then
        select coalesce(array_agg(x.id), '{}') into v_ids from (
          select c.id from public.complaints c
           where c.status = r.closed_status and c.personal_data_erased_at is null
             and coalesce(c.closed_at, c.resolved_at, c.updated_at)
                 + make_interval(months => r.retention_months) <= p_now
           order by c.id limit p_batch for update skip locked) x;
      else
        select count(*) into v_waiting from public.complaints c
         where c.status = r.closed_status and c.personal_data_erased_at is null
           and coalesce(c.closed_at, c.resolved_at, c.updated_at)
               + make_interval(months => r.retention_months) <= p_now;
      end if;
    elsif r.record_kind = 'booking' then
      if r.is_confirmed then
        select coalesce(array_agg(x.id), '{}') into v_ids from (
          select b.id from public.bookings b
           where b.status = r.closed_status and b.personal_data_erased_at is null
             and coalesce(b.finished_at, b.cancelled_at, b.ends_at, b.updated_at)
                 + make_interval(months => r.retention_months) <= p_now
           order by b.id limit p_batch for update skip locked) x;
      else
        select count(*) into v_waiting from public.bookings b
         where b.status = r.closed_status and b.personal_data_erased_at is null
           and coalesce(b.finished_at, b.cancelled_at, b.ends_at, b.updated_at)
               + make_interval(months => r.retention_months) <= p_now;
      end if;
    elsif r.record_kind = 'application' then
      if r.is_confirmed then
        select coalesce(array_agg(x.id), '{}') into v_ids from (
          select a.id from public.applications a
           where a.status = r.closed_status and a.personal_data_erased_at is null
             and coalesce(a.returned_at, a.refused_at, a.completed_at, a.updated_at)
                 + make_interval(months => r.retention_months) <= p_now
           order by a.id limit p_batch for update skip locked) x;
      else
        select count(*) into v_waiting from public.applications a
         where a.status = r.closed_status and a.personal_data_erased_at is null
           and coalesce(a.returned_at, a.refused_at, a.completed_at, a.updated_at)
               + make_interval(months => r.retention_months) <= p_now;
      end if;
    elsif r.record_kind = 'notification' then
      if r.is_confirmed then
        with gone as (
          delete from public.notifications n where n.id in (
            select m.id from public.notifications m
             where m.status = r.closed_status
               and coalesce(m.sent_at, m.created_at) + make_interval(months => r.retention_months) <= p_now
             order by m.id limit p_batch for update skip locked)
          returning 1)
        select count(*) into v_deleted from gone;
        v_done := v_deleted;
      else
        select count(*) into v_waiting from public.notifications m
         where m.status = r.closed_status
           and coalesce(m.sent_at, m.created_at) + make_interval(months => r.retention_months) <= p_now;
      end if;
    end if;

    foreach v_id in array v_ids loop
      perform private.erase_personal_data(r.record_kind, v_id, r.action,
        'retention:' || r.record_kind || '/' || r.closed_status);
      v_done := v_done + 1;
    end loop;

    v_result := v_result || jsonb_build_object(
      'record_kind', r.record_kind, 'closed_status', r.closed_status, 'action', r.action,
      'confirmed', r.is_confirmed, 'done', v_done, 'waiting', v_waiting);
  end loop;
  return v_result;
end
$$;

revoke all on function private.erase_attachments(text, uuid, text) from public, anon, authenticated;
revoke all on function private.erase_personal_data(text, uuid, text, text) from public, anon, authenticated;
revoke all on function private.apply_retention(timestamptz, integer) from public, anon, authenticated;

-- The job runner's entry points (service role only). p_now: the instant to apply the schedule
-- at (default now(); tests pass a later one).
create function public.apply_retention(p_now timestamptz default null)
returns jsonb language sql volatile security definer set search_path = '' as $$
  select private.apply_retention(coalesce(p_now, now()))
$$;
comment on function public.apply_retention(timestamptz) is
  'Service role (job runner): apply the confirmed retention rules; see private.apply_retention.';

create function public.list_storage_deletions(p_limit integer default 200)
returns table (id bigint, bucket text, path text)
language sql stable security definer set search_path = '' as $$
  select d.id, d.bucket, d.path from private.storage_deletions d
   order by d.id limit least(greatest(coalesce(p_limit, 200), 1), 1000)
$$;
comment on function public.list_storage_deletions(integer) is
  'Service role (job runner): Storage objects waiting to be removed after their attachments rows went.';

create function public.confirm_storage_deletions(p_ids bigint[])
returns integer language plpgsql volatile security definer set search_path = '' as $$
declare
  n integer;
begin
  delete from private.storage_deletions d where d.id = any (p_ids);
  get diagnostics n = row_count;
  return n;
end
$$;
comment on function public.confirm_storage_deletions(bigint[]) is
  'Service role (job runner): the listed objects were removed from Storage.';

revoke all on function public.apply_retention(timestamptz) from public, anon, authenticated;
revoke all on function public.list_storage_deletions(integer) from public, anon, authenticated;
revoke all on function public.confirm_storage_deletions(bigint[]) from public, anon, authenticated;
grant execute on function public.apply_retention(timestamptz) to service_role;
grant execute on function public.list_storage_deletions(integer) to service_role;
grant execute on function public.confirm_storage_deletions(bigint[]) to service_role;
