-- Reception demo data: weekly reception hours for every current provincial and khu vực office
-- (matching the hours printed in units.reception_hours by the foundation seed), the head's
-- reception days for six months ahead, and one closure. Relative to the day the seed runs, so a
-- fresh database always has bookable slots. Idempotent (re-running changes nothing).

-- Morning and afternoon hours per province (units.code prefix); 30-minute slots.
with hours(prefix, am_start, am_end, pm_start, pm_end) as (
  values ('HN', time '08:00', time '11:30', time '13:30', time '17:00'),
         ('GL', time '07:00', time '11:30', time '13:30', time '17:00'),
         ('CT', time '07:00', time '11:00', time '13:00', time '17:00')
), target as (
  select u.id, u.level,
    coalesce(h.am_start, time '07:30') as am_start, coalesce(h.am_end, time '11:30') as am_end,
    coalesce(h.pm_start, time '13:30') as pm_start, coalesce(h.pm_end, time '16:30') as pm_end
  from public.units u
  left join hours h on h.prefix = split_part(u.code, '-', 1)
  where u.level in ('tinh', 'khu_vuc') and u.valid_to is null
    and not exists (select 1 from public.reception_schedules x where x.unit_id = u.id)
)
insert into public.reception_schedules (unit_id, weekday, start_time, end_time, slot_minutes, capacity)
select t.id, w.d, p.s, p.e, 30, case when t.level = 'tinh' then 4 else 3 end
from target t
cross join generate_series(1, 5) as w(d)
cross join lateral (values (t.am_start, t.am_end), (t.pm_start, t.pm_end)) as p(s, e);

-- Head's reception days (tiếp công dân định kỳ). Provincial agencies: a fixed day of the month
-- (moved to the next working day when it falls on a day off); khu vực offices: a weekday of a
-- given week of the month (week 5 = the last one). Mornings.
with rules(code, month_day, isodow, week) as (
  values ('HN', 15, null, null), ('GL', 10, null, null), ('CT', 20, null, null),
         ('HN-KV1', null, 4, 1), ('HN-KV2', null, 2, 2), ('HN-KV3', null, 5, 5),
         ('GL-KV1', null, 3, 1), ('GL-KV2', null, 4, 2), ('GL-KV3', null, 4, 3),
         ('CT-KV1', null, 1, 1), ('CT-KV2', null, 2, 3), ('CT-KV3', null, 3, 4)
), days as (
  select d::date as day from generate_series(current_date, current_date + 180, interval '1 day') d
), picked as (
  -- Weekday-of-week rules.
  select u.id as unit_id, d.day
  from rules r join public.units u on u.code = r.code
  join days d on r.isodow is not null and extract(isodow from d.day) = r.isodow
    and (case when r.week = 5 then extract(month from d.day + 7) <> extract(month from d.day)
              else (extract(day from d.day)::int - 1) / 7 + 1 = r.week end)
  union all
  -- Day-of-month rules: the first working day on or after that day.
  select u.id, (
    select min(x.day) from days x
    where x.day between make_date(extract(year from m)::int, extract(month from m)::int, r.month_day)
      and make_date(extract(year from m)::int, extract(month from m)::int, r.month_day) + 9
      and public.is_working_day(x.day)
  )
  from rules r join public.units u on u.code = r.code
  cross join generate_series(date_trunc('month', current_date), date_trunc('month', current_date) + interval '5 months', interval '1 month') m
  where r.month_day is not null
)
insert into public.reception_head_days (unit_id, day, start_time, end_time, head_name)
select p.unit_id, p.day, s.start_time, s.end_time, ''
from picked p
join lateral (
  select min(x.start_time) as start_time, min(x.end_time) as end_time from public.reception_schedules x
  where x.unit_id = p.unit_id and x.start_time < time '12:00'
) s on s.start_time is not null
where p.day is not null and p.day >= current_date
on conflict (unit_id, day) do nothing;

-- A staff training day at the Hà Nội khu vực 1 office, three weeks from now (a weekday).
insert into public.reception_closures (unit_id, day, reason)
select u.id, (current_date + 21 + case extract(isodow from current_date + 21)::int when 6 then 2 when 7 then 1 else 0 end),
  'Tập huấn nghiệp vụ'
from public.units u where u.code = 'HN-KV1'
on conflict (unit_id, day) do nothing;
