/** Conformance: GoTrue subset through supabase-js auth — password sign-in/up, the access token's
 * claims, refresh rotation, getUser/updateUser, sign-out, OTP, admin users, JWT checks at the REST
 * gateway, and sign-in rate limiting. */
import { afterAll, describe, expect, it } from 'vitest';
import { createHmac, randomUUID } from 'node:crypto';
import {
	anonClient,
	createTestUser,
	forwardingAuthClient,
	isStandIn,
	mailbox,
	randomClientAddress,
	serviceClient,
	standin
} from '../helpers';
import { dropFixtures, ensureFixtures } from './fixtures';

await ensureFixtures(); // restWith() reads zz_conformance_items
afterAll(dropFixtures);

const decode = (jwt: string) =>
	JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString('utf8'));
const fresh = () => `auth-${randomUUID().slice(0, 10)}@example.test`;

function hs256(claims: object, secret: string, header: object = { alg: 'HS256', typ: 'JWT' }) {
	const h = Buffer.from(JSON.stringify(header)).toString('base64url');
	const p = Buffer.from(JSON.stringify(claims)).toString('base64url');
	const s = createHmac('sha256', secret).update(`${h}.${p}`).digest('base64url');
	return `${h}.${p}.${s}`;
}

async function restWith(token: string) {
	const res = await fetch(`${standin().url}/rest/v1/zz_conformance_items?select=id&limit=1`, {
		headers: { apikey: standin().anonKey, authorization: `Bearer ${token}` }
	});
	return { status: res.status, body: await res.json() };
}

describe('auth: password', () => {
	it('signInWithPassword returns a session whose JWT has Supabase claims', async () => {
		const u = await createTestUser({ appMetadata: { tier: 'gold' } });
		const c = anonClient();
		const { data, error } = await c.auth.signInWithPassword({
			email: u.email,
			password: u.password
		});
		expect(error).toBeNull();
		const s = data.session!;
		expect(s.token_type).toBe('bearer');
		expect(s.expires_in).toBe(3600);
		expect(s.refresh_token).toBeTruthy();
		expect(data.user).toMatchObject({
			id: u.id,
			email: u.email,
			aud: 'authenticated',
			role: 'authenticated'
		});
		const claims = decode(s.access_token);
		expect(claims).toMatchObject({
			sub: u.id,
			role: 'authenticated',
			aud: 'authenticated',
			email: u.email,
			app_metadata: { provider: 'email', providers: ['email'], tier: 'gold' },
			aal: 'aal1'
		});
		expect(claims.exp - claims.iat).toBe(3600);
		expect(typeof claims.session_id).toBe('string');
	});

	it('wrong password and unknown e-mail both give 400 invalid_credentials', async () => {
		const u = await createTestUser();
		const a = await anonClient().auth.signInWithPassword({
			email: u.email,
			password: 'wrong-password'
		});
		expect(a.error).toMatchObject({
			status: 400,
			code: 'invalid_credentials',
			message: 'Invalid login credentials'
		});
		const b = await anonClient().auth.signInWithPassword({ email: fresh(), password: 'whatever1' });
		expect(b.error).toMatchObject({ status: 400, code: 'invalid_credentials' });
		expect(a.data.session).toBeNull();
	});

	it('signUp creates a user and a session; a second signUp is 422 user_already_exists', async () => {
		const email = fresh();
		const c = anonClient();
		const { data, error } = await c.auth.signUp({
			email,
			password: 'Secret#2026',
			options: { data: { full_name: 'Nguyễn Văn A' } }
		});
		expect(error).toBeNull();
		expect(data.user?.email).toBe(email);
		expect(data.user?.user_metadata).toMatchObject({ full_name: 'Nguyễn Văn A' });
		if (isStandIn()) expect(data.session?.access_token).toBeTruthy();
		const again = await anonClient().auth.signUp({ email, password: 'Secret#2026' });
		if (isStandIn())
			expect(again.error).toMatchObject({ status: 422, code: 'user_already_exists' });
	});

	it('a weak password is 422 weak_password', async () => {
		const { error } = await anonClient().auth.signUp({ email: fresh(), password: '123' });
		expect(error).toMatchObject({ status: 422, code: 'weak_password' });
	});

	it('getUser, updateUser, then signOut invalidates the refresh token', async () => {
		const u = await createTestUser();
		const got = await u.client.auth.getUser();
		expect(got.data.user?.id).toBe(u.id);
		const upd = await u.client.auth.updateUser({ data: { phone_hint: '0912' } });
		expect(upd.error).toBeNull();
		expect(upd.data.user?.user_metadata).toMatchObject({ phone_hint: '0912' });
		const { data: sess } = await u.client.auth.getSession();
		const refresh = sess.session!.refresh_token;
		expect((await u.client.auth.signOut()).error).toBeNull();
		const again = await anonClient().auth.refreshSession({ refresh_token: refresh });
		expect(again.error?.status).toBe(400);
		expect(again.error?.code).toMatch(/refresh_token_not_found|refresh_token_already_used/);
	});

	it('refresh rotates the refresh token and issues a new access token', async () => {
		const u = await createTestUser();
		const { data: s1 } = await u.client.auth.getSession();
		await new Promise((r) => setTimeout(r, 1100)); // a new iat
		const { data, error } = await u.client.auth.refreshSession();
		expect(error).toBeNull();
		expect(data.session!.refresh_token).not.toBe(s1.session!.refresh_token);
		expect(data.session!.access_token).not.toBe(s1.session!.access_token);
		expect(decode(data.session!.access_token).session_id).toBe(
			decode(s1.session!.access_token).session_id
		);
		const bogus = await anonClient().auth.refreshSession({ refresh_token: 'not-a-token' });
		expect(bogus.error).toMatchObject({ status: 400, code: 'refresh_token_not_found' });
	});
});

