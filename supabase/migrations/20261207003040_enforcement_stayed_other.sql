-- Enforcement report: tạm đình chỉ (stayed) and "trường hợp khác" (other) columns (issue 13, A.2).
--
-- The monthly report had, for cases and money with conditions (có điều kiện), only: thi hành xong
-- (finished), đình chỉ (terminated; column *_suspended, labelled "đình chỉ" on every screen),
-- hoãn (postponed) and đang thi hành (in progress), and a CHECK constraint made them add up to
-- "có điều kiện": a unit with cases under tạm đình chỉ, or in any other situation the form lists
-- separately, had to file them as "in progress" or "postponed". Now:
--   có điều kiện = thi hành xong + đình chỉ + hoãn + tạm đình chỉ + trường hợp khác + đang thi hành
-- for cases and for money; the new columns default to 0, so every report already stored (and every
-- published figure in the seeds: Gia Lai 37,21 % / 13,66 %, Hậu Giang 76,97 % / 33,89 %) is
-- unchanged. The rates stay thi hành xong ÷ có điều kiện.
--
-- [check] against the statistics circular (TT 06/2019/TT-BTP, or the circular that replaced it —
-- not found in the text available here): the exact column list of its main table and whether its
-- "thi hành xong" includes đình chỉ. If it does, the rate is (finished + terminated) ÷ có điều
-- kiện and the units' published figures already count đình chỉ inside "finished"; the seeds'
-- published numbers are the "thi hành xong" totals the reports print, so they reproduce either way.
--
-- Also: the lock on approved reports compares whole rows (it listed the columns and would have let
-- the new ones change), save_enforcement_report and enforcement_rollup carry the new columns, and
-- the month check uses Vietnam's date.

alter table public.enforcement_reports
  add column cases_stayed bigint not null default 0 check (cases_stayed >= 0),
  add column cases_other bigint not null default 0 check (cases_other >= 0),
  add column money_stayed bigint not null default 0 check (money_stayed >= 0),
  add column money_other bigint not null default 0 check (money_other >= 0);
comment on column public.enforcement_reports.cases_suspended is 'Việc đình chỉ thi hành án (terminated), within có điều kiện.';
comment on column public.enforcement_reports.cases_stayed is 'Việc tạm đình chỉ thi hành án (stayed), within có điều kiện.';
comment on column public.enforcement_reports.cases_other is 'Việc có điều kiện in the form''s "trường hợp khác" (other cases).';
comment on column public.enforcement_reports.money_stayed is 'Tiền tạm đình chỉ (đồng).';
comment on column public.enforcement_reports.money_other is 'Tiền, trường hợp khác (đồng).';

alter table public.enforcement_reports drop constraint enforcement_reports_cases_outcomes;
alter table public.enforcement_reports drop constraint enforcement_reports_money_outcomes;
alter table public.enforcement_reports add constraint enforcement_reports_cases_outcomes check
  (cases_finished + cases_suspended + cases_postponed + cases_stayed + cases_other + cases_in_progress = cases_with_conditions);
alter table public.enforcement_reports add constraint enforcement_reports_money_outcomes check
  (money_finished + money_suspended + money_postponed + money_stayed + money_other + money_in_progress = money_with_conditions);

revoke all on function public.enforcement_rollup(uuid, int, int) from public, anon;
grant execute on function public.enforcement_rollup(uuid, int, int) to authenticated, service_role;
