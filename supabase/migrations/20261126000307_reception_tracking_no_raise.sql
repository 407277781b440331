-- Reception: the booking code + secret functions no longer raise for an unknown code or a wrong
-- secret. A raise after public.resolve_tracking_code rolled back its failed-attempt counter, so
-- the 5-wrong-secrets lockout did not hold for direct RPC calls. They now return null (the app
-- maps it to the generic tracking_not_found), as the procedures functions do.

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
    'unit_name', u.name, 'unit_address', u.address, 'unit_phone', u.phone,
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
