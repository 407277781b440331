-- Demo only (never on a real deployment): two-factor sign-in for the demo unit heads and the
-- administrator, who must use it (issue 12, item 10). Their authenticator secret is the published
-- demo key THADSDEMOTOTPSECRETKEYAAAAAAAAAA: add it to an authenticator app, or print the current
-- code with `npm run totp`. truongphong.ct1@thads.local is left without one, to show the forced
-- enrolment at first sign-in.
insert into auth.mfa_factors (id, user_id, friendly_name, factor_type, status, created_at, updated_at, secret)
select gen_random_uuid(), s.user_id, 'THADS demo', 'totp', 'verified', now(), now(),
       'THADSDEMOTOTPSECRETKEYAAAAAAAAAA'
  from public.staff s
 where s.roles && array['unit_head', 'admin']::text[]
   and s.email <> 'truongphong.ct1@thads.local'
   and s.email like '%@thads.local'
   and not exists (select 1 from auth.mfa_factors f where f.user_id = s.user_id);
