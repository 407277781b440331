-- Complaints: the code + secret functions no longer raise for an unknown code or a wrong secret.
--
-- public.resolve_tracking_code counts a wrong secret and locks the code after 5 (15 minutes). The
-- functions of 20261126000204 raised `tracking_not_found` after it, and the raise rolled back the
-- counter with the rest of the request: the lockout held for the /tra-cuu page (which resolves the
-- code on its own first) but not for someone calling these RPCs directly. Like the procedures
-- functions (20261126000410), they now return null / no row, so the counter is committed; the app
-- maps null to the same generic errors_tracking_not_found.

create or replace function private.complaints_by_code(p_code text, p_secret text) returns uuid
language plpgsql security definer set search_path = '' as $$
declare
  r record;
begin
  select * into r from public.resolve_tracking_code(p_code, p_secret);
  if r.kind is distinct from 'complaint' or r.ref_id is null then
    return null; -- never raise here: the failed-attempt counter must be committed
  end if;
  return private.complaints_latest(r.ref_id);
end
$$;

create or replace function public.get_complaint_by_code(code text, secret text) returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  v_id uuid := private.complaints_by_code(code, secret);
begin
  if v_id is null then
    return null;
  end if;
  return private.complaints_citizen_view(v_id);
end
$$;
comment on function public.get_complaint_by_code is 'Citizen view of a complaint file (citizen-visible events, access log by unit/role, attachments); null for an unknown code, a wrong secret or a locked code (never raises, so wrong secrets are counted).';

create or replace function public.get_complaint_attachment_by_code(code text, secret text, attachment_id uuid)
returns table (bucket text, path text, file_name text, mime_type text)
language plpgsql security definer set search_path = '' as $$
declare
  v_id uuid := private.complaints_by_code(code, secret);
begin
  if v_id is null then
    return; -- no row: same answer as an unknown attachment
  end if;
  return query
    select a.bucket, a.path, a.file_name, a.mime_type from public.attachments a
     where a.id = attachment_id and a.owner_kind = 'complaint' and not a.is_internal
       and a.owner_id in (v_id, (select parent_id from public.complaints where id = v_id));
  if not found then
    raise exception using errcode = 'P0001', message = 'attachment_not_found';
  end if;
end
$$;

create or replace function public.withdraw_complaint_by_code(code text, secret text, reason text default null)
returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  v_id uuid := private.complaints_by_code(code, secret);
  c public.complaints;
begin
  if v_id is null then
    return null;
  end if;
  select * into c from public.complaints where id = v_id for update;
  if c.status not in ('received', 'accepted', 'verifying', 'dialogue') then
    raise exception using errcode = 'P0001', message = 'invalid_transition';
  end if;
  update public.complaints set status = 'withdrawn', closed_at = now(), info_request = null, updated_at = now()
   where id = v_id;
  perform private.complaints_event(v_id, 'withdrawn', true, left(nullif(btrim(reason), ''), 1000),
                                   jsonb_build_object('by', 'citizen'));
  perform private.audit('complaint', v_id, c.unit_id, 'withdraw_by_citizen',
                        jsonb_build_object('status', c.status), jsonb_build_object('status', 'withdrawn'), null);
  return private.complaints_citizen_view(v_id);
end
$$;

create or replace function public.add_complaint_documents_by_code(code text, secret text, draft_key uuid, message text default null)
returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  v_id uuid := private.complaints_by_code(code, secret);
  c public.complaints;
  v_files int := 0;
  v_total int;
  v_msg text := left(nullif(btrim(message), ''), 5000);
begin
  if v_id is null then
    return null;
  end if;
  select * into c from public.complaints where id = v_id for update;
  if c.status not in ('received', 'accepted', 'verifying', 'dialogue') then
    raise exception using errcode = 'P0001', message = 'invalid_transition';
  end if;
  if draft_key is not null then
    update public.attachments a set owner_id = v_id, draft_key = null, unit_id = c.unit_id
     where a.draft_key = add_complaint_documents_by_code.draft_key and a.owner_kind = 'complaint' and a.owner_id is null;
    get diagnostics v_files = row_count;
  end if;
  select count(*) into v_total from public.attachments where owner_kind = 'complaint' and owner_id = v_id;
  if v_total > 30 then
    raise exception using errcode = 'P0001', message = 'too_many_attachments';
  end if;
  if v_files = 0 and v_msg is null then
    raise exception using errcode = 'P0001', message = 'invalid_message';
  end if;
  if c.info_request is not null then
    update public.complaints set info_request = null, updated_at = now() where id = v_id;
    perform private.complaints_event(v_id, 'info_provided', true, v_msg, jsonb_build_object('files', v_files));
  else
    perform private.complaints_event(v_id, 'documents_added', true, v_msg, jsonb_build_object('files', v_files));
  end if;
  perform private.audit('complaint', v_id, c.unit_id, 'citizen_added_documents', null,
                        jsonb_build_object('files', v_files, 'answered_request', c.info_request is not null), null);
  return private.complaints_citizen_view(v_id);
end
$$;
