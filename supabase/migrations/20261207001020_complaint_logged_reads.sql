-- "Who opened my file" enforced by the database (issue 12 items 3 and 5).
--
-- Before: complaint staff read complaint_parties directly (no access-log row unless the page
-- remembered to call log_complaint_access), and get_complaint_parties / log_complaint_access
-- checked is_staff(), so reception and one-stop staff of the unit could read a filer's identity
-- and write rows into the citizen's "who opened my file" list.
--
-- Now:
--   * No policy on complaint_parties: staff read a file's parties only through
--     get_complaint_parties(), which logs every read (a 'file' row, one per person per 10 minutes;
--     for a sealed file an 'identity' row and a view_denouncer_identity audit event).
--   * get_complaint_parties and log_complaint_access require complaint staff (complaint officer,
--     unit head, admin) of a visible unit, not excluded from the file.
--   * The queue's filer column and name/CCCD search use two narrow functions that never return a
--     sealed file's filer and return names only (no CCCD, phone or address).
--   * Complaint attachments: only complaint staff, and for a sealed file only the assigned officer
--     and the unit head, never an excluded officer (restrictive policy, decided by the seal).

drop policy "Complaint staff can read non-denouncer parties of visible units" on public.complaint_parties;
comment on table public.complaint_parties is
  'Identity of filers, co-filers, representatives. No policy: staff read it only through get_complaint_parties() (complaint staff; logged; for a sealed file only the assigned officer and the unit head, audited).';

-- The role recorded in the access log for the signed-in staff member.
create function private.complaints_access_role() returns text
language sql stable security definer set search_path = '' as $$
  select case when 'unit_head' = any (s.roles) then 'unit_head'
              when 'complaint_officer' = any (s.roles) then 'complaint_officer'
              when 'admin' = any (s.roles) then 'admin'
              else s.roles[1] end
    from public.staff s where s.user_id = (select auth.uid())
$$;
revoke execute on function private.complaints_access_role() from public;

-- Load a file for a read function: complaint staff, visible unit, not excluded.
create function private.complaints_for_reader(p_id uuid) returns public.complaints
language plpgsql stable security definer set search_path = '' as $$
declare
  c public.complaints;
begin
  if not private.is_complaint_staff() then
    raise exception using errcode = 'P0001', message = 'not_allowed';
  end if;
  select * into c from public.complaints where id = p_id;
  if c.id is null or not private.can_see_unit(c.unit_id) then
    raise exception using errcode = 'P0001', message = 'not_in_your_unit';
  end if;
  if private.is_excluded(p_id) then
    raise exception using errcode = 'P0001', message = 'conflict_of_interest';
  end if;
  return c;
end
$$;
revoke execute on function private.complaints_for_reader(uuid) from public;

-- One 'file' row per person per 10 minutes (reloads are one opening).
create function private.complaints_log_open(p_id uuid) returns void
language plpgsql security definer set search_path = '' as $$
begin
  if not exists (select 1 from public.complaint_access_log l
                  where l.complaint_id = p_id and l.user_id = auth.uid() and l.what = 'file'
                    and l.opened_at > now() - interval '10 minutes') then
    insert into public.complaint_access_log (complaint_id, user_id, unit_id, role, what)
    values (p_id, auth.uid(), private.staff_unit_id(), private.complaints_access_role(), 'file');
  end if;
end
$$;
revoke execute on function private.complaints_log_open(uuid) from public;
revoke execute on function public.log_complaint_access(uuid) from public, anon;
grant execute on function public.log_complaint_access(uuid) to authenticated, service_role;
revoke execute on function public.get_complaint_parties(uuid) from public, anon;
grant execute on function public.get_complaint_parties(uuid) to authenticated, service_role;

-- The queue's "filer" column: first filer's name per file, never for a sealed file.
create function public.complaint_filer_names(p_ids uuid[])
returns table (complaint_id uuid, full_name text)
language plpgsql stable security definer set search_path = '' as $$
begin
  if not private.is_complaint_staff() then
    raise exception using errcode = 'P0001', message = 'not_allowed';
  end if;
  return query
    select distinct on (p.complaint_id) p.complaint_id, p.full_name
      from public.complaint_parties p
      join public.complaints c on c.id = p.complaint_id
     where c.id = any (coalesce(p_ids[1:500], '{}'))
       and p.role = 'filer' and not c.identity_sealed
       and private.can_see_unit(c.unit_id) and not private.is_excluded(c.id)
     order by p.complaint_id, p.sort_order;
end
$$;
comment on function public.complaint_filer_names(uuid[]) is
  'Complaint staff: the first filer''s name of up to 500 visible, unsealed files (the queue). Names only.';

-- The queue's search by filer name or CCCD: ids of visible, unsealed files only.
create function public.find_complaints_by_party(p_term text)
returns setof uuid
language plpgsql stable security definer set search_path = '' as $$
declare
  v_term text := btrim(coalesce(p_term, ''));
  v_digits text := regexp_replace(coalesce(p_term, ''), '\s', '', 'g');
begin
  if not private.is_complaint_staff() then
    raise exception using errcode = 'P0001', message = 'not_allowed';
  end if;
  if char_length(v_term) < 2 or char_length(v_term) > 100 then
    return;
  end if;
  return query
    select distinct p.complaint_id
      from public.complaint_parties p
      join public.complaints c on c.id = p.complaint_id
     where not c.identity_sealed and private.can_see_unit(c.unit_id) and not private.is_excluded(c.id)
       and (case when v_digits ~ '^[0-9]{6,12}$' then p.cccd like '%' || v_digits || '%'
                 else p.full_name ilike '%' || replace(replace(replace(v_term, '\', '\\'), '%', '\%'), '_', '\_') || '%' end)
     limit 500;
end
$$;
comment on function public.find_complaints_by_party(text) is
  'Complaint staff: ids of visible, unsealed files with a party whose name (or CCCD, 6–12 digits) matches.';
revoke execute on function public.complaint_filer_names(uuid[]), public.find_complaints_by_party(text) from public, anon;
grant execute on function public.complaint_filer_names(uuid[]), public.find_complaints_by_party(text) to authenticated, service_role;

-- Attachments of a complaint: complaint staff only; a sealed file's only for its assigned officer
-- and the unit head; never for an excluded officer. (Other owners: true, their own policies apply.)
create or replace function private.can_see_complaint_file(p_owner uuid) returns boolean
language sql stable security definer set search_path = '' as $$
  select coalesce((
    select private.is_complaint_staff()
           and not private.is_excluded(c.id)
           and (not c.identity_sealed
                or c.assigned_to is not distinct from auth.uid() and c.assigned_to is not null
                or private.has_role('unit_head'))
      from public.complaints c where c.id = p_owner), true)
$$;
