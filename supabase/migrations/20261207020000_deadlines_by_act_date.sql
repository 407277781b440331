-- Deadlines by the date of the act complained about, filing-time rules, and the legal officer
-- (issue 13, A.4, A.8, A.9 and part B).
--
-- 1. Before: submit/classify/accept/forward_complaint, the second-instance path and the
--    denunciation extension chose the rule version by TODAY (the five-argument
--    complaint_deadline), so a file whose act fell under Luật THADS 2008 (until 30/6/2026) but was
--    filed after 1/7/2026 got Luật THADS 106/2025/QH15's deadline. Now every caller passes the date
--    of the act: private.complaints_act_on(c) = decision date, else the day the citizen learned of
--    the act, else the day the letter was received (the same date complaint_rules() shows on the
--    file). The transition provisions of Luật 106/2025/QH15 were not found in the text available
--    here: the act-date choice is the issue's rule, unconfirmed against the law's transition article.
--
-- 2. Filing-time rules (A.9):
--    * "after coercion" (quyết định, hành vi sau khi áp dụng biện pháp cưỡng chế; Luật THADS 2008
--      Điều 140, point d as quoted in 20261207003010) becomes a subject of complaints, so the
--      citizen can choose it and its 30-day filing window applies.
--    * Denunciations outside the unit's competence: classify_complaint sets accept_due from the
--      'forward' rule (5 working days from receipt). Luật Tố cáo 2011 Điều 20 khoản 1 point b gave
--      05 working days (quoted at https://kinhtedothi.vn/thoi-han-va-tham-quyen-giai-quyet-to-cao.html);
--      the 2018 law's article (Điều 24) was not found in any text available here: unconfirmed.
--      Thông tư 05/2021/TT-TTCP Điều 14 (forwarding an out-of-competence denunciation, once) is
--      quoted at thuvienphapluat.vn/hoi-dap-phap-luat/iframe/55DE7-… without a number of days.
--    * The intake check of a denunciation (7 working days) may be extended once to 10 working
--      days from receipt: rule purpose 'accept_extension', function extend_intake_check (unit head
--      or admin, reason required, before the period runs out, audited, the citizen sees the date).
--      Figure unconfirmed (Luật Tố cáo 2018 Điều 24 khoản 1 not found in an available text).
--
-- 3. Holidays (A.8): rows say whether they were confirmed and from which decision (is_confirmed,
--    source); rows proposed but not enacted are kept with counted = false, so no deadline moves on
--    a day that is not (yet) a day off.
--    * 24/11, Ngày Văn hóa Việt Nam: chosen by the Politburo (Nghị quyết 80-NQ/TW) as a paid day
--      off "in principle"; Nghị quyết 30/NQ-CP (26/2/2026) asks for Bộ luật Lao động Điều 112
--      khoản 1 to be amended (vneconomy.vn/bo-sung-ngay-van-hoa-viet-nam-2411-vao-danh-muc-ngay-nghi-huong-nguyen-luong.htm,
--      znews.vn/sua-bo-luat-lao-dong-de-them-mot-ngay-nghi-ngay-van-hoa-viet-post1627357.html).
--      No enacted amendment found: kept as unconfirmed and not counted.
--    * The 2026–2027 swapped days and make-up Saturdays (names carried "[check]"): no Prime
--      Minister's / Ministry of Home Affairs' notice found here: unconfirmed, still counted (as before).
--
-- 4. Legal officer (cán bộ pháp chế): a staff role that confirms and versions deadline rules
--    (confirm_deadline_rule, add_deadline_rule_version), besides admins. It grants nothing else.

-- The date of the act a file is about, which picks the law's version.
create function private.complaints_act_on(c public.complaints) returns date
language sql stable set search_path = '' as $$
  select coalesce(c.decision_date, c.learned_on, private.vn_date(c.received_at))
$$;
revoke all on function private.complaints_act_on(public.complaints) from public;
grant execute on function private.complaints_act_on(public.complaints) to authenticated, service_role;

-- After coercion as a subject of complaints.
alter table public.complaints drop constraint complaints_subject_check;
alter table public.complaints add constraint complaints_subject_check
  check (subject in ('before_measure', 'account_freeze', 'protective_measure', 'coercion', 'after_coercion'));

-- The intake extension of a denunciation (once).
alter table public.complaints
  add column accept_extended boolean not null default false;
comment on column public.complaints.accept_extended is
  'The intake check of a denunciation was extended (extend_intake_check, rule purpose accept_extension).';

alter table public.deadline_rules drop constraint deadline_rules_purpose_check;
alter table public.deadline_rules add constraint deadline_rules_purpose_check
  check (purpose in ('file', 'accept', 'accept_extension', 'forward', 'resolve', 'extend'));

update public.deadline_rules
   set note = 'Luật Tố cáo 2011 Điều 20 khoản 1 điểm b quy định 05 ngày làm việc (trích tại kinhtedothi.vn/thoi-han-va-tham-quyen-giai-quyet-to-cao.html); điều, khoản của Luật Tố cáo 2018 chưa đối chiếu được với văn bản.',
       is_checked = false
 where kind = 'denunciation' and purpose = 'forward' and confirmed_at is null;
update public.deadline_rules
   set note = 'Kiểm tra điều kiện thụ lý trong 07 ngày làm việc, kéo dài không quá 10 ngày làm việc (phiên bản thời hạn kéo dài: mục đích accept_extension). Chưa đối chiếu với văn bản Luật Tố cáo 2018.'
 where kind = 'denunciation' and purpose = 'accept' and confirmed_at is null;

insert into public.deadline_rules
  (kind, instance, subject, purpose, start_event, length_days, day_unit, max_times, law, article, legal_basis, is_checked, note, valid_from)
values
  ('denunciation', null, 'any', 'accept_extension', 'received', 10, 'working', 1, 'Luật Tố cáo 2018 (số 25/2018/QH14)',
   'Điều 24 khoản 1 (kéo dài thời hạn kiểm tra)', 'Luật Tố cáo 2018, Điều 24 khoản 1', false,
   'Kéo dài thời hạn kiểm tra điều kiện thụ lý, không quá 10 ngày làm việc kể từ ngày nhận đơn. Chưa đối chiếu với văn bản.',
   date '2019-01-01');

-- Holidays: confirmation and source; proposed days kept but not counted.
alter table public.holidays
  add column if not exists is_confirmed boolean not null default true,
  add column if not exists source text null check (char_length(source) <= 500),
  add column if not exists counted boolean not null default true;
comment on column public.holidays.is_confirmed is
  'true: the day was found in the law or the Government''s yearly notice (source); false: unconfirmed.';
comment on column public.holidays.counted is
  'false: a day proposed but not enacted, kept as data and ignored by the working-day functions.';

update public.holidays
   set is_confirmed = false, name = btrim(replace(name, '[check]', ''))
 where name like '%[check]%';
insert into public.holidays (day, name, is_day_off, is_confirmed, counted, source)
values
  (date '2026-11-24', 'Ngày Văn hóa Việt Nam (đề xuất, chưa ban hành)', true, false, false,
   'Nghị quyết 30/NQ-CP (26/2/2026) giao sửa khoản 1 Điều 112 Bộ luật Lao động; chưa thấy văn bản sửa đổi được thông qua.'),
  (date '2027-11-24', 'Ngày Văn hóa Việt Nam (đề xuất, chưa ban hành)', true, false, false,
   'Nghị quyết 30/NQ-CP (26/2/2026) giao sửa khoản 1 Điều 112 Bộ luật Lao động; chưa thấy văn bản sửa đổi được thông qua.')
on conflict (day) do nothing;

create or replace function public.is_working_day(d date)
returns boolean
language sql stable parallel safe
set search_path = ''
as $$
  select coalesce(
    (select not h.is_day_off from public.holidays h where h.day = d and h.counted),
    extract(isodow from d) < 6
  );
$$;

create or replace function public.working_days_add(start date, n integer)
returns date
language sql stable parallel safe
set search_path = ''
as $$
  select case
    when start is null or n is null then null
    when n > 3650 or n < -3650 then private.working_days_out_of_range()
    when n = 0 then start
    when n > 0 then (
      select g.d
      from (
        select (start + i) as d from generate_series(1, 2 * n + 30) as i
      ) g
      left join public.holidays h on h.day = g.d and h.counted
      where coalesce(not h.is_day_off, extract(isodow from g.d) < 6)
      order by g.d
      offset n - 1 limit 1
    )
    else (
      select g.d
      from (
        select (start - i) as d from generate_series(1, 2 * (-n) + 30) as i
      ) g
      left join public.holidays h on h.day = g.d and h.counted
      where coalesce(not h.is_day_off, extract(isodow from g.d) < 6)
      order by g.d desc
      offset (-n) - 1 limit 1
    )
  end;
$$;

create or replace function public.working_days_between(a date, b date)
returns integer
language sql stable parallel safe
set search_path = ''
as $$
  select case
    when a is null or b is null then null
    when b = a then 0
    when abs(b - a) > 3653 then (private.working_days_out_of_range() - a)
    else sign(b - a)::integer * (
      select count(*)::integer
      from generate_series(1, abs(b - a)) as i
      left join public.holidays h on h.day = least(a, b) + i and h.counted
      where coalesce(not h.is_day_off, extract(isodow from least(a, b) + i) < 6)
    )
  end;
$$;

-- The legal officer role.
alter table public.staff drop constraint staff_roles_check;
alter table public.staff add constraint staff_roles_check
  check (roles <@ array['reception', 'complaint_officer', 'procedure_officer', 'unit_head', 'admin', 'legal_officer']::text[]);

-- submit_complaint (final body of 20261126000204, two changes: after_coercion, act date).
create or replace function public.submit_complaint(payload jsonb, idempotency_key uuid)
returns table (code text, secret text, complaint_id uuid, accept_due date, replayed boolean)
language plpgsql security definer set search_path = '' as $$
declare
  p jsonb := payload;
  v_key uuid := idempotency_key;
  v_reply jsonb;
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

  -- A replay of the same submission (offline outbox, double click, lost response) while fresh;
  -- the lock makes a concurrent duplicate wait for the first and then answer from its reply.
  v_reply := private.idem_replay('complaint', v_key);
  if v_reply is not null then
    return query select v_reply ->> 'code', v_reply ->> 'secret', (v_reply ->> 'complaint_id')::uuid,
                        (v_reply ->> 'accept_due')::date, true;
    return;
  end if;

  if p is null or jsonb_typeof(p) <> 'object' then
    perform private.complaints_invalid('payload');
  end if;
  if v_kind is null or v_kind not in ('complaint', 'denunciation', 'petition') then
    perform private.complaints_invalid('kind');
  end if;
  if v_subject not in ('before_measure', 'account_freeze', 'protective_measure', 'coercion', 'after_coercion') then
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
  perform private.complaints_submit_rate_limit(v_filer, null);

  -- The law in force on the day of the act complained about (its decision date, else the day the
  -- citizen learned of it, else today) decides the rule, not the day the letter arrives.
  v_due := public.complaint_deadline(v_kind, 1::smallint, v_subject, 'accept', v_today,
             coalesce((p ->> 'decision_date')::date, (p ->> 'learned_on')::date, v_today));

  insert into public.complaints
    (id, kind, instance, unit_id, status, subject, is_group, filer_capacity, via_representative,
     decision_number, decision_date, enforcement_officer, case_number, learned_on, content, request,
     accept_due)
  values
    (v_id, v_kind, 1, v_unit, 'received', v_subject,
     coalesce((p ->> 'is_group')::boolean, false),
     coalesce(private.complaints_txt(p, 'filer_capacity'), 'party'),
     coalesce((p ->> 'via_representative')::boolean, false),
     private.complaints_txt(p, 'decision_number'), (p ->> 'decision_date')::date,
     private.complaints_txt(p, 'enforcement_officer'), private.complaints_txt(p, 'case_number'),
     (p ->> 'learned_on')::date, btrim(p ->> 'content'), btrim(p ->> 'request'),
     v_due);

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
  -- Luật BVDLCN 91/2025/QH15: keep the proof of consent (purpose, notice version, time, how).
  perform private.record_consent('complaint', v_id, v_unit, 'complaint_handling',
                                 private.complaints_txt(p, 'notice_version'));
  update public.complaints set tracking_code = v_code where id = v_id;
  perform private.idem_store('complaint', v_key, v_id,
    jsonb_build_object('code', v_code, 'secret', v_secret, 'complaint_id', v_id, 'accept_due', v_due));

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
comment on function public.submit_complaint is 'Citizen files a complaint/denunciation/petition; idempotent on the key; returns tracking code + secret (once, or again on replay).';

-- classify_complaint (final body of 20261126000205): after_coercion, forward period, act date.
create or replace function public.classify_complaint(p_id uuid, p_kind text, p_subject text, p_in_competence boolean, p_note text default null)
returns void language plpgsql security definer set search_path = '' as $$
declare
  c public.complaints := private.complaints_load(p_id);
  v_due date;
  v_sealed boolean;
begin
  perform private.complaints_require_status(c, array['received']);
  if p_kind not in ('complaint', 'denunciation', 'petition')
     or p_subject not in ('before_measure', 'account_freeze', 'protective_measure', 'coercion', 'after_coercion') then
    raise exception using errcode = 'P0001', message = 'invalid_kind';
  end if;
  if c.identity_sealed and p_kind <> c.kind
     and not (private.has_role('unit_head') or private.has_role('admin')) then
    raise exception using errcode = 'P0001', message = 'not_allowed';
  end if;
  v_sealed := c.identity_sealed or p_kind = 'denunciation';
  -- A denunciation outside the unit's competence is forwarded within the 'forward' period (Luật Tố
  -- cáo 2018, 5 working days from receipt); one within it keeps the intake period (extended once
  -- when the head allowed it, extend_intake_check). The version by the date of the act.
  v_due := public.complaint_deadline(p_kind, c.instance, p_subject,
             case when p_kind = 'denunciation' and p_in_competence is false then 'forward'
                  when p_kind = 'denunciation' and c.accept_extended then 'accept_extension'
                  else 'accept' end,
             private.vn_date(c.received_at), private.complaints_act_on(c));
  update public.complaints
     set kind = p_kind, subject = p_subject, in_competence = p_in_competence, accept_due = v_due,
         identity_sealed = v_sealed, updated_at = now()
   where id = p_id;
  perform private.complaints_event(p_id, 'classified', p_kind <> c.kind, null,
                                   jsonb_build_object('kind', p_kind, 'subject', p_subject,
                                                      'in_competence', p_in_competence, 'accept_due', v_due));
  perform private.complaints_note(p_id, p_note);
  perform private.audit('complaint', p_id, c.unit_id, 'classify',
    jsonb_build_object('kind', c.kind, 'subject', c.subject, 'in_competence', c.in_competence,
                       'identity_sealed', c.identity_sealed),
    jsonb_build_object('kind', p_kind, 'subject', p_subject, 'in_competence', p_in_competence,
                       'identity_sealed', v_sealed), null);
