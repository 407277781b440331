-- Second-instance appeal (khiếu nại lần hai), issue 13 A.5.
--
-- Luật THADS 2008 (sđ 2014), Điều 140 (thời hiệu): a later complaint may be made within 15 days
-- "kể từ ngày nhận được quyết định giải quyết khiếu nại" — from the day the citizen RECEIVED the
-- first decision, not from the day it was issued (resolved_at), which is what
-- 20261126000212 counted from. The citizen states the day they received it when appealing online
-- (appeal_complaint_by_code's received_on; it cannot be before the decision or in the future);
-- staff record or correct it (set_decision_received_on, audited). Without it the decision day
-- stands in.
-- An appeal is also open when the first instance is overdue and unresolved (as the catalogue page
-- promises): received and not accepted by accept_due, or accepted and not resolved by resolve_due.
-- The window then runs from the day after the missed deadline, under the same rule — the law's
-- provision for this case was not found in the available text: [check].

alter table public.complaints add column decision_received_on date null;
comment on column public.complaints.decision_received_on is
  'First instance: the day the citizen received the decision (stated when appealing, corrected by staff). The second-instance window runs from it.';

-- Whether a first-instance complaint is past its deadline without a decision (Vietnam days).
create function private.complaints_first_instance_overdue(c public.complaints) returns boolean
language sql stable set search_path = '' as $$
  select c.kind = 'complaint' and c.instance = 1 and (
         (c.status = 'received' and c.in_competence is distinct from false and c.accept_due < private.vn_today())
      or (c.status in ('accepted', 'verifying', 'dialogue') and c.resolve_due < private.vn_today()))
$$;

-- The day the second-instance window runs from.
create function private.complaints_appeal_start(c public.complaints) returns date
language sql stable set search_path = '' as $$
  select case
    when c.status = 'resolved' then coalesce(c.decision_received_on, private.vn_date(c.resolved_at))
    when c.status = 'received' then c.accept_due + 1
    else c.resolve_due + 1
  end
$$;

-- The last day to appeal (deadline_rules: complaint, instance 2, file; the law version in force on
-- the day of the act complained about).
create function private.complaints_appeal_window(c public.complaints) returns date
language sql stable set search_path = '' as $$
  select public.complaint_deadline('complaint', 2::smallint, c.subject, 'file',
           private.complaints_appeal_start(c),
           coalesce(c.decision_date, c.learned_on, private.complaints_appeal_start(c)))
$$;
revoke all on function private.complaints_first_instance_overdue(public.complaints),
  private.complaints_appeal_start(public.complaints), private.complaints_appeal_window(public.complaints) from public;

-- Staff record or correct the day the citizen received the first-instance decision.
create function public.set_decision_received_on(p_id uuid, p_date date, p_note text default null)
returns date language plpgsql security definer set search_path = '' as $$
declare
  c public.complaints := private.complaints_load(p_id);
begin
  if c.kind <> 'complaint' or c.instance <> 1 or c.status <> 'resolved' then
    raise exception using errcode = 'P0001', message = 'invalid_transition', detail = c.status;
  end if;
  if p_date is null or p_date < private.vn_date(c.resolved_at) or p_date > private.vn_today() then
    raise exception using errcode = 'P0001', message = 'received_on_invalid';
  end if;
  update public.complaints set decision_received_on = p_date, updated_at = now() where id = c.id;
  perform private.complaints_event(c.id, 'decision_received_on', false, null, jsonb_build_object('received_on', p_date));
  perform private.audit('complaint', c.id, c.unit_id, 'set_decision_received_on',
    jsonb_build_object('decision_received_on', c.decision_received_on), jsonb_build_object('decision_received_on', p_date),
    nullif(btrim(p_note), ''));
  c.decision_received_on := p_date;
  return private.complaints_appeal_window(c);
end
$$;
revoke all on function public.set_decision_received_on(uuid, date, text) from public, anon;
grant execute on function public.set_decision_received_on(uuid, date, text) to authenticated, service_role;

-- Citizens: the appeal may state the day the first decision was received (received_on). Same
-- replay behaviour as 20261207002010 (hashed key, encrypted reply, fresh for 24 h). The four-argument form is replaced (one function, so
-- PostgREST never has to choose between two).
drop function public.appeal_complaint_by_code(text, text, text, uuid);
create function public.appeal_complaint_by_code(code text, secret text, reasons text, draft_key uuid default null,
                                                received_on date default null)
returns table (complaint_id uuid, new_code text, new_secret text, accept_due date, unit_name text)
language plpgsql security definer set search_path = '' as $$
declare
  r record;
  s record;
  c public.complaints;
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
      if (select x.parent_id from public.complaints x where x.id = (v_reply ->> 'complaint_id')::uuid)
           is distinct from r.ref_id then
        return;
      end if;
      return query select (v_reply ->> 'complaint_id')::uuid, v_reply ->> 'new_code', v_reply ->> 'new_secret',
                          (v_reply ->> 'accept_due')::date, v_reply ->> 'unit_name';
      return;
    end if;
  end if;
  if received_on is not null then
    select * into c from public.complaints x where x.id = r.ref_id;
    if c.status = 'resolved' and c.decision_received_on is null then
      if received_on < private.vn_date(c.resolved_at) or received_on > private.vn_today() then
        raise exception using errcode = 'P0001', message = 'received_on_invalid';
      end if;
      update public.complaints x set decision_received_on = received_on where x.id = c.id;
      perform private.complaints_event(c.id, 'decision_received_on', false, null,
        jsonb_build_object('received_on', received_on, 'by', 'citizen'));
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
  'Citizen appeals a first-instance complaint (decision received on received_on, or overdue and unresolved) to the unit above with the code + secret; returns the new file''s code and secret (again for a replay with the same draft_key). No row for a wrong code/secret.';
revoke execute on function public.appeal_complaint_by_code(text, text, text, uuid, date) from public;
grant execute on function public.appeal_complaint_by_code(text, text, text, uuid, date) to anon, authenticated, service_role;
