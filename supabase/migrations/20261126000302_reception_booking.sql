-- Citizen reception: slot generation and the citizen's booking functions (no account: anon key,
-- tracking code + secret). Capacity is enforced here, in one transaction: the booking locks the
-- slot's row in reception_slot_locks (`for update`), counts the places taken and inserts, so of
-- concurrent bookings for the last place exactly one wins and the others get `slot_full`.
--
-- Errors (P0001, message = code; the app maps them to errors_<code> messages):
--   invalid_payload invalid_unit invalid_name invalid_phone invalid_cccd invalid_email
--   invalid_people_count representatives_required too_many_representatives invalid_topic
--   consent_required invalid_slot slot_in_past beyond_horizon day_closed slot_not_found slot_full
--   too_many_active_bookings rate_limited tracking_not_found booking_not_cancellable
--   booking_not_reschedulable

create schema if not exists private;

-- Local time of every office: Vietnam has one time zone and no daylight saving.
create or replace function private.reception_tz() returns text
  language sql immutable set search_path = '' as $$ select 'Asia/Ho_Chi_Minh'::text $$;

create or replace function private.reception_today() returns date
  language sql stable set search_path = '' as $$
  select (now() at time zone private.reception_tz())::date
$$;

/** Slots of a unit between two local days, from its weekly schedule; public holidays
    (is_working_day) and closures excluded; slots in a head's reception window marked with_head. */
create or replace function private.reception_slots(p_unit_id uuid, p_from date, p_to date)
  returns table (day date, starts_at timestamptz, ends_at timestamptz, capacity int, with_head boolean)
  language sql stable security definer set search_path = '' as $$
  select
    d.day,
    ((d.day + s.start_time) + make_interval(mins => k.k * s.slot_minutes)) at time zone private.reception_tz(),
    ((d.day + s.start_time) + make_interval(mins => (k.k + 1) * s.slot_minutes)) at time zone private.reception_tz(),
    s.capacity,
    exists (
      select 1 from public.reception_head_days h
      where h.unit_id = p_unit_id and h.day = d.day
        and (s.start_time + make_interval(mins => k.k * s.slot_minutes)) >= h.start_time
        and (s.start_time + make_interval(mins => k.k * s.slot_minutes)) < h.end_time
    )
  from (select g::date as day from generate_series(p_from, p_to, interval '1 day') g) d
  join public.reception_schedules s
    on s.unit_id = p_unit_id and s.weekday = extract(isodow from d.day)
  cross join lateral generate_series(
    0, (extract(epoch from (s.end_time - s.start_time)) / 60 / s.slot_minutes)::int - 1
  ) as k(k)
  where public.is_working_day(d.day)
    and not exists (select 1 from public.reception_closures c where c.unit_id = p_unit_id and c.day = d.day)
  order by 2
$$;

/** Bookable slots for the citizen form: future slots within the booking horizon, with places left. */
create or replace function public.list_reception_slots(p_unit_id uuid, p_from date, p_to date)
  returns table (day date, starts_at timestamptz, ends_at timestamptz, capacity int, places_left int, with_head boolean)
  language plpgsql stable security definer set search_path = '' as $$
declare
  v_settings public.reception_settings;
  v_from date := greatest(p_from, private.reception_today());
  v_to date;
begin
  select * into v_settings from public.reception_settings limit 1;
  v_to := least(p_to, private.reception_today() + v_settings.booking_horizon_days, v_from + 62);
  return query
  select s.day, s.starts_at, s.ends_at, s.capacity,
    greatest(0, s.capacity - (
      select count(*) from public.bookings b
      where b.unit_id = p_unit_id and b.starts_at = s.starts_at
        and b.status in ('booked', 'checked_in', 'in_progress', 'done')
    ))::int,
    s.with_head
  from private.reception_slots(p_unit_id, v_from, v_to) s
  where s.starts_at >= now() + make_interval(mins => v_settings.min_notice_minutes);
