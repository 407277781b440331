-- Messages (issue 14): web push subscriptions, the citizen's choice of channel and language, and
-- one place that queues a citizen's message on the channels they chose.
--
--   * public.push_subscriptions: a browser's PushSubscription for one file (complaint, booking or
--     application), saved by public.subscribe_push(code, secret, subscription) — by code and
--     secret, not by account — after a filing or booking, from the receipt page. Service role
--     only reads the table (the endpoint and keys let anyone push to that browser).
--   * The choice made at filing (SMS, e-mail, Zalo, web push; language) is stored with the consent
--     (public.personal_data_consents.message_channels / message_lang), taken from the request
--     header `x-thads-messages` ("sms,email;vi") that the app sets on the filing call. No choice
--     (walk-ins, older files, API callers): SMS to the phone and e-mail to the address, as before.
--   * private.notify_citizen(kind, id, email, phone, template, payload, send_after): queues one
--     message per chosen channel, plus one web push per saved subscription, in the chosen
--     language. The three filing hubs (complaints_notify_filer, reception_queue_messages,
--     application_notify) and the booking reminders job go through it.

-- A push recipient is the subscription JSON (endpoint + keys), longer than an address.
alter table public.notifications drop constraint notifications_recipient_check;
alter table public.notifications add constraint notifications_recipient_check
  check (length(recipient) between 1 and case when channel = 'push' then 2000 else 320 end);

-- The choice of channels and language, stored with the consent of the filing.
alter table public.personal_data_consents
  add column message_channels text[]
    check (message_channels <@ array['sms', 'email', 'zalo', 'push']::text[]),
  add column message_lang text check (message_lang in ('vi', 'en'));
comment on column public.personal_data_consents.message_channels is
  'Channels the citizen chose at filing for messages about this file (sms, email, zalo, push); null: not asked (SMS and e-mail to what was given).';

-- "sms,email;vi" from the filing request's x-thads-messages header, or nulls.
create or replace function private.requested_message_choice(out channels text[], out lang text)
language plpgsql stable security definer set search_path = '' as $$
declare
  v text := left(private.request_header('x-thads-messages'), 100);
  v_list text;
begin
  if v is null or v !~ '^[a-z,]*(;(vi|en))?$' then
    return;
  end if;
  v_list := split_part(v, ';', 1);
  select coalesce(array_agg(distinct c order by c), '{}') into channels
    from unnest(string_to_array(v_list, ',')) c
   where c in ('sms', 'email', 'zalo', 'push');
  lang := nullif(split_part(v, ';', 2), '');
end
$$;
revoke all on function private.requested_message_choice() from public, anon, authenticated;

create or replace function private.consents_message_choice() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  c record;
begin
  if new.message_channels is null and new.method = 'online_form' then
    select * into c from private.requested_message_choice();
    new.message_channels := c.channels;
    new.message_lang := coalesce(new.message_lang, c.lang);
  end if;
  return new;
end
$$;
revoke all on function private.consents_message_choice() from public, anon, authenticated;
create trigger consents_message_choice
  before insert on public.personal_data_consents
  for each row execute function private.consents_message_choice();

-- Web push subscriptions, per file.
create table public.push_subscriptions (
  id bigint generated always as identity primary key,
  record_kind text not null check (record_kind in ('complaint', 'booking', 'application')),
  record_id uuid not null,
  endpoint text not null check (endpoint ~ '^https://[^/?#@\s]+/' and length(endpoint) <= 1000),
  p256dh text not null check (p256dh ~ '^[A-Za-z0-9_-]{80,100}={0,2}$'),
  auth text not null check (auth ~ '^[A-Za-z0-9_-]{16,32}={0,2}$'),
  lang text not null default 'vi' check (lang in ('vi', 'en')),
  created_at timestamptz not null default now(),
  unique (record_kind, record_id, endpoint)
);
comment on table public.push_subscriptions is
  'Web push subscriptions a citizen saved for one file by its code and secret (public.subscribe_push), at most 5 per file. Service role only: the endpoint and keys let anyone send to that browser.';
alter table public.push_subscriptions enable row level security;
revoke all on public.push_subscriptions from public, anon, authenticated;
grant all on public.push_subscriptions to service_role;

/** Save this browser's push subscription for the file a code + secret opens. Returns false for a
    wrong code or secret (never raises for those: the failed-attempt counter must commit). At most
    5 browsers per file: the oldest is replaced. */
create or replace function public.subscribe_push(p_code text, p_secret text, p_subscription jsonb, p_lang text default 'vi')
returns boolean language plpgsql volatile security definer set search_path = '' as $$
declare
  r record;
  v_kind text;
  v_id uuid;
  v_endpoint text := p_subscription ->> 'endpoint';
  v_p256dh text := p_subscription #>> '{keys,p256dh}';
  v_auth text := p_subscription #>> '{keys,auth}';
