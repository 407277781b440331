/** Messages that reach people: the outbox sent through a provider that speaks eSMS's HTTP API
 * (a local server), retries with back-off and recorded attempts, dead letters a unit head sees and
 * resends, two senders at once, and the scheduled jobs (booking reminders, per-period claims). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SupabaseClient } from '@supabase/supabase-js';
import { serviceClient, signIn, anonClient } from './helpers';
import { sendOutboxBatch, drainOutbox } from '../../src/lib/server/messages/outbox';
import { esmsSender, type SenderSet } from '../../src/lib/server/messages/senders';
import { startEsmsFake } from '../fakes/providers.js';

let service: SupabaseClient;
let esms: Awaited<ReturnType<typeof startEsmsFake>>;
let senders: SenderSet;
let hnUnit: string;
const origin = 'https://thads.example.vn';

/** Phones whose provider answers HTTP 500 the first `n` times (Infinity: down for good). */
const failing = new Map<string, number>();
let seq = 0;
const phone = () =>
	`08${String(Date.now() % 1e4).padStart(4, '0')}${String(seq++).padStart(4, '0')}`;
const hours = (h: number) => new Date(Date.now() + h * 3600_000);

beforeAll(async () => {
	service = serviceClient();
	esms = await startEsmsFake({
		answer: (req, nth) =>
			nth <= (failing.get(req.Phone) ?? 0)
				? {
						status: 500,
						body: { Message: 'The server encountered an error processing the request.' }
					}
				: undefined
	});
	senders = {
		sms: esmsSender({ apiKey: esms.apiKey, secretKey: 's', brandname: 'THADS', url: esms.url })
	};
	const { data } = await service.from('units').select('id').eq('code', 'HN-KV1').single();
	hnUnit = data!.id;
});

afterAll(async () => {
	await esms?.close();
});

async function queueSms(to: string, unitId: string | null = hnUnit) {
	const { data, error } = await service
		.from('notifications')
		.insert({
			channel: 'sms',
			recipient: to,
			template: 'complaint_accepted',
			payload: { code: 'KN-HNAA-2222', resolve_due: '2026-12-30' },
			unit_id: unitId
		})
		.select('id')
		.single();
	expect(error).toBeNull();
	return data!.id as number;
}

async function row(id: number) {
	const { data } = await service.from('notifications').select('*').eq('id', id).single();
	return data!;
}

async function attemptsOf(id: number) {
	const { data } = await service
		.from('notification_attempts')
		.select('attempt, outcome, error, sender, provider_ref')
		.eq('notification_id', id)
		.order('id');
	return data!;
}

