-- Staff accounts in the agency's hands (issue 13, part B): invite, change roles and unit,
-- deactivate, reactivate — every change audited (who, what, before → after).
--
-- Scope: an administrator manages the staff of its own unit and of the units below it. The Cục's
-- administrators (the root) manage everyone; a provincial administrator (admin at a THADS tỉnh/
-- thành phố) manages its own unit and its Phòng THADS khu vực only. Before, any admin could write
-- any staff row.
-- Auth side (app server, service role): the invitation (POST /invite), the ban that ends a
-- deactivated member's sessions at once (PUT /admin/users/{id} ban_duration), password reset
-- (POST /recover). The database decides first (staff_can_manage_unit / the policies below).
-- Roles offered by the screens come from the staff.roles check constraint (staff_role_options), so
-- a role added by a later migration appears without a code change.

-- Units the signed-in administrator manages: its unit and every unit below it. Empty otherwise.
create function private.managed_unit_ids() returns setof uuid
language plpgsql stable security definer set search_path = '' as $$
declare
  me uuid;
begin
  select s.unit_id into me from public.staff s
   where s.user_id = (select auth.uid()) and s.is_active and 'admin' = any (s.roles);
  if me is null then
    return;
  end if;
  return query
    with recursive tree as (
      select u.id from public.units u where u.id = me
      union
      select c.id from public.units c join tree t on c.parent_id = t.id
    )
    select tree.id from tree;
end
$$;
revoke all on function private.managed_unit_ids() from public;
grant execute on function private.managed_unit_ids() to authenticated, service_role;

-- The units the caller may assign staff to (for the screens), with level and parent.
create function public.managed_units()
returns table (id uuid, code text, name text, level text, parent_id uuid)
language sql stable security definer set search_path = '' as $$
  select u.id, u.code, u.name, u.level, u.parent_id
    from public.units u
   where u.id in (select private.managed_unit_ids()) and u.valid_to is null
   order by u.level, u.code;
$$;
revoke all on function public.managed_units() from public, anon;
grant execute on function public.managed_units() to authenticated, service_role;

-- Whether the caller may manage staff of `p_unit` (the app asks before creating an Auth user).
create function public.staff_can_manage_unit(p_unit uuid) returns boolean
language sql stable security definer set search_path = '' as $$
  select case when p_unit is not null then p_unit in (select private.managed_unit_ids()) end;
$$;
revoke all on function public.staff_can_manage_unit(uuid) from public, anon;
grant execute on function public.staff_can_manage_unit(uuid) to authenticated, service_role;

-- The role names staff may hold, read from the check constraint on staff.roles (and from an enum
-- type public.staff_role, if one is ever created), so the screens follow the database.
create function public.staff_role_options() returns setof text
language sql stable security definer set search_path = '' as $$
  select distinct r from (
    select (regexp_matches(pg_get_constraintdef(c.oid), '''([a-z_]+)''', 'g'))[1] as r
      from pg_catalog.pg_constraint c
     where c.conrelid = 'public.staff'::regclass and c.contype = 'c'
       and pg_get_constraintdef(c.oid) ~ '\mroles\M'
    union all
    select e.enumlabel::text
      from pg_catalog.pg_enum e join pg_catalog.pg_type t on t.oid = e.enumtypid
      join pg_catalog.pg_namespace n on n.oid = t.typnamespace
     where n.nspname = 'public' and t.typname = 'staff_role'
  ) x
  where (select private.is_staff())
  order by 1;
$$;
revoke all on function public.staff_role_options() from public, anon;
grant execute on function public.staff_role_options() to authenticated, service_role;

-- Writes: administrators, within the units they manage (old and new unit alike).
drop policy "Admins can add staff" on public.staff;
drop policy "Admins can update staff" on public.staff;
drop policy "Admins can delete staff" on public.staff;

create policy "Admins can add staff to units they manage"
  on public.staff for insert to authenticated
  with check (unit_id in (select private.managed_unit_ids()));
create policy "Admins can update staff of units they manage"
  on public.staff for update to authenticated
  using (unit_id in (select private.managed_unit_ids()))
  with check (unit_id in (select private.managed_unit_ids()));
