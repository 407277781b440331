-- Messages (issue 14): the providers' delivery reports, and one officer reminder.
--
--   * public.record_notification_delivery(provider, ref, delivered, error, at, id): what eSMS's
--     callback (HTTP GET to the CallbackUrl, SendStatus/SendSuccess/SendFailed) and Zalo's
--     `user_received_message` webhook report. Delivered: delivered_at is set. Not delivered
--     (eSMS: rejected / failed at the telco): the message becomes a dead letter with the reason,
--     so the unit head sees it in the delivery view and may resend it by hand. Each report is an
--     attempt row (outcome 'delivered' / 'undelivered'). The app checks the provider's
--     authentication first (src/lib/server/messages/delivery.ts); service role only.
--   * One morning reminder for officers: public.queue_officer_digests (20261207006010) now also
--     lists the files due within the next 2 working days (what public.queue_complaint_reminders
--     sent, one e-mail per file and per day, beside the digest). queue_complaint_reminders and its
--     job are removed: officers got the same files twice each morning.

alter table public.notification_attempts drop constraint notification_attempts_outcome_check;
alter table public.notification_attempts add constraint notification_attempts_outcome_check
  check (outcome in ('sent', 'retry', 'dead', 'resend', 'delivered', 'undelivered'));

-- Delivery report of a message a provider accepted. Matches on (provider, provider_ref), or on
-- the outbox id when the report carries ours (eSMS callback URL token). Returns whether a message
-- was updated (false: unknown, not sent by that provider, or already reported).
create or replace function public.record_notification_delivery(
  p_provider text,
  p_ref text,
  p_delivered boolean,
  p_error text default null,
  p_at timestamptz default null,
  p_id bigint default null
) returns boolean
language plpgsql volatile security definer set search_path = '' as $$
declare
  n public.notifications;
begin
  select * into n from public.notifications t
   where t.provider = p_provider
     and ((p_id is not null and t.id = p_id) or (p_id is null and t.provider_ref = p_ref))
     and t.status = 'sent' and t.delivered_at is null
   order by t.id desc limit 1
   for update;
  if not found then
    return false;
  end if;
  if p_delivered then
    update public.notifications t set delivered_at = coalesce(p_at, now()),
           provider_ref = coalesce(t.provider_ref, left(p_ref, 200))
     where t.id = n.id;
  else
    update public.notifications t
       set status = 'dead', last_error = left('undelivered: ' || coalesce(p_error, 'provider report'), 2000)
     where t.id = n.id;
  end if;
  insert into public.notification_attempts (notification_id, attempt, sender, outcome, error, provider_ref)
  values (n.id, n.attempts, left(p_provider, 100), case when p_delivered then 'delivered' else 'undelivered' end,
          case when p_delivered then null else left(p_error, 2000) end, left(coalesce(p_ref, n.provider_ref), 200));
  return true;
end
$$;
revoke all on function public.record_notification_delivery(text, text, boolean, text, timestamptz, bigint)
  from public, anon, authenticated;
grant execute on function public.record_notification_delivery(text, text, boolean, text, timestamptz, bigint)
  to service_role;

-- The officers' morning digest, with the files due within the next 2 working days (`soon`).
create or replace function public.queue_officer_digests(p_now timestamptz default null)
returns integer language plpgsql volatile security definer set search_path = '' as $$
declare
  v_today date := private.vn_date(coalesce(p_now, now()));
  v_soon date := public.working_days_add(private.vn_date(coalesce(p_now, now())), 2);
  v_hour integer := extract(hour from coalesce(p_now, now()) at time zone private.vn_tz());
  s record;
  v_items jsonb;
  n integer := 0;
begin
  if v_hour < 7 then
    return 0;
  end if;
  for s in
    select st.user_id, st.unit_id, st.email, st.full_name, st.roles from public.staff st
     where st.is_active and st.email is not null
       and st.roles && array['complaint_officer', 'procedure_officer', 'unit_head']
  loop
    select coalesce(jsonb_agg(i order by i ->> 'due', i ->> 'code'), '[]'::jsonb) into v_items from (
      select jsonb_build_object('code', coalesce(c.tracking_code, c.id::text), 'kind', c.kind, 'status', c.status,
                                'due', d.due, 'overdue', d.due < v_today, 'soon', d.due > v_today) as i
        from public.complaints c
        cross join lateral (select case when c.status = 'received' then c.accept_due else c.resolve_due end as due) d
       where c.status in ('received', 'accepted', 'verifying', 'dialogue') and d.due <= v_soon
         and (c.assigned_to = s.user_id
              or ('unit_head' = any (s.roles) and c.assigned_to is null and c.unit_id = s.unit_id))
      union all
      select jsonb_build_object('code', a.tracking_code, 'kind', 'application', 'status', a.status,
                                'due', a.due_date, 'overdue', a.due_date < v_today, 'soon', a.due_date > v_today)
        from public.applications a
       where a.status in ('submitted', 'checking', 'processing') and a.due_date <= v_soon
         and (a.assigned_to = s.user_id
              or ('unit_head' = any (s.roles) and a.assigned_to is null and a.unit_id = s.unit_id))
    ) x;
    continue when jsonb_array_length(v_items) = 0;
    if private.notify_once(format('digest:%s:%s', s.user_id, v_today), 'email', s.email, 'staff_daily_digest',
         jsonb_build_object('date', v_today, 'name', s.full_name, 'items', v_items,
                            'overdue', (select count(*) from jsonb_array_elements(v_items) e where (e ->> 'overdue')::boolean)),
         coalesce(p_now, now()), s.unit_id) is not null then
      n := n + 1;
    end if;
  end loop;
  return n;
end
$$;
revoke all on function public.queue_officer_digests(timestamptz) from public, anon, authenticated;
grant execute on function public.queue_officer_digests(timestamptz) to service_role;

drop function public.queue_complaint_reminders();
