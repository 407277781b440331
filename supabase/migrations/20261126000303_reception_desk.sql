-- Citizen reception: the desk (check-in, walk-ins, the reception record, no-shows) and schedule
-- management. Staff functions: security definer, role + unit + state checks, audit, coded errors.
--
-- Errors (P0001): not_allowed booking_not_found booking_other_unit booking_cancelled
--   booking_already_checked_in booking_not_today booking_wrong_state too_early_for_no_show
--   invalid_outcome refusal_reason_required forwarded_to_required invalid_content
--   invalid_schedule invalid_day invalid_payload (and the visitor errors of book_reception)

/** True when the caller may work the reception desk of p_unit_id: reception staff or the head of
    that very unit, an admin anywhere, a higher-level head for the units below it. */
create or replace function private.reception_can_desk(p_unit_id uuid, p_own_unit_only boolean default false)
  returns boolean language sql stable security definer set search_path = '' as $$
  select case
    when private.has_role('admin') then true
    when not (private.has_role('reception') or private.has_role('unit_head')) then false
    when p_own_unit_only then private.staff_unit_id() = p_unit_id
    else private.can_see_unit(p_unit_id)
  end
$$;

create or replace function private.reception_assert_desk(p_unit_id uuid, p_own_unit_only boolean default false)
  returns void language plpgsql stable security definer set search_path = '' as $$
begin
  if auth.uid() is null or not private.reception_can_desk(p_unit_id, p_own_unit_only) then
    raise exception using errcode = 'P0001', message = 'not_allowed';
  end if;
end
$$;

/** Loads and locks a booking the caller may handle. */
create or replace function private.reception_desk_booking(p_booking_id uuid)
  returns public.bookings language plpgsql security definer set search_path = '' as $$
declare
  b public.bookings;
begin
  if auth.uid() is null then raise exception using errcode = 'P0001', message = 'not_allowed'; end if;
  select * into b from public.bookings x where x.id = p_booking_id for update;
  if not found then raise exception using errcode = 'P0001', message = 'booking_not_found'; end if;
  perform private.reception_assert_desk(b.unit_id);
  return b;
end
$$;

/** Next desk number (số thứ tự) of a unit's day; serialised per unit and day. */
create or replace function private.reception_next_queue_no(p_unit_id uuid, p_day date)
  returns int language plpgsql security definer set search_path = '' as $$
declare
  v int;
begin
  perform pg_advisory_xact_lock(hashtext('reception-queue:' || p_unit_id::text || p_day::text));
  select coalesce(max(queue_no), 0) + 1 into v from public.bookings where unit_id = p_unit_id and day = p_day;
  return v;
end
$$;

/** Desk checks in a booking by its code (typed or scanned). Only bookings of the desk's own unit,
    for today. Returns the booking with its desk number. */
create or replace function public.check_in_booking(p_code text)
  returns jsonb language plpgsql security definer set search_path = '' as $$
declare
  v_code text := upper(btrim(coalesce(p_code, '')));
  b public.bookings;
  v_after public.bookings;
begin
  if auth.uid() is null or not (private.has_role('reception') or private.has_role('unit_head') or private.has_role('admin')) then
    raise exception using errcode = 'P0001', message = 'not_allowed';
  end if;
  -- Accept the code without dashes too (typed on a desk keyboard).
  if v_code ~ '^LH[0-9A-Z]{8}$' then
    v_code := 'LH-' || substr(v_code, 3, 4) || '-' || substr(v_code, 7, 4);
  end if;
  select * into b from public.bookings x where x.tracking_code = v_code for update;
  if not found then raise exception using errcode = 'P0001', message = 'booking_not_found'; end if;
  if b.unit_id is distinct from private.staff_unit_id() then
    raise exception using errcode = 'P0001', message = 'booking_other_unit';
  end if;
  if b.status = 'cancelled' then raise exception using errcode = 'P0001', message = 'booking_cancelled'; end if;
  if b.status <> 'booked' then raise exception using errcode = 'P0001', message = 'booking_already_checked_in'; end if;
  if b.day <> private.reception_today() then
    raise exception using errcode = 'P0001', message = 'booking_not_today';
  end if;
  update public.bookings set status = 'checked_in', checked_in_at = now(), updated_at = now(),
      queue_no = private.reception_next_queue_no(b.unit_id, b.day)
    where id = b.id returning * into v_after;
  perform private.audit('booking', b.id, b.unit_id, 'check_in',
    jsonb_build_object('status', b.status), jsonb_build_object('status', 'checked_in', 'queue_no', v_after.queue_no));
  return to_jsonb(v_after);
