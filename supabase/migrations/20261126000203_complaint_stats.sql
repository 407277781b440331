-- Counting view for complaints, denunciations and petitions (used by the statistics feature, H7).
--
-- CONTRACT — public.complaint_stats, one row per (unit_id, day, kind, instance) that has activity:
--   unit_id            uuid      unit currently handling the file (after forwarding: the new unit)
--   day                date      calendar day in Vietnam time (UTC+7) on which the counted event happened
--   kind               text      'complaint' | 'denunciation' | 'petition'
--   instance           smallint  1 (lần đầu) | 2 (lần hai)
--   received           int       files received that day
--   within_competence  int       of those received that day, classified as within the unit's competence
--   accepted           int       files accepted (thụ lý) that day
--   resolved           int       files resolved that day (decision issued / petition answered)
--   resolved_on_time   int       of those resolved that day, resolved on or before resolve_due
--   overdue            int       files whose resolution deadline (resolve_due) was that day, and that
--                                were not resolved by it (still open, or resolved later); counted once,
--                                on the due day, and only once that day has passed
--   withdrawn          int       files withdrawn (rút đơn) that day
-- Sum the counters over any period (month, quarter, work year 1/10–30/9) and roll units up with
-- units.parent_id. Resolution rate (DOMAIN.md) = sum(resolved) / sum(accepted) per kind, over
-- accepted files (acceptance implies within competence). The view is security_invoker: staff see
-- their visible units' rows; a public page reads it with a security definer function of its own
-- (the view has no personal data).

create view public.complaint_stats with (security_invoker = true) as
with ev as (
  select c.unit_id, ((c.received_at at time zone 'UTC') + interval '7 hours')::date as day, c.kind, c.instance,
         1 as received, (c.in_competence is true)::int as within_competence,
         0 as accepted, 0 as resolved, 0 as resolved_on_time, 0 as overdue, 0 as withdrawn
    from public.complaints c
  union all
  select c.unit_id, ((c.accepted_at at time zone 'UTC') + interval '7 hours')::date, c.kind, c.instance,
         0, 0, 1, 0, 0, 0, 0
    from public.complaints c where c.accepted_at is not null
  union all
  select c.unit_id, ((c.resolved_at at time zone 'UTC') + interval '7 hours')::date, c.kind, c.instance,
         0, 0, 0, 1,
         (((c.resolved_at at time zone 'UTC') + interval '7 hours')::date <= c.resolve_due)::int, 0, 0
    from public.complaints c where c.resolved_at is not null
  union all
  select c.unit_id, c.resolve_due, c.kind, c.instance, 0, 0, 0, 0, 0, 1, 0
    from public.complaints c
   where c.resolve_due is not null
     and c.resolve_due < private.complaints_today()
     and c.status <> 'withdrawn'
     and (c.resolved_at is null or ((c.resolved_at at time zone 'UTC') + interval '7 hours')::date > c.resolve_due)
  union all
  select c.unit_id, ((c.closed_at at time zone 'UTC') + interval '7 hours')::date, c.kind, c.instance,
         0, 0, 0, 0, 0, 0, 1
    from public.complaints c where c.status = 'withdrawn' and c.closed_at is not null
)
select unit_id, day, kind, instance::smallint as instance,
       sum(received)::int as received,
       sum(within_competence)::int as within_competence,
       sum(accepted)::int as accepted,
       sum(resolved)::int as resolved,
       sum(resolved_on_time)::int as resolved_on_time,
       sum(overdue)::int as overdue,
       sum(withdrawn)::int as withdrawn
  from ev
 group by unit_id, day, kind, instance;

comment on view public.complaint_stats is
  'Per unit, day (Vietnam time), kind and instance: received, within_competence, accepted, resolved, resolved_on_time, overdue, withdrawn. security_invoker: staff see their visible units. Contract in the migration header.';
revoke all on public.complaint_stats from anon;
revoke insert, update, delete, truncate on public.complaint_stats from authenticated;
grant select on public.complaint_stats to authenticated, service_role;
