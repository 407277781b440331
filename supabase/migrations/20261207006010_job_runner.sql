-- Messages (issue 14, part 2): the job runner's database side.
--
--   * public.claim_job_run(name, key): a periodic job runs once per key (a VN date for daily
--     jobs, a time slot for frequent ones) however many app instances run the scheduler.
--   * public.queue_booking_reminders(p_now): the day-before reminder (for bookings whose
--     reminder was not queued at booking time, e.g. booked after the reminder hour) and a second
--     reminder 2 hours before; once per booking and start time (dedupe_key).
--   * public.queue_officer_digests(p_now): one morning e-mail per officer listing the files
--     assigned to them that are due today or overdue (unit heads: the unit's unassigned ones).
--   * public.run_scheduled_sql_jobs(p_now): the SQL-only jobs in one call, for pg_cron.
--   * pg_cron (hosted Supabase): when the extension is available it schedules the SQL jobs every
--     5 minutes and, when private.job_settings holds the app's URL and JOBS_SECRET and pg_net is
--     installed, calls POST /api/jobs/run every minute, which sends the outbox (SMTP, SMS…
--     need the app). Under `npm start` the app's in-process scheduler does all of it.

create table private.job_runs (
  name text primary key check (name ~ '^[a-z0-9_.-]{1,100}$'),
  last_key text not null,
  started_at timestamptz not null default now(),
  finished_at timestamptz,
  last_error text
);
comment on table private.job_runs is
  'Last run of each periodic job (name, the run key claimed). Written by public.claim_job_run / finish_job_run (service role).';
revoke all on private.job_runs from public, anon, authenticated;

-- True for exactly one caller per (name, key): the first to claim it. A second instance blocks on
-- the row until the first commits, then sees the key taken.
create or replace function public.claim_job_run(p_name text, p_key text) returns boolean
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_ok boolean;
begin
  insert into private.job_runs as r (name, last_key) values (p_name, p_key)
  on conflict (name) do update
    set last_key = excluded.last_key, started_at = now(), finished_at = null, last_error = null
    where r.last_key is distinct from excluded.last_key
  returning true into v_ok;
  return coalesce(v_ok, false);
end
$$;

create or replace function public.finish_job_run(p_name text, p_error text default null) returns void
language sql volatile security definer set search_path = '' as $$
  update private.job_runs set finished_at = now(), last_error = left(p_error, 2000) where name = p_name
$$;

-- Jobs' last runs, for the staff delivery page (admins) and operators.
create or replace function public.list_job_runs()
returns table (name text, last_key text, started_at timestamptz, finished_at timestamptz, last_error text)
language plpgsql stable security definer set search_path = '' as $$
begin
  if coalesce((select auth.role()), '') <> 'service_role' and not private.has_role('admin') then
    raise exception using errcode = '42501', message = 'forbidden';
  end if;
  return query select r.name, r.last_key, r.started_at, r.finished_at, r.last_error
                 from private.job_runs r order by r.name;
end
$$;

revoke all on function public.claim_job_run(text, text), public.finish_job_run(text, text)
  from public, anon, authenticated;
grant execute on function public.claim_job_run(text, text), public.finish_job_run(text, text) to service_role;
revoke all on function public.list_job_runs() from public, anon;
grant execute on function public.list_job_runs() to authenticated, service_role;

-- Booking reminders. The payload matches private.reception_queue_messages' (plus `when`), and
-- the template is the same, so the reception trigger that closes stale reminders of a cancelled
-- or moved booking closes these too.
create or replace function public.queue_booking_reminders(p_now timestamptz default null)
returns integer language plpgsql volatile security definer set search_path = '' as $$
declare
  v_now timestamptz := coalesce(p_now, now());
  v_today date := private.vn_date(coalesce(p_now, now()));
  v_hour integer := extract(hour from coalesce(p_now, now()) at time zone private.vn_tz());
  v_reminder_hour integer := coalesce((select s.reminder_hour from public.reception_settings s limit 1), 8);
  r record;
  v_payload jsonb;
  v_when text;
  n integer := 0;
begin
  for r in
    select b.*, u.name as unit_name, u.address as unit_address
      from public.bookings b join public.units u on u.id = b.unit_id
     where b.status = 'booked' and b.starts_at is not null
       and (
         -- the day before, from the reminder hour on
         (b.day = v_today + 1 and v_hour >= v_reminder_hour)
         -- within 2 hours of the start
         or (b.starts_at > v_now and b.starts_at <= v_now + interval '2 hours'))
  loop
    v_when := case when r.starts_at <= v_now + interval '2 hours' then 'soon' else 'day_before' end;
    -- The day-before reminder queued at booking time (or sent already) counts.
    continue when v_when = 'day_before' and exists (
      select 1 from public.notifications t
       where t.template = 'reception_booking_reminder' and t.payload ->> 'booking_id' = r.id::text
         and coalesce(t.payload ->> 'when', 'day_before') = 'day_before'
         and (t.payload ->> 'starts_at')::timestamptz = r.starts_at
         and t.status in ('queued', 'sent', 'dead'));
    v_payload := jsonb_build_object(
      'booking_id', r.id, 'code', r.tracking_code, 'starts_at', r.starts_at,
      'unit_name', r.unit_name, 'unit_address', r.unit_address, 'when', v_when,
      'local_time', to_char(r.starts_at at time zone private.vn_tz(), 'HH24:MI DD/MM/YYYY'));
    if r.phone is not null and private.notify_once(
         format('booking:%s:%s:%s:sms', r.id, extract(epoch from r.starts_at)::bigint, v_when),
         'sms', r.phone, 'reception_booking_reminder', v_payload, v_now, r.unit_id) is not null then
      n := n + 1;
    end if;
    if r.email is not null and private.notify_once(
         format('booking:%s:%s:%s:email', r.id, extract(epoch from r.starts_at)::bigint, v_when),
         'email', r.email, 'reception_booking_reminder', v_payload, v_now, r.unit_id) is not null then
      n := n + 1;
    end if;
  end loop;
  return n;
end
$$;
revoke all on function public.queue_booking_reminders(timestamptz) from public, anon, authenticated;
grant execute on function public.queue_booking_reminders(timestamptz) to service_role;

-- Morning digest (from 07:00 Vietnam time): per active officer with an e-mail address, the open
-- files assigned to them whose deadline is today or past; a unit head also gets the unit's
-- unassigned ones. One e-mail per officer per day (dedupe_key), none when the list is empty.
create or replace function public.queue_officer_digests(p_now timestamptz default null)
returns integer language plpgsql volatile security definer set search_path = '' as $$
declare
  v_today date := private.vn_date(coalesce(p_now, now()));
  v_hour integer := extract(hour from coalesce(p_now, now()) at time zone private.vn_tz());
  s record;
  v_items jsonb;
  n integer := 0;
begin
  if v_hour < 7 then
    return 0;
  end if;
  for s in
    select st.user_id, st.unit_id, st.email, st.full_name, st.roles from public.staff st
     where st.is_active and st.email is not null
       and st.roles && array['complaint_officer', 'procedure_officer', 'unit_head']
  loop
    select coalesce(jsonb_agg(i order by i ->> 'due', i ->> 'code'), '[]'::jsonb) into v_items from (
      select jsonb_build_object('code', coalesce(c.tracking_code, c.id::text), 'kind', c.kind, 'status', c.status,
                                'due', d.due, 'overdue', d.due < v_today) as i
        from public.complaints c
        cross join lateral (select case when c.status = 'received' then c.accept_due else c.resolve_due end as due) d
       where c.status in ('received', 'accepted', 'verifying', 'dialogue') and d.due <= v_today
         and (c.assigned_to = s.user_id
              or ('unit_head' = any (s.roles) and c.assigned_to is null and c.unit_id = s.unit_id))
      union all
      select jsonb_build_object('code', a.tracking_code, 'kind', 'application', 'status', a.status,
                                'due', a.due_date, 'overdue', a.due_date < v_today)
        from public.applications a
       where a.status in ('submitted', 'checking', 'processing') and a.due_date <= v_today
         and (a.assigned_to = s.user_id
              or ('unit_head' = any (s.roles) and a.assigned_to is null and a.unit_id = s.unit_id))
    ) x;
    continue when jsonb_array_length(v_items) = 0;
    if private.notify_once(format('digest:%s:%s', s.user_id, v_today), 'email', s.email, 'staff_daily_digest',
         jsonb_build_object('date', v_today, 'name', s.full_name, 'items', v_items,
                            'overdue', (select count(*) from jsonb_array_elements(v_items) e where (e ->> 'overdue')::boolean)),
         coalesce(p_now, now()), s.unit_id) is not null then
      n := n + 1;
    end if;
  end loop;
  return n;
end
$$;
revoke all on function public.queue_officer_digests(timestamptz) from public, anon, authenticated;
grant execute on function public.queue_officer_digests(timestamptz) to service_role;

-- The jobs that need nothing but SQL, for pg_cron (the app's scheduler calls them one by one).
create or replace function public.run_scheduled_sql_jobs(p_now timestamptz default null)
returns jsonb language plpgsql volatile security definer set search_path = '' as $$
begin
  return jsonb_build_object(
    'reminders', public.queue_booking_reminders(p_now),
    'digests', public.queue_officer_digests(p_now),
    'rate_limits_purged', public.purge_rate_limits());
end
$$;
revoke all on function public.run_scheduled_sql_jobs(timestamptz) from public, anon, authenticated;
grant execute on function public.run_scheduled_sql_jobs(timestamptz) to service_role;

-- Where pg_cron reaches the app (hosted Supabase): set once by an operator,
--   insert into private.job_settings values ('app_url', 'https://…'), ('jobs_secret', '<JOBS_SECRET>');
create table private.job_settings (
  key text primary key check (key in ('app_url', 'jobs_secret')),
  value text not null
);
comment on table private.job_settings is
  'The app''s public URL and JOBS_SECRET, for pg_cron to call POST /api/jobs/run through pg_net. Database owner only.';
revoke all on private.job_settings from public, anon, authenticated, service_role;

-- Called by pg_cron every minute: ask the app to run its jobs and send the outbox. Does nothing
-- without pg_net or settings.
create or replace function private.call_app_jobs() returns void
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_url text := (select value from private.job_settings where key = 'app_url');
  v_secret text := (select value from private.job_settings where key = 'jobs_secret');
begin
  if v_url is null or v_secret is null
     or not exists (select 1 from pg_catalog.pg_extension where extname = 'pg_net') then
    return;
  end if;
  execute 'select net.http_post(url := $1, body := $2, headers := $3)'
    using rtrim(v_url, '/') || '/api/jobs/run', '{}'::jsonb,
          jsonb_build_object('content-type', 'application/json', 'x-jobs-secret', v_secret);
end
$$;
revoke all on function private.call_app_jobs() from public, anon, authenticated;

do $$
begin
  if exists (select 1 from pg_catalog.pg_available_extensions where name = 'pg_cron') then
    begin
      create extension if not exists pg_cron;
      perform cron.schedule('thads-sql-jobs', '*/5 * * * *', 'select public.run_scheduled_sql_jobs()');
      perform cron.schedule('thads-app-jobs', '* * * * *', 'select private.call_app_jobs()');
    exception when others then
      -- e.g. pg_cron available but not preloaded (shared_preload_libraries): the app's in-process
      -- scheduler still runs every job.
      raise notice 'pg_cron not scheduled: %', sqlerrm;
    end;
  end if;
end
$$;

-- Grants that follow from the policies and helpers of 20261207003000 onwards: anon/authenticated
-- execute only the private security definer helpers a policy uses (see the end of
-- 20261207002030_tracking_limits.sql).

-- The statistics settings policy (20261207003000) calls private.is_staff() as the caller.
grant execute on function private.is_staff() to authenticated;

-- Only security definer functions call the rounding setting: nobody needs it directly.
revoke execute on function private.percent_rounding_for(uuid) from anon, authenticated;
