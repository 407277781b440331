-- Deadline rules: one version per law, chosen by the date of the act complained about, each row
-- citing its article and saying whether its figure was confirmed against the text (issue 13, A.3,
-- A.4, A.9 in part).
--
-- Before: every rule was valid from 2000-01-01, one row mixed "Luật THADS 2008 … ; Luật THADS 2025
-- …", every complaint about a protective measure or coercion had 30 days to be resolved, and
-- "[check]" marks sat inside legal_basis, which citizens' pages print.
-- Now:
--   * Luật THADS 2008 as amended in 2014 (in force 1/7/2015) until 30/6/2026, and Luật THADS số
--     106/2025/QH15 from 1/7/2026, are separate rows (valid_from / valid_to). The rows this file
--     updates in place become the 2025 law's (their figures are DOMAIN.md's reading of Chương IV,
--     unconfirmed); the 2008 law's rows are new.
--   * Which version applies is decided by the date of the act complained about (decision date, or
--     the day the citizen learned of the act), falling back on the start date of the period:
--     complaint_deadline(kind, instance, subject, purpose, start, act_on). The law's transition
--     provisions were not found in the text available here: [check] (see is_checked).
--   * law / article / source_url / note say where each figure comes from; is_checked says whether
--     the figure was found in a quotation of the law (source_url); confirmed_by / confirmed_at
--     record the agency's legal officer confirming it in the app (part B). Staff see unconfirmed
--     rules marked as such; legal_basis carries no editor's marks.
--
-- Figures and sources (checked 7/12/2026):
--   Luật THADS 2008 (sđ 2014), thời hiệu khiếu nại (Điều 140): 15 days from receiving the decision
--     or learning of the act before any protective/coercive measure; 3 working days for an account
--     freeze; 10 days for other protective measures; 30 days for coercion and for decisions/acts
--     after coercion; a later complaint 15 days from receiving the decision on the previous one.
--     Quoted at https://thuvienphapluat.vn/hoi-dap-phap-luat/366B-hd-thoi-hieu-khieu-nai-ve-thi-hanh-an-dan-su.html
--     (figures confirmed; the clause number inside Điều 140 is not shown there: [check]).
--   Luật THADS 2008 (sđ 2014), time to resolve: 15 days (before a measure), 5 working days
--     (account freeze), 10 days (other protective measures), 30 days (coercion), 15 days (after
--     coercion), +30 days at most for a complex case — NOT found in the available text; entered as
--     the team's reading, unconfirmed. Which article holds them is unconfirmed too: in the 2008
--     text Điều 145 is "quyền và nghĩa vụ của người có thẩm quyền giải quyết khiếu nại" and Điều 142
--     "thẩm quyền và thời hạn giải quyết khiếu nại".
--   Luật Tố cáo 2018, Điều 30 khoản 1–3: resolve within 30 days of acceptance; complex: extend
--     once by ≤ 30 days; especially complex: twice, ≤ 30 days each. Quoted at
--     https://luatsubaoho.com/phapluat/thoi-han-giai-quyet-to-cao-toi-da-la-bao-lau/amp (confirmed).
--   Luật Tố cáo 2018, Điều 24 (7, up to 10, working days for the intake check; 5 working days to
--     forward): not found in the available text, unconfirmed.

alter table public.deadline_rules
  add column law text null check (char_length(law) <= 200),
  add column article text null check (char_length(article) <= 300),
  add column source_url text null check (char_length(source_url) <= 500),
  add column note text null check (char_length(note) <= 2000),
  add column confirmed_by uuid null references auth.users (id) on delete set null,
  add column confirmed_at timestamptz null;
comment on column public.deadline_rules.is_checked is
  'true: the figure was found in the text of the law (article and source_url cited); false: unconfirmed — shown to staff as unconfirmed until the legal officer confirms it.';
comment on column public.deadline_rules.confirmed_by is 'The legal officer who confirmed the rule in the app (with confirmed_at).';

-- New subjects and start events: decisions/acts after coercion (Điều 140 point d), and the
-- second-instance window running from the citizen's receipt of the first decision.
alter table public.deadline_rules drop constraint deadline_rules_subject_check;
alter table public.deadline_rules add constraint deadline_rules_subject_check
  check (subject in ('any', 'before_measure', 'account_freeze', 'protective_measure', 'coercion', 'after_coercion'));
