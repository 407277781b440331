/**
 * The two-factor steps of staff sign-in, shared by the code page and the enrolment page: parse a
 * code, verify it against a factor through Supabase Auth MFA, store the aal2 session, and count
 * wrong codes per user in the shared SQL limiter (5 in 15 minutes), so a stolen password cannot
 * be followed by a million guesses spread over many addresses.
 */
import type { Cookies } from '@sveltejs/kit';
import type { Session } from '@supabase/supabase-js';
import { localizeHref } from '$lib/paraglide/runtime';
import { sessionAuth, setSessionCookies } from './auth';
import { appRateLimit } from './rate-limit';

/** A 6-digit code as typed (spaces allowed: apps show "123 456"), or null. */
export function parseCode(value: FormDataEntryValue | null): string | null {
	const code = String(value ?? '').replace(/[\s-]/g, '');
	return /^\d{6}$/.test(code) ? code : null;
}

/** Only paths inside the staff area: never redirect to another site. */
export function safeStaffRedirect(value: string | null): string {
	if (value && /^\/(en\/)?staff(\/|$|\?)/.test(value) && !value.startsWith('//')) return value;
	return localizeHref('/staff');
}

const MAX_WRONG_CODES = 5;
const WINDOW_SECONDS = 15 * 60;

export type VerifyResult =
	{ ok: true } | { ok: false; error: 'session' | 'rate_limited' | 'invalid' | 'unavailable' };

/**
 * Challenge and verify `factorId` with `code` for the session in the cookies; on success the new
 * (aal2) session replaces it in the cookies.
 */
export async function verifyCode(
	cookies: Cookies,
	url: URL,
	userId: string,
	factorId: string,
	code: string
): Promise<VerifyResult> {
	if (!(await appRateLimit('mfa_wrong_code', userId, MAX_WRONG_CODES, WINDOW_SECONDS, 0)))
		return { ok: false, error: 'rate_limited' };
	const auth = await sessionAuth(cookies);
	if (!auth) return { ok: false, error: 'session' };
	const { data, error } = await auth.mfa.challengeAndVerify({ factorId, code });
	if (error || !data) {
		if (error?.status === 429) return { ok: false, error: 'rate_limited' };
		if (error && (error.status ?? 500) >= 500) return { ok: false, error: 'unavailable' };
		if (error?.code === 'mfa_verification_failed' || error?.code === 'mfa_challenge_expired') {
			await appRateLimit('mfa_wrong_code', userId, MAX_WRONG_CODES, WINDOW_SECONDS, 1);
			return { ok: false, error: 'invalid' };
		}
		return { ok: false, error: 'session' };
	}
	setSessionCookies(cookies, url, data as unknown as Session);
	return { ok: true };
}

/** The message key of each failure. */
export const VERIFY_ERRORS: Record<Exclude<VerifyResult, { ok: true }>['error'], string> = {
	session: 'common_mfa_error_session',
	rate_limited: 'common_mfa_error_rate_limited',
	invalid: 'common_mfa_error_invalid',
	unavailable: 'common_sign_in_error_unavailable'
};