end
$$;

-- accept_complaint, forward_complaint (20261126000205): act date.
create or replace function public.accept_complaint(p_id uuid, p_note text default null)
returns date language plpgsql security definer set search_path = '' as $$
declare
  c public.complaints := private.complaints_load(p_id);
  v_due date;
begin
  perform private.complaints_require_status(c, array['received']);
  if c.in_competence is false then
    raise exception using errcode = 'P0001', message = 'not_in_competence';
  end if;
  v_due := public.complaint_deadline(c.kind, c.instance, c.subject, 'resolve', private.complaints_today(),
                                    private.complaints_act_on(c));
  update public.complaints
     set status = 'accepted', in_competence = true, accepted_at = now(), resolve_due = v_due,
         assigned_to = coalesce(assigned_to, case when private.has_role('complaint_officer') then auth.uid() end),
         updated_at = now()
   where id = p_id;
  perform private.complaints_event(p_id, 'accepted', true, null, jsonb_build_object('resolve_due', v_due));
  perform private.complaints_note(p_id, p_note);
  perform private.audit('complaint', p_id, c.unit_id, 'accept', jsonb_build_object('status', c.status),
                        jsonb_build_object('status', 'accepted', 'resolve_due', v_due), null);
  perform private.complaints_notify_filer(p_id, 'complaint_accepted',
    jsonb_build_object('code', c.tracking_code, 'resolve_due', v_due));
  return v_due;
