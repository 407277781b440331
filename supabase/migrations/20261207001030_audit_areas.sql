-- Audit rows by area (issue 12 item 5).
--
-- Before: any staff member read every audit event of the units they see, so a reception officer
-- read a complaint's trail — including free-text reasons (return, forward, deadline extension)
-- that may name the denounced person.
--
-- Now:
--   * Events about complaints are read by complaint staff only; events of the reception desk by
--     reception staff, unit heads and admins; events of one-stop applications by procedure
--     officers, unit heads and admins. Other events (catalogue, statistics…) as before: staff of
--     a visible unit. Admins still read everything.
--   * A complaint event never keeps a free-text note: a trigger moves it into the file's internal
--     notes (complaint_notes, complaint staff only), once, authored by the actor.

-- Entity types the signed-in staff member may not read (evaluated once per statement).
create function private.audit_hidden_entity_types() returns text[]
language plpgsql stable security definer set search_path = '' as $$
declare
  v text[] := '{}';
begin
  if not private.is_complaint_staff() then
    v := v || array['complaint'];
  end if;
  if not (private.has_role('reception') or private.has_role('unit_head') or private.has_role('admin')) then
    v := v || array['reception_visit', 'booking', 'reception_closure', 'reception_head_day', 'reception_schedule'];
  end if;
  if not (private.has_role('procedure_officer') or private.has_role('unit_head') or private.has_role('admin')) then
    v := v || array['application'];
  end if;
  return v;
end
$$;
revoke execute on function private.audit_hidden_entity_types() from public;
grant execute on function private.audit_hidden_entity_types() to authenticated, service_role;

drop policy "Staff can read audit events of units they can see" on public.audit_events;
create policy "Staff can read audit events of their area in units they can see"
  on public.audit_events for select to authenticated
  using (
    unit_id in (select private.visible_unit_ids())
    and not (entity_type = any (coalesce((select private.audit_hidden_entity_types()), '{}'::text[])))
  );
comment on table public.audit_events is
  'Append-only audit log of state changes. Staff read the events of units they can see and of their own area (complaint events: complaint staff; reception events: reception staff and heads; application events: one-stop staff and heads); admins read all. Complaint events carry no free-text note (moved to complaint_notes). Nobody may insert directly except service_role; rows come from private.audit(). No role — not even service_role or the owner — may update, delete or truncate (trigger).';

-- Free text on a complaint event (reasons for return, forwarding, extension…) may name the people
-- denounced: keep it in the file's internal notes instead of the audit row.
create function private.audit_events_complaint_note() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  v_body text := left(btrim(new.note), 5000);
begin
  if new.entity_type = 'complaint' and new.note is not null then
    if v_body <> '' and new.entity_id is not null and new.actor_id is not null
       and exists (select 1 from public.staff s where s.user_id = new.actor_id)
       and exists (select 1 from public.complaints c where c.id = new.entity_id) then
      -- The same transaction may already have written it as a note (extend_denunciation_deadline).
      insert into public.complaint_notes (complaint_id, author_id, body)
      select new.entity_id, new.actor_id, v_body
       where not exists (select 1 from public.complaint_notes n
                          where n.complaint_id = new.entity_id and n.body = v_body and n.created_at = now());
    end if;
    new.note := null;
  end if;
  return new;
end
$$;
revoke execute on function private.audit_events_complaint_note() from public, anon, authenticated;
create trigger audit_events_complaint_note
  before insert on public.audit_events
  for each row execute function private.audit_events_complaint_note();
