-- Citizen reception → complaints: a petition received at the desk (outcome nhan_don) is
-- registered in the complaints module in the same transaction as the reception record, through
-- the complaints helper's public.submit_complaint(payload, idempotency_key) (migration
-- 20261126000204), so nothing is typed twice. The visit keeps the complaint's id and code.
--
-- Mapping: topic khieu_nai → complaint, to_cao → denunciation, kien_nghi / hoi_vu_viec → petition.
-- The record form supplies what a complaint needs beyond the visit: petition_request (what the
-- citizen asks, ≥ 5 characters), optional petition_content (defaults to the visit's content,
-- ≥ 20 characters), province/ward of residence (required for a denunciation), decision_number.
-- submit_complaint's own errors (invalid_content, invalid_request, invalid_filer.identity…)
-- abort the whole visit, so a failed registration never leaves a half-written record.

/** Registers a petition received at the desk in the complaints module. Returns {complaint_id, code}. */
create or replace function private.reception_register_petition(p_visit public.reception_visits, p_extra jsonb)
  returns jsonb language plpgsql security definer set search_path = '' as $$
declare
  v_kind text := case p_visit.topic when 'khieu_nai' then 'complaint' when 'to_cao' then 'denunciation' else 'petition' end;
  v_filer jsonb;
  v_payload jsonb;
  r record;
begin
  v_filer := jsonb_strip_nulls(jsonb_build_object(
    'full_name', p_visit.visitor_name, 'cccd', p_visit.visitor_cccd, 'phone', p_visit.visitor_phone,
    'province', nullif(btrim(coalesce(p_extra ->> 'province', '')), ''),
    'ward', nullif(btrim(coalesce(p_extra ->> 'ward', '')), ''),
    'address_line', p_visit.visitor_address
  ));
  v_payload := jsonb_strip_nulls(jsonb_build_object(
    'kind', v_kind,
    'subject', coalesce(nullif(p_extra ->> 'subject', ''), 'before_measure'),
    'unit_id', p_visit.unit_id,
    'filer_capacity', 'party',
    'is_group', p_visit.people_count >= 5,
    'case_number', p_visit.case_number,
    'decision_number', nullif(btrim(coalesce(p_extra ->> 'decision_number', '')), ''),
    'content', coalesce(nullif(btrim(coalesce(p_extra ->> 'petition_content', '')), ''), p_visit.content),
    'request', btrim(coalesce(p_extra ->> 'petition_request', '')),
    'consent', coalesce((p_extra ->> 'consent')::boolean, false),
    'filer', v_filer,
    'representatives', (
      select coalesce(jsonb_agg(jsonb_build_object('full_name', x #>> '{}')), '[]'::jsonb)
      from jsonb_array_elements(p_visit.representatives) x
    )
  ));
  -- The visit id doubles as the idempotency key: one visit registers at most one petition.
  select * into r from public.submit_complaint(v_payload, p_visit.id);
  return jsonb_build_object('complaint_id', r.complaint_id, 'code', r.code, 'secret', r.secret);
end
$$;

revoke all on function private.reception_register_petition(public.reception_visits, jsonb) from public;

-- Citizen reception: anon reaches bookings and the reception record only through the code + secret
-- functions. RLS already returns no rows to anon; taking the grant away as well makes a direct
-- select fail loudly (42501) instead of looking empty, like the foundation's unit-scoped tables.
revoke select on public.bookings, public.reception_visits from anon;

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