end
$$;

/** Desk registers a walk-in for today: the first slot of today still running or to come with a
    free place, else the waiting list. payload as book_reception's visitor fields (phone optional). */
create or replace function public.add_walk_in(payload jsonb)
  returns jsonb language plpgsql security definer set search_path = '' as $$
declare
  v_unit_id uuid := private.staff_unit_id();
  v_today date := private.reception_today();
  v_visitor jsonb;
  v_slot record;
  v_starts timestamptz;
  v_ends timestamptz;
  v_with_head boolean := false;
  b public.bookings;
begin
  perform private.reception_assert_desk(v_unit_id, true);
  v_visitor := private.reception_clean_visitor(payload, false);
  for v_slot in
    select * from private.reception_slots(v_unit_id, v_today, v_today) s where s.ends_at > now() order by s.starts_at
  loop
    begin
      select t.starts_at, t.ends_at, t.with_head into v_starts, v_ends, v_with_head
        from private.reception_take_place(v_unit_id, v_slot.starts_at, false) t;
      exit;
    exception when raise_exception then
      if sqlerrm <> 'slot_full' then raise; end if;
      v_starts := null; v_ends := null; v_with_head := false;
    end;
  end loop;
  insert into public.bookings (
    unit_id, channel, status, day, starts_at, ends_at, with_head, full_name, phone, email, cccd,
    address, people_count, representatives, topic, case_number, summary, wants_head, queue_no,
    checked_in_at, created_by
  ) values (
    v_unit_id, 'walk_in', case when v_starts is null then 'waiting' else 'checked_in' end,
    v_today, v_starts, v_ends, coalesce(v_with_head, false),
    v_visitor ->> 'full_name', v_visitor ->> 'phone', v_visitor ->> 'email', v_visitor ->> 'cccd',
    v_visitor ->> 'address', (v_visitor ->> 'people_count')::int, v_visitor -> 'representatives',
    v_visitor ->> 'topic', v_visitor ->> 'case_number', v_visitor ->> 'summary',
    (v_visitor ->> 'wants_head')::boolean, private.reception_next_queue_no(v_unit_id, v_today),
    now(), auth.uid()
  ) returning * into b;
  perform private.audit('booking', b.id, b.unit_id, 'walk_in', null,
    jsonb_build_object('status', b.status, 'starts_at', b.starts_at, 'queue_no', b.queue_no));
  return to_jsonb(b);
end
$$;

/** Desk starts receiving someone who has arrived (or is on the waiting list). */
create or replace function public.start_reception(p_booking_id uuid)
  returns jsonb language plpgsql security definer set search_path = '' as $$
declare
  b public.bookings;
  v_after public.bookings;
begin
  b := private.reception_desk_booking(p_booking_id);
  if b.status not in ('checked_in', 'waiting') then
    raise exception using errcode = 'P0001', message = 'booking_wrong_state';
  end if;
  if b.day <> private.reception_today() then
    raise exception using errcode = 'P0001', message = 'booking_not_today';
  end if;
  update public.bookings set status = 'in_progress', started_at = now(), received_by = auth.uid(), updated_at = now()
    where id = b.id returning * into v_after;
  perform private.audit('booking', b.id, b.unit_id, 'start',
    jsonb_build_object('status', b.status), jsonb_build_object('status', 'in_progress'));
  return to_jsonb(v_after);
end
$$;

