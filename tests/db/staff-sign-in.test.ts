// Staff sign-in (issue 12, item 10; issue 16, item 5): Auth limits per client address over all
// /token requests and never locks an account; the app's throttling in SQL slows the guessing
// client and never refuses the real officer; TOTP two-factor sign-in as Supabase Auth MFA does it.
import { describe, expect, it } from 'vitest';
import { createClient } from '@supabase/supabase-js';
import { totpCode } from '../../supabase/local/totp.js';
import {
	anonClient,
	createTestUser,
	forwardingAuthClient,
	isStandIn,
	randomClientAddress,
	serviceClient,
	signIn,
	sql,
	standin
} from './helpers';

const payload = (jwt: string) =>
	JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString('utf8')) as {
		aal?: string;
		amr?: { method: string; timestamp: number }[];
	};

describe.skipIf(!isStandIn())('Auth limits sign-ins per client address, never per account', () => {
	it('a stranger guessing 12 times from many addresses does not lock the officer out', async () => {
		const u = await createTestUser();
		for (let i = 0; i < 12; i++) {
			const r = await forwardingAuthClient().auth.signInWithPassword({
				email: u.email,
				password: `wrong-${i}`
			});
			expect(r.error?.code).toBe('invalid_credentials');
		}
		const ok = await forwardingAuthClient().auth.signInWithPassword({
			email: u.email,
			password: u.password
		});
		expect(ok.error).toBeNull();
		expect(ok.data.session?.access_token).toBeTruthy();
	});

	it('the 31st /token password request from one address in 5 minutes is refused, the next address is not', async () => {
		const address = randomClientAddress();
		const u = await createTestUser();
		for (let i = 0; i < 30; i++) {
			const r = await forwardingAuthClient(address).auth.signInWithPassword({
				email: u.email,
				password: i % 2 ? u.password : 'wrong'
			});
			expect(r.error?.status ?? 200).not.toBe(429);
		}
		const blocked = await forwardingAuthClient(address).auth.signInWithPassword({
			email: u.email,
			password: u.password
		});
		expect(blocked.error).toMatchObject({ status: 429, code: 'over_request_rate_limit' });
		// The header counts only from the secret key: an anon caller naming that address is not
		// attributed to it (else anyone could block anyone's address, or dodge the limit).
		const s = standin();
		const spoofing = createClient(s.url, s.anonKey, {
			auth: { persistSession: false, autoRefreshToken: false },
			global: { headers: { 'sb-forwarded-for': address } }
		});
		const forged = await spoofing.auth.signInWithPassword({ email: u.email, password: u.password });
		expect(forged.error).toBeNull();
		const other = await forwardingAuthClient().auth.signInWithPassword({
			email: u.email,
			password: u.password
		});
		expect(other.error).toBeNull();
	});
});

describe.skipIf(!isStandIn())('the app throttles staff sign-in in SQL by delay, not lock', () => {
	const check = async (email: string, client: string) => {
		const { data, error } = await serviceClient().rpc('staff_sign_in_check', {
			p_email: email,
			p_client: client
		});
		expect(error).toBeNull();
		return data as { retry_after: number; delay_ms: number };
	};
	const fail = async (email: string, client: string) => {
		const { error } = await serviceClient().rpc('staff_sign_in_record', {
			p_email: email,
			p_client: client,
			p_succeeded: false
		});
		expect(error).toBeNull();
	};

	it('the guessing client waits longer and longer; the officer at her own desk only waits seconds', async () => {
		const email = `victim-${Date.now()}@thads.local`;
		const attacker = randomClientAddress();
		const officer = randomClientAddress();
		for (let i = 0; i < 3; i++) await fail(email, attacker);
		expect((await check(email, attacker)).retry_after).toBeGreaterThanOrEqual(1);
		for (let i = 0; i < 5; i++) await fail(email, attacker);
		const a = await check(email, attacker);
		expect(a.retry_after).toBeGreaterThanOrEqual(30);
		const o = await check(email, officer);
		expect(o.retry_after).toBe(0);
		expect(o.delay_ms).toBeGreaterThan(0);
		expect(o.delay_ms).toBeLessThanOrEqual(3000);
		// However many failures pile up on the account, the officer is slowed, never refused.
		for (let i = 0; i < 20; i++) await fail(email, randomClientAddress());
		expect(await check(email, officer)).toMatchObject({ retry_after: 0, delay_ms: 3000 });
	});

	it('a client with 30 failures over any accounts is refused for 15 minutes; other clients are not', async () => {
		const client = randomClientAddress();
		for (let i = 0; i < 30; i++) await fail(`spray-${i}-${Date.now()}@thads.local`, client);
		expect((await check('someone@thads.local', client)).retry_after).toBeGreaterThan(60);
		expect((await check('someone@thads.local', randomClientAddress())).retry_after).toBe(0);
	});

	it('a success clears the client’s failures for that account', async () => {
		const email = `forgetful-${Date.now()}@thads.local`;
		const client = randomClientAddress();
		for (let i = 0; i < 4; i++) await fail(email, client);
		expect((await check(email, client)).retry_after).toBeGreaterThan(0);
		await serviceClient().rpc('staff_sign_in_record', {
			p_email: email,
			p_client: client,
			p_succeeded: true
		});
		expect((await check(email, client)).retry_after).toBe(0);
	});

	it('anon and staff cannot call the sign-in and limiter functions', async () => {
		const staff = await signIn('khieunai.hn1@thads.local');
		for (const client of [anonClient(), staff]) {
			const r1 = await client.rpc('staff_sign_in_check', { p_email: 'a@b.c', p_client: '1.2.3.4' });
			expect(r1.error?.code).toBe('42501');
			const r2 = await client.rpc('app_rate_limit', {
				p_bucket: 'tracking_page',
				p_key: 'x',
				p_max: 1,
				p_per_seconds: 60
			});
			expect(r2.error?.code).toBe('42501');
		}
	});
});

