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

export const entries: RlsEntry[] = [
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