/** Registers a petition received at the desk in the complaints module. Replaced by the
    complaints link migration once the complaints function exists; until then it records nothing
    and the visit keeps complaint_id null. Returns {complaint_id, code} or null. */
-- The one-argument form delegates to the two-argument one.
create or replace function private.reception_register_petition(p_visit public.reception_visits)
  returns jsonb language plpgsql security definer set search_path = '' as $$
begin
  return private.reception_register_petition(p_visit, '{}'::jsonb);
end
$$;

/** Writes the reception record (sổ tiếp công dân) for a booking or walk-in and closes it.
    payload: content, documents, outcome (huong_dan | nhan_don | chuyen_don | tu_choi),
    refusal_reason (tu_choi), forwarded_to (chuyen_don), note, with_head, and optional
    corrections of the visitor fields (full_name, cccd, address, people_count, representatives,
    topic, case_number). Returns {visit_id, complaint_id, complaint_code}. */
create or replace function public.record_reception_visit(p_booking_id uuid, payload jsonb)
  returns jsonb language plpgsql security definer set search_path = '' as $$
declare
  b public.bookings;
  v_visitor jsonb;
  v_outcome text := coalesce(payload ->> 'outcome', '');
  v_reason text := nullif(payload ->> 'refusal_reason', '');
  v_forwarded text := nullif(btrim(coalesce(payload ->> 'forwarded_to', '')), '');
  v_content text := btrim(coalesce(payload ->> 'content', ''));
  v_visit public.reception_visits;
  v_given public.reception_visits;
  v_staff_name text;
  v_link jsonb;
begin
  if jsonb_typeof(payload) is distinct from 'object' then
    raise exception using errcode = 'P0001', message = 'invalid_payload';
  end if;
  b := private.reception_desk_booking(p_booking_id);
  if b.status not in ('checked_in', 'waiting', 'in_progress') then
    raise exception using errcode = 'P0001', message = 'booking_wrong_state';
  end if;
  if not exists (select 1 from public.reception_outcomes o where o.code = v_outcome) then
    raise exception using errcode = 'P0001', message = 'invalid_outcome';
  end if;
  if v_outcome = 'tu_choi' and not exists (select 1 from public.reception_refusal_reasons r where r.code = v_reason) then
    raise exception using errcode = 'P0001', message = 'refusal_reason_required';
  end if;
  if v_outcome = 'chuyen_don' and v_forwarded is null then
    raise exception using errcode = 'P0001', message = 'forwarded_to_required';
  end if;
  if v_outcome <> 'tu_choi' then v_reason := null; end if;
  if length(v_content) < 1 or length(v_content) > 5000 then
    raise exception using errcode = 'P0001', message = 'invalid_content';
  end if;
  v_visitor := private.reception_clean_visitor(
    jsonb_build_object(
      'full_name', b.full_name, 'phone', b.phone, 'cccd', b.cccd, 'address', b.address,
      'people_count', b.people_count, 'representatives', b.representatives, 'topic', b.topic,
      'case_number', b.case_number
    ) || jsonb_strip_nulls(jsonb_build_object(
      'full_name', nullif(payload ->> 'full_name', ''), 'cccd', payload -> 'cccd',
      'address', payload -> 'address', 'people_count', payload -> 'people_count',
      'representatives', payload -> 'representatives', 'topic', nullif(payload ->> 'topic', ''),
      'case_number', payload -> 'case_number'
    )),
    false
  );
  select s.full_name into v_staff_name from public.staff s where s.user_id = auth.uid();
  insert into public.reception_visits (
    unit_id, booking_id, day, received_by, received_by_name, with_head, visitor_name, visitor_phone,
    visitor_cccd, visitor_address, people_count, representatives, topic, case_number, content,
    documents, outcome, refusal_reason, forwarded_to, note
  ) values (
    b.unit_id, b.id, b.day, auth.uid(), coalesce(v_staff_name, ''),
    coalesce((payload ->> 'with_head')::boolean, b.with_head),
    v_visitor ->> 'full_name', v_visitor ->> 'phone', v_visitor ->> 'cccd', v_visitor ->> 'address',
    (v_visitor ->> 'people_count')::int, v_visitor -> 'representatives', v_visitor ->> 'topic',
    v_visitor ->> 'case_number', v_content, left(btrim(coalesce(payload ->> 'documents', '')), 2000),
    v_outcome, v_reason, v_forwarded, nullif(left(btrim(coalesce(payload ->> 'note', '')), 2000), '')
  ) returning * into v_visit;
  if v_outcome = 'nhan_don' then
    -- The petition is filed with the identity as given at the desk, not as stored.
    v_given := v_visit;
    v_given.visitor_name := v_visitor ->> 'full_name';
    v_given.visitor_phone := v_visitor ->> 'phone';
    v_given.visitor_cccd := v_visitor ->> 'cccd';
    v_given.visitor_address := v_visitor ->> 'address';
    v_given.representatives := v_visitor -> 'representatives';
    v_given.case_number := v_visitor ->> 'case_number';
    v_given.content := v_content;
    v_link := private.reception_register_petition(v_given, payload);
    if v_link is not null then
      update public.reception_visits set complaint_id = (v_link ->> 'complaint_id')::uuid,
          complaint_code = v_link ->> 'code'
        where id = v_visit.id returning * into v_visit;
    end if;
  end if;
  update public.bookings set status = 'done', finished_at = now(), updated_at = now(),
      started_at = coalesce(started_at, now()), received_by = coalesce(received_by, auth.uid())
    where id = b.id;
  perform private.audit('reception_visit', v_visit.id, b.unit_id, 'record', null,
    jsonb_build_object('booking_id', b.id, 'outcome', v_outcome, 'refusal_reason', v_reason,
      'complaint_id', v_visit.complaint_id, 'identity_sealed', v_visit.identity_sealed));
  perform private.audit('booking', b.id, b.unit_id, 'finish',
    jsonb_build_object('status', b.status), jsonb_build_object('status', 'done'));
  return jsonb_build_object('visit_id', v_visit.id, 'complaint_id', v_visit.complaint_id,
    'complaint_code', v_link ->> 'code', 'complaint_secret', v_link ->> 'secret',
    'identity_sealed', v_visit.identity_sealed);
