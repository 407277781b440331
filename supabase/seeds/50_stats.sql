-- Statistics demo data: monthly enforcement reports (cumulative from 1 October, TT 06/2019/TT-BTP)
-- for every current unit below the Cục, work years 2023–2026 and October 2026 (all approved), one
-- draft for November 2026 at GL-KV1 (waiting for the head's approval), and targets per work year.
--
-- Reproduces published figures (DOMAIN.md) at GL-KV1, "3 tháng năm 2024" (report for 12/2023):
--   thụ lý 11.829 việc / 2.920.725.704.000 đồng; có điều kiện 6.485 việc = 54,86% of phải thi hành;
--   2.413 finished = 37,21% (target 83,25%: còn thiếu 46,04%), +234 việc = +10,74% vs cùng kỳ;
--   money có điều kiện 1.277.040.781.000, finished 174.390.399.000 = 13,66% (target 46,75%:
--   còn thiếu 33,09%), +77.345.920.000 = +79,70% vs cùng kỳ; thụ lý mới +180 việc (+5,43%).
-- HN-KV1's reports before 1/7/2025 sit on its predecessor OLD-HN-HK (Chi cục THADS quận Hoàn Kiếm)
-- and roll into HN-KV1 through units.predecessor_id.
-- Other figures are generated deterministically (hashtext of unit code and year): plausible, not real.

-- Targets: national targets of each work year, given to every unit (83,25% / 46,75% for 2024).
insert into public.enforcement_targets (unit_id, work_year, cases_target, money_target, set_by)
select u.id, t.wy, t.c, t.m, '00000000-0000-4000-b000-000000000001'
  from public.units u
 cross join (values (2023, 82.50, 45.00), (2024, 83.25, 46.75), (2025, 83.90, 51.90), (2026, 84.00, 52.00), (2027, 84.10, 52.50))
       as t (wy, c, m)
 where u.valid_to is null;

-- GL-KV1, months 1–3 of work years 2023 and 2024 (the published Gia Lai figures at month 3).
insert into public.enforcement_reports (unit_id, month, revision, status, cases_carried_over, cases_new, cases_entrusted_out, cases_with_conditions, cases_without_conditions, cases_finished, cases_suspended, cases_postponed, cases_in_progress, money_carried_over, money_new, money_entrusted_out, money_with_conditions, money_without_conditions, money_finished, money_suspended, money_postponed, money_in_progress, budget_cases_with_conditions, budget_cases_finished, budget_money_with_conditions, budget_money_finished, corruption_cases_with_conditions, corruption_cases_finished, corruption_money_with_conditions, corruption_money_finished, bank_cases_with_conditions, bank_cases_finished, bank_money_with_conditions, bank_money_finished, note, approved_at, approved_by)
select '00000000-0000-4000-a000-000000000021', v.month::date, 1, 'approved', v.cases_carried_over, v.cases_new, v.cases_entrusted_out, v.cases_with_conditions, v.cases_without_conditions, v.cases_finished, v.cases_suspended, v.cases_postponed, v.cases_in_progress, v.money_carried_over, v.money_new, v.money_entrusted_out, v.money_with_conditions, v.money_without_conditions, v.money_finished, v.money_suspended, v.money_postponed, v.money_in_progress, v.budget_cases_with_conditions, v.budget_cases_finished, v.budget_money_with_conditions, v.budget_money_finished, v.corruption_cases_with_conditions, v.corruption_cases_finished, v.corruption_money_with_conditions, v.corruption_money_finished, v.bank_cases_with_conditions, v.bank_cases_finished, v.bank_money_with_conditions, v.bank_money_finished,
       'seed', v.month::date + interval '1 month 9 days', '00000000-0000-4000-b000-000000000024'
  from (values
  ('2023-10-01', 8334, 1180, 2, 6190, 3322, 780, 40, 280, 5090, 2512418465000, 130000000000, 2000000000, 1190000000000, 1450418465000, 52000000000, 3000000000, 40000000000, 1095000000000, 2476, 351, 83300000000, 2600000000, 61, 6, 142800000000, 4160000000, 185, 7, 333200000000, 7800000000),
  ('2023-11-01', 8334, 2330, 5, 6330, 4329, 1590, 80, 290, 4370, 2512418465000, 270500000000, 5100000000, 1235000000000, 1542818465000, 113000000000, 6000000000, 45000000000, 1071000000000, 2532, 715, 86450000000, 5650000000, 63, 13, 148200000000, 9040000000, 189, 15, 345800000000, 16950000000),
  ('2023-12-01', 8334, 3495, 8, 6485, 5336, 2413, 120, 300, 3652, 2512418465000, 408307239000, 7725704000, 1277040781000, 1635959219000, 174390399000, 10000000000, 50000000000, 1042650382000, 2594, 1085, 89392854670, 8719519950, 64, 20, 153244893720, 13951231920, 194, 24, 357571418680, 26158559850),
  ('2022-10-01', 8120, 1100, 1, 6050, 3169, 690, 35, 260, 5065, 2350000000000, 118000000000, 1500000000, 1120000000000, 1346500000000, 30000000000, 2500000000, 35000000000, 1052500000000, 2420, 310, 78400000000, 1500000000, 60, 5, 134400000000, 2400000000, 181, 6, 313600000000, 4500000000),
  ('2022-11-01', 8120, 2210, 3, 6150, 4177, 1420, 70, 270, 4390, 2350000000000, 240000000000, 3000000000, 1150000000000, 1437000000000, 64000000000, 5000000000, 38000000000, 1043000000000, 2460, 639, 80500000000, 3200000000, 61, 11, 138000000000, 5120000000, 184, 14, 322000000000, 9600000000),
  ('2022-12-01', 8120, 3315, 6, 6260, 5169, 2179, 100, 280, 3701, 2350000000000, 361300000000, 4800000000, 1180000000000, 1526500000000, 97044479000, 8000000000, 42000000000, 1032955521000, 2504, 980, 82600000000, 4852223950, 62, 18, 141600000000, 7763558320, 187, 21, 330400000000, 14556671850)
  ) as v (month, cases_carried_over, cases_new, cases_entrusted_out, cases_with_conditions, cases_without_conditions, cases_finished, cases_suspended, cases_postponed, cases_in_progress, money_carried_over, money_new, money_entrusted_out, money_with_conditions, money_without_conditions, money_finished, money_suspended, money_postponed, money_in_progress, budget_cases_with_conditions, budget_cases_finished, budget_money_with_conditions, budget_money_finished, corruption_cases_with_conditions, corruption_cases_finished, corruption_money_with_conditions, corruption_money_finished, bank_cases_with_conditions, bank_cases_finished, bank_money_with_conditions, bank_money_finished);

-- Everything else, generated.
with units as (
  select u.id, u.code, u.level from public.units u
   where u.valid_to is null and u.level in ('tinh', 'khu_vuc')
),
months as (
  select m::date as month,
         (extract(year from m) + case when extract(month from m) >= 10 then 1 else 0 end)::int as wy,
         ((extract(month from m)::int + 2) % 12 + 1) as i
    from generate_series(date '2022-10-01', date '2026-11-01', interval '1 month') m
),
p as (
  select u.id, u.code, u.level, mo.month, mo.wy, mo.i,
         abs(hashtext(u.code || ':' || mo.wy || ':1')) % 1000 as h1,
         abs(hashtext(u.code || ':' || mo.wy || ':2')) % 1000 as h2,
         abs(hashtext(u.code || ':' || mo.wy || ':3')) % 1000 as h3,
         abs(hashtext(u.code || ':' || mo.wy || ':4')) % 1000 as h4,
         abs(hashtext(u.code || ':' || mo.wy || ':5')) % 1000 as h5,
         abs(hashtext(u.code || ':' || mo.wy || ':6')) % 1000 as h6,
         abs(hashtext(u.code || ':' || mo.wy || ':7')) % 1000 as h7
    from units u cross join months mo
   where not (u.code = 'GL-KV1' and mo.month in (date '2022-10-01', date '2022-11-01', date '2022-12-01',
                                                  date '2023-10-01', date '2023-11-01', date '2023-12-01'))
     and (mo.month < date '2026-11-01' or u.code = 'GL-KV1')
),
c as (
  select p.*,
         (case when p.level = 'tinh' then 600 + p.h1 else 1800 + 3 * p.h1 end)::bigint as cc,
         ((case when p.level = 'tinh' then 500 + p.h2 / 2 else 1500 + 2 * p.h2 end) * p.i / 12)::bigint as cn,
         (120 + p.h5 / 4)::bigint * 1000000 as avg_money,
         520 + p.h3 / 5 as share_pm,
         least(950, 760 + p.h4 / 8 + (p.wy - 2023) * 8) as rate_pm,
         400 + p.h6 / 5 as mshare_pm,
         380 + p.h7 / 6 + (p.wy - 2023) * 10 as mrate_pm
    from p
),
d as (
  select c.*, c.cn / 300 as ce, c.cc + c.cn - c.cn / 300 as tot,
         c.cc * c.avg_money as mc, c.cn * c.avg_money * 11 / 10 as mn, (c.cn / 300) * c.avg_money as me
    from c
),
e as (
  select d.*, d.tot * d.share_pm / 1000 as wc, d.mc + d.mn - d.me as mt
    from d
),
f as (
  select e.*,
         e.wc * e.rate_pm * (3000 + 750 * e.i) / 12000000 as fin,
         e.wc * e.i / 1200 as sus, e.wc * 3 / 100 as post,
         (e.mt * e.mshare_pm / 1000) / 1000 * 1000 as mw
    from e
),
g as (
  select f.*,
         (f.mw * f.mrate_pm * (1800 + 850 * f.i) / 12000000) / 1000 * 1000 as mf,
         (f.mw * f.i / 1200) / 1000 * 1000 as msus, (f.mw * 4 / 100) / 1000 * 1000 as mpost
    from f
)
insert into public.enforcement_reports (unit_id, month, revision, status, cases_carried_over, cases_new, cases_entrusted_out, cases_with_conditions, cases_without_conditions, cases_finished, cases_suspended, cases_postponed, cases_in_progress, money_carried_over, money_new, money_entrusted_out, money_with_conditions, money_without_conditions, money_finished, money_suspended, money_postponed, money_in_progress, budget_cases_with_conditions, budget_cases_finished, budget_money_with_conditions, budget_money_finished, corruption_cases_with_conditions, corruption_cases_finished, corruption_money_with_conditions, corruption_money_finished, bank_cases_with_conditions, bank_cases_finished, bank_money_with_conditions, bank_money_finished, note, approved_at, approved_by)
select case when g.code = 'HN-KV1' and g.month < date '2025-07-01'
            then '00000000-0000-4000-a000-000000000091'::uuid else g.id end,
       g.month, 1, case when g.month = date '2026-11-01' then 'draft' else 'approved' end,
       g.cc, g.cn, g.ce, g.wc, g.tot - g.wc, g.fin, g.sus, g.post, g.wc - g.fin - g.sus - g.post,
       g.mc, g.mn, g.me, g.mw, g.mt - g.mw, g.mf, g.msus, g.mpost, g.mw - g.mf - g.msus - g.mpost,
       g.wc * 40 / 100, least(g.fin * 45 / 100, g.wc * 40 / 100), g.mw * 7 / 100, least(g.mf * 5 / 100, g.mw * 7 / 100),
       g.wc / 100, least(g.fin / 120, g.wc / 100), g.mw * 12 / 100, least(g.mf * 8 / 100, g.mw * 12 / 100),
       g.wc * 3 / 100, least(g.fin / 100, g.wc * 3 / 100), g.mw * 28 / 100, least(g.mf * 15 / 100, g.mw * 28 / 100),
       'seed',
       case when g.month = date '2026-11-01' then null else g.month + interval '1 month 9 days' end,
       case when g.month = date '2026-11-01' then null else '00000000-0000-4000-b000-000000000001'::uuid end
  from g;
