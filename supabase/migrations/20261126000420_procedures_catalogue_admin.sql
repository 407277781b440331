-- Catalogue administration: admins edit a procedure by publishing a new version (the page
-- /staff/thu-tuc/danh-muc/[code]); versions stay immutable, so an application keeps the rules of
-- the version it was filed under (applications.procedure_version_id).
--
-- This migration adds:
--   * procedure_versions.template_ref — the number of the legal form (mẫu đơn) where the law
--     gives one, e.g. "Mẫu số D04-THADS …" [check]; the portal prints a blank form generated from
--     the version's field definitions (/thu-tuc/[code]/mau-don) and shows this number on it;
--   * DB constraints on the shape of documents and fields (the zod schema of the admin page,
--     src/lib/procedures/version-schema.ts, is the first line; these hold for every writer);
--   * publish_procedure_version() with coded errors: not_allowed, version_conflict (someone
--     published since the admin opened the page: base_version), procedure_version_invalid.

alter table public.procedure_versions
  add column template_ref text check (length(template_ref) <= 200);
comment on column public.procedure_versions.template_ref is
  'Number of the form prescribed by law for the application (mẫu đơn), if any [check].';

-- ---------------------------------------------------------------------------------------------
-- Shape checks. Each returns the first problem (a short code) or null; the constraints use them.
-- Mirrored by src/lib/procedures/version-schema.ts (fieldDefinitionsSchema of fields.ts).
-- ---------------------------------------------------------------------------------------------
create or replace function private.procedure_fields_problem(fields jsonb) returns text
language plpgsql immutable set search_path = ''
as $$
declare
  f jsonb;
  n text;
  names text[] := '{}';
begin
  if jsonb_typeof(fields) is distinct from 'array' then
    return 'not_array';
  end if;
  if jsonb_array_length(fields) > 40 then
    return 'too_many';
  end if;
  for f in select * from jsonb_array_elements(fields) loop
    if jsonb_typeof(f) <> 'object' then
      return 'not_object';
    end if;
    n := f ->> 'name';
    if n is null or n !~ '^[a-z][a-z0-9_]{0,59}$' or n = any (names) then
      return 'name';
    end if;
    names := names || n;
    if coalesce(length(f ->> 'label_vi'), 0) not between 1 and 200
       or coalesce(length(f ->> 'label_en'), 0) not between 1 and 200 then
      return 'label';
    end if;
    if coalesce(f ->> 'type', '') not in ('text', 'textarea', 'date', 'number', 'select', 'cccd',
                                          'phone', 'money') then
      return 'type';
    end if;
    if f ->> 'type' = 'select' and (
         jsonb_typeof(f -> 'options') is distinct from 'array'
         or jsonb_array_length(f -> 'options') = 0
         or exists (select 1 from jsonb_array_elements(f -> 'options') o
                     where jsonb_typeof(o) <> 'object' or coalesce(o ->> 'value', '') = '')) then
      return 'options';
    end if;
    if f ? 'required' and jsonb_typeof(f -> 'required') <> 'boolean' then
      return 'required';
    end if;
    if f ? 'max_length' and (jsonb_typeof(f -> 'max_length') <> 'number'
         or (f ->> 'max_length')::numeric not between 1 and 10000
         or (f ->> 'max_length')::numeric % 1 <> 0) then
      return 'max_length';
    end if;
  end loop;
  return null;
end
$$;

create or replace function private.procedure_documents_problem(documents jsonb) returns text
language plpgsql immutable set search_path = ''
as $$
declare
  d jsonb;
  k text;
  keys text[] := '{}';
begin
  if jsonb_typeof(documents) is distinct from 'array' then
    return 'not_array';
  end if;
  if jsonb_array_length(documents) > 30 then
    return 'too_many';
  end if;
  for d in select * from jsonb_array_elements(documents) loop
    if jsonb_typeof(d) <> 'object' then
      return 'not_object';
    end if;
    k := d ->> 'key';
    if k is null or k !~ '^[a-z][a-z0-9_]{0,79}$' or k = any (keys) then
      return 'key';
    end if;
    keys := keys || k;
    if coalesce(length(d ->> 'label_vi'), 0) not between 1 and 300
       or coalesce(length(d ->> 'label_en'), 0) not between 1 and 300 then
      return 'label';
    end if;
    if d ? 'required' and jsonb_typeof(d -> 'required') <> 'boolean' then
      return 'required';
    end if;
  end loop;
  return null;
end
$$;

alter table public.procedure_versions
  add constraint procedure_versions_fields_shape check (private.procedure_fields_problem(fields) is null),
  add constraint procedure_versions_documents_shape check (private.procedure_documents_problem(documents) is null);

-- ---------------------------------------------------------------------------------------------
-- Publishing, now with template_ref (the rest as in 20261126000400).
-- ---------------------------------------------------------------------------------------------
create or replace function private.publish_procedure_version(
  p_code text, p_topic text, v jsonb, p_actor uuid default null
) returns uuid
language plpgsql security definer set search_path = ''
as $$
declare
  proc public.procedures;
  new_id uuid;
  next_version int;
