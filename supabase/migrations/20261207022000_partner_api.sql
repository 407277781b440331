-- Partner access to the open API (issue 19): organisations (the national public service portal, a
-- provincial one-stop system) hold keys issued by an administrator, stored hashed, scoped,
-- revocable and audited; they file applications received through their channel, with an
-- idempotency key, and receive status changes by signed webhook.

-- ---------------------------------------------------------------------------------------------
-- Applications may now arrive through a partner.
-- ---------------------------------------------------------------------------------------------
alter table public.applications drop constraint applications_channel_check;
alter table public.applications add constraint applications_channel_check
  check (channel in ('online', 'desk', 'partner'));
alter table public.applications drop constraint applications_check;
-- A partner may forward a paper application without the applicant's phone or e-mail, as the desk.
alter table public.applications add constraint applications_check
  check (applicant_phone is not null or applicant_email is not null or channel in ('desk', 'partner'));

create table public.partners (
  id uuid primary key default gen_random_uuid(),
  name text not null unique check (length(btrim(name)) between 2 and 200),
  contact_email text check (length(contact_email) <= 254 and contact_email like '%_@_%'),
  created_at timestamptz not null default now(),
  created_by uuid references auth.users (id)
);
comment on table public.partners is
  'Organisations using the partner API. Administrators read; changes go through '
  'create_partner(). Nobody else reads or writes.';

alter table public.applications add column partner_id uuid references public.partners (id);
comment on column public.applications.partner_id is 'The partner that filed it (channel partner).';

create table public.partner_keys (
  id uuid primary key default gen_random_uuid(),
  partner_id uuid not null references public.partners (id),
  -- The first characters of the key, shown to administrators to tell keys apart.
  prefix text not null unique check (prefix ~ '^thads_pk_[a-z0-9]{8}$'),
  -- sha256 of the whole key; the key itself is shown once, at issue, and never stored.
  key_hash text not null unique check (key_hash ~ '^[0-9a-f]{64}$'),
  scopes text[] not null check (scopes <@ array['applications:submit', 'applications:read']
                                and cardinality(scopes) > 0),
  rate_per_minute integer not null default 60 check (rate_per_minute between 1 and 6000),
  label text check (length(label) <= 200),
  created_at timestamptz not null default now(),
  created_by uuid references auth.users (id),
  revoked_at timestamptz,
  revoked_by uuid references auth.users (id),
  last_used_at timestamptz
);
comment on table public.partner_keys is
  'Partner API keys, hashed. Administrators read every column but the hash; issue and revoke '
  'through issue_partner_key() and revoke_partner_key(). The API checks keys through '
  'partner_key_check() (service role).';

create table public.partner_webhooks (
  id uuid primary key default gen_random_uuid(),
  partner_id uuid not null references public.partners (id),
  url text not null check (url ~ '^https?://[^\s]{3,}$' and length(url) <= 2000),
  -- The HMAC key deliveries are signed with (the partner holds a copy): readable by no client role.
  secret text not null check (length(secret) >= 32),
  is_active boolean not null default true,
  created_at timestamptz not null default now()
);
comment on table public.partner_webhooks is
  'Where a partner receives status changes of the applications it filed. Administrators read '
  '(not the signing secret); set through set_partner_webhook().';

create table public.webhook_deliveries (
  id uuid primary key default gen_random_uuid(),
  webhook_id uuid not null references public.partner_webhooks (id),
  application_id uuid references public.applications (id),
  event text not null,
  payload jsonb not null,
  status text not null default 'pending' check (status in ('pending', 'delivered', 'failed')),
  attempts integer not null default 0,
  next_attempt_at timestamptz not null default now(),
  last_status_code integer,
  last_error text check (length(last_error) <= 500),
  created_at timestamptz not null default now(),
  delivered_at timestamptz
);
create index webhook_deliveries_due on public.webhook_deliveries (next_attempt_at)
  where status = 'pending';
comment on table public.webhook_deliveries is
  'Webhook deliveries and their attempts. Administrators read; the job runner (service role) '
  'claims and records attempts through claim_webhook_deliveries() / record_webhook_attempt().';

create table private.partner_submissions (
  partner_id uuid not null references public.partners (id),
  idempotency_key text not null check (length(idempotency_key) between 1 and 200),
  request_hash text not null,
  response jsonb not null,
  created_at timestamptz not null default now(),
  primary key (partner_id, idempotency_key)
);