end
$$;

/** Normalises a Vietnamese mobile number to 0xxxxxxxxx; null when it is not one. */
create or replace function private.reception_phone(p text) returns text
  language sql immutable set search_path = '' as $$
  select case
    when v ~ '^0[0-9]{9}$' then v
    when v ~ '^\+84[0-9]{9}$' then '0' || substr(v, 4)
    when v ~ '^84[0-9]{9}$' then '0' || substr(v, 3)
    else null end
  from (select regexp_replace(coalesce(p, ''), '[\s.()-]', '', 'g') as v) x
$$;

/** Validates the visitor part of a booking or walk-in payload; returns it cleaned. */
create or replace function private.reception_clean_visitor(p jsonb, p_phone_required boolean)
  returns jsonb language plpgsql stable set search_path = '' as $$
declare
  v_name text := btrim(coalesce(p ->> 'full_name', ''));
  v_phone text := nullif(btrim(coalesce(p ->> 'phone', '')), '');
  v_cccd text := nullif(regexp_replace(coalesce(p ->> 'cccd', ''), '\s', '', 'g'), '');
  v_email text := nullif(btrim(coalesce(p ->> 'email', '')), '');
  v_people int;
  v_reps jsonb := '[]'::jsonb;
  v_rep jsonb;
  v_topic text := coalesce(p ->> 'topic', '');
