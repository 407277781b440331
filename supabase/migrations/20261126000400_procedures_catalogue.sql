-- One-stop-shop administrative procedures (thủ tục hành chính một cửa): the catalogue.
--
-- The catalogue is data, versioned: an application stores the procedure_version_id it was filed
-- under, so a later change of documents, fields or processing time never changes the rules an
-- existing application is judged by. Everyone (anon included) reads the published catalogue;
-- only admins publish a new version, through public.publish_procedure_version().
--
-- Figures that could not be checked against the annex of QĐ 630/QĐ-BTP (25/02/2026) carry
-- needs_check = true and a check_note: they are data an admin corrects, never code.

-- ---------------------------------------------------------------------------------------------
-- Search normalisation. Lower-case, no Vietnamese diacritics, single spaces. translate() keeps it
-- free of the unaccent extension, which PGlite does not ship. Both cases are listed because
-- lower() only folds ASCII under the C collation PGlite uses. Mirrored by normalise() in
-- src/lib/procedures/search.ts (unit-tested to agree).
-- ---------------------------------------------------------------------------------------------
create schema if not exists private;

create or replace function private.unaccent_vi(input text) returns text
language sql immutable parallel safe set search_path = ''
as $$
  select btrim(regexp_replace(lower(translate(normalize(coalesce(input, ''), NFC),
    'àÀáÁảẢãÃạẠăĂằẰắẮẳẲẵẴặẶâÂầẦấẤẩẨẫẪậẬèÈéÉẻẺẽẼẹẸêÊềỀếẾểỂễỄệỆìÌíÍỉỈĩĨịỊòÒóÓỏỎõÕọỌôÔồỒốỐổỔỗỖộỘơƠờỜớỚởỞỡỠợỢùÙúÚủỦũŨụỤưƯừỪứỨửỬữỮựỰỳỲýÝỷỶỹỸỵỴđĐ',
    'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaeeeeeeeeeeeeeeeeeeeeeeiiiiiiiiiioooooooooooooooooooooooooooooooooouuuuuuuuuuuuuuuuuuuuuuyyyyyyyyyydd')),
    '[^a-z0-9]+', ' ', 'g'))
$$;
comment on function private.unaccent_vi(text) is
  'Lower-case, diacritic-free, punctuation-free form of Vietnamese text for search.';
grant execute on function private.unaccent_vi(text) to anon, authenticated, service_role;

-- ---------------------------------------------------------------------------------------------
-- Topics (browse by topic).
-- ---------------------------------------------------------------------------------------------
create table public.procedure_topics (
  code text primary key check (code ~ '^[a-z_]{2,40}$'),
  name_vi text not null check (length(name_vi) between 1 and 200),
  name_en text not null check (length(name_en) between 1 and 200),
  sort smallint not null default 0
);
comment on table public.procedure_topics is
  'Topics of the procedure catalogue. Everyone reads; the seed and admins (service role) write.';

alter table public.procedure_topics enable row level security;
create policy "Anyone can read procedure topics" on public.procedure_topics
  for select to anon, authenticated using (true);
revoke insert, update, delete, truncate on public.procedure_topics from anon, authenticated;

-- ---------------------------------------------------------------------------------------------
-- Procedures and their versions.
-- ---------------------------------------------------------------------------------------------
create table public.procedures (
  id uuid primary key default gen_random_uuid(),
  code text not null unique check (code ~ '^[a-z0-9-]{3,80}$'),
  national_code text,
  topic_code text not null references public.procedure_topics (code),
  current_version_id uuid,
  is_active boolean not null default true,
  sort smallint not null default 0,
  created_at timestamptz not null default now()
);
comment on table public.procedures is
  'One row per THADS administrative procedure; code is the URL slug (/thu-tuc/<code>). Everyone '
  'reads active procedures; admins publish versions through publish_procedure_version().';
comment on column public.procedures.national_code is
  'Code in the national database of administrative procedures (QĐ 630/QĐ-BTP annex) [check].';

