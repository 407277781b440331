import { error, fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { localizeHref } from '$lib/paraglide/runtime';
import { Refusal, desk } from '$lib/reception/server/reception';
import { fieldErrors, parseRepresentatives, visitRecordSchema } from '$lib/reception/schema';

export const load: PageServerLoad = async ({ params, locals, url }) => {
	if (!/^[0-9a-f-]{36}$/.test(params.id)) error(404);
	const booking = await desk.get(locals.supabase, params.id);
	if (!booking) error(404);
	// "Who opened my file": the visitor's name, phone and CCCD are on this page.
	await locals.supabase.rpc('log_booking_access', { p_id: params.id });
	return {
		booking,
		saved: url.searchParams.get('xong')
	};
};

export const actions: Actions = {
	/** Writes the reception record; a received petition is registered as a complaint in the same transaction. */
	default: async ({ params, request, locals }) => {
		const fd = await request.formData();
		const s = (k: string) => String(fd.get(k) ?? '').slice(0, 5000);
		const values = {
			content: s('content'),
			documents: s('documents'),
			outcome: s('outcome'),
			refusal_reason: s('refusal_reason'),
			forwarded_to: s('forwarded_to'),
			note: s('note'),
			petition_request: s('petition_request'),
			province: s('province'),
			with_head: fd.get('with_head') === 'on',
			consent: fd.get('consent') === 'on',
			people_count: s('people_count') || '1',
			representatives: s('representatives')
		};
		const parsed = visitRecordSchema.safeParse({
			...values,
			booking_id: params.id,
			representatives: parseRepresentatives(values.representatives),
			refusal_reason: values.refusal_reason || undefined
		});
		if (!parsed.success) return fail(400, { values, errors: fieldErrors(parsed.error) });
		const { booking_id, ...payload } = parsed.data;
		let r;
		try {
			r = await desk.record(locals.supabase, booking_id, payload);
		} catch (e) {
			if (e instanceof Refusal)
				return fail(400, { values, errors: { form: e.code }, detail: e.detail });
			throw e;
		}
		// A petition registered here: show its code and secret once, in this response only (never
		// in a URL, a log or the record), so the officer can hand them to the citizen.
		if (r.complaint_code && r.complaint_secret)
			return { petition: { code: r.complaint_code, secret: r.complaint_secret } };
		redirect(303, localizeHref(`/staff/tiep-cong-dan/${params.id}?xong=1`));
	}
};
