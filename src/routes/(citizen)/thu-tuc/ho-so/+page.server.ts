import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { m } from '$lib/paraglide/messages.js';
import { localizeHref } from '$lib/paraglide/runtime';
import * as applications from '$lib/procedures/server/applications';
import { rememberSecret } from '$lib/procedures/server/secret-cookie';
import { tooManyAttempts } from '$lib/tracking/server';
import { codeSchema, secretSchema } from '$lib/procedures/schema';

export const load: PageServerLoad = async ({ url }) => ({ code: url.searchParams.get('ma') ?? '' });

export const actions: Actions = {
	/** Code + secret → the tracking page (the secret then rides in an httpOnly cookie). */
	default: async ({ request, cookies, url, getClientAddress }) => {
		const form = await request.formData();
		const rawCode = String(form.get('code') ?? '');
		const rawSecret = String(form.get('secret') ?? '');
		const code = codeSchema.safeParse(rawCode);
		const secret = secretSchema.safeParse(rawSecret);
		const errors: Record<string, string> = {};
		if (!code.success) errors.code = m.procedures_error_code();
		if (!secret.success) errors.secret = m.procedures_error_secret();
		if (!code.success || !secret.success) return fail(400, { code: rawCode, errors });
		// Per-client limit in front of the per-code lock in SQL (5 wrong secrets → 15 min).
		if (await tooManyAttempts(`hs:${getClientAddress()}`))
			return fail(429, { code: rawCode, errors: { code: m.procedures_err_rate_limited() } });
		const view = await applications.getByCode(code.data, secret.data);
		if (!view)
			return fail(400, { code: rawCode, errors: { code: m.procedures_err_tracking_not_found() } });
		rememberSecret(cookies, url, code.data, secret.data);
		redirect(303, localizeHref(`/thu-tuc/ho-so/${code.data}`));
	}
};
