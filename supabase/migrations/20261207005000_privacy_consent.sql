-- Personal data 1/5 (issue 12 item 13; Luật Bảo vệ dữ liệu cá nhân 91/2025/QH15): consent is kept
-- as evidence for every filing — complaints, bookings and applications alike.
--
-- Before: submit_complaint and book_reception refused a filing without consent but kept nothing;
-- applications kept only the time (applications.consent_at). The law asks the controller to be
-- able to prove the consent: for which purpose, on which notice, when and how it was given.
--
--   * privacy_notices: the versions of the notice /bao-ve-du-lieu (one is current). The forms may
--     send the version they showed (payload.notice_version); an unknown one falls back to the
--     current version.
--   * personal_data_consents: one row per (record, purpose). Method online_form (the citizen's
--     tick box) or oral_at_desk (a staff member asked and ticked the desk form; the officer is
--     recorded in recorded_by). No personal data in it: record ids only.
--   * submit_complaint and book_reception (latest bodies from 20261207002010, unchanged except the
--     private.record_consent call) store it; applications get it from a trigger on consent_at,
--     so private.file_application is not redefined. Existing consented applications are
--     backfilled against the first notice.
--   * Walk-ins (add_walk_in) ask no consent yet: reception desk functions are being changed by
--     another change; they should call private.record_consent('booking', id, unit,
--     'reception_booking', null) when the officer ticks "the visitor agreed orally".

create table public.privacy_notices (
  version text primary key check (version ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'),
  published_on date not null,
  is_current boolean not null default false,
  summary text not null check (length(summary) <= 500)
);
comment on table public.privacy_notices is
  'Versions of the personal-data notice (/bao-ve-du-lieu). Everyone reads; changed by migration only.';
create unique index privacy_notices_one_current on public.privacy_notices (is_current) where is_current;
alter table public.privacy_notices enable row level security;
create policy "Anyone can read the versions of the privacy notice"
  on public.privacy_notices for select to anon, authenticated using (true);
revoke insert, update, delete, truncate on public.privacy_notices from anon, authenticated;
grant select on public.privacy_notices to anon, authenticated;

insert into public.privacy_notices (version, published_on, is_current, summary) values
  ('2026-11-26', '2026-11-26', false, 'First notice: purposes and rights in general terms.'),
  ('2026-12-07', '2026-12-07', true,
   'Which roles see what, access logs for every kind of file, the retention schedule, a copy of the data and erasure requests by code + secret.');

create table public.personal_data_consents (
  id bigint generated always as identity primary key,
  record_kind text not null check (record_kind in ('complaint', 'booking', 'application')),
  record_id uuid not null,
  unit_id uuid not null references public.units (id),
  purpose text not null
    check (purpose in ('complaint_handling', 'reception_booking', 'application_processing')),
  notice_version text not null references public.privacy_notices (version),
  method text not null check (method in ('online_form', 'oral_at_desk')),
  given_at timestamptz not null default now(),
  -- The staff member who asked, for oral consent at the desk.
  recorded_by uuid null,
  unique (record_kind, record_id, purpose)
);
comment on table public.personal_data_consents is
  'Evidence of consent (Luật BVDLCN 91/2025/QH15): purpose, notice version, time and method per filing. Staff who may read the file read it; written only by private.record_consent() inside the filing functions. Kept when a file is anonymised (it holds no personal data); deleted with a file that is deleted.';
create index personal_data_consents_record_idx on public.personal_data_consents (record_kind, record_id);
alter table public.personal_data_consents enable row level security;
-- The subqueries run under the caller's row-level security: whoever may read the file reads its
-- consent (complaint staff, reception, one-stop officers, heads, admins of visible units).
create policy "Staff can read consent records of files they can read"
  on public.personal_data_consents for select to authenticated
  using (
    (record_kind = 'complaint' and exists (select 1 from public.complaints c where c.id = record_id))
    or (record_kind = 'booking' and exists (select 1 from public.bookings b where b.id = record_id))
    or (record_kind = 'application' and exists (select 1 from public.applications a where a.id = record_id))
  );
revoke all on public.personal_data_consents from anon;
revoke insert, update, delete, truncate on public.personal_data_consents from authenticated;
grant select on public.personal_data_consents to authenticated;
grant all on public.personal_data_consents to service_role;

/** Stores the consent of one filing (idempotent per record and purpose). */
create function private.record_consent(
  p_kind text, p_id uuid, p_unit uuid, p_purpose text, p_version text
) returns void language plpgsql volatile security definer set search_path = '' as $$
declare
  v_version text;
  v_staff boolean := private.is_staff();
begin
  select n.version into v_version from public.privacy_notices n where n.version = p_version;
  if v_version is null then
    select n.version into v_version from public.privacy_notices n where n.is_current;
  end if;
  insert into public.personal_data_consents
    (record_kind, record_id, unit_id, purpose, notice_version, method, recorded_by)
  values (p_kind, p_id, p_unit, p_purpose, v_version,
          case when v_staff then 'oral_at_desk' else 'online_form' end,
          case when v_staff then auth.uid() end)
  on conflict (record_kind, record_id, purpose) do nothing;
end
$$;
revoke all on function private.record_consent(text, uuid, uuid, text, text) from public, anon, authenticated;

-- Applications: file_application sets consent_at when the citizen consented (online filing).
create function private.applications_record_consent() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  perform private.record_consent('application', new.id, new.unit_id, 'application_processing', null);
  return new;
end
$$;
revoke all on function private.applications_record_consent() from public, anon, authenticated;
create trigger applications_record_consent
  after insert on public.applications
  for each row when (new.consent_at is not null)
  execute function private.applications_record_consent();

insert into public.personal_data_consents
  (record_kind, record_id, unit_id, purpose, notice_version, method, given_at)
select 'application', a.id, a.unit_id, 'application_processing', '2026-11-26',
       case a.channel when 'desk' then 'oral_at_desk' else 'online_form' end, a.consent_at
  from public.applications a
 where a.consent_at is not null
on conflict do nothing;