alter table public.deadline_rules drop constraint deadline_rules_start_event_check;
alter table public.deadline_rules add constraint deadline_rules_start_event_check
  check (start_event in ('learned_of_act', 'decision_received', 'received', 'accepted', 'deadline'));
alter table public.deadline_rules add constraint deadline_rules_validity check (valid_to is null or valid_to >= valid_from);

-- The existing complaint rows become Luật THADS 2025's version (from 1/7/2026), unconfirmed.
update public.deadline_rules
   set valid_from = date '2026-07-01', valid_to = null,
       law = 'Luật Thi hành án dân sự số 106/2025/QH15',
       article = 'Chương IV (Điều 96–111)',
       legal_basis = 'Luật Thi hành án dân sự số 106/2025/QH15, Chương IV',
       is_checked = false,
       note = 'Số liệu theo bản đọc của nhóm phát triển, chưa đối chiếu điều, khoản cụ thể.'
 where kind = 'complaint';
update public.deadline_rules set start_event = 'decision_received'
 where kind = 'complaint' and instance = 2 and purpose = 'file';

-- Denunciations and petitions: valid since the law took effect, each row citing its article.
update public.deadline_rules
   set valid_from = date '2019-01-01', law = 'Luật Tố cáo 2018 (số 25/2018/QH14)',
       article = 'Điều 30 khoản 1', legal_basis = 'Luật Tố cáo 2018, Điều 30 khoản 1',
       source_url = 'https://luatsubaoho.com/phapluat/thoi-han-giai-quyet-to-cao-toi-da-la-bao-lau/amp',
       is_checked = true
 where kind = 'denunciation' and purpose = 'resolve';
update public.deadline_rules
   set valid_from = date '2019-01-01', law = 'Luật Tố cáo 2018 (số 25/2018/QH14)',
       article = 'Điều 30 khoản 2 (phức tạp: một lần), khoản 3 (đặc biệt phức tạp: hai lần)',
       legal_basis = 'Luật Tố cáo 2018, Điều 30 khoản 2 và 3',
       source_url = 'https://luatsubaoho.com/phapluat/thoi-han-giai-quyet-to-cao-toi-da-la-bao-lau/amp',
       is_checked = true
 where kind = 'denunciation' and purpose = 'extend';
update public.deadline_rules
   set valid_from = date '2019-01-01', law = 'Luật Tố cáo 2018 (số 25/2018/QH14)',
       article = case purpose when 'accept' then 'Điều 24 khoản 1' else 'Điều 24 khoản 2' end,
       legal_basis = case purpose when 'accept' then 'Luật Tố cáo 2018, Điều 24 khoản 1 (có thể kéo dài đến 10 ngày làm việc)'
                                  else 'Luật Tố cáo 2018, Điều 24 khoản 2' end,
       is_checked = false,
       note = 'Chưa tìm được văn bản để đối chiếu trong phiên này.'
 where kind = 'denunciation' and purpose in ('accept', 'forward');
update public.deadline_rules
   set law = 'Quy chế tiếp nhận, xử lý kiến nghị, phản ánh', article = null,
       legal_basis = 'Quy chế tiếp nhận, xử lý kiến nghị, phản ánh', is_checked = false,
       note = 'Chưa xác định được văn bản áp dụng.'
 where kind = 'petition';

-- Luật THADS 2008 (sửa đổi, bổ sung 2014): 1/7/2015 – 30/6/2026.
insert into public.deadline_rules
  (kind, instance, subject, purpose, start_event, length_days, day_unit, max_times, law, article, legal_basis, source_url, is_checked, note, valid_from, valid_to)
