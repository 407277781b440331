-- Complaints, denunciations and petitions (khiếu nại, tố cáo, kiến nghị/phản ánh): reference data.
--
-- Two lookup tables that the law changes, not the code:
--   * deadline_rules — every legal time limit as a row (kind, instance, subject, start event,
--     length, calendar or working days, legal basis). Sources: DOMAIN.md; Luật THADS 2008 (sửa đổi
--     2014) Điều 140–142 for complaints until 30/6/2026, Luật THADS số 106/2025/QH15 Chương IV from
--     1/7/2026, Luật Tố cáo 2018 Điều 24, 28, 30 for denunciations. Figures marked [check] could
--     not be confirmed against the official text: an admin corrects the row, nothing else changes.
--   * complaint_statuses — the status lifecycle as data with a category (open / closed / resolved),
--     FixMyStreet-style. Transitions are enforced by the SQL functions in 20261126000204.
--
-- Who may do what: everyone reads both tables (they are public legal information); only admins
-- change deadline_rules; statuses change only by migration.

create table public.complaint_statuses (
  code text primary key,
  category text not null check (category in ('open', 'closed', 'resolved')),
  sort_order smallint not null,
  label_vi text not null,
  label_en text not null
);
comment on table public.complaint_statuses is
  'Complaint lifecycle as data. category: open (agency must act), closed (ended without a decision: returned, guided, withdrawn), resolved (decision issued). Read by all; changed only by migration.';

insert into public.complaint_statuses (code, category, sort_order, label_vi, label_en) values
  ('received',  'open',     10, 'Đã nhận đơn, chờ xử lý',        'Received, awaiting handling'),
  ('accepted',  'open',     20, 'Đã thụ lý',                     'Accepted for handling'),
  ('verifying', 'open',     30, 'Đang xác minh',                 'Under verification'),
  ('dialogue',  'open',     40, 'Đã tổ chức đối thoại',          'Dialogue held'),
  ('resolved',  'resolved', 50, 'Đã giải quyết',                 'Resolved'),
  ('returned',  'closed',   60, 'Đã trả lại đơn',                'Returned'),
  ('guided',    'closed',   70, 'Đã hướng dẫn nơi gửi đơn',      'Guided to the competent body'),
  ('withdrawn', 'closed',   80, 'Đã rút đơn',                    'Withdrawn');

alter table public.complaint_statuses enable row level security;
create policy "Anyone can read complaint statuses"
  on public.complaint_statuses for select to anon, authenticated using (true);
revoke insert, update, delete, truncate on public.complaint_statuses from anon, authenticated;

create table public.deadline_rules (
  id serial primary key,
  kind text not null check (kind in ('complaint', 'denunciation', 'petition')),
  -- 1 = lần đầu, 2 = lần hai; null = any instance.
  instance smallint null check (instance in (1, 2)),
  -- The decision or act concerned (complaints): before_measure (before any protective/coercive
  -- measure), account_freeze, protective_measure (other protective measures), coercion;
  -- 'any' when the rule does not depend on it.
  subject text not null default 'any'
    check (subject in ('any', 'before_measure', 'account_freeze', 'protective_measure', 'coercion')),
  -- What the deadline is for.
  purpose text not null check (purpose in ('file', 'accept', 'forward', 'resolve', 'extend')),
  -- The event the period runs from.
  start_event text not null check (start_event in ('learned_of_act', 'received', 'accepted', 'deadline')),
  length_days int not null check (length_days > 0),
  day_unit text not null check (day_unit in ('calendar', 'working')),
  legal_basis text not null,
  is_checked boolean not null default false,
  valid_from date not null default date '2000-01-01',
  valid_to date null,
  unique (kind, instance, subject, purpose, valid_from)
);
comment on table public.deadline_rules is
  'Legal time limits as data (a change in the law is a row change). Calendar-day limits that end on a day off move to the next working day (Bộ luật Dân sự 2015 Điều 148). Read by all; admins edit.';