create policy "Admins can delete staff of units they manage"
  on public.staff for delete to authenticated
  using (unit_id in (select private.managed_unit_ids()));

comment on table public.staff is
  'Staff accounts: unit and roles per auth user. A staff member may read their own row and the rows of staff in the units they can see; admins read all. Admins insert, update or delete the staff of their own unit and the units below it (a provincial admin: its khu vực offices). Every change is audited. Citizens and anonymous users see nothing.';

-- No one locks themselves out: an admin cannot deactivate themselves or drop their own admin role.
-- updated_at is set here. (Not for service_role / SQL without a signed-in user.)
create function private.staff_guard() returns trigger
language plpgsql set search_path = '' as $$
begin
  new.updated_at := now();
  if old.user_id = (select auth.uid()) then
    if old.is_active and not new.is_active then
      raise exception using errcode = 'P0001', message = 'cannot_deactivate_self';
    end if;
    if 'admin' = any (old.roles) and not ('admin' = any (new.roles)) then
      raise exception using errcode = 'P0001', message = 'cannot_demote_self';
    end if;
  end if;
  return new;
end
$$;
revoke all on function private.staff_guard() from public, anon, authenticated;
create trigger staff_guard before update on public.staff
  for each row execute function private.staff_guard();

create function private.staff_audit() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  perform private.audit('staff',
    case when tg_op = 'DELETE' then old.user_id else new.user_id end,
    case when tg_op = 'DELETE' then old.unit_id else new.unit_id end,
    case tg_op
      when 'INSERT' then 'invite'
      when 'DELETE' then 'delete'
      else case
        when old.is_active and not new.is_active then 'deactivate'
        when not old.is_active and new.is_active then 'reactivate'
        else 'update' end
    end,
    case when tg_op = 'INSERT' then null else to_jsonb(old) - 'created_at' - 'updated_at' end,
    case when tg_op = 'DELETE' then null else to_jsonb(new) - 'created_at' - 'updated_at' end);
  return null;
end
$$;
revoke all on function private.staff_audit() from public, anon, authenticated;
create trigger staff_audit after insert or update or delete on public.staff
  for each row execute function private.staff_audit();

-- Staff events are for administrators: other staff of the unit do not read who was given which role.
create or replace function private.audit_hidden_entity_types() returns text[]
language plpgsql stable security definer set search_path = '' as $$
declare
  v text[] := '{}';
begin
  if not private.is_complaint_staff() then
    v := v || array['complaint'];
  end if;
  if not (private.has_role('reception') or private.has_role('unit_head') or private.has_role('admin')) then
    v := v || array['reception_visit', 'booking', 'reception_closure', 'reception_head_day', 'reception_schedule'];
  end if;
  if not (private.has_role('procedure_officer') or private.has_role('unit_head') or private.has_role('admin')) then
    v := v || array['application'];
  end if;
  if not private.has_role('admin') then
    v := v || array['staff'];
  end if;
  return v;
end
$$;

-- An administrator asks for a staff member's password to be reset: checked against the scope and
-- audited here; the app then has Auth e-mail the member a reset code (POST /recover) to the address
-- returned. Errors: not_allowed (not an admin of the member's unit), staff_not_found.
create function public.staff_request_password_reset(p_user_id uuid) returns text
language plpgsql volatile security definer set search_path = '' as $$
declare
  s public.staff;
begin
  select * into s from public.staff where user_id = p_user_id;
  if s.user_id is null then
    raise exception using errcode = 'P0001', message = 'staff_not_found';
  end if;
  if not (s.unit_id in (select private.managed_unit_ids())) then
    raise exception using errcode = 'P0001', message = 'not_allowed';
  end if;
  perform private.audit('staff', s.user_id, s.unit_id, 'password_reset', null,
    jsonb_build_object('email', s.email), null);
  return s.email;
end
$$;
revoke all on function public.staff_request_password_reset(uuid) from public, anon;
grant execute on function public.staff_request_password_reset(uuid) to authenticated, service_role;