begin
  select * into proc from public.procedures where code = p_code for update;
  if proc.id is null then
    if p_topic is null then
      raise exception using errcode = 'P0001', message = 'procedure_not_found';
    end if;
    insert into public.procedures (code, topic_code, national_code, sort)
    values (p_code, p_topic, v ->> 'national_code', coalesce((v ->> 'sort')::smallint, 0))
    returning * into proc;
  elsif p_topic is not null and p_topic <> proc.topic_code then
    update public.procedures set topic_code = p_topic where id = proc.id;
  end if;

  select coalesce(max(version), 0) + 1 into next_version
    from public.procedure_versions where procedure_id = proc.id;

  insert into public.procedure_versions (
    procedure_id, version, name_vi, name_en, summary_vi, summary_en, applicants_vi, applicants_en,
    documents, fields, processing_days, processing_note_vi, processing_note_en, fee_amount,
    fee_vi, fee_en, legal_basis, modes, where_vi, where_en, result_vi, result_en, needs_check,
    check_note, published_by, template_ref)
  values (
    proc.id, next_version, v ->> 'name_vi', v ->> 'name_en',
    coalesce(v ->> 'summary_vi', ''), coalesce(v ->> 'summary_en', ''),
    coalesce(v ->> 'applicants_vi', ''), coalesce(v ->> 'applicants_en', ''),
    coalesce(v -> 'documents', '[]'), coalesce(v -> 'fields', '[]'),
    (v ->> 'processing_days')::int,
    coalesce(v ->> 'processing_note_vi', ''), coalesce(v ->> 'processing_note_en', ''),
    coalesce((v ->> 'fee_amount')::bigint, 0),
    coalesce(v ->> 'fee_vi', 'Không thu phí'), coalesce(v ->> 'fee_en', 'Free of charge'),
    coalesce(v ->> 'legal_basis', ''),
    coalesce((select array_agg(x) from jsonb_array_elements_text(v -> 'modes') x), '{in_person}'),
    coalesce(v ->> 'where_vi', ''), coalesce(v ->> 'where_en', ''),
    coalesce(v ->> 'result_vi', ''), coalesce(v ->> 'result_en', ''),
    coalesce((v ->> 'needs_check')::boolean, true), nullif(btrim(coalesce(v ->> 'check_note', '')), ''),
    p_actor, nullif(btrim(coalesce(v ->> 'template_ref', '')), ''))
  returning id into new_id;

  update public.procedures set current_version_id = new_id where id = proc.id;
  return new_id;
end
$$;
revoke all on function private.publish_procedure_version(text, text, jsonb, uuid) from public;

create or replace function public.publish_procedure_version(p_code text, p_topic text, version jsonb)
returns uuid
language plpgsql security definer set search_path = ''
as $$
declare
  new_id uuid;
  current_no int;
begin
  if not private.has_role('admin') then
    raise exception using errcode = 'P0001', message = 'not_allowed';
  end if;
  -- Optimistic lock: the admin's form says which version it was edited from; a version published
  -- meanwhile by someone else must not be silently overwritten.
  select cv.version into current_no
    from public.procedures p join public.procedure_versions cv on cv.id = p.current_version_id
   where p.code = p_code
     for update of p;
  if version ? 'base_version' and (version ->> 'base_version')::int is distinct from current_no then
    raise exception using errcode = 'P0001', message = 'version_conflict';
  end if;
  begin
    new_id := private.publish_procedure_version(p_code, p_topic, version - 'base_version', auth.uid());
  exception
    when check_violation or not_null_violation or invalid_text_representation
         or numeric_value_out_of_range or foreign_key_violation then
      raise exception using errcode = 'P0001', message = 'procedure_version_invalid',
        detail = sqlerrm;
  end;
  perform private.audit('procedure_version', new_id, null, 'publish', null,
    version - 'base_version', p_code);
  return new_id;
end
$$;
comment on function public.publish_procedure_version(text, text, jsonb) is
  'Admins only: publish a new version of a procedure (creating it when p_topic is given). '
  'version.base_version, when given, must be the current version number (else version_conflict).';
revoke all on function public.publish_procedure_version(text, text, jsonb) from public, anon;
grant execute on function public.publish_procedure_version(text, text, jsonb) to authenticated;

-- The citizen catalogue view gains template_ref (appended: create or replace keeps the columns).
create or replace view public.procedure_catalogue with (security_invoker = true) as
  select p.id as procedure_id, p.code, p.national_code, p.topic_code, p.sort,
         t.name_vi as topic_name_vi, t.name_en as topic_name_en,
         v.id as version_id, v.version, v.name_vi, v.name_en, v.summary_vi, v.summary_en,
         v.applicants_vi, v.applicants_en, v.documents, v.fields, v.processing_days,
         v.processing_note_vi, v.processing_note_en, v.fee_amount, v.fee_vi, v.fee_en,
         v.legal_basis, v.modes, v.where_vi, v.where_en, v.result_vi, v.result_en,
         v.needs_check, v.check_note, v.published_at, v.search_text, v.template_ref
    from public.procedures p
    join public.procedure_versions v on v.id = p.current_version_id
    join public.procedure_topics t on t.code = p.topic_code
   where p.is_active;