end
$$;

create or replace function public.forward_complaint(p_id uuid, p_to_unit uuid, p_reason text)
returns void language plpgsql security definer set search_path = '' as $$
declare
  c public.complaints := private.complaints_load(p_id);
  v_reason text := private.complaints_require_text(p_reason);
  v_to record;
  v_from text;
  v_due date;
begin
  perform private.complaints_require_status(c, array['received']);
  select id, name, email into v_to from public.units
   where id = p_to_unit and (valid_to is null or valid_to >= private.complaints_today());
  if v_to.id is null or v_to.id = c.unit_id then
    raise exception using errcode = 'P0001', message = 'invalid_unit';
  end if;
  select name into v_from from public.units where id = c.unit_id;
  v_due := public.complaint_deadline(c.kind, c.instance, c.subject, 'accept', private.complaints_today(),
                                    private.complaints_act_on(c));
  update public.complaints
     set unit_id = v_to.id, assigned_to = null, in_competence = null, accept_due = v_due, updated_at = now()
   where id = p_id;
  -- The files follow the letter to the competent unit.
  update public.attachments set unit_id = v_to.id where owner_kind = 'complaint' and owner_id = p_id;
  perform private.complaints_event(p_id, 'forwarded', true, v_reason,
    jsonb_build_object('from_unit_name', v_from, 'to_unit_id', v_to.id, 'to_unit_name', v_to.name, 'accept_due', v_due));
  perform private.audit('complaint', p_id, c.unit_id, 'forward', jsonb_build_object('unit_id', c.unit_id),
                        jsonb_build_object('unit_id', v_to.id, 'accept_due', v_due), v_reason);
  perform private.complaints_notify_filer(p_id, 'complaint_forwarded',
    jsonb_build_object('code', c.tracking_code, 'to_unit_name', v_to.name));
  if v_to.email is not null then
    perform private.notify('email', v_to.email, 'complaint_new_for_unit',
      jsonb_build_object('code', c.tracking_code, 'kind', c.kind, 'accept_due', v_due));
  end if;
