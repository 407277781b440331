-- Foundation 6/9: notifications outbox (email / SMS / push).
-- State-changing SQL functions queue a message with private.notify() in the same transaction as
-- the change, so a message is sent if and only if the change committed. The app's sender
-- (src/lib/server/notifications.ts, run by POST /api/jobs/run) claims due messages with
-- public.claim_notifications(n) and reports back with public.mark_notification(id, status, error).
-- Messages hold citizens' contact details: no API role but service_role can read them.

create table public.notifications (
  id bigint generated always as identity primary key,
  channel text not null check (channel in ('email', 'sms', 'push')),
  recipient text not null check (length(recipient) between 1 and 320),
  template text not null check (template ~ '^[a-z0-9_.]{1,100}$'),
  payload jsonb not null default '{}'::jsonb,
  send_after timestamptz not null default now(),
  status text not null default 'queued' check (status in ('queued', 'sent', 'failed')),
  attempts integer not null default 0,
  -- Set while a sender holds the message (claim); an expired claim makes it claimable again.
  claimed_until timestamptz,
  last_error text,
  created_at timestamptz not null default now(),
  sent_at timestamptz
);

comment on table public.notifications is
  'Outbox of messages to citizens and staff. Only service_role (the app server''s sender) may read or change rows; anon and authenticated have no access. Rows are queued by private.notify() inside state-changing functions.';

create index notifications_due_idx on public.notifications (send_after, id) where status = 'queued';
create index notifications_created_at_idx on public.notifications (created_at desc);

alter table public.notifications enable row level security;
-- No policies: anon and authenticated are denied; service_role bypasses RLS.

revoke all on public.notifications from anon, authenticated;
grant all on public.notifications to service_role;

-- Queue a message. Returns its id.
-- Per-recipient cap on messages that an anonymous request queues.
create or replace function private.notify(
  channel text,
  recipient text,
  template text,
  payload jsonb,
  send_after timestamptz default now()
)
returns bigint
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  new_id bigint;
  v_to text := lower(btrim(notify.recipient));
begin
  if coalesce((select auth.role()), '') = 'anon'
     and coalesce(notify.send_after, now()) <= now() + interval '1 minute'
     and not exists (select 1 from public.units u where lower(u.email) = v_to)
     and not exists (select 1 from public.staff s join auth.users a on a.id = s.user_id where lower(a.email) = v_to)
     and not private.hit_rate_limit('notify_recipient', notify.channel || ':' || v_to, 3, interval '1 day') then
    return null;
  end if;
  insert into public.notifications (channel, recipient, template, payload, send_after)
  values (notify.channel, notify.recipient, notify.template, coalesce(notify.payload, '{}'::jsonb),
          coalesce(notify.send_after, now()))
  returning id into new_id;
  return new_id;
end;
$$;

revoke all on function private.notify(text, text, text, jsonb, timestamptz) from public;
grant execute on function private.notify(text, text, text, jsonb, timestamptz) to service_role;

-- Claim up to n due messages for sending: they stay 'queued' but are hidden from other senders for
-- five minutes (a crashed sender's messages come back). `skip locked` lets several app instances
-- run the sender at once without sending a message twice.
create or replace function public.claim_notifications(n integer default 20)
returns setof public.notifications
language plpgsql volatile security definer
set search_path = ''
as $$
begin
  return query
    update public.notifications t
    set claimed_until = now() + interval '5 minutes', attempts = t.attempts + 1
    where t.id in (
      select q.id from public.notifications q
      where q.status = 'queued' and q.send_after <= now()
        and (q.claimed_until is null or q.claimed_until < now())
      order by q.send_after, q.id
      limit greatest(least(coalesce(n, 20), 500), 0)
      for update skip locked
    )
    returning t.*;
end;
$$;

-- Report the outcome of sending a claimed message: 'sent', 'failed' (final), or 'queued' (try
-- again later: retried after a back-off of attempts² minutes).
create or replace function public.mark_notification(id bigint, status text, error text default null)
returns void
language plpgsql volatile security definer
set search_path = ''
as $$
begin
  if mark_notification.status not in ('queued', 'sent', 'failed') then
    raise exception using errcode = 'P0001', message = 'invalid_notification_status';
  end if;
  update public.notifications t
  set status = mark_notification.status,
      claimed_until = null,
      last_error = left(mark_notification.error, 2000),
      sent_at = case when mark_notification.status = 'sent' then now() else t.sent_at end,
      send_after = case when mark_notification.status = 'queued'
                        then now() + make_interval(mins => t.attempts * t.attempts)
                        else t.send_after end
  where t.id = mark_notification.id;
  if not found then
    raise exception using errcode = 'P0001', message = 'notification_not_found';
  end if;
end;
$$;

revoke all on function public.claim_notifications(integer), public.mark_notification(bigint, text, text)
  from public, anon, authenticated;
grant execute on function public.claim_notifications(integer), public.mark_notification(bigint, text, text)
  to service_role;