insert into public.deadline_rules (kind, instance, subject, purpose, start_event, length_days, day_unit, legal_basis, is_checked) values
  -- Time to file a complaint (thời hiệu khiếu nại), from the day the person received the decision
  -- or learned of the act.
  ('complaint', 1, 'before_measure',     'file', 'learned_of_act', 15, 'calendar', 'Luật THADS 2008 (sửa đổi 2014) Điều 140 khoản 1; Luật THADS 2025 Chương IV [check]', true),
  ('complaint', 1, 'account_freeze',     'file', 'learned_of_act',  3, 'working',  'Luật THADS 2008 (sửa đổi 2014) Điều 140 khoản 1; Luật THADS 2025 Chương IV [check]', true),
  ('complaint', 1, 'protective_measure', 'file', 'learned_of_act', 10, 'calendar', 'Luật THADS 2008 (sửa đổi 2014) Điều 140 khoản 1; Luật THADS 2025 Chương IV [check]', true),
  ('complaint', 1, 'coercion',           'file', 'learned_of_act', 30, 'calendar', 'Luật THADS 2008 (sửa đổi 2014) Điều 140 khoản 1; Luật THADS 2025 Chương IV [check]', true),
  ('complaint', 2, 'any',                'file', 'learned_of_act', 15, 'calendar', 'Khiếu nại lần hai kể từ ngày nhận quyết định giải quyết lần đầu [check]', false),
  -- Accept (thụ lý) or answer in writing.
  ('complaint', 1, 'any', 'accept', 'received',  5, 'working', 'Luật THADS 2008 Điều 142; Luật THADS 2025 Chương IV: 5 ngày làm việc [check]', true),
  ('complaint', 2, 'any', 'accept', 'received', 10, 'working', 'Luật THADS 2025 Chương IV: 10 ngày làm việc đối với khiếu nại lần hai [check]', false),
  -- Resolve, from acceptance.
  ('complaint', 1, 'before_measure',     'resolve', 'accepted', 15, 'calendar', 'Luật THADS 2008 Điều 142; Luật THADS 2025 Chương IV [check]', true),
  ('complaint', 1, 'account_freeze',     'resolve', 'accepted', 30, 'calendar', 'Luật THADS 2025 Chương IV: 15 hoặc 30 ngày [check]', false),
  ('complaint', 1, 'protective_measure', 'resolve', 'accepted', 30, 'calendar', 'Luật THADS 2025 Chương IV: 15 hoặc 30 ngày [check]', false),
  ('complaint', 1, 'coercion',           'resolve', 'accepted', 30, 'calendar', 'Luật THADS 2025 Chương IV: 15 hoặc 30 ngày [check]', false),
  ('complaint', 1, 'any',                'resolve', 'accepted', 30, 'calendar', 'Luật THADS 2025 Chương IV: 15 hoặc 30 ngày [check]', false),
  ('complaint', 2, 'any',                'resolve', 'accepted', 30, 'calendar', 'Luật THADS 2025 Chương IV: khiếu nại lần hai [check]', false),
  -- Denunciations: intake check, forwarding, resolution and its extensions.
  ('denunciation', null, 'any', 'accept',  'received',  7, 'working',  'Luật Tố cáo 2018 Điều 24 khoản 1 (có thể kéo dài đến 10 ngày làm việc)', true),
  ('denunciation', null, 'any', 'forward', 'received',  5, 'working',  'Luật Tố cáo 2018 Điều 24 khoản 2', true),
  ('denunciation', null, 'any', 'resolve', 'accepted', 30, 'calendar', 'Luật Tố cáo 2018 Điều 30 khoản 1', true),
  ('denunciation', null, 'any', 'extend',  'deadline', 30, 'calendar', 'Luật Tố cáo 2018 Điều 30 khoản 1: gia hạn một lần (phức tạp), hai lần (đặc biệt phức tạp)', true),
  -- Petitions and reports: answered, not decided.
  ('petition', null, 'any', 'accept',  'received',  5, 'working',  'Quy chế tiếp nhận, xử lý kiến nghị, phản ánh [check]', false),
  ('petition', null, 'any', 'resolve', 'accepted', 15, 'calendar', 'Quy chế tiếp nhận, xử lý kiến nghị, phản ánh [check]', false);

alter table public.deadline_rules enable row level security;
create policy "Anyone can read deadline rules"
  on public.deadline_rules for select to anon, authenticated using (true);
create policy "Admins can add deadline rules"
  on public.deadline_rules for insert to authenticated with check ((select private.has_role('admin')));
create policy "Admins can change deadline rules"
  on public.deadline_rules for update to authenticated
  using ((select private.has_role('admin'))) with check ((select private.has_role('admin')));
revoke insert, update, delete, truncate on public.deadline_rules from anon;

-- Vietnam has no daylight saving time: today's date there is UTC + 7 hours. Not relying on the
-- server's time zone database keeps PGlite and PostgreSQL in agreement.
create function private.complaints_today() returns date
language sql stable set search_path = '' as $$
  select ((now() at time zone 'UTC') + interval '7 hours')::date
$$;
-- Used by the complaint_stats view, which runs with the caller's rights.
grant execute on function private.complaints_today() to anon, authenticated, service_role;

-- The deadline for (kind, instance, subject, purpose) counted from p_start. Picks the most
-- specific rule in force on p_start (exact subject before 'any', exact instance before null).
-- Calendar periods ending on a day off end on the next working day (BLDS 2015 Điều 148).
-- Returns null when no rule applies.
create function public.complaint_deadline(
  p_kind text, p_instance smallint, p_subject text, p_purpose text, p_start date
) returns date
language plpgsql stable set search_path = '' as $$
declare
  r public.deadline_rules;
  d date;
begin
  select * into r from public.deadline_rules dr
   where dr.kind = p_kind and dr.purpose = p_purpose
     and (dr.instance is null or dr.instance = coalesce(p_instance, 1))
     and (dr.subject = 'any' or dr.subject = coalesce(p_subject, 'any'))
     and dr.valid_from <= p_start and (dr.valid_to is null or dr.valid_to >= p_start)
   order by (dr.subject <> 'any') desc, (dr.instance is not null) desc, dr.valid_from desc
   limit 1;
  if r.id is null or p_start is null then
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
comment on function public.complaint_deadline is 'Legal deadline from deadline_rules, in working or calendar days (calendar deadlines falling on a day off move to the next working day).';
grant execute on function public.complaint_deadline to anon, authenticated, service_role;
