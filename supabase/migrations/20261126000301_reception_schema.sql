-- Citizen reception (tiếp công dân): schedules, closures, head's reception days, bookings and the
-- reception record (sổ tiếp công dân). Luật Tiếp công dân 2013.
--
-- Counting view for statistics (H7): public.reception_stats, one row per unit and local day
-- (Asia/Ho_Chi_Minh) that has any booking or visit. Columns:
--   unit_id uuid, day date,
--   visits int            -- lượt tiếp: rows in the reception record (sổ tiếp công dân)
--   people int            -- people received (sum of group sizes)
--   cases int             -- vụ việc: distinct case/decision numbers that day (a visit without a
--                            number counts as its own case); not additive across days
--   group_visits int      -- đoàn đông người: visits of 5 or more people
--   head_sessions int     -- 0/1: the head of the agency received citizens that day
--   head_visits int       -- visits received by / in the session of the head
--   bookings int          -- online bookings for that day (any status)
--   walk_ins int          -- walk-ins registered at the desk that day
--   no_shows int          -- online bookings marked no-show
--   cancelled int         -- online bookings cancelled
--   outcome_guided int    -- hướng dẫn, giải thích
--   outcome_received int  -- nhận đơn (petition received and registered)
--   outcome_forwarded int -- chuyển đơn
--   outcome_refused int   -- từ chối tiếp (with a legal reason)
-- The view is security_invoker: staff see their visible units; anon sees nothing.
--
-- Who may do what: everyone reads schedules, closures, head's days and the lookups (the citizen
-- picks a slot); staff with role reception / unit_head / admin of a visible unit read bookings and
-- visits. Nobody writes these tables directly: every change is a security definer function
-- (20261126000302_reception_booking.sql, 20261126000303_reception_desk.sql).

-- ---------------------------------------------------------------------------------------------
-- Lookups
-- ---------------------------------------------------------------------------------------------
create table public.reception_topics (
  code text primary key,
  label_vi text not null,
  label_en text not null,
  sort_order int not null default 0
);
comment on table public.reception_topics is
  'Why the citizen comes. Public lookup; admins edit through SQL.';
insert into public.reception_topics (code, label_vi, label_en, sort_order) values
  ('khieu_nai', 'Khiếu nại', 'Complaint', 1),
  ('to_cao', 'Tố cáo', 'Denunciation', 2),
  ('kien_nghi', 'Kiến nghị, phản ánh', 'Petition or report', 3),
  ('hoi_vu_viec', 'Hỏi về vụ việc thi hành án', 'Question about a case', 4);

create table public.booking_statuses (
  code text primary key,
  label_vi text not null,
  label_en text not null,
  -- open: the person still holds or uses a place; closed: finished one way or another.
  category text not null check (category in ('open', 'closed')),
  sort_order int not null default 0
);
comment on table public.booking_statuses is
  'Booking states. booked → checked_in → in_progress → done; booked → cancelled | no_show; '
  'walk-ins start at checked_in (a free place) or waiting (no free place).';
insert into public.booking_statuses (code, label_vi, label_en, category, sort_order) values
  ('booked', 'Đã đặt lịch', 'Booked', 'open', 1),
  ('waiting', 'Chờ (danh sách chờ)', 'Waiting list', 'open', 2),
  ('checked_in', 'Đã đến', 'Arrived', 'open', 3),
  ('in_progress', 'Đang tiếp', 'Being received', 'open', 4),
  ('done', 'Đã tiếp', 'Received', 'closed', 5),
  ('no_show', 'Không đến', 'Did not come', 'closed', 6),
  ('cancelled', 'Đã hủy', 'Cancelled', 'closed', 7);

create table public.reception_outcomes (
  code text primary key,
  label_vi text not null,
  label_en text not null,
  sort_order int not null default 0
);
comment on table public.reception_outcomes is 'Outcome of a visit in the reception record.';
insert into public.reception_outcomes (code, label_vi, label_en, sort_order) values
  ('huong_dan', 'Hướng dẫn, giải thích', 'Guided / explained', 1),
  ('nhan_don', 'Nhận đơn', 'Petition received', 2),
  ('chuyen_don', 'Chuyển đơn đến cơ quan có thẩm quyền', 'Forwarded to the competent body', 3),
  ('tu_choi', 'Từ chối tiếp', 'Refused', 4);

create table public.reception_refusal_reasons (
  code text primary key,
  label_vi text not null,
  label_en text not null,
  legal_basis text not null,
  sort_order int not null default 0
);
comment on table public.reception_refusal_reasons is
  'Legal grounds to refuse a reception (Luật Tiếp công dân 2013, Điều 9). Data, not code: admins '
  'edit the wording when the law changes.';
