-- Vietnam's calendar day and wall-clock time, for every SQL function that dates an event.
--
-- Supabase runs its database in UTC, so `current_date` and `timestamptz::date` put everything
-- between 00:00 and 07:00 Vietnam time on the previous day. Legal deadlines, receipts and
-- statistics are counted in Vietnam's days: use these helpers, never `current_date` or a bare
-- `::date` on a timestamptz. Vietnam has one time zone and no daylight saving.

create schema if not exists private;

create or replace function private.vn_tz() returns text
  language sql immutable set search_path = '' as $$ select 'Asia/Ho_Chi_Minh'::text $$;

-- The Vietnam calendar date of an instant.
create or replace function private.vn_date(at timestamptz) returns date
  language sql immutable set search_path = '' as $$
  select (vn_date.at at time zone 'Asia/Ho_Chi_Minh')::date
$$;

-- Today in Vietnam.
create or replace function private.vn_today() returns date
  language sql stable set search_path = '' as $$
  select private.vn_date(now())
$$;

comment on function private.vn_date(timestamptz) is
  'Vietnam (UTC+7) calendar date of an instant; use instead of timestamptz::date.';
comment on function private.vn_today() is
  'Today in Vietnam (UTC+7); use instead of current_date, which is UTC on Supabase.';

-- Security invoker helpers with no data access: functions of every role may call them.
grant execute on function private.vn_tz(), private.vn_date(timestamptz), private.vn_today()
  to anon, authenticated, service_role;