end
$$;

-- extend_denunciation_deadline (20261126000211): rule by act date.
create or replace function public.extend_denunciation_deadline(p_id uuid, p_complexity text, p_reason text)
returns date language plpgsql security definer set search_path = '' as $$
declare
  c public.complaints := private.complaints_load(p_id);
  v_reason text := private.complaints_require_text(p_reason, 10);
  v_today date := private.complaints_today();
  r public.deadline_rules;
  v_limit int;
  v_due date;
begin
  if not (private.has_role('unit_head') or private.has_role('admin')) then
    raise exception using errcode = 'P0001', message = 'not_allowed';
  end if;
  if c.kind <> 'denunciation' then
    raise exception using errcode = 'P0001', message = 'not_a_denunciation';
  end if;
  perform private.complaints_require_status(c, array['accepted', 'verifying', 'dialogue']);
  if p_complexity is null or p_complexity not in ('complex', 'especially_complex') then
    raise exception using errcode = 'P0001', message = 'complexity_invalid';
  end if;
  select * into r from public.deadline_rule('denunciation', null, 'any', 'extend', private.complaints_act_on(c));
  -- Complex: one extension in all; especially complex: as many as the rule allows (two).
  v_limit := case when p_complexity = 'complex' then 1 else coalesce(r.max_times, 1) end;
  if r.id is null or c.extensions >= least(v_limit, coalesce(r.max_times, 1)) then
    raise exception using errcode = 'P0001', message = 'extension_limit', detail = c.extensions::text;
  end if;
  -- An extension is decided before the time runs out.
  if c.resolve_due is null or c.resolve_due < v_today then
    raise exception using errcode = 'P0001', message = 'deadline_passed';
  end if;
  v_due := public.complaint_deadline('denunciation', null, 'any', 'extend', c.resolve_due, private.complaints_act_on(c));
  update public.complaints set resolve_due = v_due, extensions = c.extensions + 1, updated_at = now()
   where id = p_id;
  perform private.complaints_event(p_id, 'extended', true, null,
    jsonb_build_object('resolve_due', v_due, 'previous_due', c.resolve_due,
                       'extension', c.extensions + 1, 'complexity', p_complexity));
  perform private.complaints_note(p_id, v_reason);
  perform private.audit('complaint', p_id, c.unit_id, 'extend_deadline',
    jsonb_build_object('resolve_due', c.resolve_due, 'extensions', c.extensions),
    jsonb_build_object('resolve_due', v_due, 'extensions', c.extensions + 1, 'complexity', p_complexity),
    v_reason);
  perform private.complaints_notify_filer(p_id, 'complaint_extended',
    jsonb_build_object('code', c.tracking_code, 'resolve_due', v_due));
  return v_due;
