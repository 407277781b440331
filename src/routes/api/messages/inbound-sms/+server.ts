/**
 * Replies to our brandname SMS, forwarded by the SMS provider (two-way / MO webhook): a reply
 * "TU CHOI" (any case, with or without accents) stops every further SMS and Zalo message to that
 * number. The provider calls `…/api/messages/inbound-sms?key=THADS_SMS_INBOUND_KEY` with JSON or a
 * form holding the phone (`Phone` / `phone` / `from`) and the text (`Content` / `content` / `text`).
 */
import { error, json } from '@sveltejs/kit';
import { timingSafeEqual } from 'node:crypto';
import { env } from '$env/dynamic/private';
import { createServiceClient } from '$lib/server/supabase';
import { unaccent } from '$lib/server/messages/templates';
import type { RequestHandler } from './$types';

function keyMatches(given: string | null): boolean {
	const expected = env.THADS_SMS_INBOUND_KEY;
	if (!expected || !given) return false;
	const a = Buffer.from(given);
	const b = Buffer.from(expected);
	return a.length === b.length && timingSafeEqual(a, b);
}

export const POST: RequestHandler = async ({ request, url }) => {
	if (!keyMatches(url.searchParams.get('key'))) error(401, 'Unauthorized');
	const type = request.headers.get('content-type') ?? '';
	const body: Record<string, unknown> = type.includes('application/json')
		? await request.json().catch(() => ({}))
		: Object.fromEntries(await request.formData().catch(() => new FormData()));
	const phone = String(body.Phone ?? body.phone ?? body.from ?? '').replace(/\D/g, '');
	const text = unaccent(String(body.Content ?? body.content ?? body.text ?? ''))
		.toUpperCase()
		.replace(/\s+/g, ' ')
		.trim();
	if (!phone || !/^TU ?CHOI\b/.test(text)) return json({ ok: true, optedOut: false });
	const local = phone.startsWith('84') ? `0${phone.slice(2)}` : phone;
	const { error: e } = await createServiceClient().rpc('opt_out_recipient', {
		p_channel: 'phone',
		p_recipient: local
	});
	if (e) error(500, e.message);
	return json({ ok: true, optedOut: true });
};
