-- Security (issue 12, item 8): abuse limits keyed on what the caller cannot choose.
--
--   * Filing a complaint: per filer (phone, else CCCD) 3 per 10 minutes as before; per client
--     address (private.client_bucket(), never payload.client_address) 10 per 10 minutes and 30 a
--     day. No shared bucket for filings without phone or CCCD: 20 junk petitions no longer block
--     every anonymous petition in the country.
--   * Bookings (book_reception, 20261207002010): 4 an hour and 10 a day per client address, on top
--     of the per-phone limits — slot hoarding with random phone numbers.
--   * Applications (file_application, 20261207002010): per CCCD, phone *or e-mail* 10 a day; per
--     client address 10 an hour, 30 a day.
--   * Draft uploads: public.claim_upload_quota(bytes), called by the app before storing a citizen's
--     file: 60 MB and 40 files per client address per day.
--   * Messages: an SMS or e-mail queued by an anonymous request goes to one recipient at most 3
--     times a day (scheduled reminders and the units' and staff's own addresses excepted):
--     naming a stranger's e-mail in six filings no longer sends six e-mails.

-- Weighted hit: counts `weight` units (bytes of an upload…) instead of one.
create or replace function private.hit_rate_limit(bucket text, key text, max integer, per interval, weight integer)
returns boolean
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  n bigint;
begin
  insert into private.rate_limits as r (bucket, key, window_start, hits)
  values (hit_rate_limit.bucket, hit_rate_limit.key, now(), hit_rate_limit.weight)
  on conflict on constraint rate_limits_pkey do update
    set hits = case when r.window_start + hit_rate_limit.per <= now() then hit_rate_limit.weight
                    else r.hits + hit_rate_limit.weight end,
        window_start = case when r.window_start + hit_rate_limit.per <= now() then now() else r.window_start end
  returning r.hits into n;
  return n <= hit_rate_limit.max;
end;
$$;
revoke all on function private.hit_rate_limit(text, text, integer, interval, integer) from public, anon, authenticated;
grant execute on function private.hit_rate_limit(text, text, integer, interval, integer) to service_role;
revoke execute on function private.complaints_submit_rate_limit(jsonb, text) from public, anon, authenticated;

-- Draft uploads: the app asks before it stores a citizen's file (with the anon client, so the
-- request carries the citizen's signed address). False: over the day's quota, refuse the file.
create function public.claim_upload_quota(p_bytes bigint) returns boolean
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_client text := private.client_bucket();
begin
  if p_bytes is null or p_bytes < 0 or p_bytes > 50 * 1024 * 1024 then
    raise exception using errcode = 'P0001', message = 'invalid_size';
  end if;
  if v_client is null or (select private.is_staff()) then
    return true;
  end if;
  return private.hit_rate_limit('upload_client_files', v_client, 40, interval '1 day')
     and private.hit_rate_limit('upload_client_bytes', v_client, 60 * 1024 * 1024, interval '1 day',
                                greatest(p_bytes, 1)::integer);
end
$$;
comment on function public.claim_upload_quota(bigint) is
  'Counts a citizen''s draft upload against the client address''s daily quota (60 MB, 40 files); false when over it.';
revoke all on function public.claim_upload_quota(bigint) from public;
grant execute on function public.claim_upload_quota(bigint) to anon, authenticated, service_role;
