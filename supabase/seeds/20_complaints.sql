-- Complaints demo data (after supabase/seed.sql). Files go through the real functions, as the
-- citizen and the officers would, so events, audit and deadlines are consistent.
--
-- Demo tracking (code / secret): KN-HNAA-2222 / THADS234 (received, HN-KV1)
--                                KN-HNAB-2222 / THADS234 (accepted, verification, HN-KV1)
--                                KN-HNAC-2222 / THADS234 (petition answered, HN-KV1)
--                                TC-HNAD-2222 / THADS234 (denunciation, HN-KV1: identity protected)
--                                KN-GAAA-2222 / THADS234 (received, GL-KV1)

create temporary table demo_complaints (n int, code text, key uuid, payload jsonb) on commit drop;
insert into demo_complaints values
  (1, 'KN-HNAA-2222', '00000000-0000-4000-c000-000000000001', jsonb_build_object(
     'kind', 'complaint', 'subject', 'coercion', 'unit_id', '00000000-0000-4000-a000-000000000011',
     -- Learned of 14 days ago, filed 12 days ago (see the overdue update at the end).
     'filer_capacity', 'debtor', 'consent', true, 'learned_on', (current_date - 14)::text,
     'decision_number', '125/QĐ-CCTHADS', 'decision_date', (current_date - 15)::text,
     'enforcement_officer', 'Chấp hành viên Nguyễn Văn Bình', 'case_number', 'THA-2026-0451',
     'content', 'Ngày ' || to_char(current_date - 14, 'DD/MM/YYYY') || ', Chấp hành viên kê biên chiếc xe máy Honda Wave biển số 29X1-123.45 tại nhà tôi. Xe này là của con trai tôi, đã đăng ký tên con tôi từ năm 2020, không phải tài sản của tôi.',
     'request', 'Hủy bỏ việc kê biên chiếc xe máy, trả lại xe cho con tôi.',
     'filer', jsonb_build_object('full_name', 'Phạm Văn Hòa', 'cccd', '001062004567', 'phone', '0912345678',
                                 'province', 'Hà Nội', 'ward', 'Phường Hoàn Kiếm', 'address_line', 'Số 12 ngõ 5 Hàng Bạc'))),
  (2, 'KN-HNAB-2222', '00000000-0000-4000-c000-000000000002', jsonb_build_object(
     'kind', 'complaint', 'subject', 'account_freeze', 'unit_id', '00000000-0000-4000-a000-000000000011',
     'filer_capacity', 'related_party', 'consent', true, 'learned_on', (current_date - 2)::text,
     'decision_number', '88/QĐ-THADS',
     'content', 'Tài khoản ngân hàng của công ty tôi bị phong tỏa theo quyết định 88/QĐ-THADS, trong khi công ty không phải là người phải thi hành án.',
     'request', 'Gỡ bỏ phong tỏa tài khoản của công ty.',
     'filer', jsonb_build_object('full_name', 'Lê Thị Mai', 'cccd', '001185009876', 'phone', '0987654321',
                                 'province', 'Hà Nội', 'ward', 'Phường Cầu Giấy'))),
  (3, 'KN-HNAC-2222', '00000000-0000-4000-c000-000000000003', jsonb_build_object(
     'kind', 'petition', 'unit_id', '00000000-0000-4000-a000-000000000011', 'consent', true,
     'content', 'Đề nghị cơ quan niêm yết lịch tiếp công dân của Thủ trưởng tại cổng trụ sở và trên cổng thông tin.',
     'request', 'Công khai lịch tiếp công dân.',
     'filer', jsonb_build_object('full_name', 'Trần Quốc Toản', 'email', 'toan.tq@example.vn'))),
  (4, 'TC-HNAD-2222', '00000000-0000-4000-c000-000000000004', jsonb_build_object(
     'kind', 'denunciation', 'unit_id', '00000000-0000-4000-a000-000000000011', 'consent', true,
     'enforcement_officer', 'Chấp hành viên X', 
     'content', 'Chấp hành viên X gợi ý tôi nộp thêm tiền "bồi dưỡng" để được hoãn cưỡng chế, có ghi âm cuộc gọi.',
     'request', 'Xác minh và xử lý cán bộ vi phạm.',
     'filer', jsonb_build_object('full_name', 'Người tố cáo Demo', 'cccd', '001090001111', 'phone', '0901111222',
                                 'province', 'Hà Nội', 'ward', 'Phường Ba Đình'))),
  (5, 'KN-GAAA-2222', '00000000-0000-4000-c000-000000000005', jsonb_build_object(
     'kind', 'complaint', 'subject', 'before_measure', 'unit_id', '00000000-0000-4000-a000-000000000021',
     'filer_capacity', 'creditor', 'consent', true, 'learned_on', (current_date - 10)::text,
     'content', 'Đã quá thời hạn tự nguyện thi hành nhưng Chấp hành viên chưa xác minh điều kiện thi hành án của người phải thi hành án.',
     'request', 'Yêu cầu tổ chức thi hành án theo quy định.',
     'filer', jsonb_build_object('full_name', 'Rơ Châm Hyưr', 'cccd', '064070001234', 'phone', '0935123456',
                                 'province', 'Gia Lai', 'ward', 'Phường Pleiku')));