describe.skipIf(!isStandIn())('two-factor sign-in (Supabase Auth MFA, TOTP)', () => {
	it('enrol, verify with a code from the secret: the session becomes aal2 and stays so on refresh', async () => {
		const u = await createTestUser();
		const client = u.client;
		const enrolled = await client.auth.mfa.enroll({ factorType: 'totp', friendlyName: 'phone' });
		expect(enrolled.error).toBeNull();
		const { id: factorId, totp } = enrolled.data as {
			id: string;
			totp: { secret: string; uri: string; qr_code: string };
		};
		expect(totp.uri).toMatch(/^otpauth:\/\/totp\/.+secret=/);
		expect(totp.qr_code).toMatch(/^data:image\/svg\+xml;utf-8,<svg/);

		// Unverified factors do not raise the next level yet.
		const before = await client.auth.mfa.getAuthenticatorAssuranceLevel();
		expect(before.data).toMatchObject({ currentLevel: 'aal1' });

		const wrong = await client.auth.mfa.challengeAndVerify({ factorId, code: '000000' });
		expect(wrong.error).toMatchObject({ status: 422, code: 'mfa_verification_failed' });

		const ok = await client.auth.mfa.challengeAndVerify({ factorId, code: totpCode(totp.secret) });
		expect(ok.error).toBeNull();
		const claims = payload(ok.data!.access_token);
		expect(claims.aal).toBe('aal2');
		expect(claims.amr?.map((a) => a.method)).toEqual(expect.arrayContaining(['totp', 'password']));

		const refreshed = await client.auth.refreshSession();
		expect(payload(refreshed.data.session!.access_token).aal).toBe('aal2');

		const factors = await client.auth.mfa.listFactors();
		expect(factors.data?.totp.map((f) => f.id)).toEqual([factorId]);

		// A new password sign-in is aal1 with aal2 as the next level.
		const again = await signIn(u.email, u.password);
		const level = await again.auth.mfa.getAuthenticatorAssuranceLevel();
		expect(level.data).toMatchObject({ currentLevel: 'aal1', nextLevel: 'aal2' });
		// …and cannot remove the factor without the second factor.
		const removal = await again.auth.mfa.unenroll({ factorId });
		expect(removal.error).toMatchObject({ code: 'insufficient_aal' });
	});

	it('private.is_aal2() reads the aal claim of the request', async () => {
		const [one] = await sql<{ a: boolean }>(
			`with s as materialized (select set_config('request.jwt.claims', $1, true) as c)
       select private.is_aal2() as a from s`,
			[JSON.stringify({ role: 'authenticated', aal: 'aal2' })]
		);
		expect(one?.a).toBe(true);
		const [two] = await sql<{ a: boolean }>(
			`with s as materialized (select set_config('request.jwt.claims', $1, true) as c)
       select private.is_aal2() as a from s`,
			[JSON.stringify({ role: 'authenticated', aal: 'aal1' })]
		);
		expect(two?.a).toBe(false);
	});

	it('an administrator can remove a lost authenticator (admin API)', async () => {
		const u = await createTestUser();
		const enrolled = await u.client.auth.mfa.enroll({ factorType: 'totp' });
		const factorId = enrolled.data!.id;
		const listed = await serviceClient().auth.admin.mfa.listFactors({ userId: u.id });
		expect(listed.data?.factors.map((f) => f.id)).toEqual([factorId]);
		const removed = await serviceClient().auth.admin.mfa.deleteFactor({
			userId: u.id,
			id: factorId
		});
		expect(removed.error).toBeNull();
	});
});
