import { fail, redirect } from '@sveltejs/kit';
import { localizeHref } from '$lib/paraglide/runtime';
import { normaliseCode, normaliseSecret } from '$lib/tracking';
import { rememberSecret, resolve, tooManyAttempts } from '$lib/tracking/server';
import { t } from '$lib/server/i18n';
import type { Actions, PageServerLoad } from './$types';

/**
 * One lookup for every code (KN-, LH-, HS-). The QR link carries ?ma=&mk=: checked here, kept in
 * an httpOnly cookie, then a redirect drops the secret from the address bar.
 */
export const load: PageServerLoad = async ({ url, cookies, getClientAddress }) => {
	const ma = url.searchParams.get('ma');
	const mk = url.searchParams.get('mk');
	if (ma && mk) {
		const code = normaliseCode(ma);
		const secret = normaliseSecret(mk);
		if (
			code &&
			secret &&
			!(await tooManyAttempts(getClientAddress())) &&
			(await resolve(code, secret))
		) {
			rememberSecret(cookies, code, secret);
			redirect(303, localizeHref(`/tra-cuu/${code}`));
		}
		return { code: ma, notFound: true };
	}
	return { code: ma ?? '', notFound: false };
};

export const actions: Actions = {
	default: async ({ request, cookies, getClientAddress }) => {
		const fd = await request.formData();
		const rawCode = String(fd.get('code') ?? '');
		const rawSecret = String(fd.get('secret') ?? '');
		const code = normaliseCode(rawCode);
		const secret = normaliseSecret(rawSecret);
		const errors: Record<string, string> = {};
		if (!code) errors.code = 'complaints_err_tracking_code';
		if (!secret) errors.secret = 'complaints_err_tracking_secret';
		// Translated here so the page does not ship the message table.
		const errorTexts = Object.fromEntries(
			Object.entries(errors).map(([k, v]) => [k, t(v, {}, 'complaints_error_generic')])
		);
		if (!code || !secret)
			return fail(400, { code: rawCode, errorTexts, notFound: false, limited: false });
		if (await tooManyAttempts(getClientAddress()))
			return fail(429, { code: rawCode, errorTexts, notFound: false, limited: true });
		const found = await resolve(code, secret);
		// Same answer for an unknown code and a wrong secret: nothing to learn by guessing.
		if (!found) return fail(404, { code: rawCode, errorTexts, notFound: true, limited: false });
		rememberSecret(cookies, code, secret);
		redirect(303, localizeHref(`/tra-cuu/${code}`));
	}
};
