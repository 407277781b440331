-- The national procedure code (mã TTHC on the Cổng Dịch vụ công quốc gia) and its confirmation
-- state per procedure, kept by admins in the catalogue editor (issue 13, part B). No code is
-- filled in by the project: none could be confirmed from a source found, so each procedure shows
-- "chưa có mã / chưa xác nhận" until an admin enters it with its source. Audited.
-- Errors: not_allowed, procedure_not_found, national_code_invalid, source_required.

alter table public.procedures
  add column national_code_confirmed boolean not null default false,
  add column national_code_source text check (national_code_source is null or length(national_code_source) <= 500),
  add column national_code_confirmed_by uuid references auth.users (id) on delete set null,
  add column national_code_confirmed_at timestamptz,
  add constraint procedures_national_code_format
    check (national_code is null or national_code ~ '^[0-9A-Za-z][0-9A-Za-z.\-]{2,29}$'),
  add constraint procedures_national_code_confirmed
    check (not national_code_confirmed or (national_code is not null and national_code_source is not null));

comment on column public.procedures.national_code is
  'Code in the national database of administrative procedures (mã TTHC, Cổng Dịch vụ công quốc gia); null until an admin enters it.';
comment on column public.procedures.national_code_confirmed is
  'True once an admin checked national_code against national_code_source (who: national_code_confirmed_by, when: _at).';

create function public.set_procedure_national_code(
  p_code text, p_national_code text, p_confirmed boolean, p_source text
) returns void
language plpgsql volatile security definer set search_path = '' as $$
declare
  p public.procedures;
  v_code text := nullif(btrim(coalesce(p_national_code, '')), '');
  v_source text := nullif(btrim(coalesce(p_source, '')), '');
  v_confirmed boolean := coalesce(p_confirmed, false);
begin
  if not (select private.has_role('admin')) then
    raise exception using errcode = 'P0001', message = 'not_allowed';
  end if;
  select * into p from public.procedures where code = p_code for update;
  if p.id is null then
    raise exception using errcode = 'P0001', message = 'procedure_not_found';
  end if;
  if v_code is not null and v_code !~ '^[0-9A-Za-z][0-9A-Za-z.\-]{2,29}$' then
    raise exception using errcode = 'P0001', message = 'national_code_invalid';
  end if;
  if v_confirmed and (v_code is null or v_source is null or char_length(v_source) < 5) then
    raise exception using errcode = 'P0001', message = 'source_required';
  end if;
  update public.procedures
     set national_code = v_code,
         national_code_source = left(v_source, 500),
         national_code_confirmed = v_confirmed,
         national_code_confirmed_by = case when v_confirmed then
           case when p.national_code_confirmed and p.national_code is not distinct from v_code
                then p.national_code_confirmed_by else (select auth.uid()) end end,
         national_code_confirmed_at = case when v_confirmed then
           case when p.national_code_confirmed and p.national_code is not distinct from v_code
                then p.national_code_confirmed_at else now() end end
   where id = p.id;
  perform private.audit('procedure', p.id, null, 'national_code',
    jsonb_build_object('national_code', p.national_code, 'confirmed', p.national_code_confirmed,
                       'source', p.national_code_source),
    jsonb_build_object('national_code', v_code, 'confirmed', v_confirmed, 'source', left(v_source, 500)));
end
$$;
revoke all on function public.set_procedure_national_code(text, text, boolean, text) from public, anon;
grant execute on function public.set_procedure_national_code(text, text, boolean, text) to authenticated, service_role;
