/**
 * Set a password with the 6-digit code of an invitation or a password-reset e-mail (issue 13,
 * part B): Auth verifies the code (type invite / recovery), the password is set on that one-off
 * session, which then ends; the member signs in as usual (two-step verification included).
 */
import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { setPasswordSchema } from '$lib/admin/staff';
import { createAuthClient } from '$lib/server/supabase';
import { localizeHref } from '$lib/paraglide/runtime';

export const load: PageServerLoad = ({ url }) => ({
	kind: url.searchParams.get('loai') === 'moi' ? 'invite' : 'recovery',
	email: url.searchParams.get('email') ?? ''
});

export const actions: Actions = {
	default: async ({ request }) => {
		const form = Object.fromEntries(await request.formData()) as Record<string, string>;
		const values = { email: form.email ?? '', kind: form.kind ?? 'recovery' };
		const parsed = setPasswordSchema.safeParse(form);
		if (!parsed.success)
			return fail(400, {
				values,
				errors: parsed.error.issues.map((i) => ({
					field: String(i.path[0] ?? ''),
					reason: i.message
				}))
			});
		const v = parsed.data;
		const auth = createAuthClient();
		const verified = await auth.verifyOtp({ email: v.email, token: v.code, type: v.kind });
		if (verified.error || !verified.data.session)
			return fail(verified.error?.status === 429 ? 429 : 400, {
				values,
				errors: [{ field: 'code', reason: 'admin_password_err_invalid' }]
			});
		const set = await auth.updateUser({ password: v.password });
		await auth.signOut({ scope: 'local' }).catch(() => {});
		if (set.error)
			return fail(400, {
				values,
				errors: [
					{
						field: 'password',
						reason:
							set.error.code === 'weak_password' ? 'admin_password_err_weak' : 'admin_err_generic'
					}
				]
			});
		redirect(303, `${localizeHref('/staff/dang-nhap')}?mat-khau=da-dat`);
	}
};