alter table public.partners enable row level security;
alter table public.partner_keys enable row level security;
alter table public.partner_webhooks enable row level security;
alter table public.webhook_deliveries enable row level security;
alter table private.partner_submissions enable row level security;

create policy "Admins can read partners" on public.partners
  for select to authenticated using ((select private.has_role('admin')));
create policy "Admins can read partner keys" on public.partner_keys
  for select to authenticated using ((select private.has_role('admin')));
create policy "Admins can read partner webhooks" on public.partner_webhooks
  for select to authenticated using ((select private.has_role('admin')));
create policy "Admins can read webhook deliveries" on public.webhook_deliveries
  for select to authenticated using ((select private.has_role('admin')));

revoke all on public.partners, public.partner_keys, public.partner_webhooks,
  public.webhook_deliveries from anon, authenticated;
grant select on public.partners, public.webhook_deliveries to authenticated;
grant select (id, partner_id, prefix, scopes, rate_per_minute, label, created_at, created_by,
  revoked_at, revoked_by, last_used_at) on public.partner_keys to authenticated;
grant select (id, partner_id, url, is_active, created_at) on public.partner_webhooks to authenticated;
grant all on public.partners, public.partner_keys, public.partner_webhooks,
  public.webhook_deliveries to service_role;

-- ---------------------------------------------------------------------------------------------
-- Administration (admins only, audited).
-- ---------------------------------------------------------------------------------------------
create function public.create_partner(p_name text, p_contact_email text default null)
returns uuid language plpgsql volatile security definer set search_path = '' as $$
declare
  new_id uuid;
begin
  if not private.has_role('admin') then
    raise exception using errcode = 'P0001', message = 'not_allowed';
  end if;
  if length(btrim(coalesce(p_name, ''))) < 2 then
    raise exception using errcode = 'P0001', message = 'partner_name_required';
  end if;
  insert into public.partners (name, contact_email, created_by)
  values (btrim(p_name), nullif(lower(btrim(p_contact_email)), ''), auth.uid())
  returning id into new_id;
  perform private.audit('partner', new_id, null, 'create', null,
    jsonb_build_object('name', btrim(p_name)));
  return new_id;
end
$$;

-- Issues a key: returned once, stored as its sha256.
create function public.issue_partner_key(p_partner_id uuid, p_scopes text[],
  p_rate_per_minute integer default 60, p_label text default null)
returns table (key_id uuid, key text, prefix text)
language plpgsql volatile security definer set search_path = '' as $$
declare
  alphabet constant text := 'abcdefghijkmnpqrstuvwxyz23456789';
  raw text := '';
  i integer;
  new_id uuid;
begin
  if not private.has_role('admin') then
    raise exception using errcode = 'P0001', message = 'not_allowed';
  end if;
  if not exists (select 1 from public.partners p where p.id = p_partner_id) then
    raise exception using errcode = 'P0001', message = 'partner_not_found';
  end if;
  if p_scopes is null or cardinality(p_scopes) = 0
     or not p_scopes <@ array['applications:submit', 'applications:read'] then
    raise exception using errcode = 'P0001', message = 'partner_scopes_invalid';
  end if;
  if p_rate_per_minute is null or p_rate_per_minute not between 1 and 6000 then
    raise exception using errcode = 'P0001', message = 'partner_rate_invalid';
  end if;
  -- 40 characters of a 32-letter alphabet: 200 bits from the CSPRNG.
  for i in 1..40 loop
    raw := raw || substr(alphabet, 1 + (get_byte(extensions.gen_random_bytes(1), 0) % 32), 1);
  end loop;
  raw := 'thads_pk_' || raw;
  insert into public.partner_keys (partner_id, prefix, key_hash, scopes, rate_per_minute, label,
    created_by)
  values (p_partner_id, left(raw, 17), encode(extensions.digest(raw, 'sha256'), 'hex'),
    (select array_agg(distinct s order by s) from unnest(p_scopes) s), p_rate_per_minute,
    nullif(btrim(p_label), ''), auth.uid())
  returning id into new_id;
  perform private.audit('partner_key', new_id, null, 'issue', null,
    jsonb_build_object('partner_id', p_partner_id, 'prefix', left(raw, 17), 'scopes', p_scopes,
      'rate_per_minute', p_rate_per_minute));
  return query select new_id, raw, left(raw, 17);
end
$$;

