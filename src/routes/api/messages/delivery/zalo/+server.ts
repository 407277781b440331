/**
 * Zalo webhook (issue 14): `user_received_message` events of ZNS messages mark them delivered.
 * Authenticated as Zalo documents it: X-ZEvent-Signature = "mac=" + SHA-256(app_id + body +
 * timestamp + OA secret key) (THADS_ZALO_APP_ID, THADS_ZALO_OA_SECRET_KEY). Other events are
 * acknowledged and ignored. Zalo expects 200 quickly.
 */
import { env } from '$env/dynamic/private';
import { createServiceClient } from '$lib/server/supabase';
import { parseZaloEvent, verifyZaloSignature } from '$lib/server/messages/delivery';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = async ({ request }) => {
	const raw = await request.text();
	if (
		raw.length > 64 * 1024 ||
		!verifyZaloSignature(
			raw,
			request.headers.get('x-zevent-signature'),
			env.THADS_ZALO_APP_ID ?? '',
			env.THADS_ZALO_OA_SECRET_KEY ?? ''
		)
	)
		return new Response('forbidden', { status: 403 });
	const report = parseZaloEvent(raw);
	if (report) {
		const { error } = await createServiceClient().rpc('record_notification_delivery', {
			p_provider: report.provider,
			p_ref: report.ref,
			p_delivered: true,
			p_error: null,
			p_at: report.at?.toISOString() ?? null,
			p_id: report.id
		});
		if (error) return new Response('error', { status: 500 });
	}
	return new Response('ok', { headers: { 'cache-control': 'no-store' } });
};
