-- Security (issue 12, item 2): idempotency keys are no longer a way to a citizen's secret.
--
-- Before: the key of a submission sat in clear in complaints / bookings / applications (readable by
-- the unit's staff through RLS), and a replay of submit_complaint / book_reception /
-- submit_application with it answered the tracking code *and clear secret* — to anyone, for ever
-- (complaints) or a day (bookings, applications, whose replies were stored with the secret in
-- clear).
--
-- Now: the key is never stored. Replies live in private.idempotent_replies under the SHA-256 of
-- the key, encrypted (pgcrypto pgp_sym_encrypt) with the key itself: only whoever holds the key —
-- the submitting device — can recover the reply, and nothing at rest holds a secret in clear or
-- in a form the database alone can undo. A replay answers only while the reply is fresh (24 h);
-- then the encrypted reply is wiped (the hash stays 30 days so a late replay is refused with
-- `idempotency_key_expired` instead of filing twice). Purged on every new submission and by the
-- daily public.purge_rate_limits() job.

create table private.idempotent_replies (
  key_hash bytea primary key,
  kind text not null check (kind in ('complaint', 'complaint_appeal', 'booking', 'application')),
  ref_id uuid not null,
  reply bytea,
  created_at timestamptz not null default now()
);
comment on table private.idempotent_replies is
  'Idempotent replays: sha256 of the idempotency key → reply encrypted with the key (pgp_sym_encrypt), wiped after 24 h, row deleted after 30 days. Functions only.';
create index idempotent_replies_created_at_idx on private.idempotent_replies (created_at);
alter table private.idempotent_replies enable row level security;
revoke all on private.idempotent_replies from public, anon, authenticated, service_role;

create function private.idem_hash(p_kind text, p_key uuid) returns bytea
language sql immutable set search_path = '' as $$
  select extensions.digest('thads-idempotency:' || p_kind || ':' || p_key::text, 'sha256')
$$;

-- The reply to replay for (kind, key), or null when the key is new. Takes a transaction lock on
-- the key first, so a concurrent duplicate waits for the first submission and then replays it.
-- Raises idempotency_key_expired for a key whose reply is older than 24 h.
create function private.idem_replay(p_kind text, p_key uuid) returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
declare
  r private.idempotent_replies;
begin
  perform pg_advisory_xact_lock(hashtextextended('thads-idempotency:' || p_kind || ':' || p_key::text, 0));
  select * into r from private.idempotent_replies x where x.key_hash = private.idem_hash(p_kind, p_key);
  if not found then
    return null;
  end if;
  if r.reply is null or r.created_at < now() - interval '24 hours' then
    raise exception using errcode = 'P0001', message = 'idempotency_key_expired';
  end if;
  return convert_from(extensions.pgp_sym_decrypt_bytea(r.reply, p_key::text), 'UTF8')::jsonb;
end
$$;

create function private.idem_purge() returns integer
language plpgsql volatile security definer set search_path = '' as $$
declare
  n integer;
begin
  update private.idempotent_replies x set reply = null
   where x.reply is not null and x.created_at < now() - interval '24 hours';
  get diagnostics n = row_count;
  delete from private.idempotent_replies x where x.created_at < now() - interval '30 days';
  return n;
end
$$;

create function private.idem_store(p_kind text, p_key uuid, p_ref uuid, p_reply jsonb) returns void
language plpgsql volatile security definer set search_path = '' as $$
begin
  perform private.idem_purge();
  insert into private.idempotent_replies (key_hash, kind, ref_id, reply)
  values (private.idem_hash(p_kind, p_key), p_kind, p_ref,
          extensions.pgp_sym_encrypt_bytea(convert_to(p_reply::text, 'UTF8'), p_key::text, 'cipher-algo=aes256'));
end
$$;

revoke all on function private.idem_hash(text, uuid), private.idem_replay(text, uuid),
  private.idem_purge(), private.idem_store(text, uuid, uuid, jsonb) from public, anon, authenticated;
alter table public.complaints drop column idempotency_key;
alter table public.bookings drop column idempotency_key;
alter table public.applications drop column idempotency_key;
comment on function public.submit_application(jsonb, uuid) is
  'Anyone: file an application online. A repeated idempotency key returns the same code + secret for 24 h.';
