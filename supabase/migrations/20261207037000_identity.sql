-- Issue 17.2: one rule for a citizen's phone number and CCCD, the same as src/lib/identity.
-- Issue 18.6: a denunciation (tố cáo) gets its own tracking-code prefix, TC-.
-- Issue 17.1: the hand-mirrored enumerations become Postgres enums, so they reach the generated
-- `Constants` (src/lib/database.types.ts) and the TypeScript lists derive from them.
--
-- Before: complaints stored "+84912…", reception "0912…", applications "0912…" only when the app
-- had stripped the spaces; the per-filer filing limit keyed on the text as sent, so 0912… and
-- +84912… were two filers. Now every table canonicalises its phone column itself (BEFORE
-- INSERT/UPDATE trigger), existing rows are rewritten, and the complaint limit canonicalises its
-- key. Nothing here redefines a submit function.

-- ---------------------------------------------------------------------------------------------
-- Phone numbers
-- ---------------------------------------------------------------------------------------------

/** A Vietnamese mobile number as stored: 0 + 9 digits; null when the input is not one. */
create or replace function private.canonical_phone(p text) returns text
  language sql immutable parallel safe set search_path = '' as $$
  select case
    when v ~ '^0[0-9]{9}$' then v
    when v ~ '^\+84[0-9]{9}$' then '0' || substr(v, 4)
    when v ~ '^84[0-9]{9}$' then '0' || substr(v, 3)
    else null end
  from (select regexp_replace(coalesce(p, ''), '[\s.()-]', '', 'g') as v) x
$$;
comment on function private.canonical_phone(text) is
  'The one phone rule (src/lib/identity canonicalPhone): 0 + 9 digits from 0…, +84… or 84… with spaces, dots, dashes or brackets; null when not a Vietnamese mobile number.';
revoke all on function private.canonical_phone(text) from public, anon, authenticated;
grant execute on function private.canonical_phone(text) to service_role;

-- Reception had its own copy of the rule; it now is the rule.
create or replace function private.reception_phone(p text) returns text
  language sql immutable set search_path = '' as $$
  select private.canonical_phone(p)
$$;

/**
 * BEFORE INSERT/UPDATE: the phone column named by the trigger's argument in canonical form. A value
 * that is not a mobile number is left as sent, for the column's check to refuse.
 */
create or replace function private.canonicalise_phone_column() returns trigger
  language plpgsql security definer set search_path = '' as $$
declare
  v text := to_jsonb(new) ->> tg_argv[0];
  c text := private.canonical_phone(v);
begin
  if c is not null and c is distinct from v then
    new := jsonb_populate_record(new, jsonb_build_object(tg_argv[0], c));
  end if;
  return new;
end
$$;
revoke all on function private.canonicalise_phone_column() from public, anon, authenticated;

-- Named so they run before the tables' other BEFORE triggers (alphabetical order): the sealing
-- trigger of reception_visits copies the canonical number.
create trigger a_canonical_phone before insert or update of phone on public.complaint_parties
  for each row execute function private.canonicalise_phone_column('phone');
create trigger a_canonical_phone before insert or update of phone on public.bookings
  for each row execute function private.canonicalise_phone_column('phone');
create trigger a_canonical_phone before insert or update of applicant_phone on public.applications
  for each row execute function private.canonicalise_phone_column('applicant_phone');
create trigger a_canonical_phone before insert or update of visitor_phone on public.reception_visits
  for each row execute function private.canonicalise_phone_column('visitor_phone');
create trigger a_canonical_phone before insert or update of phone on private.reception_sealed_visitors
  for each row execute function private.canonicalise_phone_column('phone');

-- Existing rows (only those not yet canonical, so no other trigger fires for nothing).
update public.complaint_parties set phone = private.canonical_phone(phone)
 where private.canonical_phone(phone) is distinct from phone and private.canonical_phone(phone) is not null;
