-- Citizen reception: a day-before reminder queued at booking time (private.notify with send_after)
-- must not go out for a booking that was cancelled, moved or whose slot disappeared. The outbox
-- has no "cancelled" state, so a still-queued reminder of such a booking is closed as `failed`
-- with last_error 'superseded' (never claimed by the sender); a moved booking queues a new one.
create or replace function private.reception_drop_stale_reminders()
  returns trigger language plpgsql security definer set search_path = '' as $$
begin
  if new.status is distinct from old.status
     or new.starts_at is distinct from old.starts_at
     or (new.needs_reschedule and not old.needs_reschedule) then
    update public.notifications
       set status = 'failed', last_error = 'superseded'
     where status = 'queued'
       and template = 'reception_booking_reminder'
       and payload ->> 'booking_id' = old.id::text;
  end if;
  return new;
end
$$;
revoke all on function private.reception_drop_stale_reminders() from public;

create trigger bookings_drop_stale_reminders
  after update of status, starts_at, needs_reschedule on public.bookings
  for each row execute function private.reception_drop_stale_reminders();