-- File each one and give it a demo code and secret.
do $$
declare
  d record;
  r record;
begin
  for d in select * from demo_complaints order by n loop
    if exists (select 1 from public.tracking_codes where code = d.code) then
      continue;
    end if;
    select * into r from public.submit_complaint(d.payload, d.key);
    update public.tracking_codes set code = d.code, secret_hash = extensions.crypt('THADS234', extensions.gen_salt('bf', 6))
     where code = r.code;
    update public.complaints set tracking_code = d.code where id = r.complaint_id;
    delete from private.idempotent_replies where key_hash = private.idem_hash('complaint', d.key);
  end loop;
end
$$;

-- Officers act (auth.uid() reads the JWT claims, as in a real request).
select set_config('request.jwt.claims', '{"sub":"00000000-0000-4000-b000-000000000012","role":"authenticated"}', true);
select public.accept_complaint(id) from public.complaints where tracking_code = 'KN-HNAB-2222' and status = 'received';
select public.record_complaint_verification(id, current_date, 'Đã làm việc với ngân hàng: tài khoản đứng tên công ty TNHH Mai Lê.')
  from public.complaints where tracking_code = 'KN-HNAB-2222' and status = 'accepted';
select public.accept_complaint(id) from public.complaints where tracking_code = 'KN-HNAC-2222' and status = 'received';
select public.resolve_complaint(id, 'answered', 'Cơ quan đã niêm yết lịch tiếp công dân tại trụ sở và trên cổng thông tin từ tháng này.')
  from public.complaints where tracking_code = 'KN-HNAC-2222' and status = 'accepted';
select public.log_complaint_access(id) from public.complaints where tracking_code in ('KN-HNAA-2222', 'KN-HNAB-2222');
select set_config('request.jwt.claims', '', true);

-- One overdue file for the queue's badges: received 12 days ago, acceptance deadline passed.
-- Its filing event moves with it, so the timeline does not show it filed today (issue 18.7).
update public.complaints
   set received_at = now() - interval '12 days',
       accept_due = public.working_days_add((now() - interval '12 days')::date, 5)
 where tracking_code = 'KN-HNAA-2222' and status = 'received';
update public.complaint_events e
   set occurred_at = c.received_at,
       data = case when e.data ? 'accept_due'
                   then jsonb_set(e.data, '{accept_due}', to_jsonb(c.accept_due::text)) else e.data end
  from public.complaints c
 where e.complaint_id = c.id and c.tracking_code = 'KN-HNAA-2222' and e.event = 'submitted'
   and e.occurred_at > c.received_at;