begin
  select * into r from public.resolve_tracking_code(p_code, p_secret);
  if r.kind is null or r.ref_id is null then
    return false;
  end if;
  v_kind := r.kind;
  v_id := case when r.kind = 'complaint' then private.complaints_latest(r.ref_id) else r.ref_id end;
  if v_kind not in ('complaint', 'booking', 'application') then
    return false;
  end if;
  if v_endpoint is null or v_endpoint !~ '^https://[^/?#@\s]+/' or length(v_endpoint) > 1000
     or coalesce(v_p256dh, '') !~ '^[A-Za-z0-9_-]{80,100}={0,2}$'
     or coalesce(v_auth, '') !~ '^[A-Za-z0-9_-]{16,32}={0,2}$' then
    raise exception using errcode = '22023', message = 'invalid_push_subscription';
  end if;
  insert into public.push_subscriptions (record_kind, record_id, endpoint, p256dh, auth, lang)
  values (v_kind, v_id, v_endpoint, v_p256dh, v_auth, case when p_lang = 'en' then 'en' else 'vi' end)
  on conflict (record_kind, record_id, endpoint)
    do update set p256dh = excluded.p256dh, auth = excluded.auth, lang = excluded.lang, created_at = now();
  delete from public.push_subscriptions s
   where s.record_kind = v_kind and s.record_id = v_id
     and s.id not in (select x.id from public.push_subscriptions x
                       where x.record_kind = v_kind and x.record_id = v_id
                       order by x.created_at desc, x.id desc limit 5);
  return true;
end
$$;
revoke all on function public.subscribe_push(text, text, jsonb, text) from public;
grant execute on function public.subscribe_push(text, text, jsonb, text) to anon, authenticated, service_role;

/** Where a citizen's message about a file goes: (channel, recipient, lang) rows. */
create or replace function private.citizen_recipients(
  p_kind text, p_id uuid, p_email text, p_phone text
) returns table (channel text, recipient text, lang text)
language plpgsql stable security definer set search_path = '' as $$
declare
  v_channels text[];
  v_lang text;
  c record;
begin
  select k.message_channels, k.message_lang into v_channels, v_lang
    from public.personal_data_consents k
   where k.record_kind = p_kind and k.record_id = p_id
   order by k.id limit 1;
  if v_channels is null then
    -- During the filing itself the consent row may not exist yet: the request's choice.
    select * into c from private.requested_message_choice();
    v_channels := c.channels;
    v_lang := coalesce(v_lang, c.lang);
  end if;
  v_lang := coalesce(v_lang, 'vi');
  if nullif(btrim(p_phone), '') is not null and (v_channels is null or 'sms' = any (v_channels)) then
    return query select 'sms'::text, p_phone, v_lang;
  end if;
  if nullif(btrim(p_email), '') is not null and (v_channels is null or 'email' = any (v_channels)) then
    return query select 'email'::text, p_email, v_lang;
  end if;
  if nullif(btrim(p_phone), '') is not null and 'zalo' = any (coalesce(v_channels, '{}')) then
    return query select 'zalo'::text, p_phone, v_lang;
  end if;
  return query
    select 'push'::text,
           jsonb_build_object('endpoint', s.endpoint, 'keys', jsonb_build_object('p256dh', s.p256dh, 'auth', s.auth))::text,
           s.lang
      from public.push_subscriptions s
     where s.record_kind = p_kind and s.record_id = p_id
     order by s.id;
end
$$;
revoke all on function private.citizen_recipients(text, uuid, text, text) from public, anon, authenticated;

/** Queue a citizen's message on every channel they chose (see private.citizen_recipients). */
create or replace function private.notify_citizen(
  p_kind text, p_id uuid, p_email text, p_phone text, p_template text, p_payload jsonb,
  p_send_after timestamptz default now()
) returns integer
language plpgsql volatile security definer set search_path = '' as $$
declare
  r record;
  n integer := 0;
begin
  for r in select * from private.citizen_recipients(p_kind, p_id, p_email, p_phone) loop
    if private.notify(r.channel, r.recipient, p_template,
                      coalesce(p_payload, '{}'::jsonb) || jsonb_build_object('lang', r.lang),
                      p_send_after) is not null then
      n := n + 1;
    end if;
  end loop;
  return n;
end
$$;
revoke all on function private.notify_citizen(text, uuid, text, text, text, jsonb, timestamptz) from public, anon, authenticated;

-- The three hubs, now through private.notify_citizen (same templates and payloads as before).
create or replace function private.complaints_notify_filer(p_complaint uuid, p_template text, p_payload jsonb) returns void
language plpgsql security definer set search_path = '' as $$
declare
  p record;
