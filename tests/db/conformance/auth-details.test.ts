/** Conformance: GoTrue details (issue 16 item 14) as supabase/auth's internal/api answers them with
 * this project's supabase/config.toml ([auth] minimum_password_length = 8,
 * enable_anonymous_sign_ins = false): signup.go, anonymous.go, password.go, and the admin API
 * (admin.go adminUserCreate / adminUsers, mail.go validateEmail with badoux/checkmail's format,
 * phone.go validatePhone, pagination.go paginate, sorting.go). */
import { describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { forwardingAuthClient, serviceClient, standin } from '../helpers';

const fresh = () => `authd-${randomUUID().slice(0, 10)}@example.test`;

describe('auth details', () => {
	it('sign-up refuses a password shorter than minimum_password_length (8) → 422 weak_password', async () => {
		const { data, error } = await forwardingAuthClient().auth.signUp({
			email: fresh(),
			password: 'Ab1!xyz'
		});
		expect(data.user).toBeNull();
		expect(error).toMatchObject({
			status: 422,
			code: 'weak_password',
			message: 'Password should be at least 8 characters.'
		});
	});

	it("the sign-up session's user carries last_sign_in_at", async () => {
		const { data, error } = await forwardingAuthClient().auth.signUp({
			email: fresh(),
			password: `Pw-${randomUUID()}`
		});
		expect(error).toBeNull();
		expect(data.session?.user.last_sign_in_at).toMatch(/^\d{4}-\d\d-\d\dT/);
	});

	it('anonymous sign-in while disabled → 422 anonymous_provider_disabled', async () => {
		const { data, error } = await forwardingAuthClient().auth.signInAnonymously();
		expect(data.session).toBeNull();
		expect(error).toMatchObject({
			status: 422,
			code: 'anonymous_provider_disabled',
			message: 'Anonymous sign-ins are disabled'
		});
	});

	it('verifyOtp with a phone that is not E.164 → 400 validation_failed (verify.go validatePhone)', async () => {
		const { error } = await forwardingAuthClient().auth.verifyOtp({
			phone: 'not-a-phone',
			token: '123456',
			type: 'sms'
		});
		expect(error).toMatchObject({
			status: 400,
			code: 'validation_failed',
			message: 'Invalid phone number format (E.164 required)'
		});
	});

	it("a tampered access token → 403 bad_jwt in GoTrue's wording (golang-jwt v5 errors)", async () => {
		const { data } = await forwardingAuthClient().auth.signUp({
			email: fresh(),
			password: `Pw-${randomUUID()}`
		});
		const token = data.session!.access_token;
		const tampered = token.slice(0, -2) + (token.endsWith('AA') ? 'BB' : 'AA');
		const { error } = await forwardingAuthClient().auth.getUser(tampered);
		expect(error).toMatchObject({
			status: 403,
			code: 'bad_jwt',
			message:
				'invalid JWT: unable to parse or verify signature, token signature is invalid: signature is invalid'
		});
	});

	describe('admin API (admin.go)', () => {
		const admin = () => serviceClient().auth.admin;

		it('createUser refuses an e-mail checkmail does not accept → 400 validation_failed', async () => {
			for (const email of ['not-an-email', 'a b@example.test', 'x@-bad.example']) {
				const { data, error } = await admin().createUser({ email, password: `Pw-${randomUUID()}` });
				expect(data.user).toBeNull();
				expect(error).toMatchObject({
					status: 400,
					code: 'validation_failed',
					message: 'Unable to validate email address: invalid format'
				});
			}
			const long = await admin().createUser({ email: `${'a'.repeat(250)}@example.test` });
			expect(long.error).toMatchObject({
				status: 400,
				code: 'validation_failed',
				message: 'An email address is too long'
			});
		});

		it('createUser accepts what checkmail accepts: a dotless domain', async () => {
			const email = `authd-${randomUUID().slice(0, 8)}@localhost`;
			const { data, error } = await admin().createUser({ email, email_confirm: true });
			expect(error).toBeNull();
			expect(data.user?.email).toBe(email);
			await admin().deleteUser(data.user!.id);
		});

		it('createUser without e-mail or phone → 400; with a phone that is not E.164 → 400', async () => {
			const none = await admin().createUser({ password: `Pw-${randomUUID()}` });
			expect(none.error).toMatchObject({
				status: 400,
				code: 'validation_failed',
				message: 'Cannot create a user without either an email or phone'
			});
			const badPhone = await admin().createUser({ phone: '0123' });
			expect(badPhone.error).toMatchObject({
				status: 400,
				code: 'validation_failed',
				message: 'Invalid phone number format (E.164 required)'
			});
		});

		it('listUsers refuses page/per_page that are not unsigned integers → 400 validation_failed', async () => {
			const list = (q: string) =>
				fetch(`${standin().url}/auth/v1/admin/users?${q}`, {
					headers: {
						apikey: standin().serviceKey,
						authorization: `Bearer ${standin().serviceKey}`,
						'x-supabase-api-version': '2024-01-01'
					}
				});
			const bad = await list('page=abc&per_page=10');
			expect(bad.status).toBe(400);
			expect(await bad.json()).toEqual({
				code: 'validation_failed',
				message: 'Bad Pagination Parameters: strconv.ParseUint: parsing "abc": invalid syntax'
			});
			const negative = await list('page=1&per_page=-5');
			expect(negative.status).toBe(400);
			expect((await negative.json()).message).toBe(
				'Bad Pagination Parameters: strconv.ParseUint: parsing "-5": invalid syntax'
			);
			const sort = await list('page=1&per_page=1&sort=email');
			expect(sort.status).toBe(400);
			expect((await sort.json()).message).toBe("Bad Sort Parameters: bad field for sort 'email'");
		});

		it('listUsers pages newest first, with X-Total-Count and Link as GoTrue writes them', async () => {
			const a = await admin().createUser({
				email: `authd-${randomUUID().slice(0, 8)}@example.test`
			});
			const b = await admin().createUser({
				email: `authd-${randomUUID().slice(0, 8)}@example.test`
			});
			const { data, error } = await admin().listUsers({ page: 1, perPage: 2 });
			expect(error).toBeNull();
			expect(data.users.map((u) => u.id)).toEqual([b.data.user!.id, a.data.user!.id]);
			expect((data as { total?: number }).total).toBeGreaterThanOrEqual(2);
			expect((data as { nextPage?: number | null }).nextPage).toBe(2);
			await admin().deleteUser(a.data.user!.id);
			await admin().deleteUser(b.data.user!.id);
		});
	});
});
