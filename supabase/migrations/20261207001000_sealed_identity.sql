-- Sealed identity (issue 12 item 1; ARCHITECTURE.md rule 8): protection of the filer's identity is
-- a property of the file fixed when it is filed, never of a field an officer can change.
--
-- Before: the complaint_parties and attachments policies tested the file's *current* kind, so a
-- complaint officer who re-classified a received denunciation as a complaint could read the
-- denouncer's name, CCCD, phone and address through /rest/v1/complaint_parties, with no access-log
-- row and no audit event (and classify it back afterwards).
--
-- Now:
--   * complaints.identity_sealed is set by a BEFORE INSERT trigger: true for a denunciation and
--     for a second-instance file of a sealed file. Nobody clears it — not an officer, not the
--     service role, not the table owner (BEFORE UPDATE trigger raises identity_seal_permanent).
--   * A file that becomes a denunciation (classified as one) is sealed from then on.
--   * Only a unit head or an admin changes the kind of a sealed file (classify_complaint and the
--     trigger both refuse others); the change is audited with the seal in the after-image, and the
--     file stays sealed.
--   * Every policy and function that protected "kind = 'denunciation'" now tests identity_sealed
--     (20261207001020 for the reads).

alter table public.complaints
  add column identity_sealed boolean not null default false;
comment on column public.complaints.identity_sealed is
  'The filer''s identity is confidential (Luật Tố cáo 2018 Điều 47): set at filing for a denunciation (and inherited by a second instance), or when the file is classified as a denunciation. Never cleared (trigger). Only the assigned officer and the unit head read the parties, through get_complaint_parties() (logged and audited).';

-- Files filed before this migration: every denunciation is sealed.
update public.complaints set identity_sealed = true where kind = 'denunciation';
update public.complaints c set identity_sealed = true
 where c.parent_id is not null
   and exists (select 1 from public.complaints p where p.id = c.parent_id and p.identity_sealed);

create index complaints_sealed_idx on public.complaints (id) where identity_sealed;

-- The seal: fixed at insert, never cleared, the kind of a sealed file changed only by the head.
create function private.complaints_seal() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if tg_op = 'INSERT' then
    new.identity_sealed := new.kind = 'denunciation'
      or coalesce(new.identity_sealed, false)
      or (new.parent_id is not null
          and exists (select 1 from public.complaints p where p.id = new.parent_id and p.identity_sealed));
    return new;
  end if;
  if old.identity_sealed and new.identity_sealed is distinct from true then
    raise exception using errcode = 'P0001', message = 'identity_seal_permanent';
  end if;
  if new.kind = 'denunciation' then
    new.identity_sealed := true;
  end if;
  -- A request with a signed-in user (auth.uid() set) is a staff member acting through a function;
  -- jobs and the service role have no uid.
  if old.identity_sealed and new.kind is distinct from old.kind and auth.uid() is not null
     and not (private.has_role('unit_head') or private.has_role('admin')) then
    raise exception using errcode = 'P0001', message = 'not_allowed';
  end if;
  return new;
end
$$;
revoke execute on function private.complaints_seal() from public, anon, authenticated;

create trigger complaints_seal_on_insert
  before insert on public.complaints
  for each row execute function private.complaints_seal();
create trigger complaints_seal_on_update
  before update on public.complaints
  for each row execute function private.complaints_seal();
revoke execute on function public.classify_complaint(uuid, text, text, boolean, text) from public, anon;
grant execute on function public.classify_complaint(uuid, text, text, boolean, text) to authenticated, service_role;