insert into public.reception_refusal_reasons (code, label_vi, label_en, legal_basis, sort_order) values
  ('intoxicated', 'Người trong tình trạng say do dùng chất kích thích, không làm chủ được hành vi',
   'Intoxicated or not in control of their behaviour', 'Luật Tiếp công dân 2013, Điều 9 khoản 1', 1),
  ('threatening', 'Có hành vi đe dọa, xúc phạm cơ quan, người tiếp công dân',
   'Threatening or insulting the agency or the receiving officer', 'Luật Tiếp công dân 2013, Điều 9 khoản 2', 2),
  ('settled_matter', 'Khiếu nại, tố cáo vụ việc đã được giải quyết đúng chính sách, pháp luật, đã được trả lời bằng văn bản',
   'Keeps complaining about a matter settled lawfully and answered in writing', 'Luật Tiếp công dân 2013, Điều 9 khoản 3', 3),
  ('other_legal', 'Trường hợp khác theo quy định của pháp luật',
   'Other case provided by law', 'Luật Tiếp công dân 2013, Điều 9 khoản 4', 4);

-- ---------------------------------------------------------------------------------------------
-- Settings (one row)
-- ---------------------------------------------------------------------------------------------
create table public.reception_settings (
  id boolean primary key default true check (id),
  max_active_bookings_per_phone int not null default 3 check (max_active_bookings_per_phone between 1 and 50),
  booking_horizon_days int not null default 30 check (booking_horizon_days between 1 and 180),
  -- A slot can be booked online until this many minutes before it starts.
  min_notice_minutes int not null default 30 check (min_notice_minutes between 0 and 1440),
  -- Booking attempts per phone number per hour (private.hit_rate_limit).
  bookings_per_phone_per_hour int not null default 10 check (bookings_per_phone_per_hour between 1 and 1000),
  -- Local hour (Asia/Ho_Chi_Minh) at which the day-before reminder goes out.
  reminder_hour int not null default 8 check (reminder_hour between 0 and 23),
  updated_at timestamptz not null default now()
);
comment on table public.reception_settings is
  'Booking limits (one row). Everyone reads it (the form shows the limit); admins update it.';
insert into public.reception_settings default values;

-- ---------------------------------------------------------------------------------------------
-- Schedules
-- ---------------------------------------------------------------------------------------------
create table public.reception_schedules (
  id uuid primary key default gen_random_uuid(),
  unit_id uuid not null references public.units (id) on delete cascade,
  weekday smallint not null check (weekday between 1 and 7), -- ISO: 1 = Monday
  start_time time not null,
  end_time time not null,
  slot_minutes int not null default 30 check (slot_minutes between 5 and 240),
  capacity int not null default 4 check (capacity between 1 and 500),
  created_at timestamptz not null default now(),
  check (end_time > start_time)
);
comment on table public.reception_schedules is
  'Regular weekly reception hours of a unit (tiếp công dân thường xuyên), cut into slots of '
  'slot_minutes with capacity places each. Everyone reads; reception staff and heads of the unit '
  'change it through save_reception_schedule().';
create index reception_schedules_unit_idx on public.reception_schedules (unit_id, weekday);

create table public.reception_closures (
  id uuid primary key default gen_random_uuid(),
  unit_id uuid not null references public.units (id) on delete cascade,
  day date not null,
  reason text not null default '' check (length(reason) <= 300),
  created_by uuid null,
  created_at timestamptz not null default now(),
  unique (unit_id, day)
);
comment on table public.reception_closures is
  'Days a unit does not receive citizens (besides public holidays). Everyone reads; changed '
  'through add_reception_closure()/remove_reception_closure(), which flag affected bookings.';

create table public.reception_head_days (
  id uuid primary key default gen_random_uuid(),
  unit_id uuid not null references public.units (id) on delete cascade,
  day date not null,
  start_time time not null default '07:30',
  end_time time not null default '11:30',
  head_name text not null default '' check (length(head_name) <= 200),
  created_at timestamptz not null default now(),
  unique (unit_id, day),
  check (end_time > start_time)
);
comment on table public.reception_head_days is
  'Periodic reception days of the head of the agency (tiếp công dân định kỳ, Luật Tiếp công dân '
  '2013). Slots overlapping the window are marked with_head. Everyone reads.';

-- Lock anchor per slot: booking functions insert the row if missing and lock it `for update`, so
-- concurrent bookings for one slot are serialised and the capacity check (a count of open
-- bookings) is exact. No API role reads it.
create table public.reception_slot_locks (
  unit_id uuid not null references public.units (id) on delete cascade,
  starts_at timestamptz not null,
  primary key (unit_id, starts_at)
);
comment on table public.reception_slot_locks is
  'Internal: one row per slot that ever had a booking; row-locked while booking. No policies.';

