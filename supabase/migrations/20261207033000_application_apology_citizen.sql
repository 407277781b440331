-- The apology slip for the citizen (issue 18.7): "phiếu xin lỗi và hẹn lại ngày trả kết quả".
--
-- Staff record the apology with public.record_apology_letter (20261126000410, timing rules in
-- 20261207003020: a reason and a new return date, audited, notified). Until now the citizen only
-- saw a timeline line; the tracking page and a printable slip now show whether the file is late,
-- the new date, the reason and who apologises.
--
-- Legal basis: NĐ 61/2018/NĐ-CP (cơ chế một cửa) Điều 19 asked the body that is late to apologise
-- in writing with the reason and a new date, on the form "Phiếu xin lỗi và hẹn lại ngày trả kết
-- quả" of Thông tư 01/2018/TT-VPCP (23/11/2018); NĐ 118/2025/NĐ-CP replaced NĐ 61 from 1/7/2025
-- and keeps the slip (see 20261207003020 and DOMAIN.md: article numbers [check]).
--
-- public.get_application_apology_by_code(code, secret): anyone holding the code and secret, as
-- public.get_application_by_code; the same lockout counts wrong secrets (resolve_tracking_code).
-- Returns null for a wrong pair; otherwise the file's lateness and its latest apology (or null).
-- The officer's name is never returned: the slip is signed by the unit.

create or replace function public.get_application_apology_by_code(code text, secret text)
returns jsonb
language plpgsql security definer set search_path = ''
as $$
declare
  a public.applications;
  ap public.application_apologies;
  v public.procedure_versions;
  u public.units;
  v_today date := private.vn_today();
  v_open boolean;
begin
  a := private.application_by_code(code, secret);
  if a.id is null then
    return null;
  end if;
  select * into ap from public.application_apologies
   where application_id = a.id order by recorded_at desc, id desc limit 1;
  select * into v from public.procedure_versions where id = a.procedure_version_id;
  select * into u from public.units where id = a.unit_id;
  -- Still owed a result (the clock stands still while documents are awaited).
  v_open := a.completed_at is null and a.status not in ('refused', 'needs_documents', 'returned');
  return jsonb_build_object(
    'code', a.tracking_code,
    'due_date', a.due_date,
    'is_late', v_open and a.due_date < v_today,
    'days_late', case when v_open and a.due_date < v_today
                      then public.working_days_between(a.due_date, v_today) end,
    'procedure_name_vi', v.name_vi,
    'procedure_name_en', v.name_en,
    'applicant_name', a.applicant_name,
    'received_at', a.received_at,
    'unit_name', u.name,
    'unit_address', u.address,
    'unit_phone', case when u.contact_confirmed then u.phone end,
    'apology', case when ap.id is not null then jsonb_build_object(
      'issued_on', ap.issued_on,
      'new_due_date', ap.new_due_date,
      'reason', ap.reason,
      'before_due', ap.before_due,
      'new_date_passed', v_open and ap.new_due_date < v_today) end
  );
end
$$;
comment on function public.get_application_apology_by_code(text, text) is
  'Anyone with the code + secret: whether the application is late and its latest apology slip (phiếu xin lỗi và hẹn lại ngày trả kết quả).';
revoke all on function public.get_application_apology_by_code(text, text) from public;
grant execute on function public.get_application_apology_by_code(text, text) to anon, authenticated, service_role;