update public.reception_visits set visitor_phone = private.canonical_phone(visitor_phone)
 where private.canonical_phone(visitor_phone) is distinct from visitor_phone
   and private.canonical_phone(visitor_phone) is not null;
update private.reception_sealed_visitors set phone = private.canonical_phone(phone)
 where private.canonical_phone(phone) is distinct from phone and private.canonical_phone(phone) is not null;

-- Complaint parties now hold the one form, like bookings and applications.
alter table public.complaint_parties drop constraint complaint_parties_phone_check;
alter table public.complaint_parties add constraint complaint_parties_phone_check
  check (phone ~ '^0[0-9]{9}$');

-- The per-filer filing limit keys on the canonical number (was: the text as sent, spaces removed).
create or replace function private.complaints_submit_rate_limit(p_filer jsonb, p_client text) returns void
language plpgsql security definer set search_path = '' as $$
declare
  v_sent text := private.complaints_txt(p_filer, 'phone');
  v_phone text := coalesce(private.canonical_phone(v_sent), replace(v_sent, ' ', ''));
  v_cccd text := replace(private.complaints_txt(p_filer, 'cccd'), ' ', '');
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
revoke execute on function private.complaints_submit_rate_limit(jsonb, text) from public, anon, authenticated;

-- ---------------------------------------------------------------------------------------------
-- CCCD (số định danh cá nhân)
-- ---------------------------------------------------------------------------------------------

/**
 * 12 digits: a province code of the 63 (Thông tư 59/2021/TT-BCA), a century-and-sex digit 0–3
 * (born 1900–2099), two digits of the year, six random digits. Same as src/lib/identity isCccd.
 */
create or replace function private.valid_cccd(p text) returns boolean
  language sql immutable parallel safe set search_path = '' as $$
  select coalesce(v ~ '^[0-9]{12}$'
    and substr(v, 1, 3) = any ('{001,002,004,006,008,010,011,012,014,015,017,019,020,022,024,025,026,027,030,031,033,034,035,036,037,038,040,042,044,045,046,048,049,051,052,054,056,058,060,062,064,066,067,068,070,072,074,075,077,079,080,082,083,084,086,087,089,091,092,093,094,095,096}'::text[])
    and substr(v, 4, 1) between '0' and '3', false)
  from (select regexp_replace(coalesce(p, ''), '\s', '', 'g') as v) x
$$;
comment on function private.valid_cccd(text) is
  'The CCCD rule of src/lib/identity isCccd: 12 digits, a real province code, century digit 0–3.';
revoke all on function private.valid_cccd(text) from public, anon, authenticated;
grant execute on function private.valid_cccd(text) to service_role;

-- ---------------------------------------------------------------------------------------------
-- Tracking codes: TC- for a denunciation
-- ---------------------------------------------------------------------------------------------

alter table public.tracking_codes drop constraint tracking_codes_code_check;
alter table public.tracking_codes add constraint tracking_codes_code_check
  check (code ~ '^(KN|TC|LH|HS)-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$');

-- Same function as 20261126000160, but a complaint-family file that is a denunciation gets TC-.
-- The kind is read from the file itself (every caller inserts the file before issuing its code).
-- Codes already issued never change: they are printed on receipts.
create or replace function private.issue_tracking_code(kind text, ref_id uuid)
returns table (code text, secret text)
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  prefix text := case issue_tracking_code.kind
    when 'complaint' then
      case when exists (select 1 from public.complaints c
                         where c.id = issue_tracking_code.ref_id and c.kind = 'denunciation')
           then 'TC' else 'KN' end
    when 'booking' then 'LH' when 'application' then 'HS' end;
  new_code text;
  new_secret text := private.random_tracking_chars(8);