begin
  if jsonb_typeof(p) is distinct from 'object' then
    raise exception using errcode = 'P0001', message = 'invalid_payload';
  end if;
  if length(v_name) < 2 or length(v_name) > 120 then
    raise exception using errcode = 'P0001', message = 'invalid_name';
  end if;
  if v_phone is not null then
    v_phone := private.reception_phone(v_phone);
    if v_phone is null then raise exception using errcode = 'P0001', message = 'invalid_phone'; end if;
  elsif p_phone_required then
    raise exception using errcode = 'P0001', message = 'invalid_phone';
  end if;
  if v_cccd is not null and v_cccd !~ '^[0-9]{12}$' then
    raise exception using errcode = 'P0001', message = 'invalid_cccd';
  end if;
  if v_email is not null and (length(v_email) > 200 or v_email !~ '^[^@\s]+@[^@\s]+\.[^@\s]+$') then
    raise exception using errcode = 'P0001', message = 'invalid_email';
  end if;
  begin
    v_people := coalesce((p ->> 'people_count')::int, 1);
  exception when others then
    raise exception using errcode = 'P0001', message = 'invalid_people_count';
  end;
  if v_people < 1 or v_people > 100 then
    raise exception using errcode = 'P0001', message = 'invalid_people_count';
  end if;
  if jsonb_typeof(p -> 'representatives') = 'array' then
    for v_rep in select * from jsonb_array_elements(p -> 'representatives') loop
      if jsonb_typeof(v_rep) = 'string' and length(btrim(v_rep #>> '{}')) between 2 and 120 then
        v_reps := v_reps || to_jsonb(btrim(v_rep #>> '{}'));
      end if;
    end loop;
  end if;
  -- Groups of five or more name representatives (Luật Tiếp công dân 2013; at most 5 [check]).
  if v_people >= 5 and jsonb_array_length(v_reps) = 0 then
    raise exception using errcode = 'P0001', message = 'representatives_required';
  end if;
  if jsonb_array_length(v_reps) > 5 then
    raise exception using errcode = 'P0001', message = 'too_many_representatives';
  end if;
  if v_people < 5 then v_reps := '[]'::jsonb; end if;
  if not exists (select 1 from public.reception_topics t where t.code = v_topic) then
    raise exception using errcode = 'P0001', message = 'invalid_topic';
  end if;
  return jsonb_build_object(
    'full_name', v_name, 'phone', v_phone, 'cccd', v_cccd, 'email', v_email,
    'address', nullif(left(btrim(coalesce(p ->> 'address', '')), 300), ''),
    'people_count', v_people, 'representatives', v_reps, 'topic', v_topic,
    'case_number', nullif(left(btrim(coalesce(p ->> 'case_number', '')), 100), ''),
    'summary', nullif(left(btrim(coalesce(p ->> 'summary', '')), 2000), ''),
    'wants_head', coalesce((p ->> 'wants_head')::boolean, false)
  );
end
$$;

/** Finds the slot starting at p_starts_at and locks it; raises the reason when it cannot be
    taken. p_check_notice = false for the desk (a walk-in may join a slot that already began). */
create or replace function private.reception_take_place(
  p_unit_id uuid, p_starts_at timestamptz, p_check_notice boolean default true
) returns table (day date, starts_at timestamptz, ends_at timestamptz, capacity int, with_head boolean)
  language plpgsql security definer set search_path = '' as $$
declare
  v_settings public.reception_settings;
  v_day date := (p_starts_at at time zone private.reception_tz())::date;
  v_slot record;
  v_taken int;
begin
  select * into v_settings from public.reception_settings limit 1;
  if not exists (select 1 from public.units u where u.id = p_unit_id) then
    raise exception using errcode = 'P0001', message = 'invalid_unit';
  end if;
  if p_check_notice then
    if p_starts_at < now() + make_interval(mins => v_settings.min_notice_minutes) then
      raise exception using errcode = 'P0001', message = 'slot_in_past';
    end if;
    if v_day > private.reception_today() + v_settings.booking_horizon_days then
      raise exception using errcode = 'P0001', message = 'beyond_horizon';
    end if;
  end if;
  if not public.is_working_day(v_day)
     or exists (select 1 from public.reception_closures c where c.unit_id = p_unit_id and c.day = v_day) then
    raise exception using errcode = 'P0001', message = 'day_closed';
  end if;
  select * into v_slot from private.reception_slots(p_unit_id, v_day, v_day) s where s.starts_at = p_starts_at;
  if not found then
    raise exception using errcode = 'P0001', message = 'slot_not_found';
  end if;
  insert into public.reception_slot_locks (unit_id, starts_at) values (p_unit_id, p_starts_at)
    on conflict do nothing;
  perform 1 from public.reception_slot_locks l
    where l.unit_id = p_unit_id and l.starts_at = p_starts_at for update;
  select count(*) into v_taken from public.bookings b
    where b.unit_id = p_unit_id and b.starts_at = p_starts_at
      and b.status in ('booked', 'checked_in', 'in_progress', 'done');
  if v_taken >= v_slot.capacity then
    raise exception using errcode = 'P0001', message = 'slot_full';
  end if;
  return query select v_slot.day, v_slot.starts_at, v_slot.ends_at, v_slot.capacity, v_slot.with_head;
end
$$;

/** Queues the booking's confirmation and day-before reminder (SMS, plus email when given). */
create or replace function private.reception_queue_messages(p_booking public.bookings, p_template text)
  returns void language plpgsql security definer set search_path = '' as $$
declare
  v_settings public.reception_settings;
  v_unit public.units;
  v_payload jsonb;
  v_remind_at timestamptz;
begin
  select * into v_settings from public.reception_settings limit 1;
  select * into v_unit from public.units u where u.id = p_booking.unit_id;
  v_payload := jsonb_build_object(
    'booking_id', p_booking.id, 'code', p_booking.tracking_code, 'starts_at', p_booking.starts_at,
    'unit_name', v_unit.name, 'unit_address', v_unit.address,
    'local_time', to_char(p_booking.starts_at at time zone private.reception_tz(), 'HH24:MI DD/MM/YYYY')
  );
  if p_booking.phone is not null then
    perform private.notify('sms', p_booking.phone, p_template, v_payload);
  end if;
  if p_booking.email is not null then
    perform private.notify('email', p_booking.email, p_template, v_payload);
  end if;
  if p_template in ('reception_booking_confirmed', 'reception_booking_rescheduled') and p_booking.starts_at is not null then
    v_remind_at := ((p_booking.day - 1) + make_interval(hours => v_settings.reminder_hour)) at time zone private.reception_tz();
    if v_remind_at > now() then
      if p_booking.phone is not null then
        perform private.notify('sms', p_booking.phone, 'reception_booking_reminder', v_payload, v_remind_at);
      end if;
      if p_booking.email is not null then
        perform private.notify('email', p_booking.email, 'reception_booking_reminder', v_payload, v_remind_at);
      end if;
    end if;
  end if;
end
$$;

/** Citizen books a reception slot (anon). payload: unit_id, starts_at, full_name, phone, cccd?,
    email?, people_count, representatives[], topic, case_number?, summary?, wants_head, consent.
    Returns {booking_id, code, secret, unit_id, starts_at, ends_at, with_head}. */
-- Records the consent (private.record_consent) and keeps the reply for a repeated key
-- (private.idem_*).
create or replace function public.book_reception(payload jsonb, idempotency_key uuid default null)
  returns jsonb language plpgsql security definer set search_path = '' as $$
declare
  v_settings public.reception_settings;
  v_visitor jsonb;
  v_unit_id uuid;
  v_starts timestamptz;
  v_slot record;
  v_active int;
  v_booking public.bookings;
  v_code text;
  v_secret text;
  v_response jsonb;
  v_client text;
begin
  if idempotency_key is not null then
    -- A replay of one submission (offline outbox) answers the first reply while fresh.
    v_response := private.idem_replay('booking', idempotency_key);
    if v_response is not null then return v_response; end if;
  end if;
  select * into v_settings from public.reception_settings limit 1;
  v_visitor := private.reception_clean_visitor(payload, true);
  if coalesce((payload ->> 'consent')::boolean, false) is not true then
    -- Personal data law 91/2025/QH15: consent to process the data for this purpose.
    raise exception using errcode = 'P0001', message = 'consent_required';
  end if;
  begin
    v_unit_id := (payload ->> 'unit_id')::uuid;
    v_starts := (payload ->> 'starts_at')::timestamptz;
  exception when others then
    raise exception using errcode = 'P0001', message = 'invalid_slot';
  end;
  if v_unit_id is null then raise exception using errcode = 'P0001', message = 'invalid_unit'; end if;
  if v_starts is null then raise exception using errcode = 'P0001', message = 'invalid_slot'; end if;

  -- Per client (slot hoarding with random phone numbers): 4 bookings an hour, 10 a day.
  v_client := private.client_bucket();
  if v_client is not null and (
       not private.hit_rate_limit('reception_booking_client_hour', v_client, 4, interval '1 hour')
       or not private.hit_rate_limit('reception_booking_client_day', v_client, 10, interval '1 day')) then
    raise exception using errcode = 'P0001', message = 'rate_limited';
  end if;
  if not private.hit_rate_limit('reception_booking', v_visitor ->> 'phone',
      v_settings.bookings_per_phone_per_hour, interval '1 hour') then
    raise exception using errcode = 'P0001', message = 'rate_limited';
  end if;
  -- One phone at a time, so two concurrent bookings cannot both pass the hoarding limit.
  perform pg_advisory_xact_lock(hashtext('reception-phone:' || (v_visitor ->> 'phone')));
  select count(*) into v_active from public.bookings b
    where b.phone = v_visitor ->> 'phone' and b.status = 'booked' and b.starts_at > now();
  if v_active >= v_settings.max_active_bookings_per_phone then
    raise exception using errcode = 'P0001', message = 'too_many_active_bookings';
  end if;

  select * into v_slot from private.reception_take_place(v_unit_id, v_starts, true);

  insert into public.bookings (
    unit_id, channel, status, day, starts_at, ends_at, with_head, full_name, phone, email, cccd,
    address, people_count, representatives, topic, case_number, summary, wants_head
  ) values (
    v_unit_id, 'online', 'booked', v_slot.day, v_slot.starts_at, v_slot.ends_at, v_slot.with_head,
    v_visitor ->> 'full_name', v_visitor ->> 'phone', v_visitor ->> 'email', v_visitor ->> 'cccd',
    v_visitor ->> 'address', (v_visitor ->> 'people_count')::int, v_visitor -> 'representatives',
    v_visitor ->> 'topic', v_visitor ->> 'case_number', v_visitor ->> 'summary',
    (v_visitor ->> 'wants_head')::boolean
  ) returning * into v_booking;

  select t.code, t.secret into v_code, v_secret from private.issue_tracking_code('booking', v_booking.id) t;
  -- Luật BVDLCN 91/2025/QH15: keep the proof of consent (purpose, notice version, time, how).
  perform private.record_consent('booking', v_booking.id, v_booking.unit_id, 'reception_booking',
                                 nullif(btrim(payload ->> 'notice_version'), ''));
  update public.bookings set tracking_code = v_code where id = v_booking.id returning * into v_booking;

  perform private.reception_queue_messages(v_booking, 'reception_booking_confirmed');
  -- No personal data in the audit trail: the booking id points to it.
  perform private.audit('booking', v_booking.id, v_booking.unit_id, 'book', null,
    jsonb_build_object('status', 'booked', 'starts_at', v_booking.starts_at, 'code', v_code));

  v_response := jsonb_build_object(
    'booking_id', v_booking.id, 'code', v_code, 'secret', v_secret, 'unit_id', v_booking.unit_id,
    'starts_at', v_booking.starts_at, 'ends_at', v_booking.ends_at, 'with_head', v_booking.with_head
  );
  if idempotency_key is not null then
    perform private.idem_store('booking', idempotency_key, v_booking.id, v_response);
  end if;
  return v_response;
end
$$;

/** Resolves a booking code + secret to the booking row (generic error otherwise). */
-- The booking code + secret functions return null for an unknown code or a wrong secret, never
-- raise: a raise would roll back public.resolve_tracking_code's failed-attempt counter. The app
-- maps null to the generic tracking_not_found.
create or replace function private.reception_booking_by_code(p_code text, p_secret text, p_lock boolean default false)
  returns public.bookings language plpgsql security definer set search_path = '' as $$
declare
  v_kind text;
  v_ref uuid;
  v_booking public.bookings;
begin
  select r.kind, r.ref_id into v_kind, v_ref from public.resolve_tracking_code(p_code, p_secret) r;
  if v_kind is distinct from 'booking' then
    return null; -- never raise here: the failed-attempt counter must be committed
  end if;
  if p_lock then
    select * into v_booking from public.bookings b where b.id = v_ref for update;
  else
    select * into v_booking from public.bookings b where b.id = v_ref;
  end if;
  return v_booking; -- all-null when the booking is gone
end
$$;

/** Citizen view of a booking (code + secret). The phone is shown masked. */
create or replace function public.get_booking_by_code(p_code text, p_secret text)
  returns jsonb language plpgsql security definer set search_path = '' as $$
declare
  b public.bookings;
  u public.units;
begin
  b := private.reception_booking_by_code(p_code, p_secret);
  if b.id is null then
    return null;
  end if;
  select * into u from public.units x where x.id = b.unit_id;
  return jsonb_build_object(
    'code', b.tracking_code, 'status', b.status, 'unit_id', b.unit_id,
    'unit_name', u.name, 'unit_address', u.address, 'unit_phone', case when u.contact_confirmed then u.phone end,
    'unit_lat', u.lat, 'unit_lng', u.lng,
    'day', b.day, 'starts_at', b.starts_at, 'ends_at', b.ends_at, 'with_head', b.with_head,
    'full_name', b.full_name,
    'phone_masked', case when b.phone is null then null else left(b.phone, 3) || '****' || right(b.phone, 3) end,
    'people_count', b.people_count, 'representatives', b.representatives, 'topic', b.topic,
    'case_number', b.case_number, 'wants_head', b.wants_head, 'needs_reschedule', b.needs_reschedule,
    'queue_no', b.queue_no, 'created_at', b.created_at, 'cancelled_at', b.cancelled_at,
    'can_change', b.status = 'booked' and b.starts_at > now()
  );
end
$$;

/** Citizen cancels (code + secret); the place returns to the pool in the same transaction. */
create or replace function public.cancel_booking_by_code(p_code text, p_secret text)
  returns jsonb language plpgsql security definer set search_path = '' as $$
declare
  b public.bookings;
  v_after public.bookings;
begin
  b := private.reception_booking_by_code(p_code, p_secret, true);
  if b.id is null then
    return null;
  end if;
  if b.status <> 'booked' or b.starts_at <= now() then
    raise exception using errcode = 'P0001', message = 'booking_not_cancellable';
  end if;
  update public.bookings set status = 'cancelled', cancelled_at = now(), updated_at = now()
    where id = b.id returning * into v_after;
  perform private.reception_queue_messages(v_after, 'reception_booking_cancelled');
  perform private.audit('booking', b.id, b.unit_id, 'cancel',
    jsonb_build_object('status', b.status), jsonb_build_object('status', 'cancelled'), 'by citizen');
  return jsonb_build_object('code', b.tracking_code, 'status', 'cancelled');
end
$$;

/** Citizen moves a booking to another slot of the same office (code + secret). */
create or replace function public.reschedule_booking_by_code(p_code text, p_secret text, p_starts_at timestamptz)
  returns jsonb language plpgsql security definer set search_path = '' as $$
declare
  b public.bookings;
  v_slot record;
  v_after public.bookings;
begin
  b := private.reception_booking_by_code(p_code, p_secret, true);
  if b.id is null then
    return null;
  end if;
  if b.status <> 'booked' or (b.starts_at <= now() and not b.needs_reschedule) then
    raise exception using errcode = 'P0001', message = 'booking_not_reschedulable';
  end if;
  if p_starts_at is null then raise exception using errcode = 'P0001', message = 'invalid_slot'; end if;
  if p_starts_at = b.starts_at and not b.needs_reschedule then
    return jsonb_build_object('code', b.tracking_code, 'starts_at', b.starts_at, 'ends_at', b.ends_at);
  end if;
  select * into v_slot from private.reception_take_place(b.unit_id, p_starts_at, true);
  update public.bookings set day = v_slot.day, starts_at = v_slot.starts_at, ends_at = v_slot.ends_at,
      with_head = v_slot.with_head, needs_reschedule = false, updated_at = now()
    where id = b.id returning * into v_after;
  perform private.reception_queue_messages(v_after, 'reception_booking_rescheduled');
  perform private.audit('booking', b.id, b.unit_id, 'reschedule',
    jsonb_build_object('starts_at', b.starts_at), jsonb_build_object('starts_at', v_after.starts_at), 'by citizen');
  return jsonb_build_object('code', b.tracking_code, 'starts_at', v_after.starts_at, 'ends_at', v_after.ends_at,
    'with_head', v_after.with_head);
end
$$;

revoke all on function private.reception_slots(uuid, date, date) from public;
revoke all on function private.reception_take_place(uuid, timestamptz, boolean) from public;
revoke all on function private.reception_queue_messages(public.bookings, text) from public;
revoke all on function private.reception_booking_by_code(text, text, boolean) from public;
grant execute on function public.list_reception_slots(uuid, date, date) to anon, authenticated, service_role;
grant execute on function public.book_reception(jsonb, uuid) to anon, authenticated, service_role;
grant execute on function public.get_booking_by_code(text, text) to anon, authenticated, service_role;
grant execute on function public.cancel_booking_by_code(text, text) to anon, authenticated, service_role;
grant execute on function public.reschedule_booking_by_code(text, text, timestamptz) to anon, authenticated, service_role;
