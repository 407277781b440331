import { fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { localizeHref } from '$lib/paraglide/runtime';
import {
	clearFailedSignIns,
	loadStaff,
	recordFailedSignIn,
	setSessionCookies,
	signInLimited
} from '$lib/server/auth';
import { createAnonClient } from '$lib/server/supabase';
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

export const load: PageServerLoad = ({ locals, url }) => {
	if (locals.staff) redirect(303, safeRedirect(url.searchParams.get('redirectTo')));
	return { signedOut: url.searchParams.has('signed_out') };
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
		const keys = [`ip:${getClientAddress()}`, `email:${email}`];
		if (signInLimited(keys)) {
			return fail(429, {
				values,
				errors: noErrors,
				formError: 'common_sign_in_error_rate_limited'
			});
		}

		const client = createAnonClient();
		const { data, error } = await client.auth.signInWithPassword({ email, password });
		if (error || !data.session) {
			if (error?.status === 429) {
				return fail(429, {
					values,
					errors: noErrors,
					formError: 'common_sign_in_error_rate_limited'
				});
			}
			if (error && (error.status ?? 500) >= 500) {
				return fail(503, {
					values,
					errors: noErrors,
					formError: 'common_sign_in_error_unavailable'
				});
			}
			recordFailedSignIn(keys);
			return fail(400, { values, errors: noErrors, formError: 'common_sign_in_error_invalid' });
		}

		const staff = await loadStaff(data.session.access_token, data.session.user.id);
		if (!staff) {
			await client.auth.admin.signOut(data.session.access_token).catch(() => {});
			return fail(403, { values, errors: noErrors, formError: 'common_sign_in_error_not_staff' });
		}

		clearFailedSignIns(keys);
		setSessionCookies(cookies, url, data.session);
		redirect(303, safeRedirect(url.searchParams.get('redirectTo')));
	}
};