describe.skipIf(!isStandIn())(
	`auth: OTP${isStandIn() ? '' : ' (skipped: codes are read from the stand-in mailbox)'}`,
	() => {
		it('email OTP: code goes to the mailbox, verifyOtp signs in and confirms', async () => {
			const email = fresh();
			const c = anonClient();
			const sent = await c.auth.signInWithOtp({ email });
			expect(sent.error).toBeNull();
			const [msg] = await mailbox(email);
			const code = /(\d{6})/.exec(msg!.body)![1]!;
			const wrong = await anonClient().auth.verifyOtp({
				email,
				token: code === '000000' ? '111111' : '000000',
				type: 'email'
			});
			expect(wrong.error).toMatchObject({ status: 403, code: 'otp_expired' });
			const { data, error } = await c.auth.verifyOtp({ email, token: code, type: 'email' });
			expect(error).toBeNull();
			expect(data.session?.user.email).toBe(email);
			expect(data.user?.email_confirmed_at).toBeTruthy();
			const reused = await anonClient().auth.verifyOtp({ email, token: code, type: 'email' });
			expect(reused.error?.code).toBe('otp_expired');
		});

		it('phone OTP (sms)', async () => {
			const phone = `8490${Math.floor(1e6 + Math.random() * 8e6)}`;
			const c = anonClient();
			expect((await c.auth.signInWithOtp({ phone: `+${phone}` })).error).toBeNull();
			const [msg] = await mailbox(phone);
			expect(msg!.channel).toBe('sms');
			const code = /(\d{6})/.exec(msg!.body)![1]!;
			const { data, error } = await c.auth.verifyOtp({
				phone: `+${phone}`,
				token: code,
				type: 'sms'
			});
			expect(error).toBeNull();
			expect(data.user?.phone).toBe(phone);
		});

		it('shouldCreateUser: false refuses an unknown address (422 otp_disabled)', async () => {
			const { error } = await anonClient().auth.signInWithOtp({
				email: fresh(),
				options: { shouldCreateUser: false }
			});
			expect(error).toMatchObject({ status: 422, code: 'otp_disabled' });
		});
	}
);

