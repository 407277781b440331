-- Holidays and swapped working days in the agency's hands (issue 13, part B).
--
-- Each listed day now carries the decision that announced it (legal_basis, optional source_url)
-- and whether it is confirmed against that decision (is_confirmed, confirmed_by, confirmed_at).
-- An unconfirmed day still counts in the working-day functions (they read the table directly, so
-- a change applies at once) but staff see it marked "chưa xác nhận".
--
-- Every insert, update and delete is audited by a trigger (private.audit: who, what, before →
-- after), whichever way it arrives (the admin screen, REST, SQL). Only admins write (RLS of
-- 20261126000130, unchanged); everyone reads.

-- is_confirmed (and counted, for proposed days kept as data) came with 20261207020000; its free
-- `source` text becomes legal_basis here, so a day has one place for its decision.
alter table public.holidays
  add column legal_basis text check (legal_basis is null or length(legal_basis) between 3 and 500),
  add column source_url text check (source_url is null or length(source_url) <= 500),
  alter column is_confirmed set default false,
  add column confirmed_by uuid references auth.users (id) on delete set null,
  add column confirmed_at timestamptz,
  add column updated_at timestamptz not null default now();

update public.holidays set legal_basis = left(source, 500) where source is not null and char_length(source) >= 3;
-- Days confirmed before a decision was recorded become unconfirmed rather than unsourced.
update public.holidays set is_confirmed = false where is_confirmed and legal_basis is null;
alter table public.holidays
  drop column source,
  -- A confirmed day names the decision it was confirmed against.
  add constraint holidays_confirmed_has_basis check (not is_confirmed or legal_basis is not null);

comment on column public.holidays.legal_basis is
  'The decision announcing the day (e.g. "Thông báo 9441/TB-BNV ngày 16/10/2025 của Bộ Nội vụ"), or for fixed holidays "Bộ luật Lao động 2019, Điều 112".';
comment on column public.holidays.is_confirmed is
  'True once an admin checked the day against legal_basis; unconfirmed days still count (unless counted is false, a proposed day) but are shown as such.';

-- Who confirmed and when, and updated_at, are set here (never taken from the client).
create function private.holidays_stamp() returns trigger
language plpgsql set search_path = '' as $$
begin
  new.updated_at := now();
  if new.is_confirmed and (tg_op = 'INSERT' or not old.is_confirmed) then
    new.confirmed_by := (select auth.uid());
    new.confirmed_at := now();
  elsif not new.is_confirmed then
    new.confirmed_by := null;
    new.confirmed_at := null;
  elsif tg_op = 'UPDATE' then
    new.confirmed_by := old.confirmed_by;
    new.confirmed_at := old.confirmed_at;
  end if;
  return new;
end
$$;
revoke all on function private.holidays_stamp() from public, anon, authenticated;
create trigger holidays_stamp before insert or update on public.holidays
  for each row execute function private.holidays_stamp();

-- Audit every change (security definer: private.audit is executable by service_role only).
create function private.holidays_audit() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  perform private.audit('holiday', null, null,
    case tg_op when 'INSERT' then 'create' when 'UPDATE' then 'update' else 'delete' end,
    case when tg_op = 'INSERT' then null
         else to_jsonb(old) - 'created_at' - 'updated_at' end,
    case when tg_op = 'DELETE' then null
         else to_jsonb(new) - 'created_at' - 'updated_at' end);
  return null;
end
$$;
revoke all on function private.holidays_audit() from public, anon, authenticated;
create trigger holidays_audit after insert or update or delete on public.holidays
  for each row execute function private.holidays_audit();
