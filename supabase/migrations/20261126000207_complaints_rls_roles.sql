-- Complaints: narrow staff read access to the people who handle complaints (complaint officers,
-- unit heads, admins) — reception and one-stop staff of the same unit have no need to read
-- complaint files (data minimisation, Luật BVDLCN 2025). Anon gets no grant at all on the
-- complaint tables (citizens use the code + secret functions).

create function private.is_complaint_staff() returns boolean
language sql stable security definer set search_path = '' as $$
  select private.has_role('complaint_officer') or private.has_role('unit_head') or private.has_role('admin')
$$;
revoke execute on function private.is_complaint_staff() from public;
grant execute on function private.is_complaint_staff() to authenticated, service_role;

drop policy "Staff can read complaints of units they can see" on public.complaints;
create policy "Complaint staff can read complaints of units they can see"
  on public.complaints for select to authenticated
  using ((select private.is_complaint_staff()) and private.can_see_unit(unit_id));

drop policy "Staff can read non-denunciation parties of visible units" on public.complaint_parties;
create policy "Complaint staff can read non-denouncer parties of visible units"
  on public.complaint_parties for select to authenticated
  using (
    (select private.is_complaint_staff())
    and exists (select 1 from public.complaints c
                 where c.id = complaint_id and c.kind <> 'denunciation' and private.can_see_unit(c.unit_id))
  );

drop policy "Staff can read events of complaints of visible units" on public.complaint_events;
create policy "Complaint staff can read events of visible complaints"
  on public.complaint_events for select to authenticated
  using (
    (select private.is_complaint_staff())
    and exists (select 1 from public.complaints c where c.id = complaint_id and private.can_see_unit(c.unit_id))
  );

drop policy "Staff can read notes of complaints of visible units" on public.complaint_notes;
create policy "Complaint staff can read notes of visible complaints"
  on public.complaint_notes for select to authenticated
  using (
    (select private.is_complaint_staff())
    and exists (select 1 from public.complaints c where c.id = complaint_id and private.can_see_unit(c.unit_id))
  );
drop policy "Staff can add own notes to complaints of visible units" on public.complaint_notes;
create policy "Complaint staff can add own notes to visible complaints"
  on public.complaint_notes for insert to authenticated
  with check (
    author_id = (select auth.uid())
    and (select private.is_complaint_staff())
    and exists (select 1 from public.complaints c where c.id = complaint_id and private.can_see_unit(c.unit_id))
  );

drop policy "Staff can read access log of complaints of visible units" on public.complaint_access_log;
create policy "Complaint staff can read the access log of visible complaints"
  on public.complaint_access_log for select to authenticated
  using (
    (select private.is_complaint_staff())
    and exists (select 1 from public.complaints c where c.id = complaint_id and private.can_see_unit(c.unit_id))
  );

revoke all on public.complaints, public.complaint_parties, public.complaint_events,
  public.complaint_notes, public.complaint_access_log from anon;
revoke delete, truncate on public.deadline_rules from authenticated;

revoke execute on function public.get_complaint_parties(uuid) from public, anon;
grant execute on function public.get_complaint_parties(uuid) to authenticated, service_role;

-- The reminders job is for the service role only (default privileges had granted authenticated).
revoke execute on function public.queue_complaint_reminders() from authenticated;

-- The restrictive policy on attachments looked the complaint up with the caller's own RLS, so a
-- colleague who cannot read complaints at all (reception) did not "see" the denunciation and the
-- file slipped through. Decide in a security definer helper that reads the complaint as owner.
create function private.can_see_complaint_file(p_owner uuid) returns boolean
language sql stable security definer set search_path = '' as $$
  select coalesce((
    select c.kind <> 'denunciation'
           or c.assigned_to is not distinct from auth.uid() and c.assigned_to is not null
           or private.has_role('unit_head')
      from public.complaints c where c.id = p_owner), true)
$$;
revoke execute on function private.can_see_complaint_file(uuid) from public;
grant execute on function private.can_see_complaint_file(uuid) to authenticated, service_role;

drop policy "Only assigned officer and unit head see denunciation files" on public.attachments;
create policy "Only assigned officer and unit head see denunciation files"
  on public.attachments as restrictive for select to authenticated
  using (owner_kind <> 'complaint' or owner_id is null or private.can_see_complaint_file(owner_id));

comment on function public.get_complaint_by_code is 'Citizen view of a complaint file (citizen-visible events, access log by unit/role, attachments); null for an unknown code, a wrong secret or a locked code (never raises, so wrong secrets are counted).';