-- ---------------------------------------------------------------------------------------------
-- Bookings and walk-ins
-- ---------------------------------------------------------------------------------------------
create table public.bookings (
  id uuid primary key default gen_random_uuid(),
  unit_id uuid not null references public.units (id),
  channel text not null check (channel in ('online', 'walk_in')),
  status text not null references public.booking_statuses (code),
  day date not null, -- local reception day (Asia/Ho_Chi_Minh)
  starts_at timestamptz null, -- null only for a walk-in on the waiting list
  ends_at timestamptz null,
  with_head boolean not null default false, -- the slot is in a head's reception session
  tracking_code text null unique,
  full_name text not null check (length(full_name) between 2 and 120),
  phone text null check (phone ~ '^0[0-9]{9}$'),
  email text null check (length(email) <= 200),
  cccd text null check (cccd ~ '^[0-9]{12}$'),
  address text null check (length(address) <= 300),
  people_count int not null default 1 check (people_count between 1 and 100),
  -- Groups of five or more send representatives (Luật Tiếp công dân 2013; at most 5 [check]).
  representatives jsonb not null default '[]'::jsonb check (jsonb_typeof(representatives) = 'array'),
  topic text not null references public.reception_topics (code),
  case_number text null check (length(case_number) <= 100),
  summary text null check (length(summary) <= 2000),
  wants_head boolean not null default false,
  queue_no int null, -- số thứ tự at the desk, given at check-in
  needs_reschedule boolean not null default false, -- schedule changed under this booking
  idempotency_key uuid null unique,
  checked_in_at timestamptz null,
  started_at timestamptz null,
  finished_at timestamptz null,
  cancelled_at timestamptz null,
  received_by uuid null,
  created_by uuid null, -- staff for walk-ins
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (people_count < 5 or jsonb_array_length(representatives) between 1 and 5),
  check (starts_at is not null or status in ('waiting', 'in_progress', 'done', 'cancelled')),
  check (channel = 'walk_in' or phone is not null)
);
comment on table public.bookings is
  'Reception bookings (online) and walk-ins. Personal data: read only by reception staff, heads '
  'and admins of a visible unit; citizens reach their own booking through get_booking_by_code(). '
  'Written only by SQL functions.';
create index bookings_slot_idx on public.bookings (unit_id, starts_at) where status in ('booked', 'checked_in', 'in_progress', 'done');
create index bookings_day_idx on public.bookings (unit_id, day);
create index bookings_phone_idx on public.bookings (phone) where status = 'booked';

-- ---------------------------------------------------------------------------------------------
-- Reception record (sổ tiếp công dân)
-- ---------------------------------------------------------------------------------------------
create table public.reception_visits (
  id uuid primary key default gen_random_uuid(),
  unit_id uuid not null references public.units (id),
  booking_id uuid null unique references public.bookings (id),
  day date not null,
  received_at timestamptz not null default now(),
  received_by uuid null,
  received_by_name text not null default '',
  with_head boolean not null default false,
  visitor_name text not null check (length(visitor_name) between 2 and 120),
  visitor_phone text null,
  visitor_cccd text null check (visitor_cccd ~ '^[0-9]{12}$'),
  visitor_address text null check (length(visitor_address) <= 300),
  people_count int not null default 1 check (people_count between 1 and 100),
  representatives jsonb not null default '[]'::jsonb check (jsonb_typeof(representatives) = 'array'),
  topic text not null references public.reception_topics (code),
  case_number text null check (length(case_number) <= 100),
  content text not null check (length(content) between 1 and 5000),
  documents text not null default '' check (length(documents) <= 2000),
  outcome text not null references public.reception_outcomes (code),
  refusal_reason text null references public.reception_refusal_reasons (code),
  forwarded_to text null check (length(forwarded_to) <= 300),
  complaint_id uuid null,
  complaint_code text null,
  note text null check (length(note) <= 2000),
  created_at timestamptz not null default now(),
  check (outcome <> 'tu_choi' or refusal_reason is not null),
  check (outcome <> 'chuyen_don' or coalesce(forwarded_to, '') <> '')
);
comment on table public.reception_visits is
  'Sổ tiếp công dân: one row per visit. Read by reception staff, heads and admins of a visible '
  'unit; written by record_reception_visit().';
create index reception_visits_unit_day_idx on public.reception_visits (unit_id, day);

-- ---------------------------------------------------------------------------------------------
-- Row level security
-- ---------------------------------------------------------------------------------------------
alter table public.reception_topics enable row level security;
alter table public.booking_statuses enable row level security;
alter table public.reception_outcomes enable row level security;
alter table public.reception_refusal_reasons enable row level security;
alter table public.reception_settings enable row level security;
alter table public.reception_schedules enable row level security;
alter table public.reception_closures enable row level security;
alter table public.reception_head_days enable row level security;
alter table public.reception_slot_locks enable row level security;
alter table public.bookings enable row level security;
alter table public.reception_visits enable row level security;

