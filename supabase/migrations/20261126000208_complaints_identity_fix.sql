-- get_complaint_parties: an unassigned denunciation (assigned_to null) must refuse a complaint
-- officer too — `null = uid` is null, and `if not null` does not raise. Compare with
-- `is not distinct from` so the check is two-valued.
create or replace function public.get_complaint_parties(p_id uuid)
returns setof public.complaint_parties
language plpgsql security definer set search_path = '' as $$
declare
  c public.complaints;
begin
  if not private.is_staff() then
    raise exception using errcode = 'P0001', message = 'not_allowed';
  end if;
  select * into c from public.complaints where id = p_id;
  if c.id is null or not private.can_see_unit(c.unit_id) then
    raise exception using errcode = 'P0001', message = 'not_in_your_unit';
  end if;
  if c.kind = 'denunciation' then
    if not (c.assigned_to is not distinct from auth.uid() and c.assigned_to is not null
            or coalesce(private.has_role('unit_head'), false)) then
      raise exception using errcode = 'P0001', message = 'identity_protected';
    end if;
    insert into public.complaint_access_log (complaint_id, user_id, unit_id, role, what)
    values (p_id, auth.uid(), private.staff_unit_id(),
            case when private.has_role('unit_head') then 'unit_head' else 'complaint_officer' end, 'identity');
    perform private.audit('complaint', p_id, c.unit_id, 'view_denouncer_identity', null, null, null);
  end if;
  return query select * from public.complaint_parties where complaint_id = p_id order by role, sort_order;
end
$$;
revoke execute on function public.get_complaint_parties(uuid) from public, anon;
grant execute on function public.get_complaint_parties(uuid) to authenticated, service_role;

-- The reminders job is for the service role only (default privileges had granted authenticated).
revoke execute on function public.queue_complaint_reminders() from authenticated;

-- The restrictive policy on attachments looked the complaint up with the caller's own RLS, so a
-- colleague who cannot read complaints at all (reception) did not "see" the denunciation and the
-- file slipped through. Decide in a security definer helper that reads the complaint as owner.
create function private.can_see_complaint_file(p_owner uuid) returns boolean
language sql stable security definer set search_path = '' as $$
  select coalesce((
    select c.kind <> 'denunciation'
           or c.assigned_to is not distinct from auth.uid() and c.assigned_to is not null
           or private.has_role('unit_head')
      from public.complaints c where c.id = p_owner), true)
$$;
revoke execute on function private.can_see_complaint_file(uuid) from public;
grant execute on function private.can_see_complaint_file(uuid) to authenticated, service_role;

drop policy "Only assigned officer and unit head see denunciation files" on public.attachments;
create policy "Only assigned officer and unit head see denunciation files"
  on public.attachments as restrictive for select to authenticated
  using (owner_kind <> 'complaint' or owner_id is null or private.can_see_complaint_file(owner_id));