describe('sending the outbox through an SMS provider', () => {
	it('a provider answering 500 three times, then 200: one delivery, four attempts recorded', async () => {
		const to = phone();
		failing.set(to, 3);
		const id = await queueSms(to);
		// Each run is an hour later than the last: the back-off (30 s, 1 min, 2 min) has passed.
		for (let i = 0; i < 4; i++) await drainOutbox(service, { senders, origin, now: hours(i) });
		expect(esms.requestsFor(to)).toHaveLength(4);
		const delivered = await row(id);
		expect(delivered).toMatchObject({
			status: 'sent',
			attempts: 4,
			provider: 'esms',
			last_error: null
		});
		expect(delivered.provider_ref).toMatch(/^esms-\d+$/);
		const attempts = await attemptsOf(id);
		expect(attempts.map((a) => a.outcome)).toEqual(['retry', 'retry', 'retry', 'sent']);
		expect(attempts[0]!.error).toMatch(/^eSMS HTTP 500/);
		// What the citizen got: eSMS's request format, unaccented text, the link, the RequestId.
		const sent = esms.requestsFor(to).at(-1)!;
		expect(sent).toMatchObject({
			Brandname: 'THADS',
			SmsType: '2',
			IsUnicode: '0',
			RequestId: `thads-${id}`
		});
		expect(sent.Content).toBe(
			`THADS: Don KN-HNAA-2222 da duoc thu ly. Tra cuu: ${origin}/tra-cuu?ma=KN-HNAA-2222`
		);
	});

	it('waits out the back-off: a retried message is not sent again before its time', async () => {
		const to = phone();
		failing.set(to, 1);
		const id = await queueSms(to);
		await drainOutbox(service, { senders, origin });
		await drainOutbox(service, { senders, origin });
		expect(esms.requestsFor(to)).toHaveLength(1);
		const r = await row(id);
		expect(r.status).toBe('queued');
		expect(new Date(r.send_after).getTime()).toBeGreaterThan(Date.now());
	});

	it('a provider down for good: dead letter after 5 attempts, seen by the unit head, resent by hand', async () => {
		const to = phone();
		failing.set(to, Infinity);
		const id = await queueSms(to);
		for (let i = 0; i < 7; i++) await drainOutbox(service, { senders, origin, now: hours(i) });
		expect(esms.requestsFor(to)).toHaveLength(5);
		expect(await row(id)).toMatchObject({ status: 'dead', attempts: 5 });
		expect((await attemptsOf(id)).map((a) => a.outcome)).toEqual([
			'retry',
			'retry',
			'retry',
			'retry',
			'dead'
		]);

		const head = await signIn('truongphong.hn1@thads.local');
		const { data: list, error } = await head.rpc('list_deliveries', { p_status: 'dead' });
		expect(error).toBeNull();
		const mine = (
			list as { id: number; recipient: string; history: unknown[]; last_error: string }[]
		).find((d) => d.id === id);
		expect(mine, 'the unit head sees the dead letter').toBeTruthy();
		expect(mine!.recipient, 'with the phone number masked').toBe(
			`${to.slice(0, 2)}******${to.slice(-2)}`
		);
		expect(mine!.history).toHaveLength(5);
		expect(mine!.last_error).toMatch(/500/);

		const other = await signIn('truongphong.gl1@thads.local');
		const { data: theirs } = await other.rpc('list_deliveries', { p_status: 'dead' });
		expect(
			(theirs as { id: number }[]).some((d) => d.id === id),
			'another unit does not'
		).toBe(false);
		expect((await other.rpc('resend_notification', { p_id: id })).error?.message).toBe(
			'notification_not_found'
		);

		const officer = await signIn('khieunai.hn1@thads.local');
		expect((await officer.rpc('list_deliveries', {})).error?.code).toBe('42501');
		expect((await anonClient().rpc('list_deliveries', {})).error?.code).toBe('42501');

		// The provider is back; the unit head resends.
		failing.set(to, 0);
		expect((await head.rpc('resend_notification', { p_id: id })).error).toBeNull();
		await drainOutbox(service, { senders, origin, now: hours(8) });
		expect(await row(id)).toMatchObject({ status: 'sent' });
		expect((await attemptsOf(id)).map((a) => a.outcome).slice(-2)).toEqual(['resend', 'sent']);
		expect((await head.rpc('resend_notification', { p_id: id })).error?.message).toBe(
			'notification_not_resendable'
		);
	});

	it('an error the provider says will not pass (wrong key) goes dead at once', async () => {
		const to = phone();
		const id = await queueSms(to);
		const wrongKey: SenderSet = {
			sms: esmsSender({ apiKey: 'wrong', secretKey: 's', brandname: 'THADS', url: esms.url })
		};
		await drainOutbox(service, { senders: wrongKey, origin });
		expect(await row(id)).toMatchObject({
			status: 'dead',
			attempts: 1,
			last_error: 'eSMS 101: Authorize Failed'
		});
	});

	it('two senders at once: each message is sent exactly once', async () => {
		const phones = Array.from({ length: 30 }, phone);
		for (const p of phones) await queueSms(p);
		const other = serviceClient();
		const run = (client: SupabaseClient) =>
			drainOutbox(client, { senders, origin, limit: 7, concurrency: 3 });
		const [a, b] = await Promise.all([run(service), run(other)]);
		expect(a.sent + b.sent).toBeGreaterThanOrEqual(30);
		for (const p of phones) expect(esms.requestsFor(p), p).toHaveLength(1);
	});

	it('leaves the messages of a channel without a sender queued', async () => {
		const { data } = await service
			.from('notifications')
			.insert({
				channel: 'zalo',
				recipient: '0912345678',
				template: 'complaint_accepted',
				payload: {}
			})
			.select('id')
			.single();
		await sendOutboxBatch(service, { senders, origin, limit: 500 });
		expect(await row(data!.id)).toMatchObject({ status: 'queued', attempts: 0 });
	});

	it('an opted-out recipient gets nothing more', async () => {
		const to = phone();
		expect(
			(await service.rpc('opt_out_recipient', { p_channel: 'phone', p_recipient: to })).error
		).toBeNull();
		const id = await queueSms(to);
		expect(await row(id)).toMatchObject({ status: 'failed', last_error: 'opted_out' });
	});
});

describe('the job runner’s database side', () => {
	it('a period is claimed by one runner only', async () => {
		const key = `k-${Math.random()}`;
		const runs = await Promise.all(
			[service, serviceClient()].map((c) =>
				c.rpc('claim_job_run', { p_name: 'test.once', p_key: key })
			)
		);
		expect(runs.map((r) => r.data).sort()).toEqual([false, true]);
		expect((await service.rpc('claim_job_run', { p_name: 'test.once', p_key: key })).data).toBe(
			false
		);
	});

	it('queues a 2-hour reminder for a booking once, however often the job runs', async () => {
		const { data: slots, error } = await anonClient().rpc('list_reception_slots', {
			p_unit_id: hnUnit,
			p_from: new Date(Date.now() + 86400_000).toISOString().slice(0, 10),
			p_to: new Date(Date.now() + 14 * 86400_000).toISOString().slice(0, 10)
		});
		expect(error).toBeNull();
		const slot = (slots as { starts_at: string; places_left: number }[]).find(
			(s) => s.places_left > 0
		)!;
		const email = `remind-${Date.now()}@example.test`;
		const booked = await anonClient().rpc('book_reception', {
			payload: {
				unit_id: hnUnit,
				starts_at: slot.starts_at,
				full_name: 'Nguyễn Văn Nhắc',
				phone: phone(),
				email,
				people_count: 1,
				topic: 'khieu_nai',
				consent: true
			},
			idempotency_key: null
		});
		expect(booked.error).toBeNull();
		const at = new Date(new Date(slot.starts_at).getTime() - 90 * 60_000).toISOString();
		const first = await service.rpc('queue_booking_reminders', { p_now: at });
		expect(first.error).toBeNull();
		const again = await service.rpc('queue_booking_reminders', { p_now: at });
		const { data: reminders } = await service
			.from('notifications')
			.select('channel, payload, status, send_after')
			.eq('recipient', email)
			.eq('template', 'reception_booking_reminder');
		const soon = reminders!.filter((r) => r.payload.when === 'soon');
		expect(soon, 'one e-mail reminder 2 hours before').toHaveLength(1);
		expect(first.data).toBeGreaterThanOrEqual(2); // SMS and e-mail
		expect(again.data).toBe(0);
	});
});
