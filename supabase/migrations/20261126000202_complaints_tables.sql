-- Complaints, denunciations and petitions: tables and row-level security.
--
-- Access model (ARCHITECTURE.md rule 1 and 8):
--   * Citizens have no account: they reach their file only through the code + secret functions in
--     20261126000203 (security definer). anon has no policy on any table here.
--   * Staff read complaints of the units they can see (private.can_see_unit: own unit, plus
--     sub-units for a unit head, all units for an admin). Nobody writes these tables directly:
--     every change goes through a state-changing function (20261126000204).
--   * Identity lives in complaint_parties, apart from the complaint. For a denunciation (tố cáo)
--     the denouncer's identity is confidential (Luật Tố cáo 2018 Điều 47): no policy exposes those
--     rows; the assigned officer and the unit head read them through
--     public.get_complaint_parties(), which audits every view.
--   * Internal notes (complaint_notes) are separate from the citizen-visible history
--     (complaint_events with citizen_visible), so a query mistake cannot leak a note.

create table public.complaints (
  id uuid primary key default gen_random_uuid(),
  kind text not null check (kind in ('complaint', 'denunciation', 'petition')),
  instance smallint not null default 1 check (instance in (1, 2)),
  -- A second-instance complaint points at the first-instance file it appeals.
  parent_id uuid null references public.complaints (id),
  unit_id uuid not null references public.units (id),
  status text not null default 'received' references public.complaint_statuses (code),
  subject text not null default 'before_measure'
    check (subject in ('before_measure', 'account_freeze', 'protective_measure', 'coercion')),
  in_competence boolean null,
  is_group boolean not null default false,
  filer_capacity text not null default 'party'
    check (filer_capacity in ('creditor', 'debtor', 'related_party', 'other', 'party')),
  via_representative boolean not null default false,
  -- The decision or act concerned.
  decision_number text null check (char_length(decision_number) <= 100),
  decision_date date null,
  enforcement_officer text null check (char_length(enforcement_officer) <= 200),
  case_number text null check (char_length(case_number) <= 100),
  learned_on date null,
  content text not null check (char_length(content) between 20 and 10000),
  request text not null check (char_length(request) between 5 and 5000),
  -- Dates and deadlines (deadlines are dates in Vietnam time).
  received_at timestamptz not null default now(),
  accept_due date null,
  accepted_at timestamptz null,
  resolve_due date null,
  resolved_at timestamptz null,
  closed_at timestamptz null,
  outcome text null check (outcome in ('upheld', 'partly_upheld', 'rejected', 'true', 'partly_true', 'false', 'answered')),
  outcome_summary text null,
  decision_attachment_id uuid null references public.attachments (id),
  assigned_to uuid null references public.staff (user_id),
  info_request text null,
  info_requested_at timestamptz null,
  tracking_code text null unique,
  idempotency_key uuid null unique,
  updated_at timestamptz not null default now()
);
comment on table public.complaints is
  'One complaint, denunciation or petition per instance. Staff of a visible unit read; nobody writes directly (state-changing SQL functions only). Identity lives in complaint_parties.';
create index complaints_unit_status_idx on public.complaints (unit_id, status);
create index complaints_assigned_idx on public.complaints (assigned_to) where assigned_to is not null;
create index complaints_parent_idx on public.complaints (parent_id) where parent_id is not null;
create index complaints_received_idx on public.complaints (received_at);

alter table public.complaints enable row level security;
create policy "Staff can read complaints of units they can see"
  on public.complaints for select to authenticated
  using ((select private.is_staff()) and private.can_see_unit(unit_id));
revoke insert, update, delete, truncate on public.complaints from anon, authenticated;

create table public.complaint_parties (
  id uuid primary key default gen_random_uuid(),
  complaint_id uuid not null references public.complaints (id) on delete cascade,
  -- filer: who sent it; co_filer: another person in a group complaint; representative: chosen
  -- representative of a group or authorised representative; represented: the person a
  -- representative acts for.
  role text not null check (role in ('filer', 'co_filer', 'representative', 'represented')),
  full_name text not null check (char_length(full_name) between 2 and 200),
  cccd text null check (cccd ~ '^[0-9]{12}$'),
  phone text null check (phone ~ '^(0[0-9]{9}|\+84[0-9]{9})$'),
  email text null check (char_length(email) <= 200),
  province text null check (char_length(province) <= 100),
  ward text null check (char_length(ward) <= 100),
  address_line text null check (char_length(address_line) <= 300),
  authorisation text null check (char_length(authorisation) <= 500),
  sort_order smallint not null default 0
);
comment on table public.complaint_parties is
  'Identity of filers, co-filers, representatives. Staff of a visible unit read for complaints and petitions; denouncers only through get_complaint_parties() (assigned officer, unit head; audited).';
