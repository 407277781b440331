/** processOutbox: claims a batch, sends each message, reports sent / retry / failed. */
import { describe, expect, it } from 'vitest';
import type { SupabaseClient } from '@supabase/supabase-js';
import {
	MAX_ATTEMPTS,
	PermanentSendError,
	processOutbox,
	renderNotification,
	type Notification,
	type NotificationSender
} from '../../src/lib/server/notifications';

function message(id: number, attempts = 1): Notification {
	return {
		id,
		channel: 'email',
		recipient: `r${id}@example.test`,
		template: 'test_template',
		payload: { code: 'KN-2345-6789', n: id },
		send_after: '2026-11-26T00:00:00Z',
		status: 'queued',
		attempts,
		claimed_until: null,
		last_error: null,
		created_at: '2026-11-26T00:00:00Z',
		sent_at: null
	};
}

/** A stand-in for the service client that records rpc calls. */
function fakeClient(batch: Notification[]) {
	const calls: { fn: string; args: Record<string, unknown> }[] = [];
	const client = {
		rpc: async (fn: string, args: Record<string, unknown>) => {
			calls.push({ fn, args });
			return fn === 'claim_notifications'
				? { data: batch, error: null }
				: { data: null, error: null };
		}
	} as unknown as SupabaseClient;
	return { client, calls };
}

describe('processOutbox', () => {
	it('marks every message the sender accepted as sent', async () => {
		const { client, calls } = fakeClient([message(1), message(2)]);
		const sent: number[] = [];
		const sender: NotificationSender = { name: 'test', send: async (n) => void sent.push(n.id) };
		const r = await processOutbox(client, 10, sender);
		expect(r).toEqual({ sender: 'test', claimed: 2, sent: 2, retried: 0, failed: 0 });
		expect(sent).toEqual([1, 2]);
		expect(calls[0]).toEqual({ fn: 'claim_notifications', args: { n: 10 } });
		expect(calls.slice(1).map((c) => c.args)).toEqual([
			{ id: 1, status: 'sent', error: null },
			{ id: 2, status: 'sent', error: null }
		]);
	});

	it('requeues a failed message, and gives up on permanent errors or after the last attempt', async () => {
		const { client, calls } = fakeClient([message(1), message(2), message(3, MAX_ATTEMPTS)]);
		const sender: NotificationSender = {
			name: 'flaky',
			send: async (n) => {
				if (n.id === 2) throw new PermanentSendError('invalid address');
				throw new Error('gateway timeout');
			}
		};
		const r = await processOutbox(client, 10, sender);
		expect(r).toMatchObject({ claimed: 3, sent: 0, retried: 1, failed: 2 });
		expect(calls.slice(1).map((c) => [c.args.id, c.args.status])).toEqual([
			[1, 'queued'],
			[2, 'failed'],
			[3, 'failed']
		]);
	});

	it('claims nothing when no sender is configured (never marks unsent messages as sent)', async () => {
		const { client, calls } = fakeClient([message(1)]);
		expect(await processOutbox(client, 10, null)).toMatchObject({ sender: null, claimed: 0 });
		expect(calls).toEqual([]);
	});
});

describe('renderNotification', () => {
	it('lists the payload as lines under the template name', () => {
		expect(renderNotification({ template: 't', payload: { code: 'KN-2345-6789', n: 2 } })).toEqual({
			subject: 't',
			body: 'code: KN-2345-6789\nn: 2'
		});
	});
});