begin
  if prefix is null then
    raise exception using errcode = 'P0001', message = 'invalid_tracking_kind';
  end if;
  loop
    new_code := prefix || '-' || private.random_tracking_chars(4) || '-' || private.random_tracking_chars(4);
    begin
      insert into public.tracking_codes (code, secret_hash, kind, ref_id)
      values (new_code, extensions.crypt(new_secret, extensions.gen_salt('bf')), issue_tracking_code.kind,
              issue_tracking_code.ref_id);
      exit;
    exception when unique_violation then
      -- A clash on the code (1 in 31^8): try another. A second code for the same record is a bug.
      if exists (select 1 from public.tracking_codes t
                 where t.kind = issue_tracking_code.kind and t.ref_id = issue_tracking_code.ref_id) then
        raise exception using errcode = 'P0001', message = 'tracking_code_exists';
      end if;
    end;
  end loop;
  code := new_code;
  secret := new_secret;
  return next;
end;
$$;
revoke all on function private.issue_tracking_code(text, uuid) from public, anon, authenticated;
grant execute on function private.issue_tracking_code(text, uuid) to service_role;

-- ---------------------------------------------------------------------------------------------
-- Enumerations the app mirrors: one list, in the database, reaching TypeScript as `Constants`
-- ---------------------------------------------------------------------------------------------
-- The columns stay text (dozens of functions and views compare them with text; converting them
-- is a larger change): each list is a Postgres enum, and the column's check (or the lookup table
-- of labels) accepts exactly the enum's values, so adding a value means altering the enum.

create type public.complaint_kind as enum ('complaint', 'denunciation', 'petition');
create type public.complaint_status as enum
  ('received', 'accepted', 'verifying', 'dialogue', 'resolved', 'returned', 'guided', 'withdrawn');
create type public.booking_status as enum
  ('booked', 'waiting', 'checked_in', 'in_progress', 'done', 'no_show', 'cancelled');

alter table public.complaints drop constraint complaints_kind_check;
alter table public.complaints add constraint complaints_kind_check
  check (kind = any (enum_range(null::public.complaint_kind)::text[]));
alter table public.complaint_statuses add constraint complaint_statuses_code_enum
  check (code = any (enum_range(null::public.complaint_status)::text[]));
alter table public.booking_statuses add constraint booking_statuses_code_enum
  check (code = any (enum_range(null::public.booking_status)::text[]));

create type public.application_status as enum
  ('submitted', 'checking', 'needs_documents', 'processing', 'result_ready', 'returned', 'refused');
alter table public.application_statuses add constraint application_statuses_code_enum
  check (code = any (enum_range(null::public.application_status)::text[]));
create type public.reception_topic as enum ('khieu_nai', 'to_cao', 'kien_nghi', 'hoi_vu_viec');
alter table public.reception_topics add constraint reception_topics_code_enum
  check (code = any (enum_range(null::public.reception_topic)::text[]));

-- ---------------------------------------------------------------------------------------------
-- Applications: the per-filer limit inside private.file_application compares the stored phone
-- with the phone as sent (only a leading +84 rewritten), so "0912 345 678" escaped the count of
-- "0912345678". Rather than copy that long function, the filing keeps its body under a new name
-- and the old name canonicalises the applicant's phone before it: every caller (online, desk,
-- partner API) goes through it unchanged.
-- ---------------------------------------------------------------------------------------------
alter function private.file_application(jsonb, uuid, text) rename to file_application_body;

create function private.file_application(payload jsonb, p_key uuid, p_channel text)
returns table (application_id uuid, code text, secret text, due_date date)
language plpgsql security definer set search_path = '' as $$
declare
  v_phone text := private.canonical_phone(payload #>> '{applicant,phone}');
begin
  if v_phone is not null then
    payload := jsonb_set(payload, '{applicant,phone}', to_jsonb(v_phone));
  end if;
  return query select * from private.file_application_body(payload, p_key, p_channel);
end
$$;
comment on function private.file_application(jsonb, uuid, text) is
  'Files an application: canonicalises the applicant''s phone (private.canonical_phone), then runs private.file_application_body (20261126000410).';
revoke all on function private.file_application(jsonb, uuid, text) from public, anon, authenticated;
revoke all on function private.file_application_body(jsonb, uuid, text) from public, anon, authenticated;
