-- Maker-checker for the procedure catalogue (issue 18 item 12).
--
-- Before: one admin published a new procedure version alone (public.publish_procedure_version).
-- Now, as statistics are approved by a head and not by who entered them:
--   * the maker (an admin) submits an edit as a draft: public.submit_procedure_version();
--   * a second person — another admin, or the head of a province-level unit (Cục or tỉnh) —
--     publishes it (public.approve_procedure_version()) or returns it with a reason
--     (public.return_procedure_version()); nobody approves or returns their own draft (the
--     function refuses with own_draft, and a table constraint repeats the rule);
--   * direct publishing is no longer granted to signed-in users (the seed keeps the private one).
-- Every step is audited with the draft before and after. Drafts are read by admins and approvers
-- only (RLS); citizens and anon never see them.

create or replace function private.may_approve_procedure_versions() returns boolean
language plpgsql stable security definer set search_path = '' as $$
begin
  return private.has_role('admin')
    or (private.has_role('unit_head')
        and exists (select 1 from public.units u
                     where u.id = private.staff_unit_id() and u.level in ('cuc', 'tinh')));
end
$$;
revoke all on function private.may_approve_procedure_versions() from public, anon;
grant execute on function private.may_approve_procedure_versions() to authenticated, service_role;

create table public.procedure_version_drafts (
  id uuid primary key default gen_random_uuid(),
  procedure_id uuid not null references public.procedures (id) on delete cascade,
  -- The version the maker edited from: approval refuses when another version was published since.
  base_version integer not null check (base_version > 0),
  topic_code text not null references public.procedure_topics (code),
  -- The new version as publish_procedure_version() takes it (checked by a dry run on submit).
  version jsonb not null check (jsonb_typeof(version) = 'object'),
  status text not null default 'pending'
    check (status in ('pending', 'published', 'returned', 'superseded')),
  submitted_by uuid not null,
  submitted_at timestamptz not null default now(),
  decided_by uuid,
  decided_at timestamptz,
  return_reason text check (return_reason is null or length(btrim(return_reason)) between 3 and 1000),
  published_version_id uuid references public.procedure_versions (id),
  constraint procedure_version_drafts_not_own check (decided_by is distinct from submitted_by),
  constraint procedure_version_drafts_decided check ((status = 'pending') = (decided_at is null)),
  constraint procedure_version_drafts_reason check ((status = 'returned') = (return_reason is not null)),
  constraint procedure_version_drafts_published
    check ((status = 'published') = (published_version_id is not null))
);
comment on table public.procedure_version_drafts is
  'Catalogue edits awaiting a second person (maker-checker). Admins and approvers (admins, heads of Cục/tỉnh units) read them; writes only through submit/approve/return_procedure_version(). Nobody decides their own draft.';
create unique index procedure_version_drafts_one_pending
  on public.procedure_version_drafts (procedure_id) where status = 'pending';
create index procedure_version_drafts_procedure_idx
  on public.procedure_version_drafts (procedure_id, submitted_at desc);

alter table public.procedure_version_drafts enable row level security;
create policy "Catalogue editors and approvers read drafts" on public.procedure_version_drafts
  for select to authenticated using ((select private.may_approve_procedure_versions()));
revoke all on public.procedure_version_drafts from anon;
revoke insert, update, delete, truncate on public.procedure_version_drafts from authenticated;
grant select on public.procedure_version_drafts to authenticated;

-- ---------------------------------------------------------------------------------------------
-- Submit (the maker).
-- ---------------------------------------------------------------------------------------------
create or replace function public.submit_procedure_version(p_code text, p_topic text, version jsonb)
returns uuid
language plpgsql security definer set search_path = ''
as $$
declare
  proc public.procedures;
  current_no int;
  v jsonb := version - 'base_version';
  prev public.procedure_version_drafts;
  d public.procedure_version_drafts;
begin
  if not private.has_role('admin') then
    raise exception using errcode = 'P0001', message = 'not_allowed';
  end if;
  select * into proc from public.procedures where code = p_code for update;
  if proc.id is null then
    raise exception using errcode = 'P0001', message = 'procedure_not_found';
  end if;
  select cv.version into current_no from public.procedure_versions cv where cv.id = proc.current_version_id;
  if version ? 'base_version' and (version ->> 'base_version')::int is distinct from current_no then
    raise exception using errcode = 'P0001', message = 'version_conflict';
  end if;
  -- Dry run: publish inside a subtransaction and roll it back, so a draft that the approver could
  -- never publish is refused now, with the same checks as publishing.
  begin
    perform private.publish_procedure_version(p_code, p_topic, v, auth.uid());
    raise exception using errcode = 'P0001', message = 'dry_run_ok';
  exception
    when check_violation or not_null_violation or invalid_text_representation
         or numeric_value_out_of_range or foreign_key_violation then
      raise exception using errcode = 'P0001', message = 'procedure_version_invalid', detail = sqlerrm;
    when raise_exception then
      if sqlerrm <> 'dry_run_ok' then raise; end if;
  end;
  -- A new submission replaces the pending one of the same procedure (the newest edit wins).
  for prev in select * from public.procedure_version_drafts
              where procedure_id = proc.id and status = 'pending' for update loop
    update public.procedure_version_drafts set status = 'superseded', decided_at = now()
     where id = prev.id;
    perform private.audit('procedure_version_draft', prev.id, null, 'supersede',
      jsonb_build_object('status', 'pending'), jsonb_build_object('status', 'superseded'), p_code);
  end loop;
  insert into public.procedure_version_drafts (procedure_id, base_version, topic_code, version, submitted_by)
  values (proc.id, current_no, coalesce(p_topic, proc.topic_code), v, auth.uid())
  returning * into d;
  perform private.audit('procedure_version_draft', d.id, null, 'submit', null, to_jsonb(d), p_code);
  return d.id;
