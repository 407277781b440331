-- Complaints: an online appeal sent twice (double tap, or a reply lost on a patchy network and the
-- form sent again) answers the first appeal's code and secret instead of `already_reopened`, so the
-- citizen is never left without the secret of the file they created. The appeal form's draft key
-- is the idempotency key; the secret is kept masked with it, as submit_complaint's replays are
-- (private.complaint_submissions), and only a caller who holds the first code's secret gets there.

create or replace function public.appeal_complaint_by_code(code text, secret text, reasons text, draft_key uuid default null)
returns table (complaint_id uuid, new_code text, new_secret text, accept_due date, unit_name text)
language plpgsql security definer set search_path = '' as $$
declare
  r record;
  s record;
begin
  select * into r from public.resolve_tracking_code(code, secret);
  if r.kind is distinct from 'complaint' or r.ref_id is null then
    return;
  end if;
  if draft_key is not null then
    select c.id, c.tracking_code, private.complaints_unmask(cs.secret_masked, draft_key) as secret,
           c.accept_due, u.name as unit_name
      into s
      from private.complaint_submissions cs
      join public.complaints c on c.id = cs.complaint_id
      join public.units u on u.id = c.unit_id
     where cs.idempotency_key = draft_key and c.parent_id = r.ref_id;
    if s.id is not null then
      return query select s.id, s.tracking_code, s.secret, s.accept_due, s.unit_name;
      return;
    end if;
  end if;
  select * into s from private.complaints_open_second_instance(r.ref_id, reasons, draft_key, true);
  if draft_key is not null then
    insert into private.complaint_submissions (idempotency_key, complaint_id, secret_masked)
    values (draft_key, s.complaint_id, private.complaints_mask(s.secret, draft_key));
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
  'Citizen appeals a first-instance complaint decision to the unit above (khiếu nại lần hai) with the code + secret; returns the new file''s code and secret (again for a replay with the same draft_key). No row for a wrong code/secret.';
