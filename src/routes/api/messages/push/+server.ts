/**
 * Web push for one file (issue 14). GET: the VAPID public key the browser subscribes with (404
 * when push is not configured). POST {code, secret, subscription, lang}: saves this browser's
 * subscription for the file the code + secret open (public.subscribe_push, as anon: the tracking
 * lockout counts wrong secrets). Called by $lib/messages/components/PushOptIn.svelte from the
 * receipt pages, after the citizen pressed the button and allowed notifications.
 */
import { json } from '@sveltejs/kit';
import { env } from '$env/dynamic/private';
import { createAnonClient } from '$lib/server/supabase';
import { normaliseCode, normaliseSecret } from '$lib/tracking';
import { pushRequestSchema } from '$lib/messages/schema';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = () => {
	const publicKey = env.THADS_VAPID_PUBLIC_KEY;
	if (!publicKey || !env.THADS_VAPID_PRIVATE_KEY)
		return json({ error: 'push_off' }, { status: 404 });
	return json({ publicKey }, { headers: { 'cache-control': 'no-store' } });
};

export const POST: RequestHandler = async ({ request }) => {
	const text = await request.text().catch(() => '');
	let body: unknown;
	try {
		body = text.length <= 8192 ? JSON.parse(text) : null;
	} catch {
		body = null;
	}
	const parsed = pushRequestSchema.safeParse(body);
	const code = parsed.success ? normaliseCode(parsed.data.code) : null;
	const secret = parsed.success ? normaliseSecret(parsed.data.secret) : null;
	if (!parsed.success || !code || !secret) return json({ error: 'invalid' }, { status: 400 });
	const { data, error } = await createAnonClient().rpc('subscribe_push', {
		p_code: code,
		p_secret: secret,
		p_subscription: parsed.data.subscription,
		p_lang: parsed.data.lang
	});
	if (error) return json({ error: 'invalid' }, { status: 400 });
	if (data !== true) return json({ error: 'tracking_not_found' }, { status: 404 });
	return json({ ok: true }, { headers: { 'cache-control': 'no-store' } });
};
