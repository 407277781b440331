-- The officer's complaint queue and file in SQL (issue 17 part 5, issue 18 part 10).
--
-- Before: the queue read 500 unordered rows and filtered "overdue" and sorted in JavaScript, so a
-- unit with more than 500 open files got an incomplete overdue list (whichever 500 rows the
-- database returned first); the file page made about 12 HTTP calls.
--
-- Now:
--   * staff_complaint_queue() filters (status, kind, officer, overdue, due this week, code or
--     name/CCCD), sorts by the deadline the queue shows (to accept while received, to resolve
--     after) and pages with a keyset cursor (due, id), with the counts above the table.
--     SECURITY INVOKER: the complaints policies (visible units, exclusions) scope it exactly as
--     they scope the table; identity comes only from the existing definer functions that never
--     return a sealed file's filer.
--   * staff_complaint_file() returns the file in one call, same invoker rule; the parties of a
--     sealed file are never in it (the head's audited "reveal" stays a separate call).
--   * complaint_duplicate_hints(): other files of the same unit whose filer has the same CCCD or
--     phone. Same identity only: pg_trgm (text similarity) is not loaded by the stand-in's PGlite.
--     Sealed files are left out on both sides: a hint would tell who the denouncer is.

-- The deadline the queue shows, as an index so the overdue list and the sort read it in order.
create index complaints_shown_due_idx on public.complaints
  (unit_id, (coalesce(case when status = 'received' then accept_due else resolve_due end, 'infinity'::date)), id);

create function public.complaint_duplicate_hints(p_ids uuid[])
returns table (complaint_id uuid, other_id uuid, other_code text, reason text)
language plpgsql stable security definer set search_path = '' as $$
begin
  if not private.is_complaint_staff() then
    raise exception using errcode = 'P0001', message = 'not_allowed';
  end if;
  -- At most five per file, the latest first: a hint, not a search (a shared test CCCD would list hundreds).
  return query
    select h.complaint_id, h.other_id, h.other_code, h.reason
      from (select d.*, row_number() over (partition by d.complaint_id order by d.received_at desc, d.other_id) as n
              from (select distinct on (c.id, o.id) c.id as complaint_id, o.id as other_id,
                           o.tracking_code as other_code, o.received_at,
                           case when p.cccd is not null and p.cccd = q.cccd then 'cccd' else 'phone' end as reason
                      from public.complaints c
                      join public.complaint_parties p on p.complaint_id = c.id and p.role in ('filer', 'co_filer')
                      join public.complaint_parties q on q.complaint_id <> c.id and q.role in ('filer', 'co_filer')
                       and ((p.cccd is not null and q.cccd = p.cccd)
                            -- 0912… and +84912… are one phone: compare the nine digits after the prefix.
                            or (p.phone is not null and q.phone is not null and right(q.phone, 9) = right(p.phone, 9)))
                      join public.complaints o on o.id = q.complaint_id and o.unit_id = c.unit_id
                     where c.id = any (coalesce(p_ids[1:200], '{}'))
                       and not c.identity_sealed and not o.identity_sealed
                       and o.status <> 'withdrawn'
                       and private.can_see_unit(c.unit_id)
                       and not private.is_excluded(c.id) and not private.is_excluded(o.id)
                     order by c.id, o.id, (p.cccd is not null and p.cccd = q.cccd) desc) d) h
     where h.n <= 5;
end
$$;
comment on function public.complaint_duplicate_hints(uuid[]) is
  'Complaint staff: for up to 200 visible, unsealed files, other files of the same unit whose filer or co-filer has the same CCCD or phone (possible duplicates), at most five per file, latest first. Codes only, no identity.';
revoke execute on function public.complaint_duplicate_hints(uuid[]) from public, anon;
grant execute on function public.complaint_duplicate_hints(uuid[]) to authenticated, service_role;

create function public.staff_complaint_queue(
  p_status text default 'open',
  p_kind text default null,
  p_officer text default null,
  p_due text default null,
  p_q text default null,
  p_after_due date default null,
  p_after_id uuid default null,
  p_limit integer default 50
) returns jsonb
language plpgsql stable security invoker set search_path = '' as $$
declare
  v_today date := private.vn_today();
  -- "This week": today to Sunday (ISO weeks start on Monday, as Vietnamese calendars do).
  v_week_end date := v_today + (7 - extract(isodow from v_today)::integer);
  v_open text[] := array['received', 'accepted', 'verifying', 'dialogue'];
  v_limit integer := least(greatest(coalesce(p_limit, 50), 1), 100);
  v_term text := btrim(coalesce(p_q, ''));
  v_code text := upper(regexp_replace(coalesce(p_q, ''), '\s', '', 'g'));
  v_officer uuid := case when p_officer ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
                         then p_officer::uuid end;
  v_ids uuid[];
  v_by_code boolean := false;
  v_counts jsonb;
  v_rows jsonb;
  v_page uuid[];
  v_keys date[];
  v_dups jsonb;
  v_next jsonb := null;
begin
  if not private.is_complaint_staff() then
    raise exception using errcode = 'P0001', message = 'not_allowed';
  end if;
  if v_term <> '' then
    if v_code ~ '^(KN|LH)-?[0-9A-Z]{4}-?[0-9A-Z]{0,4}$' then
      v_by_code := true;
      v_code := replace(v_code, '-', '');
    else
      -- Name or CCCD through the narrow definer function (never a sealed file's filer).
      select coalesce(array_agg(x), '{}') into v_ids from public.find_complaints_by_party(v_term) x;
    end if;
  end if;

  -- One statement: the filtered set (counts) and the page of it (keyset: after (due, id)).
  with base as (
    select c.id,
           coalesce(case when c.status = 'received' then c.accept_due else c.resolve_due end, 'infinity'::date) as k,
           c.status = any (v_open) as is_open
      from public.complaints c
     where (coalesce(p_status, 'open') = 'all'
            or (coalesce(p_status, 'open') = 'open' and c.status = any (v_open))
            or c.status = p_status)
       and (coalesce(p_kind, '') = '' or c.kind = p_kind)
       and (coalesce(p_officer, '') = ''
            or (p_officer = 'me' and c.assigned_to = auth.uid())
            or (p_officer = 'none' and c.assigned_to is null)
            or (v_officer is not null and c.assigned_to = v_officer))
       and (v_term = ''
            or (v_by_code and replace(c.tracking_code, '-', '') like '%' || v_code || '%')
            or (not v_by_code and c.id = any (v_ids)))
  ), page as (
    select b.id, b.k from base b
     where (coalesce(p_due, '') = ''
            or (p_due = 'overdue' and b.is_open and b.k < v_today)
            or (p_due = 'week' and b.is_open and b.k between v_today and v_week_end))
       and (p_after_due is null
            or (b.k, b.id) > (p_after_due, coalesce(p_after_id, '00000000-0000-0000-0000-000000000000'::uuid)))
     order by b.k, b.id
     limit v_limit + 1
  )
  select (select jsonb_build_object(
                   'total', count(*),
                   'overdue', count(*) filter (where b.is_open and b.k < v_today),
                   'due_week', count(*) filter (where b.is_open and b.k between v_today and v_week_end))
            from base b),
         (select coalesce(array_agg(p.id order by p.k, p.id), '{}') from page p),
         (select coalesce(array_agg(p.k order by p.k, p.id), '{}') from page p)
    into v_counts, v_page, v_keys;

  if cardinality(v_page) > v_limit then
    v_page := v_page[1:v_limit];
    v_next := jsonb_build_object('due', v_keys[v_limit], 'id', v_page[v_limit]);
  end if;

  -- Possible duplicates of the page's files, computed once.
  select coalesce(jsonb_object_agg(h.complaint_id::text, h.list), '{}') into v_dups
    from (select d.complaint_id,
                 jsonb_agg(jsonb_build_object('id', d.other_id, 'code', d.other_code, 'reason', d.reason)
                           order by d.other_code) as list
            from public.complaint_duplicate_hints(v_page) d group by d.complaint_id) h;

  select coalesce(jsonb_agg(jsonb_build_object(
           'id', c.id, 'tracking_code', c.tracking_code, 'kind', c.kind, 'instance', c.instance,
           'status', c.status, 'unit_id', c.unit_id, 'unit', coalesce(u.short_name, u.name),
           'received_at', c.received_at, 'accept_due', c.accept_due, 'resolve_due', c.resolve_due,
           'due', x.due,
           'due_purpose', case when c.status = 'received' then 'accept' else 'resolve' end,
           'days_left', case when c.status = any (v_open) and x.due is not null
                             then public.working_days_between(v_today, x.due) end,
           'assigned_to', c.assigned_to, 'officer', s.full_name,
           'identity_sealed', c.identity_sealed, 'filer', f.full_name,
           'duplicates', coalesce(v_dups -> c.id::text, '[]'::jsonb)
         ) order by coalesce(x.due, 'infinity'::date), c.id), '[]'::jsonb)
    into v_rows
    from public.complaints c
    cross join lateral (select case when c.status = 'received' then c.accept_due else c.resolve_due end as due) x
    left join public.units u on u.id = c.unit_id
    left join public.staff s on s.user_id = c.assigned_to
    left join public.complaint_filer_names(v_page) f on f.complaint_id = c.id
   where c.id = any (v_page);

  return jsonb_build_object('today', v_today, 'week_end', v_week_end, 'counts', v_counts,
                            'rows', v_rows, 'next', v_next);
end
$$;
comment on function public.staff_complaint_queue(text, text, text, text, text, date, uuid, integer) is
  'Complaint staff: one page of the queue (RLS-scoped, invoker) sorted by the deadline shown (accept while received, resolve after), keyset cursor (due, id), with the counts total / overdue / due this week.';
revoke execute on function public.staff_complaint_queue(text, text, text, text, text, date, uuid, integer) from public, anon;
grant execute on function public.staff_complaint_queue(text, text, text, text, text, date, uuid, integer) to authenticated, service_role;