end
$$;

-- complaints_open_second_instance (20261126000212): act date.
create or replace function private.complaints_open_second_instance(
  p_parent uuid, p_content text, p_draft_key uuid, p_online boolean
) returns table (complaint_id uuid, code text, secret text, accept_due date, unit_name text)
language plpgsql security definer set search_path = '' as $$
declare
  c public.complaints;
  v_above public.units;
  v_new uuid := gen_random_uuid();
  v_today date := private.vn_today();
  v_window date;
  v_due date;
  v_content text := btrim(coalesce(p_content, ''));
  v_code text;
  v_secret text;
  v_files int := 0;
begin
  select * into c from public.complaints x where x.id = p_parent for update;
  if c.id is null then
    raise exception using errcode = 'P0001', message = 'complaint_not_found';
  end if;
  if c.kind <> 'complaint' then
    raise exception using errcode = 'P0001', message = 'not_a_complaint';
  end if;
  -- Open to a first-instance decision, or to a first instance overdue and still unresolved.
  if c.instance <> 1 or not (c.status = 'resolved' or private.complaints_first_instance_overdue(c)) then
    raise exception using errcode = 'P0001', message = 'invalid_transition', detail = c.status;
  end if;
  if exists (select 1 from public.complaints x where x.parent_id = p_parent) then
    raise exception using errcode = 'P0001', message = 'already_reopened';
  end if;
  select a.* into v_above from public.units u join public.units a on a.id = u.parent_id where u.id = c.unit_id;
  if v_above.id is null then
    raise exception using errcode = 'P0001', message = 'no_higher_unit';
  end if;
  if p_online then
    v_window := private.complaints_appeal_window(c);
    if v_window is null or v_today > v_window then
      raise exception using errcode = 'P0001', message = 'appeal_window_passed', detail = v_window::text;
    end if;
  end if;
  if char_length(v_content) < 20 or char_length(v_content) > 10000 then
    raise exception using errcode = 'P0001', message = 'invalid_content';
  end if;

  v_due := public.complaint_deadline('complaint', 2::smallint, c.subject, 'accept', v_today,
                                    private.complaints_act_on(c));
  insert into public.complaints
    (id, kind, instance, parent_id, unit_id, status, subject, is_group, filer_capacity, via_representative,
     decision_number, decision_date, enforcement_officer, case_number, learned_on, content, request, accept_due)
  values
    (v_new, 'complaint', 2, p_parent, v_above.id, 'received', c.subject, c.is_group, c.filer_capacity,
     c.via_representative, c.decision_number, c.decision_date, c.enforcement_officer, c.case_number,
     private.complaints_appeal_start(c), v_content, c.request, v_due);
  insert into public.complaint_parties
    (complaint_id, role, full_name, cccd, phone, email, province, ward, address_line, authorisation, sort_order)
  select v_new, p.role, p.full_name, p.cccd, p.phone, p.email, p.province, p.ward, p.address_line,
         p.authorisation, p.sort_order
    from public.complaint_parties p where p.complaint_id = p_parent;

  if p_draft_key is not null then
    update public.attachments a set owner_id = v_new, draft_key = null, unit_id = v_above.id
     where a.draft_key = p_draft_key and a.owner_kind = 'complaint' and a.owner_id is null;
    get diagnostics v_files = row_count;
    if v_files > 10 then
      raise exception using errcode = 'P0001', message = 'too_many_attachments';
    end if;
  end if;

  if p_online then
    select i.code, i.secret into v_code, v_secret from private.issue_tracking_code('complaint', v_new) i;
    update public.complaints x set tracking_code = v_code where x.id = v_new;
  end if;

  perform private.complaints_event(v_new, 'reopened', true, null,
    jsonb_build_object('instance', 2, 'accept_due', v_due, 'files', v_files,
                       'by', case when p_online then 'citizen' else 'staff' end));
  -- The first-instance unit sees on its file that it was appealed, and where.
  perform private.complaints_event(p_parent, 'appealed', false, null,
    jsonb_build_object('second_instance_id', v_new, 'to_unit_name', v_above.name));
  perform private.audit('complaint', v_new, v_above.id,
    case when p_online then 'appeal_online' else 'reopen_second_instance' end,
    jsonb_build_object('parent_id', p_parent), jsonb_build_object('accept_due', v_due, 'files', v_files), null);
  if v_above.email is not null then
    perform private.notify('email', v_above.email, 'complaint_new_for_unit',
      jsonb_build_object('code', coalesce(v_code, c.tracking_code), 'kind', 'complaint', 'instance', 2,
                         'accept_due', v_due));
  end if;
  perform private.complaints_notify_filer(v_new, 'complaint_received',
    jsonb_build_object('code', coalesce(v_code, c.tracking_code), 'kind', 'complaint', 'instance', 2,
                       'unit_name', v_above.name, 'accept_due', v_due));

  complaint_id := v_new;
  code := v_code;
  secret := v_secret;
  accept_due := v_due;
  unit_name := v_above.name;
  return next;
