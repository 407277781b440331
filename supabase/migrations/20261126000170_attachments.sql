-- Foundation 8/9: attachments (citizens' and staff's files) and the private Storage bucket.
--
-- Design (the simpler of the two secure options): Storage objects are reachable by service_role
-- only. There are no storage.objects policies for anon or authenticated, so nobody can list,
-- read, upload or delete objects directly through the Storage API (RLS is on and denies by
-- default; we do not touch storage.objects, which Supabase's storage admin owns).
--   * Upload: the app server validates the file (size, MIME sniffed from the bytes, sha256), writes
--     the object with the service client and inserts the attachments row.
--   * Download: the app looks up the attachments row with the *user's* client — RLS below decides
--     whether this staff member may see it — and only then creates a short-lived signed URL with
--     the service client. Citizens reach their own files through a feature's get_<thing>_by_code
--     function (tracking code + secret), never through this table.
-- One place (this table's RLS) therefore decides who may see a file.

create table public.attachments (
  id uuid primary key default gen_random_uuid(),
  -- What the file belongs to, e.g. 'complaint', 'booking', 'application', 'reception_visit'.
  owner_kind text not null check (owner_kind ~ '^[a-z_]{1,60}$'),
  owner_id uuid,
  -- Set while the owning record does not exist yet (a citizen's form being filled in); the
  -- feature's submit function moves it to owner_id.
  draft_key uuid,
  -- Unit whose staff may see the file; set by the feature when the owner is linked.
  unit_id uuid references public.units (id) on delete restrict,
  bucket text not null default 'attachments',
  path text not null,
  file_name text not null check (length(file_name) between 1 and 255),
  mime_type text not null check (mime_type in ('image/jpeg', 'image/png', 'image/webp', 'application/pdf')),
  size_bytes bigint not null check (size_bytes between 1 and 10485760),
  sha256 text check (sha256 ~ '^[0-9a-f]{64}$'),
  uploaded_at timestamptz not null default now(),
  uploaded_by uuid references auth.users (id) on delete set null,
  -- Internal working papers: never shown to the citizen.
  is_internal boolean not null default false,
  unique (bucket, path),
  constraint attachments_has_owner check (owner_id is not null or draft_key is not null)
);

comment on table public.attachments is
  'Metadata of files in private Storage buckets. Staff may read rows of units they can see (admins: all); a signed URL is then made by the app server. Nobody but service_role may insert, update or delete (uploads are validated by the app server); features link rows to their records in security definer functions. Features needing tighter rules (e.g. a denouncer''s identity) add restrictive policies.';

create index attachments_owner_idx on public.attachments (owner_kind, owner_id);
create index attachments_draft_key_idx on public.attachments (draft_key) where draft_key is not null;
create index attachments_unit_id_idx on public.attachments (unit_id);

alter table public.attachments enable row level security;

create policy "Staff can read attachments of units they can see"
  on public.attachments for select
  to authenticated
  using (unit_id in (select private.visible_unit_ids()));

revoke all on public.attachments from anon, authenticated;
grant select on public.attachments to authenticated;
grant all on public.attachments to service_role;

-- The bucket. Also declared in supabase/config.toml for the CLI; inserted here so a hosted project
-- gets it from `supabase db push` too.
insert into storage.buckets (id, name, public, file_size_limit, allowed_mime_types)
values ('attachments', 'attachments', false, 10485760,
        array['image/jpeg', 'image/png', 'image/webp', 'application/pdf'])
on conflict (id) do nothing;
