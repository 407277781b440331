-- Messages (issue 14, part 1): delivery state of the outbox, attempts, dead letters, per-unit view.
--
-- The outbox (20261126000150) gains what a real sender needs:
--   * status 'dead': given up after N attempts or on an error retrying cannot fix; a unit head
--     sees it in the delivery view (public.list_deliveries) and may send it again by hand
--     (public.resend_notification). 'failed' keeps its meaning: closed without sending on purpose
--     (a superseded reminder, an opted-out recipient).
--   * channel 'zalo' (Zalo ZNS, to the phone number's Zalo account);
--   * unit_id: the unit the message is about (filled from the payload's booking / code, or the
--     unit's or staff member's address), so a unit head sees the unit's deliveries;
--   * lang: the language to render the message in ('vi' unless the filing said otherwise);
--   * dedupe_key: scheduled jobs queue a message once per key (reminders, digests), however many
--     job runners run and however often;
--   * provider, provider_ref, delivered_at: who took the message and their id for it.
-- Every attempt is a row of public.notification_attempts (sender, outcome, error, duration).

alter table public.notifications drop constraint notifications_channel_check;
alter table public.notifications add constraint notifications_channel_check
  check (channel in ('email', 'sms', 'push', 'zalo'));
alter table public.notifications drop constraint notifications_status_check;
alter table public.notifications add constraint notifications_status_check
  check (status in ('queued', 'sent', 'failed', 'dead'));

alter table public.notifications
  add column unit_id uuid references public.units (id) on delete set null,
  add column lang text not null default 'vi' check (lang in ('vi', 'en')),
  add column dedupe_key text check (length(dedupe_key) <= 200),
  add column provider text check (length(provider) <= 100),
  add column provider_ref text check (length(provider_ref) <= 200),
  add column delivered_at timestamptz;

comment on column public.notifications.status is
  'queued (waiting or being retried) · sent (a provider accepted it) · failed (closed without sending on purpose: superseded, opted out) · dead (given up after the last attempt or a permanent error; a unit head may resend it)';

create unique index notifications_dedupe_key_idx on public.notifications (dedupe_key);
create index notifications_unit_status_idx on public.notifications (unit_id, status, created_at desc);
create index notifications_booking_idx on public.notifications ((payload ->> 'booking_id'))
  where payload ? 'booking_id';

-- The unit a message is about: the booking's, the file's (by its tracking code), else the unit
-- or staff member the message is addressed to. Set on insert so every caller of private.notify
-- (and direct inserts) gets it without change.
create or replace function private.notifications_set_unit()
  returns trigger language plpgsql security definer set search_path = '' as $$
declare
  v_code text := new.payload ->> 'code';
begin
  if new.unit_id is null then
    new.unit_id := coalesce(
      (select b.unit_id from public.bookings b where b.id::text = new.payload ->> 'booking_id'),
      (select c.unit_id from public.complaints c where v_code is not null and c.tracking_code = v_code),
      (select a.unit_id from public.applications a where v_code is not null and a.tracking_code = v_code),
      (select b.unit_id from public.bookings b where v_code is not null and b.tracking_code = v_code),
      (select u.id from public.units u where lower(u.email) = lower(new.recipient) limit 1),
      (select s.unit_id from public.staff s where lower(s.email) = lower(new.recipient) limit 1));
  end if;
  if new.lang is null or new.lang not in ('vi', 'en') then
    new.lang := case when new.payload ->> 'lang' = 'en' then 'en' else 'vi' end;
  elsif new.payload ->> 'lang' = 'en' then
    new.lang := 'en';
  end if;
  -- A recipient who said "TU CHOI" (or used the opt-out link) gets no more messages on that
  -- channel; the row is kept, closed, so staff can see why nothing was sent.
  if new.status = 'queued' and exists (
       select 1 from private.message_opt_outs o
        where o.channel = new.channel and o.recipient = lower(btrim(new.recipient))) then
    new.status := 'failed';
    new.last_error := 'opted_out';
  end if;
  return new;
end
$$;

-- Recipients who asked for no more messages (SMS "TU CHOI", the opt-out link), per channel.
create table private.message_opt_outs (
  channel text not null check (channel in ('email', 'sms', 'push', 'zalo')),
  recipient text not null check (length(recipient) between 1 and 320),
  created_at timestamptz not null default now(),
  primary key (channel, recipient)
);
comment on table private.message_opt_outs is
  'Recipients (lower-cased) who opted out of messages on a channel. Written by public.opt_out_recipient (service role: the app''s opt-out link and the SMS provider''s inbound webhook); read by the outbox trigger.';
revoke all on private.message_opt_outs from public, anon, authenticated;

revoke all on function private.notifications_set_unit() from public, anon, authenticated;

create trigger notifications_set_unit
  before insert on public.notifications
  for each row execute function private.notifications_set_unit();

-- Attempts: one row per try to hand a message to a provider, plus manual resends.
create table public.notification_attempts (
  id bigint generated always as identity primary key,
  notification_id bigint not null references public.notifications (id) on delete cascade,
  attempt integer not null,
  at timestamptz not null default now(),
  sender text check (length(sender) <= 100),
  outcome text not null check (outcome in ('sent', 'retry', 'dead', 'resend')),
  error text check (length(error) <= 2000),
  provider_ref text check (length(provider_ref) <= 200),
  ms integer,
  actor_id uuid
);
comment on table public.notification_attempts is
  'Delivery attempts of outbox messages (sent, retry with back-off, dead letter) and manual resends. Only service_role reads the table; unit heads see attempts through public.list_deliveries.';
create index notification_attempts_notification_idx on public.notification_attempts (notification_id, id);
alter table public.notification_attempts enable row level security;
revoke all on public.notification_attempts from anon, authenticated;
grant all on public.notification_attempts to service_role;

-- Claim up to n due messages (as of p_now: tests and the job endpoint's clock move time forward
-- instead of waiting), on the channels the caller has a sender for (p_channels; null: all: a
-- channel with no sender keeps its messages queued). Unchanged otherwise: hidden from other senders for five minutes, `skip
-- locked`, so two app instances (or pg_cron and an app) never hold the same message.
drop function public.claim_notifications(integer);
create function public.claim_notifications(n integer default 20, p_now timestamptz default null, p_channels text[] default null)
returns setof public.notifications
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  v_now timestamptz := coalesce(p_now, now());
begin
  return query
    update public.notifications t
    set claimed_until = now() + interval '5 minutes', attempts = t.attempts + 1
    where t.id in (
      select q.id from public.notifications q
      where q.status = 'queued' and q.send_after <= v_now
        and (q.claimed_until is null or q.claimed_until < now())
        and (p_channels is null or q.channel = any (p_channels))
      order by q.send_after, q.id
      limit greatest(least(coalesce(n, 20), 500), 0)
      for update skip locked
    )
    returning t.*;
end;
$$;
revoke all on function public.claim_notifications(integer, timestamptz, text[]) from public, anon, authenticated;
grant execute on function public.claim_notifications(integer, timestamptz, text[]) to service_role;

-- Back-off after the k-th failed attempt: 30 s · 2^(k-1), at most 6 hours.
create or replace function private.notification_backoff(k integer) returns interval
language sql immutable set search_path = '' as $$
  select least(interval '30 seconds' * power(2, greatest(k, 1) - 1), interval '6 hours')
$$;

-- Record the outcome of one attempt on a claimed message: sent; failed and retried after an
-- exponential back-off; or dead (permanent error, or the last of p_max_attempts). Returns the
-- message's new status. The row must still be claimed (claimed_until set): a sender whose claim
-- expired and was taken over cannot overwrite the newer outcome.
create or replace function public.record_notification_attempt(
  p_id bigint,
  p_ok boolean,
  p_error text default null,
  p_permanent boolean default false,
  p_sender text default null,
  p_provider_ref text default null,
  p_max_attempts integer default 5,
  p_ms integer default null,
  p_now timestamptz default null
) returns text
language plpgsql volatile security definer set search_path = '' as $$
declare
  n public.notifications;
  v_status text;
  v_now timestamptz := coalesce(p_now, now());
begin
  select * into n from public.notifications t where t.id = p_id for update;
  if not found then
    raise exception using errcode = 'P0001', message = 'notification_not_found';
  end if;
  if n.status <> 'queued' or n.claimed_until is null then
    raise exception using errcode = 'P0001', message = 'notification_not_claimed';
  end if;
  v_status := case when p_ok then 'sent'
                   when p_permanent or n.attempts >= greatest(coalesce(p_max_attempts, 5), 1) then 'dead'
                   else 'queued' end;
  update public.notifications t
     set status = v_status,
         claimed_until = null,
         last_error = case when p_ok then null else left(p_error, 2000) end,
         sent_at = case when p_ok then now() else t.sent_at end,
         provider = coalesce(left(p_sender, 100), t.provider),
         provider_ref = case when p_ok then left(p_provider_ref, 200) else t.provider_ref end,
         send_after = case when v_status = 'queued' then v_now + private.notification_backoff(t.attempts)
                           else t.send_after end
   where t.id = p_id;
  insert into public.notification_attempts (notification_id, attempt, sender, outcome, error, provider_ref, ms)
  values (p_id, n.attempts, left(p_sender, 100),
          case v_status when 'sent' then 'sent' when 'dead' then 'dead' else 'retry' end,
          left(p_error, 2000), left(p_provider_ref, 200), p_ms);
  return v_status;
end
$$;
revoke all on function public.record_notification_attempt(bigint, boolean, text, boolean, text, text, integer, integer, timestamptz)
  from public, anon, authenticated;
grant execute on function public.record_notification_attempt(bigint, boolean, text, boolean, text, text, integer, integer, timestamptz)
  to service_role;

-- A provider's delivery report (e.g. eSMS's CallbackUrl, Zalo's user_received_message event).
create or replace function public.record_notification_delivered(p_provider text, p_ref text, p_at timestamptz default null)
returns boolean language plpgsql volatile security definer set search_path = '' as $$
begin
  update public.notifications t set delivered_at = coalesce(p_at, now())
   where t.provider = p_provider and t.provider_ref = p_ref and t.status = 'sent' and t.delivered_at is null;
  return found;
end
$$;
revoke all on function public.record_notification_delivered(text, text, timestamptz) from public, anon, authenticated;
grant execute on function public.record_notification_delivered(text, text, timestamptz) to service_role;

-- Opt out (service role: the app checks the signed link or the provider's webhook first).
create or replace function public.opt_out_recipient(p_channel text, p_recipient text)
returns void language plpgsql volatile security definer set search_path = '' as $$
declare
  v_to text := lower(btrim(p_recipient));
  v_channels text[] := case when p_channel = 'phone' then array['sms', 'zalo'] else array[p_channel] end;
begin
  if not (v_channels <@ array['email', 'sms', 'push', 'zalo']) or v_to = '' then
    raise exception using errcode = 'P0001', message = 'invalid_opt_out';
  end if;
  insert into private.message_opt_outs (channel, recipient)
  select c, v_to from unnest(v_channels) c
  on conflict do nothing;
  update public.notifications t set status = 'failed', last_error = 'opted_out', claimed_until = null
   where t.status = 'queued' and t.channel = any (v_channels) and lower(btrim(t.recipient)) = v_to;
end
$$;
revoke all on function public.opt_out_recipient(text, text) from public, anon, authenticated;
grant execute on function public.opt_out_recipient(text, text) to service_role;

-- Queue a message once per key (scheduled jobs). Goes through private.notify, so its caps apply.
create or replace function private.notify_once(
  p_key text, p_channel text, p_recipient text, p_template text, p_payload jsonb,
  p_send_after timestamptz default now(), p_unit_id uuid default null
) returns bigint
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_id bigint;
begin
  -- Two job runners at once: the second waits here, then sees the first one's row.
  perform pg_advisory_xact_lock(hashtextextended('notify_once:' || p_key, 0));
  if exists (select 1 from public.notifications t where t.dedupe_key = p_key) then
    return null;
  end if;
  v_id := private.notify(p_channel, p_recipient, p_template, p_payload, p_send_after);
  if v_id is not null then
    update public.notifications t
       set dedupe_key = p_key, unit_id = coalesce(p_unit_id, t.unit_id)
     where t.id = v_id;
  end if;
  return v_id;
end
$$;
revoke all on function private.notify_once(text, text, text, text, jsonb, timestamptz, uuid) from public, anon, authenticated;

-- A recipient as staff may see it: e-mail ng…@gmail.com, phone 09******78.
create or replace function private.mask_recipient(p_channel text, p_recipient text) returns text
language sql immutable set search_path = '' as $$
  select case
    when p_channel = 'email' and position('@' in p_recipient) > 1 then
      left(p_recipient, least(2, position('@' in p_recipient) - 1)) || '…' || substr(p_recipient, position('@' in p_recipient))
    when p_channel in ('sms', 'zalo') and length(p_recipient) >= 6 then
      left(p_recipient, 2) || repeat('*', length(p_recipient) - 4) || right(p_recipient, 2)
    when p_channel = 'push' then 'push'
    else '…'
  end
$$;

-- Delivery view for staff: the messages of the units a unit head (or an admin) can see, newest
-- first, recipient masked, payload never shown (it may hold a receipt secret). Other staff and
-- citizens get nothing.
create or replace function public.list_deliveries(
  p_status text default null,
  p_unit uuid default null,
  p_limit integer default 100
) returns table (
  id bigint, created_at timestamptz, channel text, recipient text, template text, code text,
  status text, attempts integer, last_error text, sent_at timestamptz, delivered_at timestamptz,
  send_after timestamptz, provider text, unit_id uuid, unit_name text, history jsonb
)
language plpgsql stable security definer set search_path = '' as $$
begin
  if not (private.has_role('unit_head') or private.has_role('admin')) then
    raise exception using errcode = '42501', message = 'forbidden';
  end if;
  return query
    select t.id, t.created_at, t.channel, private.mask_recipient(t.channel, t.recipient), t.template,
           t.payload ->> 'code', t.status, t.attempts, t.last_error, t.sent_at, t.delivered_at,
           t.send_after, t.provider, t.unit_id, u.name,
           coalesce((select jsonb_agg(jsonb_build_object('attempt', a.attempt, 'at', a.at, 'outcome', a.outcome,
                                                         'error', a.error, 'sender', a.sender) order by a.id)
                       from public.notification_attempts a where a.notification_id = t.id), '[]'::jsonb)
      from public.notifications t
      left join public.units u on u.id = t.unit_id
     where (t.unit_id in (select v from private.visible_unit_ids() v)
            or (t.unit_id is null and private.has_role('admin')))
       and (p_status is null or t.status = p_status)
       and (p_unit is null or t.unit_id = p_unit)
     order by t.created_at desc, t.id desc
     limit greatest(least(coalesce(p_limit, 100), 500), 1);
end
$$;
revoke all on function public.list_deliveries(text, uuid, integer) from public, anon;
grant execute on function public.list_deliveries(text, uuid, integer) to authenticated, service_role;

-- Resend by hand (unit head of the message's unit, or an admin): a dead or failed message goes
-- back to the queue with fresh attempts; the resend is recorded among the attempts and audited.
create or replace function public.resend_notification(p_id bigint) returns void
language plpgsql volatile security definer set search_path = '' as $$
declare
  n public.notifications;
begin
  select * into n from public.notifications t where t.id = p_id for update;
  if not found or not (private.has_role('unit_head') or private.has_role('admin'))
     or not (private.can_see_unit(n.unit_id) or (n.unit_id is null and private.has_role('admin'))) then
    raise exception using errcode = 'P0001', message = 'notification_not_found';
  end if;
  if n.status not in ('dead', 'failed') or n.last_error = 'opted_out' then
    raise exception using errcode = 'P0001', message = 'notification_not_resendable';
  end if;
  update public.notifications t
     set status = 'queued', attempts = 0, send_after = now(), claimed_until = null
   where t.id = p_id;
  insert into public.notification_attempts (notification_id, attempt, outcome, error, actor_id)
  values (p_id, n.attempts, 'resend', n.last_error, (select auth.uid()));
  if n.unit_id is not null then
    perform private.audit('notification', null, n.unit_id, 'resend_notification', null,
                          jsonb_build_object('id', p_id, 'template', n.template), null);
  end if;
end
$$;
revoke all on function public.resend_notification(bigint) from public, anon;
grant execute on function public.resend_notification(bigint) to authenticated, service_role;
