-- Assignment of a denunciation and conflicts of interest (issue 12 item 4).
--
-- Luật Tố cáo 2018 Điều 47 protects the denouncer; Điều 17 keeps a person with a conflict of
-- interest out of the handling. Before, any complaint officer could assign a denunciation to
-- themself (assign_complaint) or become its assignee by accepting it (accept_complaint), and
-- thereby read the denouncer's identity — including the officer being denounced.
--
-- Now, enforced in SQL:
--   * only a unit head or an admin assigns a sealed file (a denunciation): assign_complaint refuses
--     others, and a trigger keeps assigned_to unchanged when anyone else's function would set it
--     (accept_complaint's self-assignment);
--   * the head may exclude a staff member from a file (public.complaint_exclusions,
--     exclude_complaint_officer): they are unassigned, cannot be assigned again (officer_excluded),
--     every complaint function refuses them (conflict_of_interest, in complaints_load and the
--     read functions), and restrictive policies hide the file, its events, notes, access log and
--     attachments from them. The reason (which names the denounced person) is an internal note,
--     never an audit row.

create table public.complaint_exclusions (
  complaint_id uuid not null references public.complaints (id) on delete cascade,
  officer_id uuid not null references public.staff (user_id),
  created_at timestamptz not null default now(),
  created_by uuid null,
  primary key (complaint_id, officer_id)
);
comment on table public.complaint_exclusions is
  'Staff kept out of a file for a conflict of interest (e.g. the officer a denunciation is about). Unit heads and admins of a visible unit read; written only by exclude_complaint_officer(). The excluded officer sees neither the file nor this row.';
create index complaint_exclusions_officer_idx on public.complaint_exclusions (officer_id);

alter table public.complaint_exclusions enable row level security;
create policy "Unit heads and admins can read exclusions of visible complaints"
  on public.complaint_exclusions for select to authenticated
  using (
    ((select private.has_role('unit_head')) or (select private.has_role('admin')))
    and exists (select 1 from public.complaints c where c.id = complaint_id and private.can_see_unit(c.unit_id))
  );
revoke all on public.complaint_exclusions from anon;
revoke insert, update, delete, truncate on public.complaint_exclusions from authenticated;
grant select on public.complaint_exclusions to authenticated;

-- The files the signed-in user is excluded from (policies compare against this once per statement).
create function private.excluded_complaint_ids() returns setof uuid
language sql stable security definer set search_path = '' as $$
  select e.complaint_id from public.complaint_exclusions e where e.officer_id = (select auth.uid())
$$;
create function private.is_excluded(p_complaint uuid) returns boolean
language sql stable security definer set search_path = '' as $$
  select exists (select 1 from public.complaint_exclusions e
                  where e.complaint_id = p_complaint and e.officer_id = (select auth.uid()))
$$;
revoke execute on function private.excluded_complaint_ids(), private.is_excluded(uuid) from public;
grant execute on function private.excluded_complaint_ids(), private.is_excluded(uuid) to authenticated, service_role;

-- Restrictive: whatever else a policy grants, an excluded officer does not read the file.
create policy "Excluded staff cannot read the complaint"
  on public.complaints as restrictive for select to authenticated
  using (not (id = any (array(select private.excluded_complaint_ids()))));
create policy "Excluded staff cannot read the complaint's events"
  on public.complaint_events as restrictive for select to authenticated
  using (not (complaint_id = any (array(select private.excluded_complaint_ids()))));
create policy "Excluded staff cannot read the complaint's notes"
  on public.complaint_notes as restrictive for select to authenticated
  using (not (complaint_id = any (array(select private.excluded_complaint_ids()))));
create policy "Excluded staff cannot add notes to the complaint"
  on public.complaint_notes as restrictive for insert to authenticated
  with check (not (complaint_id = any (array(select private.excluded_complaint_ids()))));
create policy "Excluded staff cannot read the complaint's access log"
  on public.complaint_access_log as restrictive for select to authenticated
  using (not (complaint_id = any (array(select private.excluded_complaint_ids()))));
revoke execute on function private.complaints_load(uuid) from public;

-- assigned_to of a sealed file changes only by a head or an admin (or a job: no uid); nobody
-- excluded from a file is ever its assignee.
create function private.complaints_guard_assignee() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if new.assigned_to is not null and new.assigned_to is distinct from old.assigned_to then
    if exists (select 1 from public.complaint_exclusions e
                where e.complaint_id = new.id and e.officer_id = new.assigned_to) then
      raise exception using errcode = 'P0001', message = 'officer_excluded';
    end if;
    if new.identity_sealed and auth.uid() is not null
       and not (private.has_role('unit_head') or private.has_role('admin')) then
      -- accept_complaint assigns the accepting officer to an unassigned file: not a sealed one.
      new.assigned_to := old.assigned_to;
    end if;
  end if;
  return new;
end
$$;
revoke execute on function private.complaints_guard_assignee() from public, anon, authenticated;
create trigger complaints_guard_assignee
  before update of assigned_to on public.complaints
  for each row execute function private.complaints_guard_assignee();
revoke execute on function public.assign_complaint(uuid, uuid) from public, anon;
grant execute on function public.assign_complaint(uuid, uuid) to authenticated, service_role;

-- Exclude a staff member from a file for a conflict of interest (the head's decision). The reason
-- may name the denounced person: it goes into the internal notes, not the audit row.
-- Errors: not_allowed, complaint_not_found, not_in_your_unit, reason_required, invalid_officer.
create function public.exclude_complaint_officer(p_id uuid, p_officer uuid, p_reason text)
returns void language plpgsql security definer set search_path = '' as $$
declare
  c public.complaints := private.complaints_load(p_id);
  v_reason text;
begin
  if not (private.has_role('unit_head') or private.has_role('admin')) then
    raise exception using errcode = 'P0001', message = 'not_allowed';
  end if;
  v_reason := private.complaints_require_text(p_reason);
  if p_officer is null or p_officer = auth.uid()
     or not exists (select 1 from public.staff s where s.user_id = p_officer) then
    raise exception using errcode = 'P0001', message = 'invalid_officer';
  end if;
  insert into public.complaint_exclusions (complaint_id, officer_id, created_by)
  values (p_id, p_officer, auth.uid())
  on conflict do nothing;
  if c.assigned_to = p_officer then
    update public.complaints set assigned_to = null, updated_at = now() where id = p_id;
  end if;
  perform private.complaints_note(p_id, 'Không để cán bộ tham gia giải quyết (xung đột lợi ích): ' || v_reason);
  perform private.audit('complaint', p_id, c.unit_id, 'exclude_officer', null,
                        jsonb_build_object('officer', p_officer), null);
end
$$;
comment on function public.exclude_complaint_officer(uuid, uuid, text) is
  'Unit head/admin keeps a staff member out of a file (conflict of interest, e.g. the denounced officer): unassigns them; every read and action then refuses them. Reason kept as an internal note.';
revoke execute on function public.exclude_complaint_officer(uuid, uuid, text) from public, anon;
grant execute on function public.exclude_complaint_officer(uuid, uuid, text) to authenticated, service_role;
