-- Foundation demo data: organisation units, public holidays 2025–2027, demo staff accounts.
-- Applied after the migrations by `supabase db reset` and by the stand-in (then supabase/seeds/*.sql).
--
-- Demo log-ins (password for all: Thads@2026)
--   admin@thads.local             admin                       Cục Quản lý THADS (CUC)
--   lanhdao.hn@thads.local        unit_head                   THADS TP Hà Nội (HN) — sees HN-KV1..3
--   tiepdan.hn1@thads.local       reception                   Phòng THADS khu vực 1 – Hà Nội (HN-KV1)
--   khieunai.hn1@thads.local      complaint_officer           HN-KV1
--   motcua.hn1@thads.local        procedure_officer           HN-KV1
--   truongphong.hn1@thads.local   unit_head                   HN-KV1
--   tiepdan.gl1@thads.local       reception                   Phòng THADS khu vực 1 – Gia Lai (GL-KV1)
--   khieunai.gl1@thads.local      complaint_officer           GL-KV1
--   motcua.gl1@thads.local        procedure_officer           GL-KV1
--   truongphong.gl1@thads.local   unit_head                   GL-KV1
--   tiepdan.ct1@thads.local       reception                   Phòng THADS khu vực 1 – Cần Thơ (CT-KV1)
--   khieunai.ct1@thads.local      complaint_officer           CT-KV1
--   motcua.ct1@thads.local        procedure_officer           CT-KV1
--   truongphong.ct1@thads.local   unit_head                   CT-KV1
--
-- Fixed ids (other seed files and tests may refer to them):
--   units  00000000-0000-4000-a000-0000000000NN   (01 CUC; 10 HN, 11–13 HN-KV1..3; 20 GL, 21–23 GL-KV1..3;
--                                                  30 CT, 31–33 CT-KV1..3; 9x former units)
--   users  00000000-0000-4000-b000-0000000000NN   (01 admin; 10 lanhdao.hn; 11–14 hn1; 21–24 gl1; 31–34 ct1)
--
-- Addresses, phones and coordinates are realistic demo values, not the offices' official data.

-- ---------------------------------------------------------------------------------------------
-- Units. Since 1/7/2025: Cục Quản lý THADS → THADS tỉnh/thành phố → Phòng THADS khu vực;
-- addresses are province + xã/phường. Gia Lai now includes the former Bình Định (seat: Quy Nhơn);
-- Cần Thơ includes the former Sóc Trăng and Hậu Giang.
-- ---------------------------------------------------------------------------------------------
insert into public.units (id, parent_id, level, code, name, short_name, province_name, address, phone, email,
                          reception_hours, lat, lng, valid_from, valid_to, predecessor_id)
values
  -- Former units (before 1/7/2025), kept so old records map to today's units.
  ('00000000-0000-4000-a000-000000000090', null, 'tinh', 'OLD-HN', 'Cục Thi hành án dân sự thành phố Hà Nội',
   'Cục THADS Hà Nội (cũ)', 'Hà Nội', null, null, null, null, null, null, '2009-07-01', '2025-06-30', null),
  ('00000000-0000-4000-a000-000000000091', null, 'khu_vuc', 'OLD-HN-HK', 'Chi cục Thi hành án dân sự quận Hoàn Kiếm',
   'Chi cục THADS Hoàn Kiếm (cũ)', 'Hà Nội', null, null, null, null, null, null, '2009-07-01', '2025-06-30', null),
  ('00000000-0000-4000-a000-000000000092', null, 'tinh', 'OLD-GL', 'Cục Thi hành án dân sự tỉnh Gia Lai',
   'Cục THADS Gia Lai (cũ)', 'Gia Lai', null, null, null, null, null, null, '2009-07-01', '2025-06-30', null),
  ('00000000-0000-4000-a000-000000000093', null, 'tinh', 'OLD-CT', 'Cục Thi hành án dân sự thành phố Cần Thơ',
   'Cục THADS Cần Thơ (cũ)', 'Cần Thơ', null, null, null, null, null, null, '2009-07-01', '2025-06-30', null);

insert into public.units (id, parent_id, level, code, name, short_name, province_name, address, phone, email,
                          reception_hours, lat, lng, valid_from, valid_to, predecessor_id)
values
  ('00000000-0000-4000-a000-000000000001', null, 'cuc', 'CUC', 'Cục Quản lý Thi hành án dân sự',
   'Cục Quản lý THADS', 'Hà Nội', '58–60 Trần Phú, phường Ba Đình, thành phố Hà Nội', '024 6273 9555',
   'cucqlthads@moj.gov.vn', 'Thứ Hai – Thứ Sáu: 8h00–11h30, 13h30–17h00', 21.0326, 105.8405,
   '2025-07-01', null, null),

  -- Hà Nội
  ('00000000-0000-4000-a000-000000000010', '00000000-0000-4000-a000-000000000001', 'tinh', 'HN',
   'Thi hành án dân sự thành phố Hà Nội', 'THADS TP Hà Nội', 'Hà Nội',
   'Số 2 ngõ 221 Trần Quốc Hoàn, phường Cầu Giấy, thành phố Hà Nội', '024 3765 0123', 'thads.hanoi@moj.gov.vn',
   'Thứ Hai – Thứ Sáu: 8h00–12h00, 13h30–17h00; Thủ trưởng tiếp công dân ngày 15 hằng tháng',
   21.0417, 105.7887, '2025-07-01', null, '00000000-0000-4000-a000-000000000090'),
  ('00000000-0000-4000-a000-000000000011', '00000000-0000-4000-a000-000000000010', 'khu_vuc', 'HN-KV1',
   'Phòng Thi hành án dân sự khu vực 1 – Hà Nội', 'Phòng THADS KV1 Hà Nội', 'Hà Nội',
   '26 Hàng Chuối, phường Hai Bà Trưng, thành phố Hà Nội', '024 3971 2345', 'kv1.thads.hanoi@moj.gov.vn',
   'Thứ Hai – Thứ Sáu: 8h00–11h30, 13h30–17h00; Trưởng phòng tiếp công dân thứ Năm tuần đầu tháng',
   21.0143, 105.8580, '2025-07-01', null, '00000000-0000-4000-a000-000000000091'),
  ('00000000-0000-4000-a000-000000000012', '00000000-0000-4000-a000-000000000010', 'khu_vuc', 'HN-KV2',
   'Phòng Thi hành án dân sự khu vực 2 – Hà Nội', 'Phòng THADS KV2 Hà Nội', 'Hà Nội',
   '15 Nguyễn Văn Huyên, phường Nghĩa Đô, thành phố Hà Nội', '024 3793 4567', 'kv2.thads.hanoi@moj.gov.vn',
   'Thứ Hai – Thứ Sáu: 8h00–11h30, 13h30–17h00; Trưởng phòng tiếp công dân thứ Ba tuần thứ hai',
   21.0449, 105.7990, '2025-07-01', null, null),
  ('00000000-0000-4000-a000-000000000013', '00000000-0000-4000-a000-000000000010', 'khu_vuc', 'HN-KV3',
   'Phòng Thi hành án dân sự khu vực 3 – Hà Nội', 'Phòng THADS KV3 Hà Nội', 'Hà Nội',
   '4 Quang Trung, phường Hà Đông, thành phố Hà Nội', '024 3382 6789', 'kv3.thads.hanoi@moj.gov.vn',
   'Thứ Hai – Thứ Sáu: 8h00–11h30, 13h30–17h00; Trưởng phòng tiếp công dân thứ Sáu cuối tháng',
   20.9714, 105.7788, '2025-07-01', null, null),

  -- Gia Lai (seat moved to Quy Nhơn after the merger with Bình Định)
  ('00000000-0000-4000-a000-000000000020', '00000000-0000-4000-a000-000000000001', 'tinh', 'GL',
   'Thi hành án dân sự tỉnh Gia Lai', 'THADS tỉnh Gia Lai', 'Gia Lai',
   '127 Hai Bà Trưng, phường Quy Nhơn, tỉnh Gia Lai', '0256 382 1234', 'thads.gialai@moj.gov.vn',
   'Thứ Hai – Thứ Sáu: 7h00–11h30, 13h30–17h00; Thủ trưởng tiếp công dân ngày 10 hằng tháng',
   13.7743, 109.2226, '2025-07-01', null, '00000000-0000-4000-a000-000000000092'),
  ('00000000-0000-4000-a000-000000000021', '00000000-0000-4000-a000-000000000020', 'khu_vuc', 'GL-KV1',
   'Phòng Thi hành án dân sự khu vực 1 – Gia Lai', 'Phòng THADS KV1 Gia Lai', 'Gia Lai',
   '18 Trần Hưng Đạo, phường Pleiku, tỉnh Gia Lai', '0269 382 4567', 'kv1.thads.gialai@moj.gov.vn',
   'Thứ Hai – Thứ Sáu: 7h00–11h30, 13h30–17h00; Trưởng phòng tiếp công dân thứ Tư tuần đầu tháng',
   13.9792, 108.0047, '2025-07-01', null, null),
  ('00000000-0000-4000-a000-000000000022', '00000000-0000-4000-a000-000000000020', 'khu_vuc', 'GL-KV2',
   'Phòng Thi hành án dân sự khu vực 2 – Gia Lai', 'Phòng THADS KV2 Gia Lai', 'Gia Lai',
   '52 Quang Trung, phường An Khê, tỉnh Gia Lai', '0269 383 2468', 'kv2.thads.gialai@moj.gov.vn',
   'Thứ Hai – Thứ Sáu: 7h00–11h30, 13h30–17h00',
   13.9550, 108.6620, '2025-07-01', null, null),
  ('00000000-0000-4000-a000-000000000023', '00000000-0000-4000-a000-000000000020', 'khu_vuc', 'GL-KV3',
   'Phòng Thi hành án dân sự khu vực 3 – Gia Lai', 'Phòng THADS KV3 Gia Lai', 'Gia Lai',
   '210 Lê Lợi, phường Quy Nhơn Nam, tỉnh Gia Lai', '0256 382 9753', 'kv3.thads.gialai@moj.gov.vn',
   'Thứ Hai – Thứ Sáu: 7h00–11h30, 13h30–17h00',
   13.7580, 109.2070, '2025-07-01', null, null),

  -- Cần Thơ (now including the former Sóc Trăng and Hậu Giang)
  ('00000000-0000-4000-a000-000000000030', '00000000-0000-4000-a000-000000000001', 'tinh', 'CT',
   'Thi hành án dân sự thành phố Cần Thơ', 'THADS TP Cần Thơ', 'Cần Thơ',
   '106 Trần Hưng Đạo, phường Ninh Kiều, thành phố Cần Thơ', '0292 383 1234', 'thads.cantho@moj.gov.vn',
   'Thứ Hai – Thứ Sáu: 7h00–11h00, 13h00–17h00; Thủ trưởng tiếp công dân ngày 20 hằng tháng',
   10.0371, 105.7779, '2025-07-01', null, '00000000-0000-4000-a000-000000000093'),
  ('00000000-0000-4000-a000-000000000031', '00000000-0000-4000-a000-000000000030', 'khu_vuc', 'CT-KV1',
   'Phòng Thi hành án dân sự khu vực 1 – Cần Thơ', 'Phòng THADS KV1 Cần Thơ', 'Cần Thơ',
   '9 Cách Mạng Tháng Tám, phường Cái Khế, thành phố Cần Thơ', '0292 382 5678', 'kv1.thads.cantho@moj.gov.vn',
   'Thứ Hai – Thứ Sáu: 7h00–11h00, 13h00–17h00; Trưởng phòng tiếp công dân thứ Hai tuần đầu tháng',
   10.0480, 105.7760, '2025-07-01', null, null),
  ('00000000-0000-4000-a000-000000000032', '00000000-0000-4000-a000-000000000030', 'khu_vuc', 'CT-KV2',
   'Phòng Thi hành án dân sự khu vực 2 – Cần Thơ', 'Phòng THADS KV2 Cần Thơ', 'Cần Thơ',
   '38 Trần Hưng Đạo, phường Phú Lợi, thành phố Cần Thơ', '0299 382 3456', 'kv2.thads.cantho@moj.gov.vn',
   'Thứ Hai – Thứ Sáu: 7h00–11h00, 13h00–17h00',
   9.6030, 105.9740, '2025-07-01', null, null),
  ('00000000-0000-4000-a000-000000000033', '00000000-0000-4000-a000-000000000030', 'khu_vuc', 'CT-KV3',
   'Phòng Thi hành án dân sự khu vực 3 – Cần Thơ', 'Phòng THADS KV3 Cần Thơ', 'Cần Thơ',
   '12 Trần Hưng Đạo, phường Vị Thanh, thành phố Cần Thơ', '0293 387 6543', 'kv3.thads.cantho@moj.gov.vn',
   'Thứ Hai – Thứ Sáu: 7h00–11h00, 13h00–17h00',
   9.7840, 105.4700, '2025-07-01', null, null);

-- ---------------------------------------------------------------------------------------------
-- Holidays 2025–2027 (Bộ luật Lao động 2019, Điều 112, and the yearly schedules for civil servants).
-- Weekdays off only — weekends are non-working anyway — plus make-up working Saturdays
-- (is_day_off = false). Admins edit this table when a schedule is announced.
-- ---------------------------------------------------------------------------------------------
insert into public.holidays (day, name, is_day_off) values
  -- 2025
  ('2025-01-01', 'Tết Dương lịch', true),
  -- Tết Ất Tỵ (mùng 1 = 29/1): off Sat 25/1 – Sun 2/2; Mon 27/1 swapped for Sat 15/2 [check the make-up date].
  ('2025-01-27', 'Tết Nguyên đán (hoán đổi ngày làm việc)', true),
  ('2025-01-28', 'Tết Nguyên đán', true),
  ('2025-01-29', 'Tết Nguyên đán', true),
  ('2025-01-30', 'Tết Nguyên đán', true),
  ('2025-01-31', 'Tết Nguyên đán', true),
  ('2025-02-15', 'Làm bù cho ngày 27/1/2025', false),
  ('2025-04-07', 'Giỗ Tổ Hùng Vương (10/3 âm lịch)', true),
  -- 30/4 – 1/5: off Wed 30/4 – Sun 4/5; Fri 2/5 swapped for Sat 26/4.
  ('2025-04-26', 'Làm bù cho ngày 2/5/2025', false),
  ('2025-04-30', 'Ngày Chiến thắng', true),
  ('2025-05-01', 'Ngày Quốc tế Lao động', true),
  ('2025-05-02', 'Nghỉ lễ 30/4 – 1/5 (hoán đổi ngày làm việc)', true),
  -- Quốc khánh: off Sat 30/8 – Tue 2/9.
  ('2025-09-01', 'Quốc khánh (ngày liền kề)', true),
  ('2025-09-02', 'Quốc khánh', true),

  -- 2026
  ('2026-01-01', 'Tết Dương lịch', true),
  -- [check] proposal: Fri 2/1 swapped for Sat 10/1 (4 days off 1–4/1).
  ('2026-01-02', 'Tết Dương lịch (hoán đổi ngày làm việc) [check]', true),
  ('2026-01-10', 'Làm bù cho ngày 2/1/2026 [check]', false),
  -- Tết Bính Ngọ (mùng 1 = 17/2): off Sat 14/2 – Sun 22/2 (9 days).
  ('2026-02-16', 'Tết Nguyên đán', true),
  ('2026-02-17', 'Tết Nguyên đán', true),
  ('2026-02-18', 'Tết Nguyên đán', true),
  ('2026-02-19', 'Tết Nguyên đán', true),
  ('2026-02-20', 'Tết Nguyên đán', true),
  -- Giỗ Tổ 26/4 falls on a Sunday: compensatory day off Monday 27/4.
  ('2026-04-27', 'Nghỉ bù Giỗ Tổ Hùng Vương (26/4)', true),
  ('2026-04-30', 'Ngày Chiến thắng', true),
  ('2026-05-01', 'Ngày Quốc tế Lao động', true),
  -- Quốc khánh (Wed 2/9): [check] announced as 5 days; modelled as Sat 29/8 – Wed 2/9 with
  -- Mon 31/8 swapped for Sat 12/9 and Tue 1/9 as the adjacent day.
  ('2026-08-31', 'Quốc khánh (hoán đổi ngày làm việc) [check]', true),
  ('2026-09-01', 'Quốc khánh (ngày liền kề) [check]', true),
  ('2026-09-02', 'Quốc khánh', true),
  ('2026-09-12', 'Làm bù cho ngày 31/8/2026 [check]', false),

  -- 2027 — none of it announced yet: all [check].
  ('2027-01-01', 'Tết Dương lịch', true),
  -- Tết Đinh Mùi (mùng 1 = Sat 6/2/2027) [check]: likely 5 Tết days Fri 5/2 – Tue 9/2, the two
  -- falling on the weekend compensated Wed 10/2 and Thu 11/2.
  ('2027-02-05', 'Tết Nguyên đán [check]', true),
  ('2027-02-08', 'Tết Nguyên đán [check]', true),
  ('2027-02-09', 'Tết Nguyên đán [check]', true),
  ('2027-02-10', 'Nghỉ bù Tết Nguyên đán [check]', true),
  ('2027-02-11', 'Nghỉ bù Tết Nguyên đán [check]', true),
  ('2027-04-16', 'Giỗ Tổ Hùng Vương (10/3 âm lịch)', true),
  ('2027-04-30', 'Ngày Chiến thắng', true),
  -- 1/5/2027 is a Saturday: compensatory day off Monday 3/5.
  ('2027-05-03', 'Nghỉ bù Ngày Quốc tế Lao động (1/5)', true),
  ('2027-09-02', 'Quốc khánh', true),
  ('2027-09-03', 'Quốc khánh (ngày liền kề) [check]', true);
-- Swapped days and make-up Saturdays not yet found in a Government notice: kept, counted, and
-- marked unconfirmed (holidays.is_confirmed, issue 13 A.8) instead of a "[check]" in the name.
update public.holidays set is_confirmed = false, name = btrim(replace(name, '[check]', ''))
 where name like '%[check]%';

-- ---------------------------------------------------------------------------------------------
-- Demo staff accounts. Inserted like Supabase's own seed examples: auth.users with a bcrypt
-- password (GoTrue reads `encrypted_password`), an `email` identity, then the staff row. Empty
-- strings (not null) in the token columns: GoTrue fails to scan nulls there.
-- ---------------------------------------------------------------------------------------------
create temporary table demo_staff (id uuid, email text, full_name text, unit_code text, roles text[]) on commit drop;
insert into demo_staff values
  ('00000000-0000-4000-b000-000000000001', 'admin@thads.local', 'Quản trị hệ thống', 'CUC', array['admin']),
  ('00000000-0000-4000-b000-000000000010', 'lanhdao.hn@thads.local', 'Nguyễn Văn Hùng', 'HN', array['unit_head']),
  ('00000000-0000-4000-b000-000000000011', 'tiepdan.hn1@thads.local', 'Trần Thị Lan', 'HN-KV1', array['reception']),
  ('00000000-0000-4000-b000-000000000012', 'khieunai.hn1@thads.local', 'Lê Minh Tuấn', 'HN-KV1', array['complaint_officer']),
  ('00000000-0000-4000-b000-000000000013', 'motcua.hn1@thads.local', 'Phạm Thu Hà', 'HN-KV1', array['procedure_officer']),
  ('00000000-0000-4000-b000-000000000014', 'truongphong.hn1@thads.local', 'Đỗ Quang Vinh', 'HN-KV1', array['unit_head']),
  ('00000000-0000-4000-b000-000000000021', 'tiepdan.gl1@thads.local', 'Rơ Mah H''Bia', 'GL-KV1', array['reception']),
  ('00000000-0000-4000-b000-000000000022', 'khieunai.gl1@thads.local', 'Nguyễn Đức Thắng', 'GL-KV1', array['complaint_officer']),
  ('00000000-0000-4000-b000-000000000023', 'motcua.gl1@thads.local', 'Võ Thị Mỹ Linh', 'GL-KV1', array['procedure_officer']),
  ('00000000-0000-4000-b000-000000000024', 'truongphong.gl1@thads.local', 'Huỳnh Văn Sơn', 'GL-KV1', array['unit_head']),
  ('00000000-0000-4000-b000-000000000031', 'tiepdan.ct1@thads.local', 'Nguyễn Thị Bích Ngọc', 'CT-KV1', array['reception']),
  ('00000000-0000-4000-b000-000000000032', 'khieunai.ct1@thads.local', 'Trương Văn Phúc', 'CT-KV1', array['complaint_officer']),
  ('00000000-0000-4000-b000-000000000033', 'motcua.ct1@thads.local', 'Lâm Thị Kim Thoa', 'CT-KV1', array['procedure_officer']),
  ('00000000-0000-4000-b000-000000000034', 'truongphong.ct1@thads.local', 'Thạch Văn Sang', 'CT-KV1', array['unit_head']);

insert into auth.users (instance_id, id, aud, role, email, encrypted_password, email_confirmed_at,
                        raw_app_meta_data, raw_user_meta_data, created_at, updated_at,
                        confirmation_token, recovery_token, email_change_token_new, email_change)
select '00000000-0000-0000-0000-000000000000', d.id, 'authenticated', 'authenticated', d.email,
       extensions.crypt('Thads@2026', extensions.gen_salt('bf')), now(),
       '{"provider": "email", "providers": ["email"]}'::jsonb,
       jsonb_build_object('full_name', d.full_name), now(), now(), '', '', '', ''
from demo_staff d;

do $$
begin
  if to_regclass('auth.identities') is not null then
    insert into auth.identities (id, provider_id, user_id, identity_data, provider, last_sign_in_at, created_at, updated_at)
    select d.id, d.id::text, d.id,
           jsonb_build_object('sub', d.id::text, 'email', d.email, 'email_verified', true),
           'email', now(), now(), now()
    from demo_staff d;
  end if;
end
$$;

insert into public.staff (user_id, unit_id, roles, full_name, email)
select d.id, u.id, d.roles, d.full_name, d.email
from demo_staff d join public.units u on u.code = d.unit_code;