create index complaint_parties_complaint_idx on public.complaint_parties (complaint_id);
create index complaint_parties_cccd_idx on public.complaint_parties (cccd) where cccd is not null;

alter table public.complaint_parties enable row level security;
create policy "Staff can read non-denunciation parties of visible units"
  on public.complaint_parties for select to authenticated
  using (
    (select private.is_staff())
    and exists (
      select 1 from public.complaints c
       where c.id = complaint_id and c.kind <> 'denunciation' and private.can_see_unit(c.unit_id)
    )
  );
revoke insert, update, delete, truncate on public.complaint_parties from anon, authenticated;

create table public.complaint_events (
  id bigint generated always as identity primary key,
  complaint_id uuid not null references public.complaints (id) on delete cascade,
  occurred_at timestamptz not null default now(),
  -- submitted, classified, accepted, returned, forwarded, guided, assigned, info_requested,
  -- info_provided, documents_added, verification, dialogue, resolved, withdrawn, reopened, extended
  event text not null,
  status_after text not null references public.complaint_statuses (code),
  citizen_visible boolean not null,
  -- Text the citizen may read (reason for return, guidance, request for information…).
  public_note text null,
  -- Structured details (deadline, destination unit id/name, dialogue date…).
  data jsonb not null default '{}'::jsonb,
  actor_id uuid null,
  actor_unit_id uuid null references public.units (id),
  actor_role text null
);
comment on table public.complaint_events is
  'Status history. Rows with citizen_visible are shown on the tracking page (without actor identity). Staff of a visible unit read; written only by the complaint functions.';
create index complaint_events_complaint_idx on public.complaint_events (complaint_id, occurred_at);

alter table public.complaint_events enable row level security;
create policy "Staff can read events of complaints of visible units"
  on public.complaint_events for select to authenticated
  using (
    (select private.is_staff())
    and exists (select 1 from public.complaints c where c.id = complaint_id and private.can_see_unit(c.unit_id))
  );
revoke insert, update, delete, truncate on public.complaint_events from anon, authenticated;

create table public.complaint_notes (
  id bigint generated always as identity primary key,
  complaint_id uuid not null references public.complaints (id) on delete cascade,
  created_at timestamptz not null default now(),
  author_id uuid not null default auth.uid() references public.staff (user_id),
  body text not null check (char_length(body) between 1 and 5000)
);
comment on table public.complaint_notes is
  'Internal notes: staff only, never shown to the citizen. Staff of a visible unit read and add their own.';
create index complaint_notes_complaint_idx on public.complaint_notes (complaint_id);

alter table public.complaint_notes enable row level security;
create policy "Staff can read notes of complaints of visible units"
  on public.complaint_notes for select to authenticated
  using (
    (select private.is_staff())
    and exists (select 1 from public.complaints c where c.id = complaint_id and private.can_see_unit(c.unit_id))
  );
create policy "Staff can add own notes to complaints of visible units"
  on public.complaint_notes for insert to authenticated
  with check (
    author_id = (select auth.uid())
    and (select private.is_staff())
    and exists (select 1 from public.complaints c where c.id = complaint_id and private.can_see_unit(c.unit_id))
  );
revoke update, delete, truncate on public.complaint_notes from anon, authenticated;
revoke insert, select on public.complaint_notes from anon;

create table public.complaint_access_log (
  id bigint generated always as identity primary key,
  complaint_id uuid not null references public.complaints (id) on delete cascade,
  opened_at timestamptz not null default now(),
  user_id uuid not null,
  unit_id uuid null references public.units (id),
  role text null,
  -- 'file' = opened the file; 'identity' = revealed a denouncer's identity.
  what text not null default 'file' check (what in ('file', 'identity'))
);
comment on table public.complaint_access_log is
  '"Who opened my file": one row each time a staff member opens a submission. The citizen sees unit and role, never the name. Staff of a visible unit read; written by log_complaint_access().';
create index complaint_access_log_complaint_idx on public.complaint_access_log (complaint_id, opened_at);

alter table public.complaint_access_log enable row level security;
create policy "Staff can read access log of complaints of visible units"
  on public.complaint_access_log for select to authenticated
  using (
    (select private.is_staff())
    and exists (select 1 from public.complaints c where c.id = complaint_id and private.can_see_unit(c.unit_id))
  );
revoke insert, update, delete, truncate on public.complaint_access_log from anon, authenticated;
