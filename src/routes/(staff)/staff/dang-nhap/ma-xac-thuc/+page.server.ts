import { fail, redirect } from '@sveltejs/kit';
import { localizeHref } from '$lib/paraglide/runtime';
import { verifiedFactors } from '$lib/server/auth';
import { parseCode, safeStaffRedirect, VERIFY_ERRORS, verifyCode } from '$lib/server/mfa';
import type { Actions, PageServerLoad } from './$types';

// The second step of signing in for staff with an authenticator: the password was right, the
// session is aal1, and nothing in /staff opens until a code raises it to aal2.
export const load: PageServerLoad = ({ locals, url }) => {
	const redirectTo = url.searchParams.get('redirectTo');
	if (locals.staff) redirect(303, safeStaffRedirect(redirectTo));
	if (locals.mfa?.step !== 'verify') redirect(303, localizeHref('/staff/dang-nhap'));
	return {};
};

export const actions: Actions = {
	default: async ({ request, locals, cookies, url }) => {
		if (locals.mfa?.step !== 'verify' || !locals.user)
			redirect(303, localizeHref('/staff/dang-nhap'));
		const form = await request.formData();
		const code = parseCode(form.get('code'));
		if (!code) return fail(400, { error: 'common_mfa_error_code_format', field: true });
		const factor = verifiedFactors(locals.user)[0];
		if (!factor) redirect(303, localizeHref('/staff/dang-nhap'));
		const result = await verifyCode(cookies, url, locals.user.id, factor.id, code);
		if (!result.ok) {
			if (result.error === 'session') redirect(303, localizeHref('/staff/dang-nhap'));
			return fail(result.error === 'rate_limited' ? 429 : 400, {
				error: VERIFY_ERRORS[result.error],
				field: result.error === 'invalid'
			});
		}
		redirect(303, safeStaffRedirect(url.searchParams.get('redirectTo')));
	}
};