describe('auth: admin API', () => {
	it('service role creates, lists, gets, updates and deletes users', async () => {
		const admin = serviceClient().auth.admin;
		const email = fresh();
		const created = await admin.createUser({
			email,
			password: 'Secret#2026',
			email_confirm: true,
			app_metadata: { staff: true }
		});
		expect(created.error).toBeNull();
		expect(created.data.user).toMatchObject({
			email,
			app_metadata: { provider: 'email', staff: true }
		});
		const id = created.data.user!.id;
		const dup = await admin.createUser({ email, password: 'Secret#2026' });
		expect(dup.error).toMatchObject({ status: 422, code: 'email_exists' });
		const list = await admin.listUsers({ page: 1, perPage: 1000 });
		expect(list.error).toBeNull();
		expect(list.data.users.some((x) => x.id === id)).toBe(true);
		const got = await admin.getUserById(id);
		expect(got.data.user?.email).toBe(email);
		const upd = await admin.updateUserById(id, { user_metadata: { name: 'B' } });
		expect(upd.data.user?.user_metadata).toMatchObject({ name: 'B' });
		const del = await admin.deleteUser(id);
		expect(del.error).toBeNull();
		const gone = await admin.getUserById(id);
		expect(gone.error).toMatchObject({ status: 404, code: 'user_not_found' });
	});

	it('a signed-in user calling the admin API gets 403 not_admin', async () => {
		const u = await createTestUser();
		const { data: s } = await u.client.auth.getSession();
		const res = await fetch(`${standin().url}/auth/v1/admin/users`, {
			headers: {
				apikey: standin().anonKey,
				authorization: `Bearer ${s.session!.access_token}`,
				'x-supabase-api-version': '2024-01-01'
			}
		});
		expect(res.status).toBe(403);
		expect((await res.json()).code).toBe('not_admin');
	});
});

describe('auth: JWTs at the REST gateway', () => {
	const secret = () => standin().jwtSecret;
	const now = () => Math.floor(Date.now() / 1000);
	const maybe = () => !!standin().jwtSecret;

	it.skipIf(!isStandIn())('forged signature → 401 PGRST301, no data', async () => {
		const token = hs256(
			{ role: 'service_role', exp: now() + 60 },
			'not-the-secret-not-the-secret-123'
		);
		const r = await restWith(token);
		expect(r.status).toBe(401);
		expect(r.body.code).toBe('PGRST301');
	});

	it.skipIf(!isStandIn())('expired token → 401 PGRST303', async () => {
		if (!maybe()) return;
		const r = await restWith(
			hs256({ role: 'authenticated', sub: randomUUID(), exp: now() - 3600 }, secret())
		);
		expect(r.status).toBe(401);
		expect(r.body.code).toBe('PGRST303');
	});

	it.skipIf(!isStandIn())('alg none → 401', async () => {
		const h = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
		const p = Buffer.from(JSON.stringify({ role: 'service_role' })).toString('base64url');
		const r = await restWith(`${h}.${p}.`);
		expect(r.status).toBe(401);
	});

	it('missing or unknown apikey → 401', async () => {
		const none = await fetch(`${standin().url}/rest/v1/zz_conformance_items?select=id`);
		expect(none.status).toBe(401);
		const bad = await fetch(`${standin().url}/rest/v1/zz_conformance_items?select=id`, {
			headers: { apikey: 'nope' }
		});
		expect(bad.status).toBe(401);
	});

	it.skipIf(!isStandIn())(
		'a token from the stand-in secret with role authenticated is accepted',
		async () => {
			const r = await restWith(
				hs256(
					{ role: 'authenticated', sub: randomUUID(), aud: 'authenticated', exp: now() + 60 },
					secret()
				)
			);
			expect(r.status).toBe(200);
		}
	);
});

describe.skipIf(!isStandIn())(
	`auth: rate limit${isStandIn() ? '' : ' (skipped: real limits differ)'}`,
	() => {
		it('no per-account lock-out: 12 failed sign-ins for one e-mail, then the right password works', async () => {
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
		});

		it('per IP over all /token requests: the 31st password grant in 5 minutes → 429', async () => {
			const u = await createTestUser();
			const address = randomClientAddress();
			for (let i = 0; i < 30; i++) {
				const r = await forwardingAuthClient(address).auth.signInWithPassword({
					email: u.email,
					password: u.password
				});
				expect(r.error).toBeNull();
			}
			const blocked = await forwardingAuthClient(address).auth.signInWithPassword({
				email: u.email,
				password: u.password
			});
			expect(blocked.error).toMatchObject({ status: 429, code: 'over_request_rate_limit' });
		});
	}
);