end
$$;

/** Desk marks a booked citizen who did not come, once the slot has begun. */
create or replace function public.mark_no_show(p_booking_id uuid)
  returns jsonb language plpgsql security definer set search_path = '' as $$
declare
  b public.bookings;
begin
  b := private.reception_desk_booking(p_booking_id);
  if b.status <> 'booked' then raise exception using errcode = 'P0001', message = 'booking_wrong_state'; end if;
  if b.starts_at > now() then raise exception using errcode = 'P0001', message = 'too_early_for_no_show'; end if;
  update public.bookings set status = 'no_show', updated_at = now() where id = b.id;
  perform private.audit('booking', b.id, b.unit_id, 'no_show',
    jsonb_build_object('status', b.status), jsonb_build_object('status', 'no_show'));
  return jsonb_build_object('id', b.id, 'status', 'no_show');
end
$$;

/** After a schedule change: flags the unit's future bookings whose slot no longer exists and
    notifies those citizens (never drops a booking); clears the flag when the slot is back, and
    refreshes with_head. Returns the number newly flagged. */
create or replace function private.reception_flag_affected(p_unit_id uuid)
  returns int language plpgsql security definer set search_path = '' as $$
declare
  b public.bookings;
  v_exists record;
  v_count int := 0;
begin
  for b in
    select * from public.bookings x
    where x.unit_id = p_unit_id and x.status = 'booked' and x.starts_at > now()
    for update
  loop
    select * into v_exists from private.reception_slots(p_unit_id, b.day, b.day) s where s.starts_at = b.starts_at;
    if not found then
      if not b.needs_reschedule then
        update public.bookings set needs_reschedule = true, updated_at = now() where id = b.id returning * into b;
        perform private.reception_queue_messages(b, 'reception_booking_affected');
        perform private.audit('booking', b.id, b.unit_id, 'flag_reschedule',
          jsonb_build_object('needs_reschedule', false), jsonb_build_object('needs_reschedule', true), 'schedule changed');
        v_count := v_count + 1;
      end if;
    else
      update public.bookings set needs_reschedule = false, with_head = v_exists.with_head, updated_at = now()
        where id = b.id and (needs_reschedule or with_head <> v_exists.with_head);
    end if;
  end loop;
  return v_count;