begin
  select email, phone into p from public.complaint_parties
   where complaint_id = p_complaint and role = 'filer' order by sort_order limit 1;
  perform private.notify_citizen('complaint', p_complaint, p.email, p.phone, p_template, p_payload);
end
$$;

create or replace function private.application_notify(a public.applications, template text, extra jsonb default '{}')
returns void
language plpgsql security definer set search_path = ''
as $$
begin
  perform private.notify_citizen('application', a.id, a.applicant_email, a.applicant_phone, template,
    jsonb_build_object('code', a.tracking_code, 'status', a.status, 'due_date', a.due_date) || extra);
end
$$;

create or replace function private.reception_queue_messages(p_booking public.bookings, p_template text)
  returns void language plpgsql security definer set search_path = '' as $$
declare
  v_settings public.reception_settings;
  v_unit public.units;
  v_payload jsonb;
  v_remind_at timestamptz;
begin
  select * into v_settings from public.reception_settings limit 1;
  select * into v_unit from public.units u where u.id = p_booking.unit_id;
  v_payload := jsonb_build_object(
    'booking_id', p_booking.id, 'code', p_booking.tracking_code, 'starts_at', p_booking.starts_at,
    'unit_name', v_unit.name, 'unit_address', v_unit.address,
    'local_time', to_char(p_booking.starts_at at time zone private.reception_tz(), 'HH24:MI DD/MM/YYYY')
  );
  perform private.notify_citizen('booking', p_booking.id, p_booking.email, p_booking.phone, p_template, v_payload);
  if p_template in ('reception_booking_confirmed', 'reception_booking_rescheduled') and p_booking.starts_at is not null then
    v_remind_at := ((p_booking.day - 1) + make_interval(hours => v_settings.reminder_hour)) at time zone private.reception_tz();
    if v_remind_at > now() then
      perform private.notify_citizen('booking', p_booking.id, p_booking.email, p_booking.phone,
        'reception_booking_reminder', v_payload, v_remind_at);
    end if;
  end if;
end
$$;

-- Booking reminders (20261207006010), on the chosen channels: one per booking, start time,
-- moment and channel/recipient (dedupe_key).
create or replace function public.queue_booking_reminders(p_now timestamptz default null)
returns integer language plpgsql volatile security definer set search_path = '' as $$
declare
  v_now timestamptz := coalesce(p_now, now());
  v_today date := private.vn_date(coalesce(p_now, now()));
  v_hour integer := extract(hour from coalesce(p_now, now()) at time zone private.vn_tz());
  v_reminder_hour integer := coalesce((select s.reminder_hour from public.reception_settings s limit 1), 8);
  r record;
  t record;
  v_payload jsonb;
  v_when text;
  n integer := 0;
begin
  for r in
    select b.*, u.name as unit_name, u.address as unit_address
      from public.bookings b join public.units u on u.id = b.unit_id
     where b.status = 'booked' and b.starts_at is not null
       and (
         (b.day = v_today + 1 and v_hour >= v_reminder_hour)
         or (b.starts_at > v_now and b.starts_at <= v_now + interval '2 hours'))
  loop
    v_when := case when r.starts_at <= v_now + interval '2 hours' then 'soon' else 'day_before' end;
    continue when v_when = 'day_before' and exists (
      select 1 from public.notifications x
       where x.template = 'reception_booking_reminder' and x.payload ->> 'booking_id' = r.id::text
         and coalesce(x.payload ->> 'when', 'day_before') = 'day_before'
         and (x.payload ->> 'starts_at')::timestamptz = r.starts_at
         and x.status in ('queued', 'sent', 'dead'));
    v_payload := jsonb_build_object(
      'booking_id', r.id, 'code', r.tracking_code, 'starts_at', r.starts_at,
      'unit_name', r.unit_name, 'unit_address', r.unit_address, 'when', v_when,
      'local_time', to_char(r.starts_at at time zone private.vn_tz(), 'HH24:MI DD/MM/YYYY'));
    for t in select * from private.citizen_recipients('booking', r.id, r.email, r.phone) loop
      -- sms/email keys as before (20261207006010); other channels keyed by a hash of the recipient.
      if private.notify_once(
           format('booking:%s:%s:%s:%s', r.id, extract(epoch from r.starts_at)::bigint, v_when,
                  case when t.channel in ('sms', 'email') then t.channel
                       else t.channel || ':' || md5(t.recipient) end),
           t.channel, t.recipient, 'reception_booking_reminder', v_payload || jsonb_build_object('lang', t.lang),
           v_now, r.unit_id) is not null then
        n := n + 1;
      end if;
    end loop;
  end loop;
  return n;
end
$$;
revoke all on function public.queue_booking_reminders(timestamptz) from public, anon, authenticated;
grant execute on function public.queue_booking_reminders(timestamptz) to service_role;
