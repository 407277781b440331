-- Foundation 1/9: the `private` schema and the policy helpers every RLS policy uses.
--
-- Policies must not query `staff` directly (that would recurse through staff's own policies and
-- re-plan per row), so they call these small `stable security definer` functions instead, always
-- wrapped in a sub-select — `(select private.has_role('admin'))` — so PostgreSQL evaluates them
-- once per statement (initPlan), not once per row (Supabase's RLS performance advice).
--
-- The helpers are written in plpgsql on purpose: plpgsql bodies are not resolved at creation time,
-- so this file can come before the `units` and `staff` tables it reads (those files need the
-- helpers for their own policies). `set search_path = ''` + schema-qualified names everywhere
-- protect the security definer functions against search_path hijacking.

create schema if not exists private;
comment on schema private is
  'Internal helpers and tables. Not exposed through the REST API; functions are called from policies and from security definer functions.';

revoke all on schema private from public;
-- Policies are evaluated with the caller''s privileges, so callers need USAGE on the schema and
-- EXECUTE on the helpers; they still cannot read any private table (no table grants).
grant usage on schema private to anon, authenticated, service_role;
-- Functions created later in `private` (by this and the feature migrations) are not executable by
-- PUBLIC unless granted explicitly.
alter default privileges in schema private revoke execute on functions from public;

-- Whether the signed-in user is an active staff member.
create or replace function private.is_staff()
returns boolean
language plpgsql stable security definer
set search_path = ''
as $$
begin
  return exists (
    select 1 from public.staff s
    where s.user_id = (select auth.uid()) and s.is_active
  );
end;
$$;

-- Whether the signed-in staff member holds `role` (admin implies nothing else: check explicitly).
create or replace function private.has_role(role text)
returns boolean
language plpgsql stable security definer
set search_path = ''
as $$
begin
  return exists (
    select 1 from public.staff s
    where s.user_id = (select auth.uid()) and s.is_active and has_role.role = any (s.roles)
  );
end;
$$;

-- The unit of the signed-in staff member (null for citizens and anon).
create or replace function private.staff_unit_id()
returns uuid
language plpgsql stable security definer
set search_path = ''
as $$
begin
  return (
    select s.unit_id from public.staff s
    where s.user_id = (select auth.uid()) and s.is_active
  );
end;
$$;

-- Units whose data the signed-in staff member may see: their own unit; a unit_head also every
-- unit below it (a provincial head sees the Phòng THADS khu vực under the province); an admin
-- every unit. Empty for citizens and anon.
create or replace function private.visible_unit_ids()
returns setof uuid
language plpgsql stable security definer
set search_path = ''
as $$
declare
  me record;
begin
  select s.unit_id, s.roles into me
  from public.staff s
  where s.user_id = (select auth.uid()) and s.is_active;
  if not found then
    return;
  end if;
  if 'admin' = any (me.roles) then
    return query select u.id from public.units u;
  elsif 'unit_head' = any (me.roles) then
    return query
      with recursive tree as (
        select u.id from public.units u where u.id = me.unit_id
        union
        select c.id from public.units c join tree t on c.parent_id = t.id
      )
      select tree.id from tree;
  else
    return next me.unit_id;
  end if;
end;
$$;

-- Whether the signed-in staff member may see data of `unit`.
create or replace function private.can_see_unit(unit uuid)
returns boolean
language plpgsql stable security definer
set search_path = ''
as $$
begin
  return unit is not null and exists (
    select 1 from private.visible_unit_ids() v where v = unit
  );
end;
$$;

revoke all on all functions in schema private from public;
grant execute on function
  private.is_staff(), private.has_role(text), private.staff_unit_id(),
  private.visible_unit_ids(), private.can_see_unit(uuid)
  to anon, authenticated, service_role;
