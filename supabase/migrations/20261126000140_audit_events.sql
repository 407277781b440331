-- Foundation 5/9: audit_events — who did what, when, to which record, before → after.
-- Append-only, enforced three times over:
--   1. grants: no role gets UPDATE, DELETE or TRUNCATE (and API roles no INSERT either);
--   2. RLS: there is no update or delete policy;
--   3. a trigger raising `audit_events_append_only` on UPDATE, DELETE and TRUNCATE. This is the
--      layer that also stops service_role (which bypasses RLS) and the table owner.
-- Rows are written only through private.audit(), called by the security definer functions that
-- change state (one transaction: the change and its audit row commit or roll back together).

create table public.audit_events (
  id bigint generated always as identity primary key,
  occurred_at timestamptz not null default now(),
  actor_id uuid,
  actor_role text,
  unit_id uuid references public.units (id) on delete restrict,
  entity_type text not null check (entity_type ~ '^[a-z_]{1,60}$'),
  entity_id uuid,
  action text not null check (action ~ '^[a-z_]{1,60}$'),
  before jsonb,
  after jsonb,
  note text check (length(note) <= 2000)
);

comment on table public.audit_events is
  'Append-only audit log of state changes. Staff may read the events of units they can see (unit heads: their subtree; admins: all). Nobody may insert directly except service_role; rows come from private.audit(). No role — not even service_role or the owner — may update, delete or truncate (trigger).';
comment on column public.audit_events.actor_role is
  'Staff roles of the actor at the time (comma-separated), or the API role (anon, authenticated, service_role) when the actor is not staff.';

create index audit_events_entity_idx on public.audit_events (entity_type, entity_id, occurred_at);
create index audit_events_unit_idx on public.audit_events (unit_id, occurred_at);

alter table public.audit_events enable row level security;

create policy "Staff can read audit events of units they can see"
  on public.audit_events for select
  to authenticated
  using (unit_id in (select private.visible_unit_ids()));

create policy "Admins can read every audit event"
  on public.audit_events for select
  to authenticated
  using ((select private.has_role('admin')));

revoke all on public.audit_events from anon, authenticated, service_role;
grant select on public.audit_events to authenticated;
grant select, insert on public.audit_events to service_role;

create or replace function private.audit_events_refuse_change()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  raise exception using errcode = 'P0001', message = 'audit_events_append_only',
    detail = format('%s on public.audit_events is not allowed', tg_op);
end;
$$;

create trigger audit_events_no_update_or_delete
  before update or delete on public.audit_events
  for each row execute function private.audit_events_refuse_change();

create trigger audit_events_no_truncate
  before truncate on public.audit_events
  for each statement execute function private.audit_events_refuse_change();

-- Append an audit event for the current request's actor. Called from security definer functions.
create or replace function private.audit(
  entity_type text,
  entity_id uuid,
  unit_id uuid,
  action text,
  before jsonb,
  after jsonb,
  note text default null
)
returns bigint
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  actor uuid := (select auth.uid());
  new_id bigint;
begin
  insert into public.audit_events (actor_id, actor_role, unit_id, entity_type, entity_id, action, before, after, note)
  values (
    actor,
    coalesce(
      (select array_to_string(s.roles, ',') from public.staff s where s.user_id = actor),
      (select auth.role()),
      'system'
    ),
    audit.unit_id, audit.entity_type, audit.entity_id, audit.action, audit.before, audit.after, audit.note
  )
  returning id into new_id;
  return new_id;
end;
$$;

revoke all on function private.audit(text, uuid, uuid, text, jsonb, jsonb, text) from public;
grant execute on function private.audit(text, uuid, uuid, text, jsonb, jsonb, text) to service_role;
