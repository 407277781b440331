-- Statistics: import checks the caller's right to enter a unit's figures before looking at that
-- unit's approved months (20261126000500 answered 'import_month_approved' to an outsider, which
-- told them a month had been approved elsewhere). Same signature and grants.

create or replace function public.import_enforcement_reports(p_rows jsonb)
returns int
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  r jsonb;
  i int := 0;
  v_unit uuid;
  v_month date;
begin
  if p_rows is null or jsonb_typeof(p_rows) <> 'array' or jsonb_array_length(p_rows) = 0 then
    raise exception using errcode = 'P0001', message = 'import_empty';
  end if;
  if jsonb_array_length(p_rows) > 5000 then
    raise exception using errcode = 'P0001', message = 'import_too_large';
  end if;
  if (select count(*) from (select distinct x ->> 'unit_code', x ->> 'month' from jsonb_array_elements(p_rows) x) d)
     <> jsonb_array_length(p_rows) then
    raise exception using errcode = 'P0001', message = 'import_duplicate_month';
  end if;
  for r in select * from jsonb_array_elements(p_rows) loop
    i := i + 1;
    select u.id into v_unit from public.units u where u.code = upper(r ->> 'unit_code');
    if v_unit is null then
      raise exception using errcode = 'P0001', message = 'import_unknown_unit', detail = format('row %s', i);
    end if;
    -- Rights first, so an outsider learns nothing about another unit's months.
    if not private.can_enter_figures(v_unit) then
      raise exception using errcode = 'P0001', message = 'not_allowed', detail = format('row %s', i);
    end if;
    v_month := (r ->> 'month')::date;
    if exists (select 1 from public.enforcement_reports e where e.unit_id = v_unit and e.month = v_month and e.status = 'approved') then
      raise exception using errcode = 'P0001', message = 'import_month_approved', detail = format('row %s', i);
    end if;
    perform public.save_enforcement_report(v_unit, v_month, r - 'unit_code' - 'month', 'import');
  end loop;
  return i;
end;
$$;