end
$$;

/** Replaces a unit's weekly reception hours. p_rows: [{weekday, start_time, end_time,
    slot_minutes, capacity}]. Returns {rows, flagged}: bookings now outside the schedule. */
create or replace function public.save_reception_schedule(p_unit_id uuid, p_rows jsonb)
  returns jsonb language plpgsql security definer set search_path = '' as $$
declare
  v_before jsonb;
  v_row jsonb;
  v_n int := 0;
begin
  perform private.reception_assert_desk(p_unit_id);
  if jsonb_typeof(p_rows) is distinct from 'array' or jsonb_array_length(p_rows) > 50 then
    raise exception using errcode = 'P0001', message = 'invalid_schedule';
  end if;
  select coalesce(jsonb_agg(to_jsonb(s) - 'id' - 'created_at' order by s.weekday, s.start_time), '[]'::jsonb)
    into v_before from public.reception_schedules s where s.unit_id = p_unit_id;
  delete from public.reception_schedules where unit_id = p_unit_id;
  for v_row in select * from jsonb_array_elements(p_rows) loop
    begin
      insert into public.reception_schedules (unit_id, weekday, start_time, end_time, slot_minutes, capacity)
      values (p_unit_id, (v_row ->> 'weekday')::smallint, (v_row ->> 'start_time')::time,
        (v_row ->> 'end_time')::time, coalesce((v_row ->> 'slot_minutes')::int, 30),
        coalesce((v_row ->> 'capacity')::int, 4));
    exception when others then
      raise exception using errcode = 'P0001', message = 'invalid_schedule';
    end;
    v_n := v_n + 1;
  end loop;
  -- Overlapping rows on one weekday would create duplicate slots.
  if exists (
    select 1 from public.reception_schedules a join public.reception_schedules c
      on a.unit_id = c.unit_id and a.weekday = c.weekday and a.id < c.id
      and a.start_time < c.end_time and c.start_time < a.end_time
    where a.unit_id = p_unit_id
  ) then
    raise exception using errcode = 'P0001', message = 'invalid_schedule';
  end if;
  perform private.audit('reception_schedule', p_unit_id, p_unit_id, 'save', v_before, p_rows);
  return jsonb_build_object('rows', v_n, 'flagged', private.reception_flag_affected(p_unit_id));
end
$$;

/** Closes a unit's reception for a day (besides public holidays); flags and notifies bookings. */
create or replace function public.add_reception_closure(p_unit_id uuid, p_day date, p_reason text)
  returns jsonb language plpgsql security definer set search_path = '' as $$
declare
  v_id uuid;
begin
  perform private.reception_assert_desk(p_unit_id);
  if p_day is null or p_day < private.reception_today() then
    raise exception using errcode = 'P0001', message = 'invalid_day';
  end if;
  insert into public.reception_closures (unit_id, day, reason, created_by)
    values (p_unit_id, p_day, left(btrim(coalesce(p_reason, '')), 300), auth.uid())
    on conflict (unit_id, day) do update set reason = excluded.reason
    returning id into v_id;
  perform private.audit('reception_closure', v_id, p_unit_id, 'add', null,
    jsonb_build_object('day', p_day, 'reason', p_reason));
  return jsonb_build_object('id', v_id, 'flagged', private.reception_flag_affected(p_unit_id));
end
$$;

create or replace function public.remove_reception_closure(p_id uuid)
  returns jsonb language plpgsql security definer set search_path = '' as $$