create function public.revoke_partner_key(p_key_id uuid)
returns void language plpgsql volatile security definer set search_path = '' as $$
begin
  if not private.has_role('admin') then
    raise exception using errcode = 'P0001', message = 'not_allowed';
  end if;
  update public.partner_keys set revoked_at = now(), revoked_by = auth.uid()
   where id = p_key_id and revoked_at is null;
  if not found then
    raise exception using errcode = 'P0001', message = 'partner_key_not_found';
  end if;
  perform private.audit('partner_key', p_key_id, null, 'revoke', null, null);
end
$$;

-- Sets (or replaces) the partner's webhook; returns the signing secret once.
create function public.set_partner_webhook(p_partner_id uuid, p_url text)
returns text language plpgsql volatile security definer set search_path = '' as $$
declare
  s text := encode(extensions.gen_random_bytes(32), 'hex');
  new_id uuid;
begin
  if not private.has_role('admin') then
    raise exception using errcode = 'P0001', message = 'not_allowed';
  end if;
  if p_url is null or p_url !~ '^https?://[^\s]{3,}$' or length(p_url) > 2000 then
    raise exception using errcode = 'P0001', message = 'webhook_url_invalid';
  end if;
  update public.partner_webhooks set is_active = false
   where partner_id = p_partner_id and is_active;
  insert into public.partner_webhooks (partner_id, url, secret)
  values (p_partner_id, p_url, s) returning id into new_id;
  perform private.audit('partner_webhook', new_id, null, 'set', null,
    jsonb_build_object('partner_id', p_partner_id, 'url', p_url));
  return s;
end
$$;

-- ---------------------------------------------------------------------------------------------
-- The API (service role): key check, submission, webhook queue.
-- ---------------------------------------------------------------------------------------------
-- The key's partner and scopes, or no row (unknown key); `revoked` true for a revoked key.
create function public.partner_key_check(p_key text)
returns table (key_id uuid, partner_id uuid, partner_name text, scopes text[],
  rate_per_minute integer, revoked boolean)
language plpgsql volatile security definer set search_path = '' as $$
declare
  h text := encode(extensions.digest(coalesce(p_key, ''), 'sha256'), 'hex');
begin
  update public.partner_keys k set last_used_at = now()
   where k.key_hash = h and k.revoked_at is null
     and (k.last_used_at is null or k.last_used_at < now() - interval '1 minute');
  return query
    select k.id, k.partner_id, p.name, k.scopes, k.rate_per_minute, k.revoked_at is not null
      from public.partner_keys k join public.partners p on p.id = k.partner_id
     where k.key_hash = h;
end
$$;

-- Files an application for a partner. A repeated idempotency key returns the first answer; the
-- same key with a different request is refused (idempotency_conflict).
create function public.partner_submit_application(p_key_id uuid, p_payload jsonb,
  p_idempotency_key text)
returns jsonb language plpgsql volatile security definer set search_path = '' as $$
declare
  k public.partner_keys;
  h text := encode(extensions.digest(coalesce(p_payload, '{}')::text, 'sha256'), 'hex');
  prior private.partner_submissions;
  r record;
  answer jsonb;
begin
  select * into k from public.partner_keys where id = p_key_id;
  if k.id is null or k.revoked_at is not null then
    raise exception using errcode = 'P0001', message = 'partner_key_revoked';
  end if;
  if not 'applications:submit' = any (k.scopes) then
    raise exception using errcode = 'P0001', message = 'partner_scope_missing';
  end if;
  if p_idempotency_key is null or length(p_idempotency_key) not between 1 and 200 then
    raise exception using errcode = 'P0001', message = 'idempotency_key_required';
  end if;
  -- One submission per (partner, key) at a time.
  perform pg_advisory_xact_lock(hashtextextended(k.partner_id::text || ':' || p_idempotency_key, 0));
  select * into prior from private.partner_submissions s
   where s.partner_id = k.partner_id and s.idempotency_key = p_idempotency_key;
  if prior.partner_id is not null then
    if prior.request_hash <> h then
      raise exception using errcode = 'P0001', message = 'idempotency_conflict';
    end if;
    return prior.response || jsonb_build_object('replayed', true);
  end if;

  -- Partners forward what they received: no uploads through the API yet, no online-only checks.
  select * into r from private.file_application(
    jsonb_set(coalesce(p_payload, '{}'), '{documents}', '[]'), null, 'partner');
  update public.applications set partner_id = k.partner_id where id = r.application_id;
  perform private.application_event(r.application_id, 'partner', null,
    'Tiếp nhận qua hệ thống đối tác: ' || (select name from public.partners where id = k.partner_id),
    false);
  answer := jsonb_build_object('code', r.code, 'secret', r.secret, 'due_date', r.due_date,
    'status', 'submitted');
  insert into private.partner_submissions (partner_id, idempotency_key, request_hash, response)
  values (k.partner_id, p_idempotency_key, h, answer);
  return answer || jsonb_build_object('replayed', false);
