-- A late application with its apology slip (issue 18.7), after 45_procedures_demo.sql.
--
-- Demo tracking (code / secret): HS-HNAE-2222 / THADS234 — received 15 days ago with 5 working
-- days allowed, so past its return date; the desk officer of HN-KV1 sent the apology slip (phiếu
-- xin lỗi và hẹn lại ngày trả kết quả) the working day before that date, as the one-stop rules
-- ask, with a new date 3 working days from today. Dates tell one story: received → checked →
-- accepted on the day it came in → apology before the due date → still owed, now late.
-- Handled through the real functions as motcua.hn1 would; only the dates are moved back.

select set_config('request.jwt.claims', '{"sub":"00000000-0000-4000-b000-000000000013","role":"authenticated"}', true);

do $$
declare
  r record;
  v_id uuid;
  -- 09:00 in Vietnam, 15 days ago: a desk application comes in office hours.
  v_received timestamptz := (private.vn_date(now() - interval '15 days') + time '09:00') at time zone 'Asia/Ho_Chi_Minh';
  v_due date;
  v_issued date;
begin
  if exists (select 1 from public.applications where tracking_code = 'HS-HNAE-2222') then
    return;
  end if;
  select * into r from public.register_desk_application(jsonb_build_object(
    'procedure_code', 'xac-nhan-ket-qua-thi-hanh-an',
    'applicant', jsonb_build_object('name', 'Lý Thị Hạnh', 'cccd', '001188006543', 'phone', '0966777888',
                                    'address', 'Số 21 phố Hàng Đào, phường Hoàn Kiếm, Hà Nội'),
    'answers', jsonb_build_object('so_quyet_dinh_tha', '44/QĐ-CCTHADS', 'tu_cach', 'duoc_thi_hanh',
                                  'muc_dich', 'Nộp kèm hồ sơ xin cấp lại giấy chứng nhận')));
  v_id := r.application_id;
  update public.tracking_codes
     set code = 'HS-HNAE-2222', secret_hash = extensions.crypt('THADS234', extensions.gen_salt('bf', 6))
   where code = r.code;
  update public.applications set tracking_code = 'HS-HNAE-2222' where id = v_id;
  perform public.check_application(v_id);
  perform public.accept_application(v_id, '00000000-0000-4000-b000-000000000013');

  -- Back to the day it came in: 5 working days from then has passed.
  v_due := public.working_days_add(private.vn_date(v_received), 5);
  update public.applications
     set received_at = v_received, accepted_at = v_received + interval '2 hours', due_date = v_due
   where id = v_id;
  update public.application_events
     set occurred_at = v_received + (occurred_at - (select min(occurred_at) from public.application_events where application_id = v_id))
   where application_id = v_id;
  -- The acceptance line names the return date: the receipt's, not the one computed today.
  update public.application_events
     set note = regexp_replace(note, '\d{2}/\d{2}/\d{4}', to_char(v_due, 'DD/MM/YYYY'))
   where application_id = v_id and note like '%hẹn trả kết quả ngày%';

  -- The apology slip, then dated the working day before the due date (before_due, as asked).
  perform public.record_apology_letter(v_id,
    'Cơ quan đang chờ ngân hàng trả lời văn bản xác minh số tiền đã thi hành, cần để xác nhận kết quả thi hành án.',
    public.working_days_add(private.vn_today(), 3));
  v_issued := public.working_days_add(v_due, -1);
  update public.application_apologies
     set issued_on = v_issued, before_due = true,
         recorded_at = (v_issued + time '10:00') at time zone 'Asia/Ho_Chi_Minh'
   where application_id = v_id;
  update public.application_events
     set occurred_at = (v_issued + time '10:00') at time zone 'Asia/Ho_Chi_Minh'
   where application_id = v_id and kind = 'apology';
end
$$;

select set_config('request.jwt.claims', '', true);
