-- The officer's complaint file in one call (issue 17 part 5).
--
-- Before: the file page made about 12 HTTP calls (file, access log write, events, notes, access
-- log, attachments, parties, exclusions, units, staff, rules).
--
-- Now staff_complaint_file(id) returns all of it as one jsonb. SECURITY INVOKER: every part is
-- read under the same policies as before (visible unit, exclusions, the restrictive attachments
-- policy of sealed files, exclusions for heads only). Identity exactly as before:
--   * the opening is logged (log_complaint_access: complaint staff of the unit, not excluded);
--   * an unsealed file's parties come from get_complaint_parties (which logs the read);
--   * a sealed file's parties are never in it, for any role: the assigned officer and the unit
--     head use the separate, audited "reveal" call (get_complaint_parties) as before.
-- Deadlines carry the working days left (negative when passed), counted by the database's own
-- holiday calendar, for the countdown next to each deadline.

create function public.staff_complaint_file(p_id uuid) returns jsonb
language plpgsql volatile security invoker set search_path = '' as $$
declare
  c public.complaints;
  v_today date := private.vn_today();
  v_open boolean;
begin
  if not private.is_complaint_staff() then
    raise exception using errcode = 'P0001', message = 'not_allowed';
  end if;
  -- Through the policies: another unit's file, or one this officer is kept out of, is "no file".
  select * into c from public.complaints x where x.id = p_id;
  if c.id is null then
    return null;
  end if;
  perform public.log_complaint_access(p_id);
  v_open := c.status in ('received', 'accepted', 'verifying', 'dialogue');

  return jsonb_build_object(
    'today', v_today,
    'complaint', to_jsonb(c),
    'deadlines', jsonb_build_object(
      'accept', case when c.accept_due is not null then jsonb_build_object(
        'due', c.accept_due,
        'days_left', case when c.status = 'received' then public.working_days_between(v_today, c.accept_due) end) end,
      'resolve', case when c.resolve_due is not null then jsonb_build_object(
        'due', c.resolve_due,
        'days_left', case when v_open and c.status <> 'received' then public.working_days_between(v_today, c.resolve_due) end) end),
    'parties', case when c.identity_sealed then '[]'::jsonb else coalesce(
      (select jsonb_agg(to_jsonb(p)) from public.get_complaint_parties(p_id) p), '[]'::jsonb) end,
    'events', coalesce((select jsonb_agg(jsonb_build_object(
        'id', e.id, 'occurred_at', e.occurred_at, 'event', e.event, 'status_after', e.status_after,
        'citizen_visible', e.citizen_visible, 'public_note', e.public_note, 'data', e.data,
        'actor_id', e.actor_id, 'actor_role', e.actor_role, 'actor_unit_id', e.actor_unit_id)
        order by e.occurred_at, e.id)
      from public.complaint_events e where e.complaint_id = p_id), '[]'::jsonb),
    'notes', coalesce((select jsonb_agg(jsonb_build_object(
        'id', n.id, 'created_at', n.created_at, 'author_id', n.author_id, 'body', n.body)
        order by n.created_at, n.id)
      from public.complaint_notes n where n.complaint_id = p_id), '[]'::jsonb),
    'access', coalesce((select jsonb_agg(to_jsonb(a) order by a.opened_at desc) from (
        select l.opened_at, l.user_id, l.unit_id, l.role, l.what
          from public.complaint_access_log l where l.complaint_id = p_id
         order by l.opened_at desc limit 50) a), '[]'::jsonb),
    'files', coalesce((select jsonb_agg(jsonb_build_object(
        'id', f.id, 'file_name', f.file_name, 'mime_type', f.mime_type, 'size_bytes', f.size_bytes,
        'uploaded_at', f.uploaded_at, 'uploaded_by', f.uploaded_by, 'is_internal', f.is_internal)
        order by f.uploaded_at, f.id)
      from public.attachments f where f.owner_kind = 'complaint' and f.owner_id = p_id), '[]'::jsonb),
    -- Unit heads and admins only (the table's policy); others get [].
    'exclusions', coalesce((select jsonb_agg(jsonb_build_object('officer_id', x.officer_id, 'created_at', x.created_at))
      from public.complaint_exclusions x where x.complaint_id = p_id), '[]'::jsonb),
    'rules', coalesce((select jsonb_agg(jsonb_build_object(
        'purpose', r.purpose, 'length_days', r.length_days, 'day_unit', r.day_unit, 'law', r.law,
        'article', r.article, 'is_checked', r.is_checked, 'act_on', r.act_on))
      from public.complaint_rules(p_id) r), '[]'::jsonb),
    'duplicates', coalesce((select jsonb_agg(jsonb_build_object('id', d.other_id, 'code', d.other_code, 'reason', d.reason)
        order by d.other_code)
      from public.complaint_duplicate_hints(array[p_id]) d), '[]'::jsonb),
    -- Names for history, notes and the access log, and the choices of the action forms.
    'people', coalesce((select jsonb_agg(jsonb_build_object(
        'user_id', s.user_id, 'full_name', s.full_name, 'roles', s.roles, 'unit_id', s.unit_id)
        order by s.full_name)
      from public.staff s), '[]'::jsonb),
    'units', coalesce((select jsonb_agg(jsonb_build_object(
        'id', u.id, 'name', u.name, 'short_name', u.short_name, 'parent_id', u.parent_id, 'valid_to', u.valid_to)
        order by u.name)
      from public.units u), '[]'::jsonb)
  );
end
$$;
comment on function public.staff_complaint_file(uuid) is
  'Complaint staff: one file with its history, notes, access log, files, deadlines (working days left), rules, possible duplicates and the names the page needs; null when not visible. Logs the opening. Never a sealed file''s parties (the audited get_complaint_parties reveals them).';
revoke execute on function public.staff_complaint_file(uuid) from public, anon;
grant execute on function public.staff_complaint_file(uuid) to authenticated, service_role;
