-- Complaints: a rate limit on anonymous filing (submit_complaint had none).
--
-- Uses the foundation limiter (20261126000180, private.hit_rate_limit) in two buckets, each a
-- fixed 10-minute window:
--   * complaint_submit_filer — per filer: the phone number, else the CCCD, else one shared key for
--     filings without either (anonymous petitions): 3 filings per 10 minutes;
--   * complaint_submit_client — per client address, passed by the app's server as
--     payload.client_address (the browser's IP as SvelteKit sees it; the app leaves it out for a
--     loopback or private address, which is a proxy's, not a citizen's): 10 filings per 10
--     minutes (generous: mobile carriers put many phones behind one address).
-- Staff (petitions registered at the reception desk), the service role and direct database
-- sessions (seeds) are not limited.
-- A replay of the same submission (same idempotency key: offline outbox, double click, lost
-- response) returns before the limiter, so it never counts and is never refused. A refusal raises
-- `rate_limited`; the form keeps everything typed and shows complaints_error_rate_limited.

create or replace function private.complaints_submit_rate_limit(p_filer jsonb, p_client text) returns void
language plpgsql security definer set search_path = '' as $$
declare
  v_phone text := replace(private.complaints_txt(p_filer, 'phone'), ' ', '');
  v_cccd text := private.complaints_txt(p_filer, 'cccd');
  v_who text := case when v_phone is not null then 'phone:' || v_phone
                     when v_cccd is not null then 'cccd:' || v_cccd end;
  -- p_client is ignored: the address comes from the signed request header or the gateway.
  v_client text := private.client_bucket();
begin
  -- Citizens only: staff registering petitions received at the desk (reception), the app's
  -- service role and direct database sessions (seeds) are not limited.
  if coalesce((select auth.role()), '') not in ('anon', 'authenticated') or (select private.is_staff()) then
    return;
  end if;
  if v_who is not null and not private.hit_rate_limit('complaint_submit_filer', v_who, 3, interval '10 minutes') then
    raise exception using errcode = 'P0001', message = 'rate_limited';
  end if;
  if v_client is not null and (
       not private.hit_rate_limit('complaint_submit_client', v_client, 10, interval '10 minutes')
       or not private.hit_rate_limit('complaint_submit_client_day', v_client, 30, interval '1 day')) then
    raise exception using errcode = 'P0001', message = 'rate_limited';
  end if;
end
$$;
revoke execute on function private.complaints_submit_rate_limit(jsonb, text) from public;
