-- Walk-ins record the visitor's oral consent (issue 12, personal data): the desk form has a box
-- "the visitor agreed orally"; when ticked, add_walk_in stores the evidence in
-- personal_data_consents (method oral_at_desk, recorded_by the officer), as book_reception does
-- for online bookings. Unticked, the visit is still received (the desk's duty under Luật Tiếp
-- công dân 2013) and no consent is claimed.

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
  -- The officer ticks the box when the visitor agreed orally (Luật BVDLCN 91/2025/QH15):
  -- the evidence is kept as for online bookings, with the officer and method oral_at_desk.
  if coalesce((payload ->> 'consent_oral')::boolean, false) then
    perform private.record_consent('booking', b.id, b.unit_id, 'reception_booking', null);
  end if;
  perform private.audit('booking', b.id, b.unit_id, 'walk_in', null,
    jsonb_build_object('status', b.status, 'starts_at', b.starts_at, 'queue_no', b.queue_no));
  return to_jsonb(b);
end
$$;
