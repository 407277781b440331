-- Foundation 4/9: public holidays and working-day arithmetic (ARCHITECTURE.md rule 6).
-- Working days are Monday–Friday minus public holidays and official days off (Bộ luật Lao động
-- 2019, Điều 112; Tết and swapped days are announced each year), plus the Saturdays announced as
-- make-up working days. Every deadline in the app, the reports and the tests uses these
-- functions, so they agree.

create table public.holidays (
  day date primary key,
  name text not null check (length(name) between 1 and 200),
  -- true: a day off (holiday, Tết, compensatory day, swapped weekday);
  -- false: a make-up working day (usually a Saturday worked in exchange for a swapped weekday).
  is_day_off boolean not null default true,
  created_at timestamptz not null default now()
);

comment on table public.holidays is
  'Public holidays, official days off and make-up working Saturdays (is_day_off = false). Everyone may read; only admins may insert, update or delete (the schedule is announced yearly).';

alter table public.holidays enable row level security;

create policy "Anyone can read the holiday calendar"
  on public.holidays for select
  to anon, authenticated
  using (true);

create policy "Admins can add holidays"
  on public.holidays for insert
  to authenticated
  with check ((select private.has_role('admin')));

create policy "Admins can update holidays"
  on public.holidays for update
  to authenticated
  using ((select private.has_role('admin')))
  with check ((select private.has_role('admin')));

create policy "Admins can delete holidays"
  on public.holidays for delete
  to authenticated
  using ((select private.has_role('admin')));

revoke insert, update, delete, truncate on public.holidays from anon;
grant select on public.holidays to anon, authenticated;
grant insert, update, delete on public.holidays to authenticated;
grant all on public.holidays to service_role;

-- Whether `d` is a working day: a listed day follows its row, any other day is a working day
-- from Monday to Friday.
create or replace function public.is_working_day(d date)
returns boolean
language sql stable parallel safe
set search_path = ''
as $$
  select coalesce(
    (select not h.is_day_off from public.holidays h where h.day = d),
    extract(isodow from d) < 6
  );
$$;

-- Bounded arithmetic: working_days_add(start, 6000000) would generate 12 million rows and stall the
-- database for everyone, so |n| ≤ 3,650 and a range of working_days_between ≤ 10 years (3,653
-- days), else `working_days_out_of_range` (P0001, 400).
create function private.working_days_out_of_range() returns date
language plpgsql volatile set search_path = '' as $$
begin
  raise exception using errcode = 'P0001', message = 'working_days_out_of_range',
    hint = 'working_days_add: |n| <= 3650; working_days_between: at most 10 years apart';
end
$$;
grant execute on function private.working_days_out_of_range() to anon, authenticated, service_role;

-- The date `n` working days after `start` (n = 0: `start` itself; n < 0: before `start`).
-- Used for deadlines ("within 5 working days of acceptance"): working_days_add(accepted_on, 5).
-- One set-based query over a bounded window, no loop: fast enough for views over many rows.
-- The window (2n + 30 calendar days) always holds n working days: a year has at most ~25
-- weekday holidays and the longest break (Tết) is under 10 calendar days.
create or replace function public.working_days_add(start date, n integer)
returns date
language sql stable parallel safe
set search_path = ''
as $$
  select case
    when start is null or n is null then null
    when n > 3650 or n < -3650 then private.working_days_out_of_range()
    when n = 0 then start
    when n > 0 then (
      select g.d
      from (
        select (start + i) as d from generate_series(1, 2 * n + 30) as i
      ) g
      left join public.holidays h on h.day = g.d
      where coalesce(not h.is_day_off, extract(isodow from g.d) < 6)
      order by g.d
      offset n - 1 limit 1
    )
    else (
      select g.d
      from (
        select (start - i) as d from generate_series(1, 2 * (-n) + 30) as i
      ) g
      left join public.holidays h on h.day = g.d
      where coalesce(not h.is_day_off, extract(isodow from g.d) < 6)
      order by g.d desc
      offset (-n) - 1 limit 1
    )
  end;
$$;

-- Number of working days after `a` up to and including `b` (negative when b < a):
-- working_days_between(received_on, current_date) = working days elapsed since receipt.
create or replace function public.working_days_between(a date, b date)
returns integer
language sql stable parallel safe
set search_path = ''
as $$
  select case
    when a is null or b is null then null
    when b = a then 0
    when abs(b - a) > 3653 then (private.working_days_out_of_range() - a)
    else sign(b - a)::integer * (
      select count(*)::integer
      from generate_series(1, abs(b - a)) as i
      left join public.holidays h on h.day = least(a, b) + i
      where coalesce(not h.is_day_off, extract(isodow from least(a, b) + i) < 6)
    )
  end;
$$;

grant execute on function public.is_working_day(date), public.working_days_add(date, integer),
  public.working_days_between(date, date) to anon, authenticated, service_role;
