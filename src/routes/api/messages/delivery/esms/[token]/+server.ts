/**
 * eSMS delivery reports (issue 14): eSMS calls the CallbackUrl given with each message by HTTP
 * GET once the telco answers. The last path segment is the message's signed token
 * (src/lib/server/messages/delivery.ts), so only the report for that message is accepted.
 * 200 for every authenticated report (eSMS retries otherwise), 403 for a bad token.
 */
import { env } from '$env/dynamic/private';
import { createServiceClient } from '$lib/server/supabase';
import { deliveryKey } from '$lib/server/messages/senders';
import { parseEsmsCallback, readDeliveryToken } from '$lib/server/messages/delivery';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ params, url }) => {
	const key = deliveryKey(env);
	const id = key ? readDeliveryToken(key, 'esms', params.token) : null;
	if (!id) return new Response('forbidden', { status: 403 });
	const report = parseEsmsCallback(url.searchParams, id);
	if (report) {
		const { error } = await createServiceClient().rpc('record_notification_delivery', {
			p_provider: report.provider,
			p_ref: report.ref,
			p_delivered: report.delivered,
			p_error: report.error,
			p_at: report.at?.toISOString() ?? null,
			p_id: report.id
		});
		if (error) return new Response('error', { status: 500 });
	}
	return new Response('ok', { headers: { 'cache-control': 'no-store' } });
};