create policy "Everyone can read reception topics" on public.reception_topics
  for select to anon, authenticated using (true);
create policy "Everyone can read booking statuses" on public.booking_statuses
  for select to anon, authenticated using (true);
create policy "Everyone can read reception outcomes" on public.reception_outcomes
  for select to anon, authenticated using (true);
create policy "Everyone can read refusal reasons" on public.reception_refusal_reasons
  for select to anon, authenticated using (true);
create policy "Everyone can read reception settings" on public.reception_settings
  for select to anon, authenticated using (true);
create policy "Admins can update reception settings" on public.reception_settings
  for update to authenticated
  using ((select private.has_role('admin'))) with check ((select private.has_role('admin')));
create policy "Everyone can read reception schedules" on public.reception_schedules
  for select to anon, authenticated using (true);
create policy "Everyone can read reception closures" on public.reception_closures
  for select to anon, authenticated using (true);
create policy "Everyone can read head reception days" on public.reception_head_days
  for select to anon, authenticated using (true);
create policy "Reception staff can read bookings of their units" on public.bookings
  for select to authenticated
  using (
    ((select private.has_role('reception')) or (select private.has_role('unit_head')) or (select private.has_role('admin')))
    and unit_id in (select private.visible_unit_ids())
  );
create policy "Reception staff can read visits of their units" on public.reception_visits
  for select to authenticated
  using (
    ((select private.has_role('reception')) or (select private.has_role('unit_head')) or (select private.has_role('admin')))
    and unit_id in (select private.visible_unit_ids())
  );

-- Writes only through functions (Supabase's default privileges grant all; take writes back).
revoke insert, update, delete, truncate on public.reception_topics, public.booking_statuses,
  public.reception_outcomes, public.reception_refusal_reasons, public.reception_schedules,
  public.reception_closures, public.reception_head_days, public.reception_slot_locks,
  public.bookings, public.reception_visits from anon, authenticated;
revoke insert, delete, truncate on public.reception_settings from anon, authenticated;
revoke update on public.reception_settings from anon;
revoke all on public.reception_slot_locks from anon, authenticated;

-- ---------------------------------------------------------------------------------------------
-- Counting view (see the header for the columns)
-- ---------------------------------------------------------------------------------------------
create view public.reception_stats with (security_invoker = true) as
with v as (
  select
    unit_id, day,
    count(*)::int as visits,
    coalesce(sum(people_count), 0)::int as people,
    count(distinct coalesce(nullif(upper(trim(case_number)), ''), id::text))::int as cases,
    count(*) filter (where people_count >= 5)::int as group_visits,
    (case when bool_or(with_head) then 1 else 0 end)::int as head_sessions,
    count(*) filter (where with_head)::int as head_visits,
    count(*) filter (where outcome = 'huong_dan')::int as outcome_guided,
    count(*) filter (where outcome = 'nhan_don')::int as outcome_received,
    count(*) filter (where outcome = 'chuyen_don')::int as outcome_forwarded,
    count(*) filter (where outcome = 'tu_choi')::int as outcome_refused
  from public.reception_visits
  group by unit_id, day
),
b as (
  select
    unit_id, day,
    count(*) filter (where channel = 'online')::int as bookings,
    count(*) filter (where channel = 'walk_in')::int as walk_ins,
    count(*) filter (where channel = 'online' and status = 'no_show')::int as no_shows,
    count(*) filter (where channel = 'online' and status = 'cancelled')::int as cancelled
  from public.bookings
  group by unit_id, day
)
select
  coalesce(v.unit_id, b.unit_id) as unit_id,
  coalesce(v.day, b.day) as day,
  coalesce(v.visits, 0) as visits,
  coalesce(v.people, 0) as people,
  coalesce(v.cases, 0) as cases,
  coalesce(v.group_visits, 0) as group_visits,
  coalesce(v.head_sessions, 0) as head_sessions,
  coalesce(v.head_visits, 0) as head_visits,
  coalesce(b.bookings, 0) as bookings,
  coalesce(b.walk_ins, 0) as walk_ins,
  coalesce(b.no_shows, 0) as no_shows,
  coalesce(b.cancelled, 0) as cancelled,
  coalesce(v.outcome_guided, 0) as outcome_guided,
  coalesce(v.outcome_received, 0) as outcome_received,
  coalesce(v.outcome_forwarded, 0) as outcome_forwarded,
  coalesce(v.outcome_refused, 0) as outcome_refused
from v full join b on b.unit_id = v.unit_id and b.day = v.day;
comment on view public.reception_stats is
  'Reception figures per unit and day (security invoker: the reader''s RLS applies).';
revoke all on public.reception_stats from anon;
grant select on public.reception_stats to authenticated, service_role;
