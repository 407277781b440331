-- Statistics 3/3: the other modules' figures for one unit's subtree and a date range, for the
-- statistics page (complaints and denunciations: H4's complaint_stats; reception: H5's
-- reception_stats; one-stop procedures: H6's procedure_stats — contracts in those migrations).
--
-- Returns one jsonb object; a module whose view does not exist yet comes back as null so the page
-- says "chưa có dữ liệu" instead of showing zeros. Sums only: no rows, no names (a denouncer's
-- identity never leaves complaints; these views hold counts only).
-- Access: staff for a unit they can see (private.can_see_unit); the same subtree rule as
-- enforcement_rollup (merged units roll into their successors).

-- The statistics page's activity figures, with the resolution figures per kind.
create or replace function public.stats_activity(p_unit_id uuid, p_start date, p_end date)
returns jsonb
language plpgsql stable security definer
set search_path = ''
as $$
declare
  v_units uuid[];
  v_complaints jsonb;
  v_resolution jsonb;
  v_reception jsonb;
  v_procedures jsonb;
begin
  if not private.can_see_unit(p_unit_id) then
    raise exception using errcode = 'P0001', message = 'not_allowed';
  end if;
  if p_start is null or p_end is null or p_end < p_start or p_end - p_start > 3700 then
    raise exception using errcode = 'P0001', message = 'period_invalid';
  end if;
  select array_agg(m.unit_id) into v_units from private.unit_rollup_map() m where m.ancestor_id = p_unit_id;

  if to_regclass('public.complaint_stats') is not null then
    execute $q$
      select coalesce(jsonb_object_agg(k.kind, jsonb_build_object(
               'received', coalesce(s.received, 0), 'within_competence', coalesce(s.within_competence, 0),
               'accepted', coalesce(s.accepted, 0), 'resolved', coalesce(s.resolved, 0),
               'resolved_on_time', coalesce(s.resolved_on_time, 0), 'overdue', coalesce(s.overdue, 0),
               'withdrawn', coalesce(s.withdrawn, 0))), '{}'::jsonb)
        from (values ('complaint'), ('denunciation'), ('petition')) k (kind)
        left join (
          select c.kind, sum(c.received)::bigint as received, sum(c.within_competence)::bigint as within_competence,
                 sum(c.accepted)::bigint as accepted, sum(c.resolved)::bigint as resolved,
                 sum(c.resolved_on_time)::bigint as resolved_on_time, sum(c.overdue)::bigint as overdue,
                 sum(c.withdrawn)::bigint as withdrawn
            from public.complaint_stats c
           where c.unit_id = any ($1) and c.day between $2 and $3
           group by c.kind
        ) s on s.kind = k.kind
    $q$ into v_complaints using v_units, p_start, p_end;

    select jsonb_object_agg(r.kind, jsonb_build_object(
             'carried_over', r.carried_over, 'accepted', r.accepted, 'unaccepted_overdue', r.unaccepted_overdue,
             'to_resolve', r.to_resolve, 'resolved', r.resolved, 'resolved_on_time', r.resolved_on_time,
             'withdrawn', r.withdrawn, 'duplicates', r.duplicates, 'rate_hundredths', r.rate_hundredths,
             'rounding', r.rounding))
      into v_resolution
      from public.complaint_resolution(p_unit_id, p_start, p_end) r
     where r.row_kind = 'total';
  end if;

  if to_regclass('public.reception_stats') is not null then
    execute $q$
      select jsonb_build_object(
               'visits', coalesce(sum(r.visits), 0), 'people', coalesce(sum(r.people), 0),
               'group_visits', coalesce(sum(r.group_visits), 0), 'head_sessions', coalesce(sum(r.head_sessions), 0),
               'head_visits', coalesce(sum(r.head_visits), 0), 'bookings', coalesce(sum(r.bookings), 0),
               'walk_ins', coalesce(sum(r.walk_ins), 0), 'no_shows', coalesce(sum(r.no_shows), 0),
               'outcome_guided', coalesce(sum(r.outcome_guided), 0), 'outcome_received', coalesce(sum(r.outcome_received), 0),
               'outcome_forwarded', coalesce(sum(r.outcome_forwarded), 0), 'outcome_refused', coalesce(sum(r.outcome_refused), 0))
        from public.reception_stats r
       where r.unit_id = any ($1) and r.day between $2 and $3
    $q$ into v_reception using v_units, p_start, p_end;
  end if;

  if to_regclass('public.procedure_stats') is not null then
    execute $q$
      select jsonb_build_object(
               'received_total', coalesce(sum(p.received_total), 0), 'received_online', coalesce(sum(p.received_online), 0),
               'completed_on_time', coalesce(sum(p.completed_on_time), 0), 'completed_late', coalesce(sum(p.completed_late), 0),
               'overdue', coalesce(sum(p.overdue), 0), 'refused', coalesce(sum(p.refused), 0))
        from public.procedure_stats p
       where p.unit_id = any ($1) and p.day between $2 and $3
    $q$ into v_procedures using v_units, p_start, p_end;
  end if;

  return jsonb_build_object('complaints', v_complaints, 'resolution', v_resolution,
                            'reception', v_reception, 'procedures', v_procedures);
end;
$$;

revoke all on function public.stats_activity(uuid, date, date) from public, anon;
grant execute on function public.stats_activity(uuid, date, date) to authenticated, service_role;
