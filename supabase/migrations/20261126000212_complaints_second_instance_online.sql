-- Complaints: second-instance appeal online (khiếu nại lần hai) and one SQL path for it.
--
-- After a first-instance complaint decision the citizen may complain to the level above: the unit
-- the deciding unit belongs to in the units tree (a khu vực office → the province's THADS). The
-- window is the deadline_rules row (complaint, instance 2, file): 15 days [check] counted here from
-- the day of the first-instance decision (the law counts from its receipt; a later receipt, or a
-- force-majeure delay, is argued in person: the staff path below does not apply the window).
--
-- private.complaints_open_second_instance is the one path: the citizen's
-- public.appeal_complaint_by_code (anon, code + secret through public.resolve_tracking_code, so
-- wrong secrets are counted; never raises for a wrong secret) and the officers'
-- public.reopen_complaint_second_instance (a paper or in-person appeal) both call it. It creates
-- the second-instance file at the unit above, linked by parent_id, with the filer's parties, the
-- citizen's reasons and attachments, deadlines from the second-instance rules (accept within 10
-- working days [check]), events, audit and notifications. The online path also issues a new
-- tracking code + secret for the new file (shown once); the first code keeps following the chain.
-- Refusals: not_a_complaint, invalid_transition (not resolved at first instance, or already a
-- second instance), already_reopened, no_higher_unit, appeal_window_passed, invalid_content.

create or replace function private.complaints_open_second_instance(
  p_parent uuid, p_content text, p_draft_key uuid, p_online boolean
) returns table (complaint_id uuid, code text, secret text, accept_due date, unit_name text)
language plpgsql security definer set search_path = '' as $$
declare
  c public.complaints;
  v_above public.units;
  v_new uuid := gen_random_uuid();
  v_today date := private.vn_today();
  v_window date;
  v_due date;
  v_content text := btrim(coalesce(p_content, ''));
  v_code text;
  v_secret text;
  v_files int := 0;
begin
  select * into c from public.complaints x where x.id = p_parent for update;
  if c.id is null then
    raise exception using errcode = 'P0001', message = 'complaint_not_found';
  end if;
  if c.kind <> 'complaint' then
    raise exception using errcode = 'P0001', message = 'not_a_complaint';
  end if;
  -- Open to a first-instance decision, or to a first instance overdue and still unresolved.
  if c.instance <> 1 or not (c.status = 'resolved' or private.complaints_first_instance_overdue(c)) then
    raise exception using errcode = 'P0001', message = 'invalid_transition', detail = c.status;
  end if;
  if exists (select 1 from public.complaints x where x.parent_id = p_parent) then
    raise exception using errcode = 'P0001', message = 'already_reopened';
  end if;
  select a.* into v_above from public.units u join public.units a on a.id = u.parent_id where u.id = c.unit_id;
  if v_above.id is null then
    raise exception using errcode = 'P0001', message = 'no_higher_unit';
  end if;
  if p_online then
    v_window := private.complaints_appeal_window(c);
    if v_window is null or v_today > v_window then
      raise exception using errcode = 'P0001', message = 'appeal_window_passed', detail = v_window::text;
    end if;
  end if;
  if char_length(v_content) < 20 or char_length(v_content) > 10000 then
    raise exception using errcode = 'P0001', message = 'invalid_content';
  end if;

  v_due := public.complaint_deadline('complaint', 2::smallint, c.subject, 'accept', v_today);
  insert into public.complaints
    (id, kind, instance, parent_id, unit_id, status, subject, is_group, filer_capacity, via_representative,
     decision_number, decision_date, enforcement_officer, case_number, learned_on, content, request, accept_due)
  values
    (v_new, 'complaint', 2, p_parent, v_above.id, 'received', c.subject, c.is_group, c.filer_capacity,
     c.via_representative, c.decision_number, c.decision_date, c.enforcement_officer, c.case_number,
     private.complaints_appeal_start(c), v_content, c.request, v_due);
  insert into public.complaint_parties
    (complaint_id, role, full_name, cccd, phone, email, province, ward, address_line, authorisation, sort_order)
  select v_new, p.role, p.full_name, p.cccd, p.phone, p.email, p.province, p.ward, p.address_line,
         p.authorisation, p.sort_order
    from public.complaint_parties p where p.complaint_id = p_parent;

  if p_draft_key is not null then
    update public.attachments a set owner_id = v_new, draft_key = null, unit_id = v_above.id
     where a.draft_key = p_draft_key and a.owner_kind = 'complaint' and a.owner_id is null;
    get diagnostics v_files = row_count;
    if v_files > 10 then
      raise exception using errcode = 'P0001', message = 'too_many_attachments';
    end if;
  end if;

  if p_online then
    select i.code, i.secret into v_code, v_secret from private.issue_tracking_code('complaint', v_new) i;
    update public.complaints x set tracking_code = v_code where x.id = v_new;
  end if;

  perform private.complaints_event(v_new, 'reopened', true, null,
    jsonb_build_object('instance', 2, 'accept_due', v_due, 'files', v_files,
                       'by', case when p_online then 'citizen' else 'staff' end));
  -- The first-instance unit sees on its file that it was appealed, and where.
  perform private.complaints_event(p_parent, 'appealed', false, null,
    jsonb_build_object('second_instance_id', v_new, 'to_unit_name', v_above.name));
  perform private.audit('complaint', v_new, v_above.id,
    case when p_online then 'appeal_online' else 'reopen_second_instance' end,
    jsonb_build_object('parent_id', p_parent), jsonb_build_object('accept_due', v_due, 'files', v_files), null);
  if v_above.email is not null then
    perform private.notify('email', v_above.email, 'complaint_new_for_unit',
      jsonb_build_object('code', coalesce(v_code, c.tracking_code), 'kind', 'complaint', 'instance', 2,
                         'accept_due', v_due));
  end if;
  perform private.complaints_notify_filer(v_new, 'complaint_received',
    jsonb_build_object('code', coalesce(v_code, c.tracking_code), 'kind', 'complaint', 'instance', 2,
                       'unit_name', v_above.name, 'accept_due', v_due));

  complaint_id := v_new;
  code := v_code;
  secret := v_secret;
  accept_due := v_due;
  unit_name := v_above.name;
  return next;
