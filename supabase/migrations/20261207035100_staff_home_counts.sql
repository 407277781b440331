-- The staff home shows work, not only links (issue 18.9): per role, how many files are overdue or
-- due soon, today's appointments and the desk queue, and for heads the messages given up.
--
-- One function, security INVOKER: every count runs under the caller's own row-level security, so
-- an officer counts exactly the rows their queue would list (their unit; a head also the units
-- below; an admin every unit) and nothing the policies hide. A part the caller's roles do not
-- cover is null (not 0), so the page shows no box for it rather than a misleading zero.
--
-- The "due soon" windows are the ones the linked lists use, so a count and the list behind its
-- link always agree: complaints the queue's `han=soon` (today .. today + 3 calendar days, on the
-- deadline that applies: acceptance while received, resolution after), applications the inbox's
-- `is_due_soon` (at most 2 working days left).

create or replace function public.staff_home_counts()
  returns jsonb language sql stable security invoker set search_path = '' as $$
  with me as (
    select private.vn_today() as today,
           private.has_role('admin') as is_admin,
           private.has_role('unit_head') as is_head,
           private.has_role('complaint_officer') as is_complaints,
           private.has_role('procedure_officer') as is_procedures,
           private.has_role('reception') as is_reception,
           -- private.staff_unit_id() is not granted to API roles; the own staff row is readable.
           (select s.unit_id from public.staff s where s.user_id = (select auth.uid()) and s.is_active) as unit_id
  ),
  complaints as (
    select case when c.status = 'received' then c.accept_due else c.resolve_due end as due
      from public.complaints c
     where c.status in ('received', 'accepted', 'verifying', 'dialogue')
  ),
  desk as (
    select b.status from public.bookings b, me
     where b.unit_id = me.unit_id and b.day = me.today and b.status <> 'cancelled'
  )
  select jsonb_build_object(
    'today', me.today,
    'complaints', case when me.is_complaints or me.is_head or me.is_admin then jsonb_build_object(
      'overdue', (select count(*) from complaints c where c.due < me.today),
      'due_soon', (select count(*) from complaints c where c.due between me.today and me.today + 3)
    ) end,
    'applications', case when me.is_procedures or me.is_head or me.is_admin then jsonb_build_object(
      'overdue', (select count(*) from public.application_inbox a where a.is_overdue),
      'due_soon', (select count(*) from public.application_inbox a where a.is_due_soon)
    ) end,
    'desk', case when me.is_reception or me.is_head or me.is_admin then jsonb_build_object(
      'booked_today', (select count(*) from desk),
      'not_arrived', (select count(*) from desk where status = 'booked'),
      'waiting', (select count(*) from desk where status in ('checked_in', 'waiting')),
      'done', (select count(*) from desk where status = 'done')
    ) end,
    -- Messages given up after the last attempt (status 'dead'), through the delivery view heads
    -- already use: the outbox itself is not readable by staff.
    'messages', case when me.is_head or me.is_admin then jsonb_build_object(
      'dead', (select count(*) from public.list_deliveries('dead', null, 500))
    ) end
  ) from me
$$;
comment on function public.staff_home_counts() is
  'Counts for the staff home, under the caller''s RLS (security invoker); null for parts the caller''s roles do not cover.';
revoke all on function public.staff_home_counts() from public, anon;
grant execute on function public.staff_home_counts() to authenticated, service_role;