values
  ('complaint', 1, 'before_measure',     'file', 'learned_of_act', 15, 'calendar', null, 'Luật Thi hành án dân sự 2008 (sửa đổi, bổ sung 2014)', 'Điều 140, thời hiệu khiếu nại, điểm a', 'Luật Thi hành án dân sự 2008 (sửa đổi, bổ sung 2014), Điều 140',
   'https://thuvienphapluat.vn/hoi-dap-phap-luat/366B-hd-thoi-hieu-khieu-nai-ve-thi-hanh-an-dan-su.html', true, 'Số khoản trong Điều 140 chưa đối chiếu.', date '2015-07-01', date '2026-06-30'),
  ('complaint', 1, 'account_freeze',     'file', 'learned_of_act',  3, 'working',  null, 'Luật Thi hành án dân sự 2008 (sửa đổi, bổ sung 2014)', 'Điều 140, thời hiệu khiếu nại, điểm b', 'Luật Thi hành án dân sự 2008 (sửa đổi, bổ sung 2014), Điều 140',
   'https://thuvienphapluat.vn/hoi-dap-phap-luat/366B-hd-thoi-hieu-khieu-nai-ve-thi-hanh-an-dan-su.html', true, 'Kể từ ngày nhận được quyết định phong tỏa. Số khoản chưa đối chiếu.', date '2015-07-01', date '2026-06-30'),
  ('complaint', 1, 'protective_measure', 'file', 'learned_of_act', 10, 'calendar', null, 'Luật Thi hành án dân sự 2008 (sửa đổi, bổ sung 2014)', 'Điều 140, thời hiệu khiếu nại, điểm b', 'Luật Thi hành án dân sự 2008 (sửa đổi, bổ sung 2014), Điều 140',
   'https://thuvienphapluat.vn/hoi-dap-phap-luat/366B-hd-thoi-hieu-khieu-nai-ve-thi-hanh-an-dan-su.html', true, 'Số khoản chưa đối chiếu.', date '2015-07-01', date '2026-06-30'),
  ('complaint', 1, 'coercion',           'file', 'learned_of_act', 30, 'calendar', null, 'Luật Thi hành án dân sự 2008 (sửa đổi, bổ sung 2014)', 'Điều 140, thời hiệu khiếu nại, điểm c', 'Luật Thi hành án dân sự 2008 (sửa đổi, bổ sung 2014), Điều 140',
   'https://thuvienphapluat.vn/hoi-dap-phap-luat/366B-hd-thoi-hieu-khieu-nai-ve-thi-hanh-an-dan-su.html', true, 'Số khoản chưa đối chiếu.', date '2015-07-01', date '2026-06-30'),
  ('complaint', 1, 'after_coercion',     'file', 'learned_of_act', 30, 'calendar', null, 'Luật Thi hành án dân sự 2008 (sửa đổi, bổ sung 2014)', 'Điều 140, thời hiệu khiếu nại, điểm d', 'Luật Thi hành án dân sự 2008 (sửa đổi, bổ sung 2014), Điều 140',
   'https://thuvienphapluat.vn/hoi-dap-phap-luat/366B-hd-thoi-hieu-khieu-nai-ve-thi-hanh-an-dan-su.html', true, 'Quyết định, hành vi sau khi áp dụng biện pháp cưỡng chế. Số khoản chưa đối chiếu.', date '2015-07-01', date '2026-06-30'),
  ('complaint', 2, 'any',                'file', 'decision_received', 15, 'calendar', null, 'Luật Thi hành án dân sự 2008 (sửa đổi, bổ sung 2014)', 'Điều 140, thời hiệu khiếu nại, lần khiếu nại tiếp theo', 'Luật Thi hành án dân sự 2008 (sửa đổi, bổ sung 2014), Điều 140',
   'https://thuvienphapluat.vn/hoi-dap-phap-luat/366B-hd-thoi-hieu-khieu-nai-ve-thi-hanh-an-dan-su.html', true, 'Kể từ ngày nhận được quyết định giải quyết khiếu nại lần đầu.', date '2015-07-01', date '2026-06-30'),
  ('complaint', 1, 'any', 'accept', 'received',  5, 'working', null, 'Luật Thi hành án dân sự 2008 (sửa đổi, bổ sung 2014)', 'thụ lý đơn khiếu nại', 'Luật Thi hành án dân sự 2008 (sửa đổi, bổ sung 2014)',
   null, false, 'Theo DOMAIN.md; chưa đối chiếu điều, khoản.', date '2015-07-01', date '2026-06-30'),
  ('complaint', 2, 'any', 'accept', 'received',  5, 'working', null, 'Luật Thi hành án dân sự 2008 (sửa đổi, bổ sung 2014)', 'thụ lý đơn khiếu nại', 'Luật Thi hành án dân sự 2008 (sửa đổi, bổ sung 2014)',
   null, false, 'Chưa đối chiếu điều, khoản.', date '2015-07-01', date '2026-06-30'),
  ('complaint', 1, 'before_measure',     'resolve', 'accepted', 15, 'calendar', null, 'Luật Thi hành án dân sự 2008 (sửa đổi, bổ sung 2014)', 'Điều 142 (thời hạn giải quyết khiếu nại)', 'Luật Thi hành án dân sự 2008 (sửa đổi, bổ sung 2014)',
   null, false, 'Chưa đối chiếu văn bản.', date '2015-07-01', date '2026-06-30'),
  ('complaint', 1, 'account_freeze',     'resolve', 'accepted',  5, 'working',  null, 'Luật Thi hành án dân sự 2008 (sửa đổi, bổ sung 2014)', 'Điều 142 (thời hạn giải quyết khiếu nại)', 'Luật Thi hành án dân sự 2008 (sửa đổi, bổ sung 2014)',
   null, false, 'Chưa đối chiếu văn bản.', date '2015-07-01', date '2026-06-30'),
  ('complaint', 1, 'protective_measure', 'resolve', 'accepted', 10, 'calendar', null, 'Luật Thi hành án dân sự 2008 (sửa đổi, bổ sung 2014)', 'Điều 142 (thời hạn giải quyết khiếu nại)', 'Luật Thi hành án dân sự 2008 (sửa đổi, bổ sung 2014)',
   null, false, 'Chưa đối chiếu văn bản.', date '2015-07-01', date '2026-06-30'),
  ('complaint', 1, 'coercion',           'resolve', 'accepted', 30, 'calendar', null, 'Luật Thi hành án dân sự 2008 (sửa đổi, bổ sung 2014)', 'Điều 142 (thời hạn giải quyết khiếu nại)', 'Luật Thi hành án dân sự 2008 (sửa đổi, bổ sung 2014)',
   null, false, 'Chưa đối chiếu văn bản.', date '2015-07-01', date '2026-06-30'),
  ('complaint', 1, 'after_coercion',     'resolve', 'accepted', 15, 'calendar', null, 'Luật Thi hành án dân sự 2008 (sửa đổi, bổ sung 2014)', 'Điều 142 (thời hạn giải quyết khiếu nại)', 'Luật Thi hành án dân sự 2008 (sửa đổi, bổ sung 2014)',
   null, false, 'Chưa đối chiếu văn bản.', date '2015-07-01', date '2026-06-30'),
  ('complaint', 1, 'any',                'resolve', 'accepted', 15, 'calendar', null, 'Luật Thi hành án dân sự 2008 (sửa đổi, bổ sung 2014)', 'Điều 142 (thời hạn giải quyết khiếu nại)', 'Luật Thi hành án dân sự 2008 (sửa đổi, bổ sung 2014)',
   null, false, 'Chưa đối chiếu văn bản.', date '2015-07-01', date '2026-06-30'),
  ('complaint', 2, 'any',                'resolve', 'accepted', 30, 'calendar', null, 'Luật Thi hành án dân sự 2008 (sửa đổi, bổ sung 2014)', 'Điều 142 (khiếu nại lần hai)', 'Luật Thi hành án dân sự 2008 (sửa đổi, bổ sung 2014)',
   null, false, 'Chưa đối chiếu văn bản.', date '2015-07-01', date '2026-06-30'),
  ('complaint', null, 'any',             'extend',  'deadline', 30, 'calendar', 1,    'Luật Thi hành án dân sự 2008 (sửa đổi, bổ sung 2014)', 'Điều 142 (vụ việc phức tạp: kéo dài không quá 30 ngày)', 'Luật Thi hành án dân sự 2008 (sửa đổi, bổ sung 2014)',
   null, false, 'Vụ việc phức tạp. Chưa đối chiếu văn bản.', date '2015-07-01', date '2026-06-30');