end
$$;
comment on function public.submit_procedure_version(text, text, jsonb) is
  'Admins: submit an edit of a procedure for approval by a second person. version.base_version, when given, must be the current version number (else version_conflict); the edit is checked as if published (procedure_version_invalid).';
revoke all on function public.submit_procedure_version(text, text, jsonb) from public, anon;
grant execute on function public.submit_procedure_version(text, text, jsonb) to authenticated;

-- Locks a pending draft the caller may decide; raises the coded reason otherwise.
create or replace function private.decidable_procedure_draft(p_draft uuid)
returns public.procedure_version_drafts
language plpgsql security definer set search_path = ''
as $$
declare
  d public.procedure_version_drafts;
begin
  if not private.may_approve_procedure_versions() then
    raise exception using errcode = 'P0001', message = 'not_allowed';
  end if;
  select * into d from public.procedure_version_drafts where id = p_draft for update;
  if d.id is null then
    raise exception using errcode = 'P0001', message = 'draft_not_found';
  end if;
  if d.status <> 'pending' then
    raise exception using errcode = 'P0001', message = 'draft_not_pending';
  end if;
  if d.submitted_by = auth.uid() then
    raise exception using errcode = 'P0001', message = 'own_draft';
  end if;
  return d;
end
$$;
-- Only the two definer functions below call it (as their owner): no API role needs it.
revoke all on function private.decidable_procedure_draft(uuid) from public, anon, authenticated;

-- ---------------------------------------------------------------------------------------------
-- Approve = publish (the checker).
-- ---------------------------------------------------------------------------------------------
create or replace function public.approve_procedure_version(p_draft uuid)
returns uuid
language plpgsql security definer set search_path = ''
as $$
declare
  d public.procedure_version_drafts := private.decidable_procedure_draft(p_draft);
  proc public.procedures;
  current_no int;
  new_id uuid;
  d_after public.procedure_version_drafts;
begin
  select * into proc from public.procedures where id = d.procedure_id for update;
  select cv.version into current_no from public.procedure_versions cv where cv.id = proc.current_version_id;
  if current_no is distinct from d.base_version then
    raise exception using errcode = 'P0001', message = 'version_conflict';
  end if;
  begin
    -- published_by stays the maker; the draft row keeps who approved.
    new_id := private.publish_procedure_version(proc.code, d.topic_code, d.version, d.submitted_by);
  exception
    when check_violation or not_null_violation or invalid_text_representation
         or numeric_value_out_of_range or foreign_key_violation then
      raise exception using errcode = 'P0001', message = 'procedure_version_invalid', detail = sqlerrm;
  end;
  update public.procedure_version_drafts
     set status = 'published', decided_by = auth.uid(), decided_at = now(), published_version_id = new_id
   where id = d.id
  returning * into d_after;
  perform private.audit('procedure_version_draft', d.id, null, 'approve', to_jsonb(d), to_jsonb(d_after), proc.code);
  perform private.audit('procedure_version', new_id, null, 'publish', null, d.version, proc.code);
  return new_id;
end
$$;
comment on function public.approve_procedure_version(uuid) is
  'Admins and heads of Cục/tỉnh units: publish a pending draft submitted by someone else (own_draft for one''s own; version_conflict when another version was published since).';
revoke all on function public.approve_procedure_version(uuid) from public, anon;
grant execute on function public.approve_procedure_version(uuid) to authenticated;

create or replace function public.return_procedure_version(p_draft uuid, p_reason text)
returns void
language plpgsql security definer set search_path = ''
as $$
declare
  d public.procedure_version_drafts := private.decidable_procedure_draft(p_draft);
  reason text := btrim(coalesce(p_reason, ''));
  d_after public.procedure_version_drafts;
begin
  if length(reason) not between 3 and 1000 then
    raise exception using errcode = 'P0001', message = 'reason_required';
  end if;
  update public.procedure_version_drafts
     set status = 'returned', decided_by = auth.uid(), decided_at = now(), return_reason = reason
   where id = d.id
  returning * into d_after;
  perform private.audit('procedure_version_draft', d.id, null, 'return', to_jsonb(d), to_jsonb(d_after), reason);
end
$$;
comment on function public.return_procedure_version(uuid, text) is
  'Admins and heads of Cục/tỉnh units: send a pending draft (not their own) back to its maker with a reason (3–1000 characters).';
revoke all on function public.return_procedure_version(uuid, text) from public, anon;
grant execute on function public.return_procedure_version(uuid, text) to authenticated;

-- No more publishing alone.
revoke execute on function public.publish_procedure_version(text, text, jsonb) from authenticated;
comment on function public.publish_procedure_version(text, text, jsonb) is
  'Not granted to API roles since maker-checker (20261207036000): use submit_procedure_version() and approve_procedure_version().';
