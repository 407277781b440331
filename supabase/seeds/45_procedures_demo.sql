-- One-stop desk demo data (after 40_procedures.sql): paper applications entered at HN-KV1's desk
-- and handled through the real functions, as motcua.hn1 would, so the inbox, the due-soon and
-- overdue lists and the citizen's tracking page have something to show on a fresh `npm start`.
--
-- Demo tracking (code / secret): HS-HNAA-2222 / THADS234 (received, waiting to be checked)
--                                HS-HNAB-2222 / THADS234 (being processed, assigned)
--                                HS-HNAC-2222 / THADS234 (more documents requested)
--                                HS-HNAD-2222 / THADS234 (being processed, overdue)

create temporary table demo_applications (n int, code text, procedure_code text, answers jsonb, applicant jsonb)
  on commit drop;
insert into demo_applications values
  (1, 'HS-HNAA-2222', 'xac-nhan-ket-qua-thi-hanh-an',
   '{"so_quyet_dinh_tha":"215/QĐ-CCTHADS","tu_cach":"phai_thi_hanh","muc_dich":"Bổ sung hồ sơ vay vốn ngân hàng"}',
   '{"name":"Nguyễn Thị Hồng","cccd":"001186012345","phone":"0913222333","address":"Số 8 phố Hàng Gai, phường Hoàn Kiếm, Hà Nội"}'),
  (2, 'HS-HNAB-2222', 'xac-nhan-ket-qua-thi-hanh-an',
   '{"so_quyet_dinh_tha":"97/QĐ-CCTHADS","tu_cach":"duoc_thi_hanh"}',
   '{"name":"Vũ Đình Khoa","cccd":"001079004321","phone":"0904555666","address":"Ngõ 42 phố Thợ Nhuộm, phường Cửa Nam, Hà Nội"}'),
  (3, 'HS-HNAC-2222', 'xac-nhan-ket-qua-thi-hanh-an',
   '{"so_quyet_dinh_tha":"301/QĐ-CCTHADS","tu_cach":"dai_dien"}',
   '{"name":"Đặng Minh Châu","phone":"0977888999","address":"Số 3 phố Lý Thường Kiệt, phường Cửa Nam, Hà Nội"}'),
  (4, 'HS-HNAD-2222', 'xac-nhan-ket-qua-thi-hanh-an',
   '{"so_quyet_dinh_tha":"12/QĐ-CCTHADS","tu_cach":"lien_quan"}',
   '{"name":"Hoàng Văn Thụ","cccd":"001070007777","phone":"0988111222"}');

-- The desk officer of HN-KV1 acts (auth.uid() reads the JWT claims, as in a real request).
select set_config('request.jwt.claims', '{"sub":"00000000-0000-4000-b000-000000000013","role":"authenticated"}', true);

do $$
declare
  d record;
  r record;
begin
  for d in select * from demo_applications order by n loop
    if exists (select 1 from public.applications where tracking_code = d.code) then
      continue;
    end if;
    select * into r from public.register_desk_application(jsonb_build_object(
      'procedure_code', d.procedure_code, 'applicant', d.applicant, 'answers', d.answers));
    update public.tracking_codes
       set code = d.code, secret_hash = extensions.crypt('THADS234', extensions.gen_salt('bf', 6))
     where code = r.code;
    update public.applications set tracking_code = d.code where id = r.application_id;
  end loop;
end
$$;

select public.check_application(id) from public.applications
 where tracking_code in ('HS-HNAB-2222', 'HS-HNAC-2222', 'HS-HNAD-2222') and status = 'submitted';
select public.accept_application(id, '00000000-0000-4000-b000-000000000013') from public.applications
 where tracking_code in ('HS-HNAB-2222', 'HS-HNAD-2222') and status = 'checking';
select public.request_application_documents(id,
         'Bản sao giấy ủy quyền có chứng thực của người được thi hành án.',
         public.working_days_add(current_date, 5))
  from public.applications where tracking_code = 'HS-HNAC-2222' and status = 'checking';
select set_config('request.jwt.claims', '', true);

-- One overdue file for the overdue list: received 20 days ago, 5 working days allowed from
-- receipt (the date on the receipt, 20261207003020). Its timeline moves with it: received, checked
-- and accepted on the day it came in, not today (issue 18.7).
update public.applications
   set received_at = (private.vn_date(now() - interval '20 days') + time '09:00') at time zone 'Asia/Ho_Chi_Minh',
       accepted_at = (private.vn_date(now() - interval '20 days') + time '11:00') at time zone 'Asia/Ho_Chi_Minh',
       due_date = public.working_days_add(private.vn_date(now() - interval '20 days'), 5)
 where tracking_code = 'HS-HNAD-2222' and status = 'processing' and accepted_at > now() - interval '1 day';
update public.application_events e
   set occurred_at = a.received_at + (e.occurred_at - (select min(x.occurred_at) from public.application_events x where x.application_id = a.id))
  from public.applications a
 where e.application_id = a.id and a.tracking_code = 'HS-HNAD-2222'
   and e.occurred_at > a.received_at + interval '1 day';
update public.application_events e
   set note = regexp_replace(e.note, '\d{2}/\d{2}/\d{4}', to_char(a.due_date, 'DD/MM/YYYY'))
  from public.applications a
 where e.application_id = a.id and a.tracking_code = 'HS-HNAD-2222' and e.note like '%hẹn trả kết quả ngày%';
