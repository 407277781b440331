import { error } from '@sveltejs/kit';
import { normaliseCode, normaliseSecret } from '$lib/tracking';
import { qrSvg, trackingUrl } from '$lib/tracking/server';
import { Refusal, byCode } from '$lib/complaints/server';
import { receiptRules } from '$lib/complaints/server/receipt';
import { smsSentTo } from '$lib/tracking/server/sms';
import type { PageServerLoad } from './$types';

/** Printable receipt: ?ma=<code>&mk=<secret>, checked against the database before printing. */
export const load: PageServerLoad = async ({ url, setHeaders }) => {
	const code = normaliseCode(url.searchParams.get('ma') ?? '');
	const secret = normaliseSecret(url.searchParams.get('mk') ?? '');
	if (!code || !secret) error(404, 'tracking_not_found');
	try {
		const view = await byCode(code, secret);
		setHeaders({ 'cache-control': 'private, no-store', 'referrer-policy': 'no-referrer' });
		const link = trackingUrl(url.origin, code, secret);
		const [rules, smsTo] = await Promise.all([
			receiptRules(view.kind, view.subject),
			smsSentTo(code)
		]);
		return {
			code,
			secret,
			link,
			qr: qrSvg(link),
			kind: view.kind,
			unit: view.unit.name,
			unitAddress: view.unit.address,
			unitPhone: view.unit.phone,
			receivedAt: view.received_at,
			acceptDue: view.accept_due,
			rules,
			smsTo
		};
	} catch (e) {
		if (e instanceof Refusal) error(404, 'tracking_not_found');
		throw e;
	}
};
