
drop function if exists public.log_application_access(uuid, text);

create table public.record_access_log (
  id bigint generated always as identity primary key,
  record_kind text not null check (record_kind in ('application', 'booking')),
  record_id uuid not null,
  opened_at timestamptz not null default now(),
  user_id uuid not null,
  unit_id uuid null references public.units (id),
  role text null,
  what text not null check (what in ('file', 'document', 'identity_document')),
  -- The document read (application_documents.document_key), for 'document' / 'identity_document'.
  document_key text null check (length(document_key) <= 80)
);
comment on table public.record_access_log is
  '"Who opened my file" for applications and bookings: staff reads, written by log_application_access(), open_application_attachment() and log_booking_access(). Staff who may read the record read it; the citizen sees unit and role through get_access_log_by_code().';
create index record_access_log_record_idx on public.record_access_log (record_kind, record_id, opened_at);
alter table public.record_access_log enable row level security;
-- The subqueries run under the caller's row-level security: whoever may read the record reads its log.
create policy "Staff can read the access log of records they can read"
  on public.record_access_log for select to authenticated
  using (
    (record_kind = 'application' and exists (select 1 from public.applications a where a.id = record_id))
    or (record_kind = 'booking' and exists (select 1 from public.bookings b where b.id = record_id))
  );
revoke all on public.record_access_log from anon;
revoke insert, update, delete, truncate on public.record_access_log from authenticated;
grant select on public.record_access_log to authenticated;
grant all on public.record_access_log to service_role;

-- The caller's main role, as shown to the citizen.
create function private.access_log_role(p_prefer text) returns text
language sql stable security definer set search_path = '' as $$
  select case when 'unit_head' = any (s.roles) then 'unit_head'
              when p_prefer = any (s.roles) then p_prefer
              when 'admin' = any (s.roles) then 'admin'
              else s.roles[1] end
    from public.staff s where s.user_id = auth.uid()
$$;

create function private.log_record_access(p_kind text, p_id uuid, p_role text, p_what text, p_key text)
returns void language plpgsql volatile security definer set search_path = '' as $$
begin
  if not exists (select 1 from public.record_access_log l
                  where l.record_kind = p_kind and l.record_id = p_id and l.user_id = auth.uid()
                    and l.what = p_what and l.document_key is not distinct from p_key
                    and l.opened_at > now() - interval '10 minutes') then
    insert into public.record_access_log (record_kind, record_id, user_id, unit_id, role, what, document_key)
    values (p_kind, p_id, auth.uid(), private.staff_unit_id(), private.access_log_role(p_role), p_what, p_key);
  end if;
end
$$;
revoke all on function private.access_log_role(text) from public, anon, authenticated;
revoke all on function private.log_record_access(text, uuid, text, text, text) from public, anon, authenticated;

/** Staff opened an application's page (applicant identity): logged for the citizen. */
create function public.log_application_access(p_id uuid)
returns void language plpgsql volatile security definer set search_path = '' as $$
declare
  v_unit uuid;
begin
  select a.unit_id into v_unit from public.applications a where a.id = p_id;
  if v_unit is null or not private.application_can_see(v_unit) then
    raise exception using errcode = 'P0001', message = 'not_in_your_unit';
  end if;
  perform private.log_record_access('application', p_id, 'procedure_officer', 'file', null);
end
$$;

/** Staff reads one file of an application: logged first, then its location is returned. */
create function public.open_application_attachment(p_id uuid, p_attachment_id uuid)
returns table (bucket text, path text, file_name text, mime_type text)
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_unit uuid;
  v_key text;
  f public.attachments;
begin
  select a.unit_id into v_unit from public.applications a where a.id = p_id;
  if v_unit is null or not private.application_can_see(v_unit) then
    raise exception using errcode = 'P0001', message = 'not_in_your_unit';
  end if;
  select * into f from public.attachments x
   where x.id = p_attachment_id
     and (x.owner_id = p_id
          or exists (select 1 from public.application_documents d
                      where d.application_id = p_id and d.attachment_id = x.id));
  if f.id is null then
    raise exception using errcode = 'P0001', message = 'attachment_not_found';
  end if;
  select d.document_key into v_key from public.application_documents d
   where d.application_id = p_id and d.attachment_id = p_attachment_id;
  perform private.log_record_access('application', p_id, 'procedure_officer',
    case when v_key ~ '(tuy_than|cccd|can_cuoc|ho_chieu|cmnd)' then 'identity_document' else 'document' end,
    v_key);
  return query select f.bucket, f.path, f.file_name, f.mime_type;
end
$$;

revoke all on function public.log_application_access(uuid) from public, anon;
revoke all on function public.open_application_attachment(uuid, uuid) from public, anon;
revoke all on function public.log_booking_access(uuid) from public, anon;
grant execute on function public.log_application_access(uuid) to authenticated, service_role;
grant execute on function public.open_application_attachment(uuid, uuid) to authenticated, service_role;
grant execute on function public.log_booking_access(uuid) to authenticated, service_role;

/**
 * The citizen's "who opened my file", for any code: [{opened_at, unit_name, role, what}], newest
 * first; no row for a wrong code or secret (resolve_tracking_code counts and locks).
 */
create function public.get_access_log_by_code(code text, secret text)
returns table (opened_at timestamptz, unit_name text, role text, what text)
language plpgsql volatile security definer set search_path = '' as $$
declare
  r record;
begin
  select * into r from public.resolve_tracking_code(code, secret);
  if r.ref_id is null then
    return;
  end if;
  if r.kind = 'complaint' then
    return query
      select l.opened_at, u.name, l.role, l.what
        from public.complaint_access_log l left join public.units u on u.id = l.unit_id
       where l.complaint_id = r.ref_id
       order by l.opened_at desc limit 200;
  else
    return query
      select l.opened_at, u.name, l.role, l.what
        from public.record_access_log l left join public.units u on u.id = l.unit_id
       where l.record_kind = r.kind and l.record_id = r.ref_id
       order by l.opened_at desc limit 200;
  end if;
end
$$;
revoke all on function public.get_access_log_by_code(text, text) from public;
grant execute on function public.get_access_log_by_code(text, text) to anon, authenticated, service_role;
