-- The 34 THADS tỉnh/thành phố after 1/7/2025 (issue 13, part B) — REFERENCE DATA, NOT APPLIED
-- by the migrations or the demo seeds (the demo keeps three provinces: tests and screens are
-- built on them). An administrator loads it into a deployment (psql -f) or enters the rows on
-- /staff/quan-tri/don-vi; existing codes are left as they are.
--
-- Names follow the province-level units of Nghị quyết 202/2025/QH15 (11 kept, 23 formed by
-- merger), written as "Thi hành án dân sự tỉnh/thành phố …". NOT CONFIRMED: neither the
-- resolution's text nor the Ministry of Justice's 2025 decisions on the THADS tỉnh/thành phố and
-- the 355 Phòng THADS khu vực were found with the search tool in this session, so every row has
-- name_confirmed = false and no contact data (no address, phone or e-mail is invented).
-- Codes are the app's own (not an official coding).
insert into public.units (parent_id, level, code, name, short_name, province_name, name_source, name_confirmed)
select c.id, 'tinh', v.code, 'Thi hành án dân sự ' || v.kind || ' ' || v.province,
       'THADS ' || case v.kind when 'thành phố' then 'TP ' else 'tỉnh ' end || v.province, v.province,
       'Nghị quyết 202/2025/QH15; quyết định của Bộ Tư pháp năm 2025 (chưa đối chiếu)', false
  from public.units c,
       (values
         -- kept
         ('HN', 'thành phố', 'Hà Nội'), ('HUE', 'thành phố', 'Huế'), ('LCH', 'tỉnh', 'Lai Châu'),
         ('DB', 'tỉnh', 'Điện Biên'), ('SL', 'tỉnh', 'Sơn La'), ('LS', 'tỉnh', 'Lạng Sơn'),
         ('QNI', 'tỉnh', 'Quảng Ninh'), ('TH', 'tỉnh', 'Thanh Hóa'), ('NA', 'tỉnh', 'Nghệ An'),
         ('HT', 'tỉnh', 'Hà Tĩnh'), ('CB', 'tỉnh', 'Cao Bằng'),
         -- formed by merger (former provinces in the comment)
         ('TQ', 'tỉnh', 'Tuyên Quang'),        -- Hà Giang, Tuyên Quang
         ('LCA', 'tỉnh', 'Lào Cai'),           -- Yên Bái, Lào Cai
         ('TN', 'tỉnh', 'Thái Nguyên'),        -- Bắc Kạn, Thái Nguyên
         ('PT', 'tỉnh', 'Phú Thọ'),            -- Vĩnh Phúc, Hòa Bình, Phú Thọ
         ('BN', 'tỉnh', 'Bắc Ninh'),           -- Bắc Giang, Bắc Ninh
         ('HY', 'tỉnh', 'Hưng Yên'),           -- Thái Bình, Hưng Yên
         ('HP', 'thành phố', 'Hải Phòng'),     -- Hải Dương, Hải Phòng
         ('NB', 'tỉnh', 'Ninh Bình'),          -- Hà Nam, Nam Định, Ninh Bình
         ('QT', 'tỉnh', 'Quảng Trị'),          -- Quảng Bình, Quảng Trị
         ('DN', 'thành phố', 'Đà Nẵng'),       -- Quảng Nam, Đà Nẵng
         ('QNG', 'tỉnh', 'Quảng Ngãi'),        -- Kon Tum, Quảng Ngãi
         ('GL', 'tỉnh', 'Gia Lai'),            -- Bình Định, Gia Lai
         ('KH', 'tỉnh', 'Khánh Hòa'),          -- Ninh Thuận, Khánh Hòa
         ('LD', 'tỉnh', 'Lâm Đồng'),           -- Đắk Nông, Bình Thuận, Lâm Đồng
         ('DL', 'tỉnh', 'Đắk Lắk'),            -- Phú Yên, Đắk Lắk
         ('HCM', 'thành phố', 'Hồ Chí Minh'),  -- Bình Dương, Bà Rịa – Vũng Tàu, TP Hồ Chí Minh
         ('DNA', 'tỉnh', 'Đồng Nai'),          -- Bình Phước, Đồng Nai
         ('TNI', 'tỉnh', 'Tây Ninh'),          -- Long An, Tây Ninh
         ('CT', 'thành phố', 'Cần Thơ'),       -- Sóc Trăng, Hậu Giang, Cần Thơ
         ('VL', 'tỉnh', 'Vĩnh Long'),          -- Bến Tre, Trà Vinh, Vĩnh Long
         ('DT', 'tỉnh', 'Đồng Tháp'),          -- Tiền Giang, Đồng Tháp
         ('CM', 'tỉnh', 'Cà Mau'),             -- Bạc Liêu, Cà Mau
         ('AG', 'tỉnh', 'An Giang')            -- Kiên Giang, An Giang
       ) as v(code, kind, province)
 where c.level = 'cuc' and c.valid_to is null
on conflict (code) do nothing;