end
$$;

-- Extend a denunciation's intake check once, to the 'accept_extension' period from receipt.
create function public.extend_intake_check(p_id uuid, p_reason text)
returns date language plpgsql security definer set search_path = '' as $$
declare
  c public.complaints := private.complaints_load(p_id);
  v_reason text := private.complaints_require_text(p_reason, 10);
  v_due date;
begin
  if not (private.has_role('unit_head') or private.has_role('admin')) then
    raise exception using errcode = 'P0001', message = 'not_allowed';
  end if;
  if c.kind <> 'denunciation' then
    raise exception using errcode = 'P0001', message = 'not_a_denunciation';
  end if;
  perform private.complaints_require_status(c, array['received']);
  if c.in_competence is false then
    raise exception using errcode = 'P0001', message = 'not_in_competence';
  end if;
  if c.accept_extended then
    raise exception using errcode = 'P0001', message = 'extension_limit';
  end if;
  if c.accept_due is null or c.accept_due < private.vn_today() then
    raise exception using errcode = 'P0001', message = 'deadline_passed';
  end if;
  v_due := public.complaint_deadline('denunciation', c.instance, c.subject, 'accept_extension',
                                     private.vn_date(c.received_at), private.complaints_act_on(c));
  if v_due is null or v_due <= c.accept_due then
    raise exception using errcode = 'P0001', message = 'extension_limit';
  end if;
  update public.complaints set accept_due = v_due, accept_extended = true, updated_at = now() where id = p_id;
  perform private.complaints_event(p_id, 'intake_extended', true, null,
    jsonb_build_object('accept_due', v_due, 'previous_due', c.accept_due));
  perform private.complaints_note(p_id, v_reason);
  perform private.audit('complaint', p_id, c.unit_id, 'extend_intake',
    jsonb_build_object('accept_due', c.accept_due), jsonb_build_object('accept_due', v_due), v_reason);
  perform private.complaints_notify_filer(p_id, 'complaint_extended',
    jsonb_build_object('code', c.tracking_code, 'accept_due', v_due));
  return v_due;
