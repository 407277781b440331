import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { localizeHref } from '$lib/paraglide/runtime';
import { createAnonClient } from '$lib/server/supabase';
import { Refusal, bookings } from '$lib/reception/server/reception';
import { rememberSecret } from '$lib/reception/server/citizen';
import { codeAndSecretSchema, fieldErrors } from '$lib/reception/schema';

export const load: PageServerLoad = async ({ url }) => ({
	code: (url.searchParams.get('ma') ?? '').slice(0, 20)
});

export const actions: Actions = {
	/** Open a booking with code + secret (checked by the database, locked after 5 wrong tries). */
	default: async ({ request, cookies, url }) => {
		const fd = await request.formData();
		const values = {
			code: String(fd.get('code') ?? '').slice(0, 30),
			secret: String(fd.get('secret') ?? '').slice(0, 30)
		};
		const parsed = codeAndSecretSchema.safeParse(values);
		if (!parsed.success) return fail(400, { values, errors: fieldErrors(parsed.error) });
		try {
			await bookings.read(createAnonClient(), parsed.data.code, parsed.data.secret);
		} catch (e) {
			if (e instanceof Refusal) return fail(400, { values, errors: { code: e.code } });
			throw e;
		}
		rememberSecret(cookies, url, parsed.data.code, parsed.data.secret);
		redirect(303, localizeHref(`/dat-lich/lich-hen/${parsed.data.code}`));
	}
};
