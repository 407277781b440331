import { fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { localizeHref } from '$lib/paraglide/runtime';
import {
	loadStaff,
	MFA_PATHS,
	mfaStep,
	recordSignIn,
	setSessionCookies,
	signInGate
} from '$lib/server/auth';
import { createAuthClient } from '$lib/server/supabase';
import type { Actions, PageServerLoad } from './$types';

const signInSchema = z.object({
	email: z.string().trim().toLowerCase().email('common_sign_in_error_email'),
	password: z.string().min(1, 'common_sign_in_error_password')
});

const noErrors: Record<string, string> = {};

/** Only paths inside the staff area: never redirect a signed-in user to another site. */
function safeRedirect(value: string | null): string {
	if (value && /^\/(en\/)?staff(\/|$|\?)/.test(value) && !value.startsWith('//')) return value;
	return localizeHref('/staff');
}

/** Where to go next: the second-factor step the session owes, else the page asked for. */
function next(step: keyof typeof MFA_PATHS | null, redirectTo: string | null): string {
	const target = safeRedirect(redirectTo);
	if (!step) return target;
	return `${localizeHref(MFA_PATHS[step])}?redirectTo=${encodeURIComponent(target)}`;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export const load: PageServerLoad = ({ locals, url }) => {
	if (locals.staff) redirect(303, safeRedirect(url.searchParams.get('redirectTo')));
	if (locals.mfa) redirect(303, next(locals.mfa.step, url.searchParams.get('redirectTo')));
	return {
		signedOut: url.searchParams.has('signed_out'),
		passwordSet: url.searchParams.get('mat-khau') === 'da-dat'
	};
};

export const actions: Actions = {
	default: async ({ request, cookies, url, getClientAddress }) => {
		const form = await request.formData();
		const values = { email: String(form.get('email') ?? '') };
		const parsed = signInSchema.safeParse({
			email: form.get('email') ?? '',
			password: form.get('password') ?? ''
		});
		if (!parsed.success) {
			const errors: Record<string, string> = {};
			for (const issue of parsed.error.issues) {
				const field = String(issue.path[0]);
				errors[field] ??= issue.message;
			}
			return fail(400, { values, errors, formError: null as string | null });
		}

		const { email, password } = parsed.data;
		// The browser's real address (adapter-node: socket, or ADDRESS_HEADER behind a proxy).
		const client = getClientAddress();
		let gate: { retryAfter: number; delayMs: number };
		try {
			gate = await signInGate(email, client);
		} catch (e) {
			console.error('[sign-in] limiter unavailable:', (e as { message?: string })?.message ?? e);
			return fail(503, { values, errors: noErrors, formError: 'common_sign_in_error_unavailable' });
		}
		if (gate.retryAfter > 0) {
			return fail(429, {
				values,
				errors: noErrors,
				formError: 'common_sign_in_error_rate_limited'
			});
		}
		// Many recent failures on this account, from anywhere: answer slowly, but answer.
		if (gate.delayMs > 0) await sleep(gate.delayMs);

		const auth = createAuthClient();
		const { data, error } = await auth.signInWithPassword({ email, password });
		if (error || !data.session) {
			if (error?.status === 429) {
				return fail(429, {
					values,
					errors: noErrors,
					formError: 'common_sign_in_error_rate_limited'
				});
			}
			if (error && (error.status ?? 500) >= 500) {
				console.error(`[sign-in] Auth unavailable: ${error.status ?? ''} ${error.code ?? ''}`);
				return fail(503, {
					values,
					errors: noErrors,
					formError: 'common_sign_in_error_unavailable'
				});
			}
			await recordSignIn(email, client, false).catch(() => {});
			return fail(400, { values, errors: noErrors, formError: 'common_sign_in_error_invalid' });
		}

		const staff = await loadStaff(data.session.access_token, data.session.user.id);
		if (!staff) {
			await auth.admin.signOut(data.session.access_token).catch(() => {});
			return fail(403, { values, errors: noErrors, formError: 'common_sign_in_error_not_staff' });
		}

		await recordSignIn(email, client, true).catch(() => {});
		setSessionCookies(cookies, url, data.session);
		const step = mfaStep(data.session.access_token, data.session.user, staff);
		redirect(303, next(step, url.searchParams.get('redirectTo')));
	}
};