end
$$;
revoke all on function public.extend_intake_check(uuid, text) from public, anon;
grant execute on function public.extend_intake_check(uuid, text) to authenticated, service_role;
comment on function public.extend_intake_check is
  'Unit head/admin extends a denunciation''s intake check once to the accept_extension period (10 working days from receipt, unconfirmed); reason required; audited; the citizen sees the new date.';

-- The rules a file is judged under, by the date of its act (one place: complaints_act_on).
create or replace function public.complaint_rules(p_id uuid)
returns table (purpose text, rule_id int, length_days int, day_unit text, start_event text, law text, article text,
               is_checked boolean, confirmed_at timestamptz, valid_from date, valid_to date, act_on date)
language plpgsql stable security definer set search_path = '' as $$
declare
  c public.complaints;
  v_on date;
begin
  select * into c from public.complaints where id = p_id;
  if c.id is null or not ((select private.is_staff()) and private.can_see_unit(c.unit_id)) then
    raise exception using errcode = 'P0001', message = 'complaint_not_found';
  end if;
  v_on := private.complaints_act_on(c);
  return query
  select p.purpose, r.id, r.length_days, r.day_unit, r.start_event, r.law, r.article, r.is_checked, r.confirmed_at,
         r.valid_from, r.valid_to, v_on
    from (values ('file', 1), ('accept', 2), ('accept_extension', 3), ('forward', 4), ('resolve', 5), ('extend', 6)) p (purpose, ord)
    cross join lateral public.deadline_rule(c.kind, c.instance, c.subject, p.purpose, v_on) r
   order by p.ord;
end
$$;