end
$$;
revoke execute on function private.complaints_open_second_instance(uuid, text, uuid, boolean) from public;

-- Citizens: appeal online with the first-instance code + secret. No row for an unknown code or a
-- wrong secret (never raises there, so wrong secrets are counted and lock the code).
create or replace function public.appeal_complaint_by_code(code text, secret text, reasons text, draft_key uuid default null)
returns table (complaint_id uuid, new_code text, new_secret text, accept_due date, unit_name text)
language plpgsql security definer set search_path = '' as $$
declare
  r record;
  s record;
  v_reply jsonb;
begin
  select * into r from public.resolve_tracking_code(code, secret);
  if r.kind is distinct from 'complaint' or r.ref_id is null then
    return;
  end if;
  if draft_key is not null then
    v_reply := private.idem_replay('complaint_appeal', draft_key);
    if v_reply is not null then
      -- Only the holder of the first file's code + secret gets here, and only for its own appeal.
      if (select c.parent_id from public.complaints c where c.id = (v_reply ->> 'complaint_id')::uuid)
           is distinct from r.ref_id then
        return;
      end if;
      return query select (v_reply ->> 'complaint_id')::uuid, v_reply ->> 'new_code', v_reply ->> 'new_secret',
                          (v_reply ->> 'accept_due')::date, v_reply ->> 'unit_name';
      return;
    end if;
  end if;
  select * into s from private.complaints_open_second_instance(r.ref_id, reasons, draft_key, true);
  if draft_key is not null then
    perform private.idem_store('complaint_appeal', draft_key, s.complaint_id, jsonb_build_object(
      'complaint_id', s.complaint_id, 'new_code', s.code, 'new_secret', s.secret,
      'accept_due', s.accept_due, 'unit_name', s.unit_name));
  end if;
  complaint_id := s.complaint_id;
  new_code := s.code;
  new_secret := s.secret;
  accept_due := s.accept_due;
  unit_name := s.unit_name;
  return next;
end
$$;
comment on function public.appeal_complaint_by_code is
  'Citizen appeals a first-instance complaint decision to the unit above (khiếu nại lần hai) with the code + secret; returns the new file''s code and secret once. No row for a wrong code/secret.';
revoke execute on function public.appeal_complaint_by_code(text, text, text, uuid) from public;
grant execute on function public.appeal_complaint_by_code(text, text, text, uuid) to anon, authenticated, service_role;

comment on function public.appeal_complaint_by_code is
  'Citizen appeals a first-instance complaint decision to the unit above (khiếu nại lần hai) with the code + secret; returns the new file''s code and secret (again for a replay with the same draft_key). No row for a wrong code/secret.';
