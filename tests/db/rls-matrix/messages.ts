/** RLS matrix entries for the message delivery tables (supabase/migrations/20261207006*). */
import { actors, type Fixtures, type RlsEntry } from './types';

async function attempt(f: Fixtures): Promise<{ id: number }> {
	const n = await f.service
		.from('notifications')
		.insert({ channel: 'email', recipient: 'rls@example.test', template: 'rls_matrix' })
		.select('id')
		.single();
	if (n.error) throw new Error(JSON.stringify(n.error));
	const a = await f.service
		.from('notification_attempts')
		.insert({ notification_id: n.data.id, attempt: 1, outcome: 'retry', error: 'rls-matrix' })
		.select('id')
		.single();
	if (a.error) throw new Error(JSON.stringify(a.error));
	return { id: a.data.id as number };
}

async function subscription(f: Fixtures): Promise<{ id: number }> {
	const r = await f.service.from('push_subscriptions').insert(pushRow()).select('id').single();
	if (r.error) throw new Error(JSON.stringify(r.error));
	return { id: r.data.id as number };
}

const pushRow = () => ({
	record_kind: 'booking',
	record_id: crypto.randomUUID(),
	endpoint: `https://push.example.test/rls-${crypto.randomUUID()}`,
	p256dh: 'B'.repeat(87),
	auth: 'A'.repeat(22)
});

export const entries: RlsEntry[] = [
	{
		relation: 'push_subscriptions',
		seed: async (f) => {
			await subscription(f);
		},
		// The endpoint and keys let anyone send to that browser: service role only; citizens add
		// theirs through public.subscribe_push (code + secret).
		select: actors('denied'),
		insert: { row: pushRow, expect: actors('denied') },
		update: { target: subscription, patch: { lang: 'en' }, expect: actors('denied') },
		delete: { target: subscription, expect: actors('denied') }
	},
	{
		relation: 'notification_attempts',
		seed: async (f) => {
			await attempt(f);
		},
		// Delivery history of messages to citizens: service role only; unit heads read it through
		// public.list_deliveries (masked, per unit).
		select: actors('denied'),
		insert: {
			row: () => ({ notification_id: 1, attempt: 1, outcome: 'sent' }),
			expect: actors('denied')
		},
		update: { target: attempt, patch: { outcome: 'sent' }, expect: actors('denied') },
		delete: { target: attempt, expect: actors('denied') }
	}
];