end
$$;

-- Status changes of partner-filed applications become webhook deliveries.
create function private.queue_partner_webhook() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if new.partner_id is null or new.status is not distinct from old.status then
    return new;
  end if;
  insert into public.webhook_deliveries (webhook_id, application_id, event, payload)
  select w.id, new.id, 'application.status_changed',
         jsonb_build_object('event', 'application.status_changed', 'code', new.tracking_code,
           'status', new.status, 'previous_status', old.status, 'at', now())
    from public.partner_webhooks w
   where w.partner_id = new.partner_id and w.is_active;
  return new;
end
$$;
create trigger applications_partner_webhook after update of status on public.applications
  for each row execute function private.queue_partner_webhook();

-- Claims due deliveries for one runner (skip locked: two app servers never send one twice).
create function public.claim_webhook_deliveries(p_limit integer default 50)
returns table (id uuid, url text, secret text, payload jsonb, attempts integer)
language plpgsql volatile security definer set search_path = '' as $$
begin
  return query
    with due as (
      select d.id from public.webhook_deliveries d
       where d.status = 'pending' and d.next_attempt_at <= now()
       order by d.next_attempt_at
       limit least(greatest(coalesce(p_limit, 50), 1), 500)
       for update skip locked
    ), claimed as (
      -- Held for five minutes: a runner that dies mid-send releases it then.
      update public.webhook_deliveries d set next_attempt_at = now() + interval '5 minutes'
        from due where d.id = due.id
      returning d.id, d.webhook_id, d.payload, d.attempts
    )
    select c.id, w.url, w.secret, c.payload, c.attempts
      from claimed c join public.partner_webhooks w on w.id = c.webhook_id;
end
$$;

-- Records one attempt: delivered, or retried with back-off (1, 2, 4 … minutes, at most 8 tries).
create function public.record_webhook_attempt(p_id uuid, p_ok boolean, p_status_code integer,
  p_error text)
returns void language plpgsql volatile security definer set search_path = '' as $$
begin
  update public.webhook_deliveries d set
    attempts = d.attempts + 1,
    last_status_code = p_status_code,
    last_error = left(p_error, 500),
    status = case when p_ok then 'delivered' when d.attempts + 1 >= 8 then 'failed' else 'pending' end,
    delivered_at = case when p_ok then now() end,
    next_attempt_at = now() + make_interval(mins => power(2, d.attempts)::integer)
  where d.id = p_id;
end
$$;

revoke all on function public.create_partner(text, text) from public, anon;
grant execute on function public.create_partner(text, text) to authenticated;
revoke all on function public.issue_partner_key(uuid, text[], integer, text) from public, anon;
grant execute on function public.issue_partner_key(uuid, text[], integer, text) to authenticated;
revoke all on function public.revoke_partner_key(uuid) from public, anon;
grant execute on function public.revoke_partner_key(uuid) to authenticated;
revoke all on function public.set_partner_webhook(uuid, text) from public, anon;
grant execute on function public.set_partner_webhook(uuid, text) to authenticated;
revoke all on function public.partner_key_check(text) from public, anon, authenticated;
grant execute on function public.partner_key_check(text) to service_role;
revoke all on function public.partner_submit_application(uuid, jsonb, text)
  from public, anon, authenticated;
grant execute on function public.partner_submit_application(uuid, jsonb, text) to service_role;
revoke all on function public.claim_webhook_deliveries(integer) from public, anon, authenticated;
grant execute on function public.claim_webhook_deliveries(integer) to service_role;
revoke all on function public.record_webhook_attempt(uuid, boolean, integer, text)
  from public, anon, authenticated;
grant execute on function public.record_webhook_attempt(uuid, boolean, integer, text)
  to service_role;
revoke all on function private.queue_partner_webhook() from public, anon, authenticated;
