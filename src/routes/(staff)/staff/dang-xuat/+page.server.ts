import { redirect } from '@sveltejs/kit';
import { localizeHref } from '$lib/paraglide/runtime';
import { ACCESS_COOKIE, clearSessionCookies } from '$lib/server/auth';
import { createAnonClient } from '$lib/server/supabase';
import type { Actions, PageServerLoad } from './$types';

// Signing out changes state, so it is a POST (a GET link could be triggered by a prefetch or an
// <img>); a GET shows a one-button confirmation page instead.
export const load: PageServerLoad = ({ locals }) => {
	if (!locals.user) redirect(303, localizeHref('/staff/dang-nhap'));
	return {};
};

export const actions: Actions = {
	default: async ({ cookies, url }) => {
		const token = cookies.get(ACCESS_COOKIE);
		// Revoke the refresh tokens on the Auth server too, not just forget them here.
		if (token)
			await createAnonClient()
				.auth.admin.signOut(token)
				.catch(() => {});
		clearSessionCookies(cookies, url);
		redirect(303, `${localizeHref('/staff/dang-nhap')}?signed_out=1`);
	}
};
