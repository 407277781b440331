-- Deadline rules maintained by the agency (issue 13, part B): a new version of a rule from a date,
-- and the confirmation of a rule's figure against the law (who, when, source), without SQL.
--
-- A new version never reaches back: it starts today or later, the version it replaces ends the
-- day before, and files are judged by the version in force on the date of their act
-- (complaint_deadline(…, p_act_on), 20261207003010), so an older file keeps its deadline.
-- Who: admins (the staff roles have no "legal officer" yet; the confirmation records the person
-- and the source so the legal officer's check is visible). Every change is audited.
-- Errors: not_allowed, rule_not_found, valid_from_invalid (past, or not after the current version),
-- length_invalid, day_unit_invalid, source_required.

create function public.add_deadline_rule_version(
  p_rule_id int, p_valid_from date, p_length_days int, p_day_unit text,
  p_article text, p_legal_basis text, p_source_url text default null, p_note text default null
) returns int
language plpgsql volatile security definer set search_path = '' as $$
declare
  r public.deadline_rules;
  v_id int;
begin
  if not (select private.has_role('admin')) then
    raise exception using errcode = 'P0001', message = 'not_allowed';
  end if;
  select * into r from public.deadline_rules where id = p_rule_id for update;
  if r.id is null then
    raise exception using errcode = 'P0001', message = 'rule_not_found';
  end if;
  if p_valid_from is null or p_valid_from < private.vn_today() or p_valid_from <= r.valid_from then
    raise exception using errcode = 'P0001', message = 'valid_from_invalid';
  end if;
  if p_length_days is null or p_length_days not between 1 and 365 then
    raise exception using errcode = 'P0001', message = 'length_invalid';
  end if;
  if p_day_unit is null or p_day_unit not in ('calendar', 'working') then
    raise exception using errcode = 'P0001', message = 'day_unit_invalid';
  end if;
  if nullif(btrim(p_legal_basis), '') is null then
    raise exception using errcode = 'P0001', message = 'source_required';
  end if;
  -- The version it replaces ends the day before (a later version, if any, is left as it is).
  update public.deadline_rules
     set valid_to = p_valid_from - 1
   where id = r.id and (valid_to is null or valid_to >= p_valid_from);
  insert into public.deadline_rules
    (kind, instance, subject, purpose, start_event, length_days, day_unit, max_times, law, article, legal_basis,
     source_url, note, is_checked, valid_from, valid_to)
  values
    (r.kind, r.instance, r.subject, r.purpose, r.start_event, p_length_days, p_day_unit, r.max_times, r.law,
     nullif(btrim(p_article), ''), btrim(p_legal_basis), nullif(btrim(p_source_url), ''), nullif(btrim(p_note), ''),
     false, p_valid_from,
     case when r.valid_to is not null and r.valid_to >= p_valid_from then r.valid_to end)
  returning id into v_id;
  perform private.audit('deadline_rule', null, null, 'new_version',
    jsonb_build_object('rule_id', r.id, 'length_days', r.length_days, 'day_unit', r.day_unit, 'valid_to', r.valid_to),
    jsonb_build_object('rule_id', v_id, 'length_days', p_length_days, 'day_unit', p_day_unit, 'valid_from', p_valid_from),
    nullif(btrim(p_note), ''));
  return v_id;
end
$$;

-- Confirm a rule's figure against the text of the law: records who, when and the source.
create function public.confirm_deadline_rule(p_rule_id int, p_source text)
returns void
language plpgsql volatile security definer set search_path = '' as $$
declare
  r public.deadline_rules;
begin
  if not (select private.has_role('admin')) then
    raise exception using errcode = 'P0001', message = 'not_allowed';
  end if;
  select * into r from public.deadline_rules where id = p_rule_id for update;
  if r.id is null then
    raise exception using errcode = 'P0001', message = 'rule_not_found';
  end if;
  if char_length(btrim(coalesce(p_source, ''))) < 5 then
    raise exception using errcode = 'P0001', message = 'source_required';
  end if;
  update public.deadline_rules
     set is_checked = true, confirmed_by = (select auth.uid()), confirmed_at = now(),
         source_url = left(btrim(p_source), 500)
   where id = r.id;
  perform private.audit('deadline_rule', null, null, 'confirm',
    jsonb_build_object('rule_id', r.id, 'is_checked', r.is_checked, 'source_url', r.source_url),
    jsonb_build_object('rule_id', r.id, 'is_checked', true, 'source_url', left(btrim(p_source), 500)), null);
end
$$;

revoke all on function public.add_deadline_rule_version(int, date, int, text, text, text, text, text) from public, anon;
revoke all on function public.confirm_deadline_rule(int, text) from public, anon;
grant execute on function public.add_deadline_rule_version(int, date, int, text, text, text, text, text) to authenticated, service_role;
grant execute on function public.confirm_deadline_rule(int, text) to authenticated, service_role;
