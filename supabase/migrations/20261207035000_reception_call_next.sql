-- The desk's "call next" (issue 18.11): a waiting-room screen shows the number being called and
-- the next numbers; the officer presses "Gọi số tiếp theo". Numbers already exist (queue_no, given
-- at check-in or walk-in registration, in arrival order); what was missing is *who has been
-- called*, so the screen and every desk agree on the current number.

alter table public.bookings
  add column called_at timestamptz null,
  add column called_by uuid null;
comment on column public.bookings.called_at is
  'When the desk called this number to the counter (call_next_visitor); null = not called yet.';

/** Calls the next number of today's queue at the caller's own desk: the lowest queue number among
    those who have arrived (or wait on the waiting list) and were not called yet. Audited.
    Returns {id, queue_no} — never personal data: the answer feeds the waiting-room screen.
    Errors: not_allowed · queue_empty. */
create or replace function public.call_next_visitor()
  returns jsonb language plpgsql security definer set search_path = '' as $$
declare
  v_unit_id uuid := private.staff_unit_id();
  b public.bookings;
begin
  perform private.reception_assert_desk(v_unit_id, true);
  -- Two desks pressing at once call two different people (skip locked), never the same one.
  select * into b from public.bookings x
   where x.unit_id = v_unit_id and x.day = private.reception_today()
     and x.status in ('checked_in', 'waiting') and x.called_at is null and x.queue_no is not null
   order by x.queue_no
   limit 1
   for update skip locked;
  if not found then raise exception using errcode = 'P0001', message = 'queue_empty'; end if;
  update public.bookings set called_at = now(), called_by = auth.uid(), updated_at = now()
   where id = b.id;
  perform private.audit('booking', b.id, b.unit_id, 'call', null,
    jsonb_build_object('queue_no', b.queue_no));
  return jsonb_build_object('id', b.id, 'queue_no', b.queue_no);
end
$$;
revoke all on function public.call_next_visitor() from public, anon;
grant execute on function public.call_next_visitor() to authenticated, service_role;
