-- The unit directory in the agency's hands (issue 13, part B): official name with its source and a
-- confirmed/unconfirmed state, contact data (address, phone, e-mail, reception hours) with its own
-- confirmed state — unconfirmed contact data is never shown to citizens as real (demo data in
-- particular) — parent, code, merges with validity (valid_from/valid_to, predecessor_id).
--
-- The directory after 1/7/2025: 34 THADS tỉnh/thành phố (one per province-level unit after
-- Nghị quyết 202/2025/QH15) and the Phòng THADS khu vực under them (355 by the Ministry's 2025
-- decisions, as the issue states — not confirmed from a text found here). The project does not
-- invent their names or contacts: rows are entered by admins (screen /staff/quan-tri/don-vi), the
-- list of the 34 is in supabase/reference/units_34_provinces.sql, marked unconfirmed.
-- Every insert, update and delete is audited (trigger, private.audit).

alter table public.units
  add column name_confirmed boolean not null default false,
  add column name_source text check (name_source is null or length(name_source) between 3 and 500),
  add constraint units_name_confirmed_has_source check (not name_confirmed or name_source is not null);

comment on column public.units.name_confirmed is
  'True once an admin checked the official name against name_source (the Ministry''s decision).';
comment on column public.units.contact_confirmed is
  'True once an admin checked address, phone, e-mail and reception hours; until then they are shown to staff as unconfirmed and to citizens without phone and e-mail.';

create function private.units_stamp() returns trigger
language plpgsql set search_path = '' as $$
begin
  new.updated_at := now();
  return new;
end
$$;
revoke all on function private.units_stamp() from public, anon, authenticated;
create trigger units_stamp before update on public.units
  for each row execute function private.units_stamp();

create function private.units_audit() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  perform private.audit('unit',
    case when tg_op = 'DELETE' then old.id else new.id end,
    -- No unit_id: an audit row referencing the unit would forbid deleting it later
    -- (units ← audit_events, on delete restrict). Directory events are read by admins.
    null,
    case tg_op when 'INSERT' then 'create' when 'UPDATE' then 'update' else 'delete' end,
    case when tg_op = 'INSERT' then null else to_jsonb(old) - 'created_at' - 'updated_at' end,
    case when tg_op = 'DELETE' then null else to_jsonb(new) - 'created_at' - 'updated_at' end);
  return null;
end
$$;
revoke all on function private.units_audit() from public, anon, authenticated;
create trigger units_audit after insert or update or delete on public.units
  for each row execute function private.units_audit();
