import { randomUUID } from 'node:crypto';
import { error, fail, redirect } from '@sveltejs/kit';
import { localizeHref } from '$lib/paraglide/runtime';
import { normaliseCode } from '$lib/tracking';
import {
	forget,
	qrSvg,
	rememberSecret,
	resolve,
	secretFor,
	trackingUrl
} from '$lib/tracking/server';
import {
	Refusal,
	addDocumentsByCode,
	appealByCode,
	byCode,
	withdrawByCode
} from '$lib/complaints/server';
import { appealInput } from '$lib/complaints/schema';
import { storeAll, listDraft } from '$lib/uploads/server';
import { createAnonClient } from '$lib/server/supabase';
import { bookings } from '$lib/reception/server/reception';
import { rememberSecret as rememberBookingSecret } from '$lib/reception/server/citizen';
import { getByCode as applicationByCode } from '$lib/procedures/server/applications';
import { latenessByCode } from '$lib/procedures/server/apology';
import { accessLogByCode, requestErasure } from '$lib/privacy/server';
import type { Actions, PageServerLoad } from './$types';

/** The secret for this code, from the cookie set by /tra-cuu; otherwise back to the lookup form. */
function secretOr404(cookies: Parameters<PageServerLoad>[0]['cookies'], raw: string) {
	const code = normaliseCode(raw);
	if (!code) error(404, 'tracking_not_found');
	const secret = secretFor(cookies, code);
	if (!secret) redirect(303, localizeHref(`/tra-cuu?ma=${encodeURIComponent(code)}`));
	return { code, secret };
}

export const load: PageServerLoad = async ({ params, cookies, url, setHeaders }) => {
	const { code, secret } = secretOr404(cookies, params.code);
	setHeaders({ 'cache-control': 'private, no-store' });
	const found = await resolve(code, secret);
	if (!found) {
		forget(cookies, code);
		redirect(303, localizeHref(`/tra-cuu?ma=${encodeURIComponent(code)}`));
	}
	if (found.kind === 'complaint') {
		try {
			return {
				kind: 'complaint' as const,
				code,
				complaint: await byCode(code, secret),
				uploadKey: randomUUID()
			};
		} catch (e) {
			if (e instanceof Refusal) error(404, 'tracking_not_found');
			throw e;
		}
	}
	if (found.kind === 'booking') {
		const booking = await bookings.read(createAnonClient(), code, secret).catch(() => null);
		if (!booking) error(404, 'tracking_not_found');
		// The booking pages (cancel, reschedule, .ics) read their own cookie.
		rememberBookingSecret(cookies, url, code, secret);
		return {
			kind: 'booking' as const,
			code,
			booking,
			accessLog: await accessLogByCode(code, secret),
			qr: qrSvg(trackingUrl(url.origin, code, secret))
		};
	}
	const application = await applicationByCode(code, secret).catch(() => null);
	if (!application) error(404, 'tracking_not_found');
	return {
		kind: 'application' as const,
		code,
		application,
		lateness: await latenessByCode(code, secret).catch(() => null),
		secret,
		uploadKey: randomUUID(),
		accessLog: await accessLogByCode(code, secret)
	};
};

export const actions: Actions = {
	/** The citizen asks to erase the file's personal data (Luật BVDLCN 91/2025/QH15). */
	erase: async ({ params, cookies, request }) => {
		const { code, secret } = secretOr404(cookies, params.code);
		const fd = await request.formData();
		const reason = String(fd.get('reason') ?? '')
			.trim()
			.slice(0, 1000);
		const answer = await requestErasure(code, secret, reason || null);
		if (!answer) error(404, 'tracking_not_found');
		return { action: 'erase', erasure: answer };
	},

	/** Citizen withdraws the complaint (rút đơn). */
	withdraw: async ({ params, cookies, request }) => {
		const { code, secret } = secretOr404(cookies, params.code);
		const fd = await request.formData();
		if (fd.get('confirm') !== 'yes')
			return fail(400, {
				action: 'withdraw',
				errors: { confirm: 'complaints_view_withdraw_confirm' }
			});
		try {
			await withdrawByCode(code, secret, String(fd.get('reason') ?? '').trim() || null);
			return { action: 'withdraw', done: true };
		} catch (e) {
			return fail(400, {
				action: 'withdraw',
				formError: `complaints_error_${e instanceof Refusal ? e.code : 'generic'}`
			});
		}
	},

	/** Add documents and/or answer a request for information. */
	add: async ({ params, cookies, request }) => {
		const { code, secret } = secretOr404(cookies, params.code);
		const fd = await request.formData();
		const draftKey = String(fd.get('draft_key') ?? '');
		const message = String(fd.get('message') ?? '').trim();
		if (!/^[0-9a-f-]{36}$/i.test(draftKey))
			return fail(400, { action: 'add', formError: 'complaints_error_invalid_input', message });
		const posted = fd.getAll('files').filter((f): f is File => f instanceof File && f.size > 0);
		const { problems } = await storeAll(posted, { ownerKind: 'complaint', draftKey });
		if (problems.length)
			return fail(400, { action: 'add', formError: 'complaints_error_upload', message });
		const files = await listDraft('complaint', draftKey);
		if (!files.length && !message)
			return fail(400, {
				action: 'add',
				errors: { message: 'complaints_error_reason_required' },
				message
			});
		try {
			await addDocumentsByCode(code, secret, files.length ? draftKey : null, message || null);
			return { action: 'add', done: true };
		} catch (e) {
			return fail(400, {
				action: 'add',
				formError: `complaints_error_${e instanceof Refusal ? e.code : 'generic'}`,
				message
			});
		}
	},

	/**
	 * Second-instance appeal (khiếu nại lần hai): reasons and optional documents. On success the
	 * new code and secret are shown once and remembered on this device like the first ones.
	 */
	appeal: async ({ params, cookies, request }) => {
		const { code, secret } = secretOr404(cookies, params.code);
		const fd = await request.formData();
		const draftKey = String(fd.get('draft_key') ?? '');
		const reasons = String(fd.get('reasons') ?? '');
		const parsed = appealInput.safeParse({ reasons });
		if (!parsed.success)
			return fail(400, {
				action: 'appeal',
				errors: { reasons: 'complaints_err_appeal_reasons' },
				message: reasons
			});
		if (!/^[0-9a-f-]{36}$/i.test(draftKey))
			return fail(400, {
				action: 'appeal',
				formError: 'complaints_error_invalid_input',
				message: reasons
			});
		const posted = fd.getAll('files').filter((f): f is File => f instanceof File && f.size > 0);
		const { problems } = await storeAll(posted, { ownerKind: 'complaint', draftKey });
		if (problems.length)
			return fail(400, {
				action: 'appeal',
				formError: 'complaints_error_upload',
				message: reasons
			});
		try {
			// The draft key doubles as the idempotency key: the same form sent twice gets the same answer.
			const r = await appealByCode(code, secret, parsed.data.reasons, draftKey);
			rememberSecret(cookies, r.new_code, r.new_secret);
			return {
				action: 'appeal',
				done: true,
				appeal: {
					code: r.new_code,
					secret: r.new_secret,
					accept_due: r.accept_due,
					unit_name: r.unit_name
				}
			};
		} catch (e) {
			return fail(400, {
				action: 'appeal',
				formError: `complaints_error_${e instanceof Refusal ? e.code : 'generic'}`,
				message: reasons
			});
		}
	},

	/** Leave: forget the secret on this device. */
	forget: async ({ params, cookies }) => {
		const code = normaliseCode(params.code);
		if (code) forget(cookies, code);
		redirect(303, localizeHref('/tra-cuu'));
	}
};