declare
  c public.reception_closures;
begin
  select * into c from public.reception_closures x where x.id = p_id;
  if not found then raise exception using errcode = 'P0001', message = 'invalid_day'; end if;
  perform private.reception_assert_desk(c.unit_id);
  delete from public.reception_closures where id = p_id;
  perform private.audit('reception_closure', c.id, c.unit_id, 'remove', to_jsonb(c), null);
  return jsonb_build_object('id', p_id, 'flagged', private.reception_flag_affected(c.unit_id));
end
$$;

/** Sets (or replaces) a head's reception day with its time window. */
create or replace function public.save_head_reception_day(
  p_unit_id uuid, p_day date, p_start time, p_end time, p_head_name text default ''
) returns jsonb language plpgsql security definer set search_path = '' as $$
declare
  v_id uuid;
begin
  perform private.reception_assert_desk(p_unit_id);
  if p_day is null or p_day < private.reception_today() or p_start is null or p_end is null or p_end <= p_start then
    raise exception using errcode = 'P0001', message = 'invalid_day';
  end if;
  insert into public.reception_head_days (unit_id, day, start_time, end_time, head_name)
    values (p_unit_id, p_day, p_start, p_end, left(btrim(coalesce(p_head_name, '')), 200))
    on conflict (unit_id, day) do update set start_time = excluded.start_time,
      end_time = excluded.end_time, head_name = excluded.head_name
    returning id into v_id;
  perform private.audit('reception_head_day', v_id, p_unit_id, 'save', null,
    jsonb_build_object('day', p_day, 'start', p_start, 'end', p_end));
  perform private.reception_flag_affected(p_unit_id);
  return jsonb_build_object('id', v_id);
end
$$;

create or replace function public.remove_head_reception_day(p_id uuid)
  returns jsonb language plpgsql security definer set search_path = '' as $$
declare
  h public.reception_head_days;
begin
  select * into h from public.reception_head_days x where x.id = p_id;
  if not found then raise exception using errcode = 'P0001', message = 'invalid_day'; end if;
  perform private.reception_assert_desk(h.unit_id);
  delete from public.reception_head_days where id = p_id;
  perform private.audit('reception_head_day', h.id, h.unit_id, 'remove', to_jsonb(h), null);
  perform private.reception_flag_affected(h.unit_id);
  return jsonb_build_object('id', p_id);
end
$$;

revoke all on function private.reception_can_desk(uuid, boolean) from public;
revoke all on function private.reception_assert_desk(uuid, boolean) from public;
revoke all on function private.reception_desk_booking(uuid) from public;
revoke all on function private.reception_next_queue_no(uuid, date) from public;
revoke all on function private.reception_register_petition(public.reception_visits) from public;
revoke all on function private.reception_flag_affected(uuid) from public;
revoke all on function public.check_in_booking(text) from public, anon;
revoke all on function public.add_walk_in(jsonb) from public, anon;
revoke all on function public.start_reception(uuid) from public, anon;
revoke all on function public.record_reception_visit(uuid, jsonb) from public, anon;
revoke all on function public.mark_no_show(uuid) from public, anon;
revoke all on function public.save_reception_schedule(uuid, jsonb) from public, anon;
revoke all on function public.add_reception_closure(uuid, date, text) from public, anon;
revoke all on function public.remove_reception_closure(uuid) from public, anon;
revoke all on function public.save_head_reception_day(uuid, date, time, time, text) from public, anon;
revoke all on function public.remove_head_reception_day(uuid) from public, anon;
grant execute on function public.check_in_booking(text), public.add_walk_in(jsonb),
  public.start_reception(uuid), public.record_reception_visit(uuid, jsonb), public.mark_no_show(uuid),
  public.save_reception_schedule(uuid, jsonb), public.add_reception_closure(uuid, date, text),
  public.remove_reception_closure(uuid), public.save_head_reception_day(uuid, date, time, time, text),
  public.remove_head_reception_day(uuid)
  to authenticated, service_role;