-- The 2025 law's complex-case extension and the after-coercion rows (same shape, unconfirmed).
insert into public.deadline_rules
  (kind, instance, subject, purpose, start_event, length_days, day_unit, max_times, law, article, legal_basis, is_checked, note, valid_from)
values
  ('complaint', 1, 'after_coercion', 'file', 'learned_of_act', 30, 'calendar', null, 'Luật Thi hành án dân sự số 106/2025/QH15', 'Chương IV (Điều 96–111)', 'Luật Thi hành án dân sự số 106/2025/QH15, Chương IV', false,
   'Số liệu theo bản đọc của nhóm phát triển, chưa đối chiếu.', date '2026-07-01'),
  ('complaint', null, 'any', 'extend', 'deadline', 30, 'calendar', 1, 'Luật Thi hành án dân sự số 106/2025/QH15', 'Chương IV (Điều 96–111)', 'Luật Thi hành án dân sự số 106/2025/QH15, Chương IV', false,
   'Vụ việc phức tạp. Chưa đối chiếu.', date '2026-07-01');

-- The rule in force for (kind, instance, subject, purpose) on a day: the most specific row
-- (exact subject before 'any', exact instance before null) whose validity covers the day.
create function public.deadline_rule(p_kind text, p_instance smallint, p_subject text, p_purpose text, p_on date)
returns setof public.deadline_rules
language sql stable set search_path = '' as $$
  select * from public.deadline_rules dr
   where dr.kind = p_kind and dr.purpose = p_purpose
     and (dr.instance is null or dr.instance = coalesce(p_instance, 1))
     and (dr.subject = 'any' or dr.subject = coalesce(p_subject, 'any'))
     and p_on is not null and dr.valid_from <= p_on and (dr.valid_to is null or dr.valid_to >= p_on)
   order by (dr.subject <> 'any') desc, (dr.instance is not null) desc, dr.valid_from desc
   limit 1
