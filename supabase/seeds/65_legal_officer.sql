-- Demo legal officer (cán bộ pháp chế) at the Cục: confirms and versions the deadline rules
-- (issue 13, part B). Password as the other demo accounts: Thads@2026.
--   phapche@thads.local   legal_officer   Cục Quản lý THADS (CUC)
insert into auth.users (instance_id, id, aud, role, email, encrypted_password, email_confirmed_at,
                        raw_app_meta_data, raw_user_meta_data, created_at, updated_at,
                        confirmation_token, recovery_token, email_change_token_new, email_change)
values ('00000000-0000-0000-0000-000000000000', '00000000-0000-4000-b000-000000000002', 'authenticated',
        'authenticated', 'phapche@thads.local', extensions.crypt('Thads@2026', extensions.gen_salt('bf')), now(),
        '{"provider": "email", "providers": ["email"]}'::jsonb, '{"full_name": "Bùi Thị Thanh Hương"}'::jsonb,
        now(), now(), '', '', '', '')
on conflict (id) do nothing;

do $$
begin
  if to_regclass('auth.identities') is not null then
    insert into auth.identities (id, provider_id, user_id, identity_data, provider, last_sign_in_at, created_at, updated_at)
    values ('00000000-0000-4000-b000-000000000002', '00000000-0000-4000-b000-000000000002',
            '00000000-0000-4000-b000-000000000002',
            jsonb_build_object('sub', '00000000-0000-4000-b000-000000000002', 'email', 'phapche@thads.local',
                               'email_verified', true),
            'email', now(), now(), now())
    on conflict do nothing;
  end if;
end
$$;

insert into public.staff (user_id, unit_id, roles, full_name, email)
select '00000000-0000-4000-b000-000000000002', u.id, array['legal_officer'], 'Bùi Thị Thanh Hương', 'phapche@thads.local'
  from public.units u where u.code = 'CUC'
on conflict (user_id) do nothing;
