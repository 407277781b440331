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

create function private.complaints_submit_rate_limit(p_filer jsonb, p_client text) returns void
language plpgsql security definer set search_path = '' as $$
declare
  v_phone text := replace(private.complaints_txt(p_filer, 'phone'), ' ', '');
  v_cccd text := private.complaints_txt(p_filer, 'cccd');
  v_who text := case when v_phone is not null then 'phone:' || v_phone
                     when v_cccd is not null then 'cccd:' || v_cccd
                     else 'no-identity' end;
begin
  -- Citizens only: staff registering petitions received at the desk (reception), the app's
  -- service role and direct database sessions (seeds) are not limited.
  if coalesce((select auth.role()), '') not in ('anon', 'authenticated') or (select private.is_staff()) then
    return;
  end if;
  if not private.hit_rate_limit('complaint_submit_filer', v_who,
       case when v_who = 'no-identity' then 20 else 3 end, interval '10 minutes') then
    raise exception using errcode = 'P0001', message = 'rate_limited';
  end if;
  if p_client is not null and not private.hit_rate_limit('complaint_submit_client', left(p_client, 100), 10,
       interval '10 minutes') then
    raise exception using errcode = 'P0001', message = 'rate_limited';
  end if;
end
$$;
revoke execute on function private.complaints_submit_rate_limit(jsonb, text) from public;

create or replace function public.submit_complaint(payload jsonb, idempotency_key uuid)
returns table (code text, secret text, complaint_id uuid, accept_due date, replayed boolean)
language plpgsql security definer set search_path = '' as $$
declare
  p jsonb := payload;
  v_key uuid := idempotency_key;
  v_existing record;
  v_id uuid := gen_random_uuid();
  v_kind text := private.complaints_txt(payload, 'kind');
  v_subject text := coalesce(private.complaints_txt(payload, 'subject'), 'before_measure');
  v_unit uuid;
  v_unit_row record;
  v_filer jsonb := payload -> 'filer';
  v_due date;
  v_today date := private.complaints_today();
  v_code text;
  v_secret text;
  v_item jsonb;
  v_i int := 0;
  v_files int;
