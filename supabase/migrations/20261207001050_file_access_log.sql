-- "Who opened my file" for one-stop applications (they hold ID-card images) and reception
-- bookings (issue 12 item 13, the part about access logs), as complaints have had since
-- 20261126000202.
--
--   * public.file_access_log: one row per staff opening (deduplicated per person per 10 minutes)
--     of an application or a booking, and one row per document of an application opened.
--   * log_application_access / log_booking_access: staff of the area (one-stop staff, reception
--     staff; heads and admins) of a visible unit only; the staff pages call them on every open.
--   * get_file_access_log_by_code(code, secret): what the citizen sees — when, which unit, which
--     role, never a name — through the shared code + secret check (resolve_tracking_code).

create table public.file_access_log (
  id bigint generated always as identity primary key,
  owner_kind text not null check (owner_kind in ('application', 'booking')),
  owner_id uuid not null,
  opened_at timestamptz not null default now(),
  user_id uuid not null,
  unit_id uuid null references public.units (id),
  role text null,
  -- 'file' = opened the file; 'document' = opened one of its documents (an ID card…).
  what text not null default 'file' check (what in ('file', 'document'))
);
comment on table public.file_access_log is
  '"Who opened my file" for applications and bookings. Written by log_application_access() / log_booking_access(); read by staff of the area of a visible unit; the citizen sees unit and role (never the name) through get_file_access_log_by_code().';
create index file_access_log_owner_idx on public.file_access_log (owner_kind, owner_id, opened_at);

-- Whether the signed-in staff member works in the area of this file (and sees its unit).
create function private.file_access_visible(p_kind text, p_id uuid) returns boolean
language sql stable security definer set search_path = '' as $$
  select case p_kind
    when 'application' then exists (
      select 1 from public.applications a where a.id = p_id and private.application_can_see(a.unit_id))
    when 'booking' then exists (
      select 1 from public.bookings b where b.id = p_id and private.can_see_unit(b.unit_id)
         and (private.has_role('reception') or private.has_role('unit_head') or private.has_role('admin')))
    else false end
$$;
revoke execute on function private.file_access_visible(text, uuid) from public;
grant execute on function private.file_access_visible(text, uuid) to authenticated, service_role;

alter table public.file_access_log enable row level security;
create policy "Staff of the area can read the access log of files they can see"
  on public.file_access_log for select to authenticated
  using (private.file_access_visible(owner_kind, owner_id));
revoke all on public.file_access_log from anon;
revoke insert, update, delete, truncate on public.file_access_log from authenticated;
grant select on public.file_access_log to authenticated;

create function private.file_access_write(p_kind text, p_id uuid, p_what text) returns void
language plpgsql security definer set search_path = '' as $$
begin
  if not exists (select 1 from public.file_access_log l
                  where l.owner_kind = p_kind and l.owner_id = p_id and l.user_id = auth.uid()
                    and l.what = p_what and l.opened_at > now() - interval '10 minutes') then
    insert into public.file_access_log (owner_kind, owner_id, user_id, unit_id, role, what)
    select p_kind, p_id, auth.uid(), s.unit_id,
           case when 'unit_head' = any (s.roles) then 'unit_head'
                when p_kind = 'application' and 'procedure_officer' = any (s.roles) then 'procedure_officer'
                when p_kind = 'booking' and 'reception' = any (s.roles) then 'reception'
                when 'admin' = any (s.roles) then 'admin'
                else s.roles[1] end,
           p_what
      from public.staff s where s.user_id = auth.uid();
  end if;
end
$$;
revoke execute on function private.file_access_write(text, uuid, text) from public;

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
returns void language plpgsql security definer set search_path = '' as $$
begin
  if not private.file_access_visible('booking', p_id) then
    raise exception using errcode = 'P0001', message = 'booking_not_found';
  end if;
  perform private.file_access_write('booking', p_id, 'file');
end
$$;
revoke execute on function public.log_application_access(uuid, text), public.log_booking_access(uuid) from public, anon;
grant execute on function public.log_application_access(uuid, text), public.log_booking_access(uuid) to authenticated, service_role;

/** The citizen's "who opened my file" for an HS- or LH- code: [{opened_at, unit_name, role, what}],
    newest first, at most 100; null for a wrong code or secret (counted like every code check). */
create function public.get_file_access_log_by_code(code text, secret text)
returns jsonb language plpgsql security definer set search_path = '' as $$
declare
  r record;
begin
  select * into r from public.resolve_tracking_code(code, secret);
  if r.ref_id is null or r.kind not in ('application', 'booking') then
    return null;
  end if;
  return coalesce((
    select jsonb_agg(jsonb_build_object('opened_at', x.opened_at, 'unit_name', x.unit_name,
                                        'role', x.role, 'what', x.what) order by x.opened_at desc)
      from (select l.opened_at, u.name as unit_name, l.role, l.what
              from public.file_access_log l left join public.units u on u.id = l.unit_id
             where l.owner_kind = r.kind and l.owner_id = r.ref_id
             order by l.opened_at desc limit 100) x), '[]'::jsonb);
end
$$;
revoke execute on function public.get_file_access_log_by_code(text, text) from public;
grant execute on function public.get_file_access_log_by_code(text, text) to anon, authenticated, service_role;
