-- Reception demo data: weekly reception hours for every current provincial and khu vực office,
-- the head's reception days (2nd and 4th Thursday morning of each month, six months ahead) and one
-- closure. Relative to the day the seed runs, so a fresh database always has bookable slots.
-- Idempotent (re-running changes nothing).

insert into public.reception_schedules (unit_id, weekday, start_time, end_time, slot_minutes, capacity)
select u.id, w.d, t.s, t.e, 30, case when u.level = 'tinh' then 4 else 3 end
from public.units u
cross join generate_series(1, 5) as w(d)
cross join (values (time '07:30', time '11:30'), (time '13:30', time '16:30')) as t(s, e)
where u.level in ('tinh', 'khu_vuc') and u.valid_to is null
  and not exists (select 1 from public.reception_schedules x where x.unit_id = u.id);

insert into public.reception_head_days (unit_id, day, start_time, end_time, head_name)
select u.id, d::date, time '07:30', time '11:30', ''
from public.units u
cross join generate_series(current_date, current_date + 180, interval '1 day') as d
where u.level in ('tinh', 'khu_vuc') and u.valid_to is null
  and extract(isodow from d) = 4
  and ((extract(day from d)::int - 1) / 7 + 1) in (2, 4)
on conflict (unit_id, day) do nothing;

-- A staff training afternoon at the Hà Nội khu vực 1 office, three weeks from now (a weekday).
insert into public.reception_closures (unit_id, day, reason)
select u.id, (current_date + 21 + case extract(isodow from current_date + 21)::int when 6 then 2 when 7 then 1 else 0 end),
  'Tập huấn nghiệp vụ'
from public.units u where u.code = 'HN-KV1'
on conflict (unit_id, day) do nothing;
