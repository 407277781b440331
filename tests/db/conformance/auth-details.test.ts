/** Conformance: GoTrue details (issue 16 item 14) as supabase/auth's internal/api answers them with
 * this project's supabase/config.toml ([auth] minimum_password_length = 8,
 * enable_anonymous_sign_ins = false): signup.go, anonymous.go, password.go. */
import { describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { forwardingAuthClient } from '../helpers';

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
});