$$;
comment on function public.deadline_rule(text, smallint, text, text, date) is
  'The deadline rule in force on p_on (the date of the act complained about) for kind/instance/subject/purpose.';
grant execute on function public.deadline_rule(text, smallint, text, text, date) to anon, authenticated, service_role;

-- The deadline counted from p_start under the rule version in force on p_act_on (the date of the
-- act complained about; p_start when unknown). Calendar periods ending on a day off end on the
-- next working day (Bộ luật Dân sự 2015 Điều 148 khoản 5 [check]). Null when no rule applies.
create function public.complaint_deadline(
  p_kind text, p_instance smallint, p_subject text, p_purpose text, p_start date, p_act_on date
) returns date
language plpgsql stable set search_path = '' as $$
declare
  r public.deadline_rules;
  d date;
begin
  if p_start is null then
    return null;
  end if;
  select * into r from public.deadline_rule(p_kind, p_instance, p_subject, p_purpose, coalesce(p_act_on, p_start));
  if r.id is null then
    return null;
  end if;
  if r.day_unit = 'working' then
    return public.working_days_add(p_start, r.length_days);
  end if;
  d := p_start + r.length_days;
  while not public.is_working_day(d) loop
    d := d + 1;
  end loop;
  return d;
end
$$;
comment on function public.complaint_deadline(text, smallint, text, text, date, date) is
  'Legal deadline from p_start under the deadline_rules version in force on the date of the act (p_act_on; p_start when null).';
grant execute on function public.complaint_deadline(text, smallint, text, text, date, date) to anon, authenticated, service_role;

-- The five-argument form (called by submit/accept/forward/appeal functions) keeps its meaning:
-- the version in force on p_start.
create or replace function public.complaint_deadline(
  p_kind text, p_instance smallint, p_subject text, p_purpose text, p_start date
) returns date
language sql stable set search_path = '' as $$
  select public.complaint_deadline(p_kind, p_instance, p_subject, p_purpose, p_start, p_start)
$$;

-- The rules a file is judged under (shown on the file to staff): one row per purpose, the
-- version chosen by the date of the act (decision date, else the day the citizen learned of it,
-- else the day the letter was received).
create function public.complaint_rules(p_id uuid)
returns table (purpose text, rule_id int, length_days int, day_unit text, start_event text, law text, article text,
               is_checked boolean, confirmed_at timestamptz, valid_from date, valid_to date, act_on date)
language plpgsql stable security definer set search_path = '' as $$
declare
  c public.complaints;
  v_on date;
begin
  select * into c from public.complaints where id = p_id;
  if c.id is null or not ((select private.is_staff()) and private.can_see_unit(c.unit_id)) then
    raise exception using errcode = 'P0001', message = 'complaint_not_found';
  end if;
  v_on := coalesce(c.decision_date, c.learned_on, private.vn_date(c.received_at));
  return query
  select p.purpose, r.id, r.length_days, r.day_unit, r.start_event, r.law, r.article, r.is_checked, r.confirmed_at,
         r.valid_from, r.valid_to, v_on
    from (values ('file', 1), ('accept', 2), ('resolve', 3), ('extend', 4), ('forward', 5)) p (purpose, ord)
    cross join lateral public.deadline_rule(c.kind, c.instance, c.subject, p.purpose, v_on) r
   order by p.ord;
end
$$;
revoke all on function public.complaint_rules(uuid) from public, anon;
grant execute on function public.complaint_rules(uuid) to authenticated, service_role;
