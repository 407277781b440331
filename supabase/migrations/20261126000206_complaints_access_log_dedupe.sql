-- "Who opened my file": one entry per person per 10 minutes. Reloads and the page refresh after
-- each form action are one opening, not many (the citizen's list stays readable).
create or replace function public.log_complaint_access(p_id uuid)
returns void language plpgsql security definer set search_path = '' as $$
declare
  c public.complaints;
  v_role text;
begin
  if not private.is_staff() then
    raise exception using errcode = 'P0001', message = 'not_allowed';
  end if;
  select * into c from public.complaints where id = p_id;
  if c.id is null or not private.can_see_unit(c.unit_id) then
    raise exception using errcode = 'P0001', message = 'not_in_your_unit';
  end if;
  select case when 'unit_head' = any (roles) then 'unit_head'
              when 'complaint_officer' = any (roles) then 'complaint_officer'
              else roles[1] end into v_role
    from public.staff where user_id = auth.uid();
  if not exists (select 1 from public.complaint_access_log l
                  where l.complaint_id = p_id and l.user_id = auth.uid() and l.what = 'file'
                    and l.opened_at > now() - interval '10 minutes') then
    insert into public.complaint_access_log (complaint_id, user_id, unit_id, role, what)
    values (p_id, auth.uid(), private.staff_unit_id(), v_role, 'file');
  end if;
end
$$;
revoke execute on function public.log_complaint_access(uuid) from public, anon;
grant execute on function public.log_complaint_access(uuid) to authenticated, service_role;
