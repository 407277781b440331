-- The decision behind each demo holiday, and whether it is confirmed (issue 13, part B; columns
-- of migration 20261207021000). Confirmed only where the text was found:
--   * fixed-date holidays: Bộ luật Lao động 2019 (45/2019/QH14), Điều 112 khoản 1;
--   * Tết Nguyên đán 2026 (Mon 16/2 – Fri 20/2): Thông báo 9441/TB-BNV ngày 16/10/2025 của Bộ Nội vụ
--     (lịch nghỉ Tết Âm lịch và Quốc khánh năm 2026), as reported by vietbao.vn on 17/10/2025.
-- Every other row (swaps, adjacent days chosen yearly, 2025's announcements not yet re-read, all of
-- 2027) stays unconfirmed, with the law it follows from as its basis; an admin confirms it in the
-- app (/staff/quan-tri/ngay-nghi) once the announcement is at hand. The "[check]" marks the first
-- seed put in the names become this state.
update public.holidays
   set name = btrim(replace(name, '[check]', '')),
       legal_basis = 'Bộ luật Lao động 2019, Điều 112 (ngày nghỉ cụ thể do Thủ tướng/Bộ Nội vụ thông báo hằng năm)',
       is_confirmed = false
 -- Days a migration entered with their own basis (24/11, proposed, not counted) keep it.
 where legal_basis is null;

update public.holidays
   set legal_basis = 'Bộ luật Lao động 2019, Điều 112 khoản 1',
       is_confirmed = true
 where to_char(day, 'MM-DD') in ('01-01', '04-30', '05-01', '09-02');

update public.holidays
   set legal_basis = 'Thông báo 9441/TB-BNV ngày 16/10/2025 của Bộ Nội vụ về lịch nghỉ Tết Âm lịch và Quốc khánh năm 2026',
       source_url = 'https://vietbao.vn/bo-noi-vu-thong-bao-lich-nghi-tet-nguyen-dan-va-quoc-khanh-nam-2026-568329.html',
       is_confirmed = true
 where day between date '2026-02-16' and date '2026-02-20';

update public.holidays
   set legal_basis = 'Thông báo 9441/TB-BNV ngày 16/10/2025 của Bộ Nội vụ (lịch nghỉ Quốc khánh 2026: chưa đối chiếu chi tiết)'
 where day in (date '2026-08-31', date '2026-09-01', date '2026-09-12');
