/**
 * Dev-only mailbox: the notifications outbox and the stand-in's auth messages (OTP codes), newest
 * first, so a developer can follow what citizens and staff would receive. 404 unless running in
 * development or with THADS_DEV_MAILBOX=1 (off by default, also under `npm start`), and then only
 * for administrators — it shows personal data, receipt secrets and one-time codes.
 */
import { error, fail } from '@sveltejs/kit';
import { env as publicEnv } from '$env/dynamic/public';
import { env } from '$env/dynamic/private';
import { createServiceClient } from '$lib/server/supabase';
import {
	canReadDevMailbox,
	processOutbox,
	renderNotification,
	type Notification
} from '$lib/server/notifications';
import type { Actions, PageServerLoad } from './$types';

export type MailboxMessage = {
	key: string;
	source: 'outbox' | 'auth';
	created_at: string;
	channel: string;
	recipient: string;
	subject: string;
	body: string;
	status: string;
};

/** Messages the stand-in's Auth "sent" (OTP codes, confirmations); empty on real Supabase. */
async function authMessages(): Promise<MailboxMessage[] | null> {
	const url = publicEnv.PUBLIC_SUPABASE_URL;
	const key = env.SUPABASE_SERVICE_ROLE_KEY;
	if (!url || !key) return null;
	try {
		const res = await fetch(new URL('/__standin/mailbox', url), {
			headers: { apikey: key, authorization: `Bearer ${key}` },
			signal: AbortSignal.timeout(3000)
		});
		if (!res.ok) return null;
		const body = await res.json();
		const rows: Record<string, unknown>[] = Array.isArray(body) ? body : (body?.messages ?? []);
		return rows.map((r, i) => ({
			key: `auth-${r.id ?? i}`,
			source: 'auth',
			created_at: String(r.created_at ?? ''),
			channel: String(r.channel ?? 'email'),
			recipient: String(r.recipient ?? ''),
			subject: String(r.subject ?? ''),
			body: String(r.body ?? ''),
			status: 'sent'
		}));
	} catch {
		return null;
	}
}

export const load: PageServerLoad = async ({ locals }) => {
	if (!canReadDevMailbox(locals.staff)) error(404, 'Not found');
	const service = createServiceClient();
	const [{ data, error: dbError }, auth] = await Promise.all([
		service
			.from('notifications')
			.select('*')
			.order('created_at', { ascending: false })
			.order('id', { ascending: false })
			.limit(200),
		authMessages()
	]);
	if (dbError) error(500, dbError.message);
	const outbox: MailboxMessage[] = ((data ?? []) as Notification[]).map((n) => {
		const { subject, body } = renderNotification(n);
		return {
			key: `n-${n.id}`,
			source: 'outbox',
			created_at: n.created_at,
			channel: n.channel,
			recipient: n.recipient,
			subject,
			body: n.last_error ? `${body}\n\n[${n.last_error}]` : body,
			status: n.status
		};
	});
	const messages = [...outbox, ...(auth ?? [])].sort((a, b) =>
		b.created_at.localeCompare(a.created_at)
	);
	return { messages, authAvailable: auth !== null };
};

export const actions: Actions = {
	/** Send due messages now (what POST /api/jobs/run does on a schedule). */
	process: async ({ locals }) => {
		if (!canReadDevMailbox(locals.staff)) error(404, 'Not found');
		try {
			return { processed: await processOutbox(createServiceClient(), 200) };
		} catch (e) {
			return fail(500, { message: e instanceof Error ? e.message : String(e) });
		}
	}
};
