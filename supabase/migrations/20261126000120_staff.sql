-- Foundation 3/9: staff — links an auth user to one unit and one or more roles.
-- Roles: reception (tiếp công dân), complaint_officer (giải quyết khiếu nại, tố cáo),
-- procedure_officer (bộ phận một cửa), unit_head (lãnh đạo đơn vị), admin.
-- Policies elsewhere read this table only through the private.* helpers.

create table public.staff (
  user_id uuid primary key references auth.users (id) on delete cascade,
  unit_id uuid not null references public.units (id) on delete restrict,
  roles text[] not null default '{}'
    check (roles <@ array['reception', 'complaint_officer', 'procedure_officer', 'unit_head', 'admin']::text[]),
  full_name text not null check (length(full_name) between 1 and 200),
  email text,
  -- A staff member who left keeps their row (audit history points at them) but loses all access.
  is_active boolean not null default true,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

comment on table public.staff is
  'Staff accounts: unit and roles per auth user. A staff member may read their own row and the rows of staff in the units they can see (to pick an officer to assign); admins read all. Only admins may insert, update or delete. Citizens and anonymous users see nothing.';

create index staff_unit_id_idx on public.staff (unit_id);

alter table public.staff enable row level security;

create policy "Staff can read their own staff row"
  on public.staff for select
  to authenticated
  using (user_id = (select auth.uid()));

create policy "Staff can read colleagues in units they can see"
  on public.staff for select
  to authenticated
  using (unit_id in (select private.visible_unit_ids()));

create policy "Admins can add staff"
  on public.staff for insert
  to authenticated
  with check ((select private.has_role('admin')));

create policy "Admins can update staff"
  on public.staff for update
  to authenticated
  using ((select private.has_role('admin')))
  with check ((select private.has_role('admin')));

create policy "Admins can delete staff"
  on public.staff for delete
  to authenticated
  using ((select private.has_role('admin')));

revoke all on public.staff from anon;
grant select, insert, update, delete on public.staff to authenticated;
grant all on public.staff to service_role;
