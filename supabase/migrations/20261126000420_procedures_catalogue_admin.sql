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
revoke all on function private.publish_procedure_version(text, text, jsonb, uuid) from public;
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
