-- Foundation 2/9: the organisation tree (data, not code — ARCHITECTURE.md rule 7).
-- Cục Quản lý Thi hành án dân sự (level 'cuc') → Thi hành án dân sự tỉnh/thành phố ('tinh') →
-- Phòng Thi hành án dân sự khu vực ('khu_vuc'), as reorganised on 1/7/2025 (QĐ 1898/QĐ-BTP).
-- Units that no longer exist (Cục THADS tỉnh, Chi cục THADS huyện) stay as rows with `valid_to`
-- set, and today's unit points at the one it replaced through `predecessor_id`, so older records
-- still map to a current unit.

create table public.units (
  id uuid primary key default gen_random_uuid(),
  parent_id uuid references public.units (id) on delete restrict,
  level text not null check (level in ('cuc', 'tinh', 'khu_vuc')),
  code text not null unique check (code ~ '^[A-Z0-9-]{2,20}$'),
  name text not null check (length(name) between 3 and 200),
  short_name text,
  province_name text,
  -- Since 1/7/2025 addresses are province + xã/phường, no district.
  address text,
  phone text,
  email text,
  reception_hours text,
  -- Contact data shown to citizens only once an admin confirmed it (see 20261207021030).
  contact_confirmed boolean not null default false,
  lat double precision check (lat between -90 and 90),
  lng double precision check (lng between -180 and 180),
  valid_from date not null default date '2025-07-01',
  valid_to date,
  predecessor_id uuid references public.units (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint units_validity check (valid_to is null or valid_to >= valid_from),
  constraint units_not_own_parent check (parent_id is distinct from id)
);

comment on table public.units is
  'Organisation tree (Cục → tỉnh/thành phố → khu vực). Everyone, including anonymous citizens, may read it (public directory of offices, addresses and reception hours). Only admins may insert, update or delete.';
comment on column public.units.valid_to is 'Last day the unit existed; null while it exists.';
comment on column public.units.predecessor_id is 'The unit this one replaced (e.g. a Chi cục replaced by a Phòng THADS khu vực).';

create index units_parent_id_idx on public.units (parent_id);
create index units_predecessor_id_idx on public.units (predecessor_id);

alter table public.units enable row level security;

create policy "Anyone can read the unit directory"
  on public.units for select
  to anon, authenticated
  using (true);

create policy "Admins can add units"
  on public.units for insert
  to authenticated
  with check ((select private.has_role('admin')));

create policy "Admins can update units"
  on public.units for update
  to authenticated
  using ((select private.has_role('admin')))
  with check ((select private.has_role('admin')));

create policy "Admins can delete units"
  on public.units for delete
  to authenticated
  using ((select private.has_role('admin')));

revoke insert, update, delete, truncate on public.units from anon;
grant select on public.units to anon, authenticated;
grant insert, update, delete on public.units to authenticated;
grant all on public.units to service_role;
