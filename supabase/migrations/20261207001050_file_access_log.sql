

/** The one-stop staff page calls this when an application is opened ('file') and when one of its
    documents is opened ('document'). Errors: application_not_found (also for another unit's). */
create function public.log_application_access(p_id uuid, p_what text default 'file')
returns void language plpgsql security definer set search_path = '' as $$
begin
  if not private.file_access_visible('application', p_id) then
    raise exception using errcode = 'P0001', message = 'application_not_found';
  end if;
  perform private.file_access_write('application', p_id,
    case when p_what = 'document' then 'document' else 'file' end);
end
$$;

/** The desk calls this when a booking is opened. Errors: booking_not_found. */
create function public.log_booking_access(p_id uuid)
returns void language plpgsql volatile security definer set search_path = '' as $$
declare
  v_unit uuid;
begin
  select b.unit_id into v_unit from public.bookings b where b.id = p_id;
  if v_unit is null or not private.can_see_unit(v_unit)
     or not (private.has_role('reception') or private.has_role('unit_head') or private.has_role('admin')) then
    raise exception using errcode = 'P0001', message = 'not_in_your_unit';
  end if;
  perform private.log_record_access('booking', p_id, 'reception', 'file', null);
end
$$;
revoke execute on function public.log_application_access(uuid, text), public.log_booking_access(uuid) from public, anon;
grant execute on function public.log_application_access(uuid, text), public.log_booking_access(uuid) to authenticated, service_role;