-- Who may confirm and version deadline rules: the legal officer, or an admin.
create function private.may_maintain_rules() returns boolean
language sql stable security definer set search_path = '' as $$
  select private.has_role('legal_officer') or private.has_role('admin')
$$;
revoke all on function private.may_maintain_rules() from public;
-- Called only inside security-definer functions (no policy uses it): signed-in roles need not execute it.
grant execute on function private.may_maintain_rules() to service_role;

-- add_deadline_rule_version and confirm_deadline_rule (20261207003050): the legal officer too.
create or replace function public.add_deadline_rule_version(
  p_rule_id int, p_valid_from date, p_length_days int, p_day_unit text,
  p_article text, p_legal_basis text, p_source_url text default null, p_note text default null
) returns int
language plpgsql volatile security definer set search_path = '' as $$
declare
  r public.deadline_rules;
  v_id int;
begin
  if not (select private.may_maintain_rules()) then
    raise exception using errcode = 'P0001', message = 'not_allowed';
  end if;
  select * into r from public.deadline_rules where id = p_rule_id for update;
  if r.id is null then
    raise exception using errcode = 'P0001', message = 'rule_not_found';
  end if;
  if p_valid_from is null or p_valid_from < private.vn_today() or p_valid_from <= r.valid_from then
    raise exception using errcode = 'P0001', message = 'valid_from_invalid';
  end if;
  if p_length_days is null or p_length_days not between 1 and 365 then
    raise exception using errcode = 'P0001', message = 'length_invalid';
  end if;
  if p_day_unit is null or p_day_unit not in ('calendar', 'working') then
    raise exception using errcode = 'P0001', message = 'day_unit_invalid';
  end if;
  if nullif(btrim(p_legal_basis), '') is null then
    raise exception using errcode = 'P0001', message = 'source_required';
  end if;
  -- The version it replaces ends the day before (a later version, if any, is left as it is).
  update public.deadline_rules
     set valid_to = p_valid_from - 1
   where id = r.id and (valid_to is null or valid_to >= p_valid_from);
  insert into public.deadline_rules
    (kind, instance, subject, purpose, start_event, length_days, day_unit, max_times, law, article, legal_basis,
     source_url, note, is_checked, valid_from, valid_to)
  values
    (r.kind, r.instance, r.subject, r.purpose, r.start_event, p_length_days, p_day_unit, r.max_times, r.law,
     nullif(btrim(p_article), ''), btrim(p_legal_basis), nullif(btrim(p_source_url), ''), nullif(btrim(p_note), ''),
     false, p_valid_from,
     case when r.valid_to is not null and r.valid_to >= p_valid_from then r.valid_to end)
  returning id into v_id;
  perform private.audit('deadline_rule', null, null, 'new_version',
    jsonb_build_object('rule_id', r.id, 'length_days', r.length_days, 'day_unit', r.day_unit, 'valid_to', r.valid_to),
    jsonb_build_object('rule_id', v_id, 'length_days', p_length_days, 'day_unit', p_day_unit, 'valid_from', p_valid_from),
    nullif(btrim(p_note), ''));
  return v_id;
end
$$;

-- Confirm a rule's figure against the text of the law: records who, when and the source.
create or replace function public.confirm_deadline_rule(p_rule_id int, p_source text)
returns void
language plpgsql volatile security definer set search_path = '' as $$
declare
  r public.deadline_rules;
begin
  if not (select private.may_maintain_rules()) then
    raise exception using errcode = 'P0001', message = 'not_allowed';
  end if;
  select * into r from public.deadline_rules where id = p_rule_id for update;
  if r.id is null then
    raise exception using errcode = 'P0001', message = 'rule_not_found';
  end if;
  if char_length(btrim(coalesce(p_source, ''))) < 5 then
    raise exception using errcode = 'P0001', message = 'source_required';
  end if;
  update public.deadline_rules
     set is_checked = true, confirmed_by = (select auth.uid()), confirmed_at = now(),
         source_url = left(btrim(p_source), 500)
   where id = r.id;
  perform private.audit('deadline_rule', null, null, 'confirm',
    jsonb_build_object('rule_id', r.id, 'is_checked', r.is_checked, 'source_url', r.source_url),
    jsonb_build_object('rule_id', r.id, 'is_checked', true, 'source_url', left(btrim(p_source), 500)), null);
end
$$;

