/** Notifications outbox: private.notify queues, claim_notifications hands a batch to one sender,
 * mark_notification records the outcome; only service_role may do any of it. */
import { beforeAll, describe, expect, it } from 'vitest';
import type { SupabaseClient } from '@supabase/supabase-js';
import { anonClient, isStandIn, serviceClient, signIn, sql } from './helpers';

let service: SupabaseClient;
const template = `test_${Math.random().toString(36).slice(2, 8)}`;

beforeAll(() => {
	service = serviceClient();
});

async function queue(recipient: string, sendAfter?: string) {
	const { data, error } = await service
		.from('notifications')
		.insert({
			channel: 'email',
			recipient,
			template,
			payload: { n: 1 },
			...(sendAfter ? { send_after: sendAfter } : {})
		})
		.select('id')
		.single();
	expect(error).toBeNull();
	return data!.id as number;
}

describe('notifications outbox', () => {
	it('claims due messages once, skips future ones, and records the outcome', async () => {
		const due = await queue('due@example.test');
		const later = await queue('later@example.test', new Date(Date.now() + 3600_000).toISOString());

		const first = await service.rpc('claim_notifications', { n: 500 });
		expect(first.error).toBeNull();
		const ids = (first.data as { id: number; attempts: number }[]).map((r) => r.id);
		expect(ids).toContain(due);
		expect(ids).not.toContain(later);
		expect(
			(first.data as { id: number; attempts: number }[]).find((r) => r.id === due)?.attempts
		).toBe(1);

		const second = await service.rpc('claim_notifications', { n: 500 });
		expect(
			(second.data as { id: number }[]).map((r) => r.id),
			'a claimed message is not claimed twice'
		).not.toContain(due);

		expect(
			(await service.rpc('mark_notification', { id: due, status: 'sent', error: null })).error
		).toBeNull();
		const { data } = await service
			.from('notifications')
			.select('status, sent_at, claimed_until')
			.eq('id', due)
			.single();
		expect(data!.status).toBe('sent');
		expect(data!.sent_at).not.toBeNull();
		expect(data!.claimed_until).toBeNull();
	});

	it('requeues with a back-off when the sender asks to retry', async () => {
		const id = await queue('retry@example.test');
		await service.rpc('claim_notifications', { n: 500 });
		expect(
			(await service.rpc('mark_notification', { id, status: 'queued', error: 'timeout' })).error
		).toBeNull();
		const { data } = await service
			.from('notifications')
			.select('status, last_error, send_after')
			.eq('id', id)
			.single();
		expect(data).toMatchObject({ status: 'queued', last_error: 'timeout' });
		expect(new Date(data!.send_after).getTime()).toBeGreaterThan(Date.now());
	});

	it('refuses an unknown status or id with a coded error', async () => {
		const id = await queue('bad@example.test');
		const bad = await service.rpc('mark_notification', { id, status: 'lost', error: null });
		expect(bad.error).toMatchObject({ code: 'P0001', message: 'invalid_notification_status' });
		const missing = await service.rpc('mark_notification', { id: -1, status: 'sent', error: null });
		expect(missing.error).toMatchObject({ code: 'P0001', message: 'notification_not_found' });
	});

	it('is out of reach of anon and staff (claim, mark, read)', async () => {
		for (const client of [anonClient(), await signIn('admin@thads.local')]) {
			expect((await client.rpc('claim_notifications', { n: 1 })).error?.code).toBe('42501');
			expect(
				(await client.rpc('mark_notification', { id: 1, status: 'sent', error: null })).error?.code
			).toBe('42501');
			expect((await client.from('notifications').select('id')).error?.code).toBe('42501');
		}
	});

	it.runIf(isStandIn())('private.notify queues a message for now by default', async () => {
		const [row] = await sql<{ id: string; at: string }>(
			`select private.notify('sms', '0912345678', $1, '{"code":"KN-2345-6789"}') as id, now() as at`,
			[template]
		);
		const { data } = await service
			.from('notifications')
			.select('*')
			.eq('id', Number(row!.id))
			.single();
		expect(data).toMatchObject({
			channel: 'sms',
			recipient: '0912345678',
			status: 'queued',
			payload: { code: 'KN-2345-6789' }
		});
		// "Now" is the statement's now(), not this machine's clock.
		expect(new Date(data!.send_after).getTime()).toBe(new Date(row!.at).getTime());
	});
});

describe.runIf(isStandIn())('private.hit_rate_limit', () => {
	it('allows max hits per window, then refuses', async () => {
		const key = `k${Math.random()}`;
		const hits = [];
		for (let i = 0; i < 4; i++) {
			const [r] = await sql<{ ok: boolean }>(
				`select private.hit_rate_limit('test', $1, 3, interval '1 hour') as ok`,
				[key]
			);
			hits.push(r!.ok);
		}
		expect(hits).toEqual([true, true, true, false]);
	});

	it('starts a new window once the old one is over', async () => {
		const key = `k${Math.random()}`;
		const hit = async () =>
			(
				await sql<{ ok: boolean }>(
					`select private.hit_rate_limit('test', $1, 1, interval '1 second') as ok`,
					[key]
				)
			)[0]!.ok;
		expect(await hit()).toBe(true);
		expect(await hit()).toBe(false);
		await sql(
			`update private.rate_limits set window_start = now() - interval '2 seconds' where key = $1`,
			[key]
		);
		expect(await hit()).toBe(true);
	});

	it('the three-argument form raises rate_limited', async () => {
		const key = `k${Math.random()}`;
		await sql(`select private.hit_rate_limit($1, 1, interval '1 hour')`, [key]);
		await expect(
			sql(`select private.hit_rate_limit($1, 1, interval '1 hour')`, [key])
		).rejects.toThrow(/rate_limited/);
	});
});