create table public.procedure_versions (
  id uuid primary key default gen_random_uuid(),
  procedure_id uuid not null references public.procedures (id) on delete cascade,
  version integer not null check (version > 0),
  name_vi text not null check (length(name_vi) between 3 and 300),
  name_en text not null check (length(name_en) between 3 and 300),
  summary_vi text not null default '',
  summary_en text not null default '',
  applicants_vi text not null default '',
  applicants_en text not null default '',
  -- [{ key, label_vi, label_en, required, note_vi?, note_en?, template_attachment_id? }]
  documents jsonb not null default '[]' check (jsonb_typeof(documents) = 'array'),
  -- Field definitions of the online form: [{ name, label_vi, label_en, type, required,
  -- options?: [{ value, label_vi, label_en }], max_length?, help_vi?, help_en? }], type one of
  -- text|textarea|date|number|select|cccd|phone|money. Turned into zod by src/lib/procedures/fields.ts
  -- and re-checked here by private.validate_application_answers().
  fields jsonb not null default '[]' check (jsonb_typeof(fields) = 'array'),
  processing_days integer not null check (processing_days between 0 and 365),
  processing_note_vi text not null default '',
  processing_note_en text not null default '',
  fee_amount bigint not null default 0 check (fee_amount >= 0),
  fee_vi text not null default 'Không thu phí',
  fee_en text not null default 'Free of charge',
  legal_basis text not null default '',
  modes text[] not null default '{in_person}'
    check (modes <@ array['online_full', 'online_partial', 'in_person', 'post']::text[]
           and cardinality(modes) > 0),
  where_vi text not null default '',
  where_en text not null default '',
  result_vi text not null default '',
  result_en text not null default '',
  needs_check boolean not null default true,
  check_note text,
  published_at timestamptz not null default now(),
  published_by uuid,
  search_text text generated always as (
    private.unaccent_vi(name_vi || ' ' || summary_vi || ' ' || applicants_vi)
  ) stored,
  unique (procedure_id, version)
);
comment on table public.procedure_versions is
  'Immutable versions of a procedure. Everyone reads versions of active procedures; nobody '
  'updates them (a change is a new version). needs_check marks figures not yet confirmed '
  'against QĐ 630/QĐ-BTP [check].';

alter table public.procedures
  add constraint procedures_current_version_fk
  foreign key (current_version_id) references public.procedure_versions (id);

create index procedure_versions_procedure_idx on public.procedure_versions (procedure_id, version desc);
create index procedures_topic_idx on public.procedures (topic_code, sort);

alter table public.procedures enable row level security;
alter table public.procedure_versions enable row level security;

create policy "Anyone can read active procedures" on public.procedures
  for select to anon, authenticated using (is_active or (select private.has_role('admin')));
create policy "Anyone can read versions of active procedures" on public.procedure_versions
  for select to anon, authenticated
  using (exists (select 1 from public.procedures p
                 where p.id = procedure_id and (p.is_active or (select private.has_role('admin')))));
revoke insert, update, delete, truncate on public.procedures, public.procedure_versions
  from anon, authenticated;

-- The catalogue as the citizen pages read it: each active procedure with its current version.
create view public.procedure_catalogue with (security_invoker = true) as
  select p.id as procedure_id, p.code, p.national_code, p.topic_code, p.sort,
         t.name_vi as topic_name_vi, t.name_en as topic_name_en,
         v.id as version_id, v.version, v.name_vi, v.name_en, v.summary_vi, v.summary_en,
         v.applicants_vi, v.applicants_en, v.documents, v.fields, v.processing_days,
         v.processing_note_vi, v.processing_note_en, v.fee_amount, v.fee_vi, v.fee_en,
         v.legal_basis, v.modes, v.where_vi, v.where_en, v.result_vi, v.result_en,
         v.needs_check, v.check_note, v.published_at, v.search_text
    from public.procedures p
    join public.procedure_versions v on v.id = p.current_version_id
    join public.procedure_topics t on t.code = p.topic_code
   where p.is_active;
comment on view public.procedure_catalogue is
  'Active procedures with their current version (security invoker: the tables'' RLS applies).';
grant select on public.procedure_catalogue to anon, authenticated, service_role;

-- ---------------------------------------------------------------------------------------------
-- Publishing. private.* is used by the seed (no JWT); the public wrapper checks the admin role.
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
  'Admins only: publish a new version of a procedure (creating it when p_topic is given).';
revoke all on function public.publish_procedure_version(text, text, jsonb) from public, anon;
grant execute on function public.publish_procedure_version(text, text, jsonb) to authenticated;