begin
  if v_key is null then
    perform private.complaints_invalid('idempotency_key');
  end if;

  -- A replay of the same submission (offline outbox, double click, lost response).
  select s.complaint_id, s.secret_masked, c.tracking_code, c.accept_due
    into v_existing
    from private.complaint_submissions s join public.complaints c on c.id = s.complaint_id
   where s.idempotency_key = v_key;
  if found then
    return query select v_existing.tracking_code, private.complaints_unmask(v_existing.secret_masked, v_key),
                        v_existing.complaint_id, v_existing.accept_due, true;
    return;
  end if;

  if p is null or jsonb_typeof(p) <> 'object' then
    perform private.complaints_invalid('payload');
  end if;
  if v_kind is null or v_kind not in ('complaint', 'denunciation', 'petition') then
    perform private.complaints_invalid('kind');
  end if;
  if v_subject not in ('before_measure', 'account_freeze', 'protective_measure', 'coercion') then
    perform private.complaints_invalid('subject');
  end if;
  if coalesce((p ->> 'consent')::boolean, false) is not true then
    perform private.complaints_invalid('consent');
  end if;
  begin
    v_unit := (p ->> 'unit_id')::uuid;
  exception when others then
    perform private.complaints_invalid('unit_id');
  end;
  select id, name, email into v_unit_row from public.units
   where id = v_unit and (valid_to is null or valid_to >= v_today);
  if v_unit_row.id is null then
    perform private.complaints_invalid('unit_id');
  end if;
  if char_length(coalesce(btrim(p ->> 'content'), '')) not between 20 and 10000 then
    perform private.complaints_invalid('content');
  end if;
  if char_length(coalesce(btrim(p ->> 'request'), '')) not between 5 and 5000 then
    perform private.complaints_invalid('request');
  end if;
  if v_filer is null or jsonb_typeof(v_filer) <> 'object' then
    perform private.complaints_invalid('filer');
  end if;
  -- Luật Tố cáo 2018 Điều 23: a denunciation states the denouncer's name and address; anonymous
  -- letters are not handled as denunciations (the form offers the petition path instead).
  if v_kind = 'denunciation' and (
       private.complaints_txt(v_filer, 'full_name') is null
       or (private.complaints_txt(v_filer, 'cccd') is null and private.complaints_txt(v_filer, 'phone') is null)
       or private.complaints_txt(v_filer, 'province') is null) then
    perform private.complaints_invalid('filer.identity');
  end if;
  if (p ->> 'learned_on') is not null and (p ->> 'learned_on')::date > v_today then
    perform private.complaints_invalid('learned_on');
  end if;
  if (p ->> 'decision_date') is not null and (p ->> 'decision_date')::date > v_today then
    perform private.complaints_invalid('decision_date');
  end if;

  -- Rate limit (after the replay above, so resending the same submission never counts, and after
  -- validation, so a typo does not use up an attempt). Raising here rolls back only this hit.
  perform private.complaints_submit_rate_limit(v_filer, private.complaints_txt(p, 'client_address'));

  v_due := public.complaint_deadline(v_kind, 1::smallint, v_subject, 'accept', v_today);

  insert into public.complaints
    (id, kind, instance, unit_id, status, subject, is_group, filer_capacity, via_representative,
     decision_number, decision_date, enforcement_officer, case_number, learned_on, content, request,
     accept_due, idempotency_key)
  values
    (v_id, v_kind, 1, v_unit, 'received', v_subject,
     coalesce((p ->> 'is_group')::boolean, false),
     coalesce(private.complaints_txt(p, 'filer_capacity'), 'party'),
     coalesce((p ->> 'via_representative')::boolean, false),
     private.complaints_txt(p, 'decision_number'), (p ->> 'decision_date')::date,
     private.complaints_txt(p, 'enforcement_officer'), private.complaints_txt(p, 'case_number'),
     (p ->> 'learned_on')::date, btrim(p ->> 'content'), btrim(p ->> 'request'),
     v_due, v_key);

  perform private.complaints_add_party(v_id, 'filer', v_filer, 0);
  if coalesce((p ->> 'via_representative')::boolean, false) then
    if p -> 'represented' is null or jsonb_typeof(p -> 'represented') <> 'object' then
      perform private.complaints_invalid('represented');
    end if;
    perform private.complaints_add_party(v_id, 'represented', p -> 'represented', 0);
  end if;
  if jsonb_typeof(p -> 'co_filers') = 'array' then
    if jsonb_array_length(p -> 'co_filers') > 200 then
      perform private.complaints_invalid('co_filers');
    end if;
    for v_item in select * from jsonb_array_elements(p -> 'co_filers') loop
      v_i := v_i + 1;
      perform private.complaints_add_party(v_id, 'co_filer', v_item, v_i);
    end loop;
  end if;
  if jsonb_typeof(p -> 'representatives') = 'array' then
    v_i := 0;
    for v_item in select * from jsonb_array_elements(p -> 'representatives') loop
      v_i := v_i + 1;
      perform private.complaints_add_party(v_id, 'representative', v_item, v_i);
    end loop;
  end if;

  -- Attachments uploaded while the form was a draft.
  if private.complaints_txt(p, 'draft_key') is not null then
    update public.attachments a
       set owner_id = v_id, draft_key = null, unit_id = v_unit
     where a.draft_key = (p ->> 'draft_key')::uuid and a.owner_kind = 'complaint' and a.owner_id is null;
    get diagnostics v_files = row_count;
    if v_files > 10 then
      perform private.complaints_invalid('attachments');
    end if;
  end if;

  select i.code, i.secret into v_code, v_secret from private.issue_tracking_code('complaint', v_id) i;
  update public.complaints set tracking_code = v_code where id = v_id;
  insert into private.complaint_submissions (idempotency_key, complaint_id, secret_masked)
  values (v_key, v_id, private.complaints_mask(v_secret, v_key));

  perform private.complaints_event(v_id, 'submitted', true, null, jsonb_build_object('accept_due', v_due));
  perform private.audit('complaint', v_id, v_unit, 'submit', null,
                        jsonb_build_object('kind', v_kind, 'status', 'received', 'accept_due', v_due), null);
  perform private.complaints_notify_filer(v_id, 'complaint_received',
    jsonb_build_object('code', v_code, 'kind', v_kind, 'unit_name', v_unit_row.name, 'accept_due', v_due)
    || case when coalesce((p ->> 'send_receipt')::boolean, false)
            then jsonb_build_object('secret', v_secret) else '{}'::jsonb end);
  if v_unit_row.email is not null then
    perform private.notify('email', v_unit_row.email, 'complaint_new_for_unit',
      jsonb_build_object('code', v_code, 'kind', v_kind, 'accept_due', v_due));
  end if;

  return query select v_code, v_secret, v_id, v_due, false;
end
$$;
