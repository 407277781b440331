/** Messages a citizen chose (issue 14): web push subscriptions saved by code + secret, the channel
 * and language chosen at filing (x-thads-messages, stored with the consent), and the messages
 * queued on those channels only. */
import { beforeAll, describe, expect, it } from 'vitest';
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import { randomBytes, randomUUID } from 'node:crypto';
import {
	anonClient,
	serviceClient,
	signClientAddress,
	signIn,
	randomClientAddress,
	standin
} from './helpers';

let service: SupabaseClient;
let hnUnit: string;
let seq = 0;
const phone = () =>
	`09${String(Date.now() % 1e4).padStart(4, '0')}${String(seq++).padStart(4, '0')}`;

/** A citizen's client as the app calls the database for a filing with a message choice. */
function citizen(choice?: string): SupabaseClient {
	const s = standin();
	return createClient(s.url, s.anonKey, {
		auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
		global: {
			fetch: (input, init) => {
				const headers = new Headers(init?.headers);
				headers.set('x-thads-client', signClientAddress(randomClientAddress()));
				if (choice !== undefined) headers.set('x-thads-messages', choice);
				return fetch(input, { ...init, headers });
			}
		}
	});
}

const b64url = (n: number) => randomBytes(n).toString('base64url');
const subscription = (host = 'fcm.googleapis.com') => ({
	endpoint: `https://${host}/fcm/send/${b64url(60)}`,
	keys: { p256dh: b64url(65), auth: b64url(16) }
});

async function book(client: SupabaseClient, over: Record<string, unknown> = {}) {
	const { data: slots, error } = await anonClient().rpc('list_reception_slots', {
		p_unit_id: hnUnit,
		p_from: new Date(Date.now() + 2 * 86400_000).toISOString().slice(0, 10),
		p_to: new Date(Date.now() + 20 * 86400_000).toISOString().slice(0, 10)
	});
	expect(error).toBeNull();
	const free = (slots as { starts_at: string; places_left: number }[]).filter(
		(s) => s.places_left > 0
	);
	const slot = free[seq % free.length]!;
	const r = await client.rpc('book_reception', {
		payload: {
			unit_id: hnUnit,
			starts_at: slot.starts_at,
			full_name: 'Trần Thị Chọn',
			phone: phone(),
			email: `chon-${randomUUID()}@example.test`,
			people_count: 1,
			topic: 'khieu_nai',
			consent: true,
			...over
		},
		idempotency_key: randomUUID()
	});
	expect(r.error).toBeNull();
	return r.data as { booking_id: string; code: string; secret: string };
}

async function messagesOf(bookingId: string) {
	const { data, error } = await service
		.from('notifications')
		.select('channel, recipient, template, lang, status, payload')
		.eq('payload->>booking_id', bookingId)
		.order('id');
	expect(error).toBeNull();
	return data!;
}

beforeAll(async () => {
	service = serviceClient();
	const { data } = await service.from('units').select('id').eq('code', 'HN-KV1').single();
	hnUnit = data!.id;
});

describe('channel and language chosen at filing', () => {
	it('without a choice: SMS and e-mail to what was given (as before)', async () => {
		const b = await book(citizen());
		const sent = await messagesOf(b.booking_id);
		const receipt = sent.filter((m) => m.template === 'reception_booking_confirmed');
		expect(receipt.map((m) => m.channel).sort()).toEqual(['email', 'sms']);
	});

	it('e-mail only, in English: no SMS, stored with the consent, reminders follow the choice', async () => {
		const b = await book(citizen('email;en'));
		const sent = await messagesOf(b.booking_id);
		expect(sent.length).toBeGreaterThan(0);
		expect(sent.every((m) => m.channel === 'email' && m.lang === 'en')).toBe(true);
		const { data: consent } = await service
			.from('personal_data_consents')
			.select('message_channels, message_lang')
			.eq('record_kind', 'booking')
			.eq('record_id', b.booking_id)
			.single();
		expect(consent).toEqual({ message_channels: ['email'], message_lang: 'en' });
		// The citizen cancels later (another request, no header): still e-mail only, in English.
		const cancel = await anonClient().rpc('cancel_booking_by_code', {
			p_code: b.code,
			p_secret: b.secret
		});
		expect(cancel.error).toBeNull();
		const after = (await messagesOf(b.booking_id)).filter(
			(m) => m.template === 'reception_booking_cancelled'
		);
		expect(after.map((m) => [m.channel, m.lang])).toEqual([['email', 'en']]);
	});

	it('Zalo chosen: the message goes to the phone number on Zalo', async () => {
		const b = await book(citizen('zalo,sms;vi'));
		const receipt = (await messagesOf(b.booking_id)).filter(
			(m) => m.template === 'reception_booking_confirmed'
		);
		expect(receipt.map((m) => m.channel).sort()).toEqual(['sms', 'zalo']);
	});

	it('ignores a malformed choice (defaults apply)', async () => {
		const b = await book(citizen("sms'; drop table x;--"));
		const receipt = (await messagesOf(b.booking_id)).filter(
			(m) => m.template === 'reception_booking_confirmed'
		);
		expect(receipt.map((m) => m.channel).sort()).toEqual(['email', 'sms']);
	});
});

describe('web push subscriptions by code and secret', () => {
	it('a wrong secret saves nothing; the right one saves the subscription (service role only reads it)', async () => {
		const b = await book(citizen('sms;vi'));
		const sub = subscription();
		const wrong = await anonClient().rpc('subscribe_push', {
			p_code: b.code,
			p_secret: 'WRONG-SECRET-1',
			p_subscription: sub
		});
		expect(wrong.error).toBeNull();
		expect(wrong.data).toBe(false);
		const ok = await anonClient().rpc('subscribe_push', {
			p_code: b.code,
			p_secret: b.secret,
			p_subscription: sub,
			p_lang: 'vi'
		});
		expect(ok.error).toBeNull();
		expect(ok.data).toBe(true);

		const anonRead = await anonClient().from('push_subscriptions').select('*');
		expect(anonRead.data ?? []).toHaveLength(0);
		const { data: rows } = await service
			.from('push_subscriptions')
			.select('record_kind, record_id, endpoint')
			.eq('record_id', b.booking_id);
		expect(rows).toEqual([
			{ record_kind: 'booking', record_id: b.booking_id, endpoint: sub.endpoint }
		]);

		// The next message about the booking also goes to this browser, with its keys.
		await anonClient().rpc('cancel_booking_by_code', { p_code: b.code, p_secret: b.secret });
		const push = (await messagesOf(b.booking_id)).filter((m) => m.channel === 'push');
		expect(push.map((m) => m.template)).toEqual(['reception_booking_cancelled']);
		expect(JSON.parse(push[0]!.recipient)).toEqual(sub);
	});

	it('refuses an endpoint that is not https and keys of the wrong shape', async () => {
		const b = await book(citizen());
		for (const bad of [
			{ ...subscription(), endpoint: 'http://127.0.0.1:9/x' },
			{ ...subscription(), keys: { p256dh: 'short', auth: b64url(16) } },
			{ endpoint: 'https://fcm.googleapis.com/x' }
		]) {
			const r = await anonClient().rpc('subscribe_push', {
				p_code: b.code,
				p_secret: b.secret,
				p_subscription: bad
			});
			expect(r.error?.message).toBe('invalid_push_subscription');
		}
	});

	it('keeps at most 5 browsers per file, the newest', async () => {
		const b = await book(citizen());
		const subs = Array.from({ length: 7 }, () => subscription());
		for (const s of subs) {
			const r = await anonClient().rpc('subscribe_push', {
				p_code: b.code,
				p_secret: b.secret,
				p_subscription: s
			});
			expect(r.data).toBe(true);
		}
		const { data: rows } = await service
			.from('push_subscriptions')
			.select('endpoint')
			.eq('record_id', b.booking_id);
		expect(rows!.map((r) => r.endpoint).sort()).toEqual(
			subs
				.slice(2)
				.map((s) => s.endpoint)
				.sort()
		);
	});

	it('the day-before reminder job queues a push per subscription, once', async () => {
		const b = await book(citizen('sms;vi'));
		await anonClient().rpc('subscribe_push', {
			p_code: b.code,
			p_secret: b.secret,
			p_subscription: subscription()
		});
		const { data: booking } = await service
			.from('bookings')
			.select('starts_at')
			.eq('id', b.booking_id)
			.single();
		const at = new Date(new Date(booking!.starts_at).getTime() - 90 * 60_000).toISOString();
		await service.rpc('queue_booking_reminders', { p_now: at });
		await service.rpc('queue_booking_reminders', { p_now: at });
		const soon = (await messagesOf(b.booking_id)).filter(
			(m) => m.template === 'reception_booking_reminder' && m.payload.when === 'soon'
		);
		expect(soon.map((m) => m.channel).sort(), 'SMS and push, no e-mail (not chosen)').toEqual([
			'push',
			'sms'
		]);
	});
});

describe('provider delivery reports', () => {
	async function sentSms(provider: string, ref: string) {
		const { data, error } = await service
			.from('notifications')
			.insert({
				channel: 'sms',
				recipient: phone(),
				template: 'complaint_accepted',
				payload: { code: 'KN-HNAA-2222' },
				unit_id: hnUnit,
				status: 'sent',
				sent_at: new Date().toISOString(),
				provider,
				provider_ref: ref,
				attempts: 1
			})
			.select('id')
			.single();
		expect(error).toBeNull();
		return data!.id as number;
	}

	it('delivered: delivered_at set once, the attempt recorded; a repeat report changes nothing', async () => {
		const ref = randomUUID();
		const id = await sentSms('esms', ref);
		const at = '2026-12-07T03:00:00.000Z';
		const first = await service.rpc('record_notification_delivery', {
			p_provider: 'esms',
			p_ref: ref,
			p_delivered: true,
			p_at: at,
			p_id: id
		});
		expect(first.data).toBe(true);
		const again = await service.rpc('record_notification_delivery', {
			p_provider: 'esms',
			p_ref: ref,
			p_delivered: false,
			p_id: id
		});
		expect(again.data).toBe(false);
		const { data: n } = await service
			.from('notifications')
			.select('status, delivered_at')
			.eq('id', id)
			.single();
		expect(n!.status).toBe('sent');
		expect(new Date(n!.delivered_at).toISOString()).toBe(at);
		const { data: attempts } = await service
			.from('notification_attempts')
			.select('outcome')
			.eq('notification_id', id);
		expect(attempts!.map((a) => a.outcome)).toEqual(['delivered']);
	});

	it('not delivered: a dead letter with the reason, found by the provider ref (Zalo) too', async () => {
		const ref = `zalo-${randomUUID()}`;
		const id = await sentSms('zalo-zns', ref);
		const wrongProvider = await service.rpc('record_notification_delivery', {
			p_provider: 'esms',
			p_ref: ref,
			p_delivered: false
		});
		expect(wrongProvider.data).toBe(false);
		const r = await service.rpc('record_notification_delivery', {
			p_provider: 'zalo-zns',
			p_ref: ref,
			p_delivered: false,
			p_error: '-114 User is inactive'
		});
		expect(r.data).toBe(true);
		const { data: n } = await service
			.from('notifications')
			.select('status, last_error')
			.eq('id', id)
			.single();
		expect(n).toEqual({ status: 'dead', last_error: 'undelivered: -114 User is inactive' });
	});

	it('only the service role records reports', async () => {
		const r = await anonClient().rpc('record_notification_delivery', {
			p_provider: 'esms',
			p_ref: 'x',
			p_delivered: true
		});
		expect(r.error?.code).toBe('42501');
	});
});

describe('each change a complainant must know reaches the channel they chose', () => {
	const HN_KV1 = '00000000-0000-4000-a000-000000000011';
	let officer: SupabaseClient;

	beforeAll(async () => {
		officer = await signIn('khieunai.hn1@thads.local');
	});

	async function fileComplaint(choice: string) {
		const { data, error } = await citizen(choice).rpc('submit_complaint', {
			payload: {
				kind: 'complaint',
				subject: 'coercion',
				unit_id: HN_KV1,
				consent: true,
				learned_on: new Date(Date.now() - 3 * 86_400_000).toISOString().slice(0, 10),
				content:
					'Chấp hành viên kê biên nhầm tài sản của tôi, không phải của người phải thi hành án.',
				request: 'Hủy quyết định kê biên',
				filer: {
					full_name: 'Phạm Văn Chọn',
					cccd: '001099001234',
					phone: phone(),
					email: `kn-${randomUUID()}@example.test`,
					province: 'Hà Nội',
					ward: 'Phường Hoàn Kiếm'
				}
			},
			idempotency_key: randomUUID()
		});
		expect(error).toBeNull();
		const r = (data as { code: string; complaint_id: string }[])[0]!;
		return r;
	}

	async function messagesFor(code: string) {
		const { data } = await service
			.from('notifications')
			.select('channel, template, lang')
			.eq('payload->>code', code)
			.order('id');
		return data!;
	}

	it('received, accepted, decision made: Zalo only, in English', async () => {
		const r = await fileComplaint('zalo;en');
		expect((await officer.rpc('accept_complaint', { p_id: r.complaint_id })).error).toBeNull();
		const { data: att } = await service
			.from('attachments')
			.insert({
				owner_kind: 'complaint',
				owner_id: r.complaint_id,
				unit_id: HN_KV1,
				path: `complaint/test/${randomUUID()}.pdf`,
				file_name: 'quyet-dinh.pdf',
				mime_type: 'application/pdf',
				size_bytes: 100
			})
			.select('id')
			.single();
		const resolved = await officer.rpc('resolve_complaint', {
			p_id: r.complaint_id,
			p_outcome: 'rejected',
			p_summary: 'Quyết định giải quyết khiếu nại lần đầu',
			p_decision_attachment: att!.id
		});
		expect(resolved.error).toBeNull();
		const sent = (await messagesFor(r.code)).filter((m) => m.template !== 'complaint_new_for_unit');
		expect(sent).toEqual([
			{ channel: 'zalo', template: 'complaint_received', lang: 'en' },
			{ channel: 'zalo', template: 'complaint_accepted', lang: 'en' },
			{ channel: 'zalo', template: 'complaint_resolved', lang: 'en' }
		]);
	});

	it('documents requested: SMS and e-mail as chosen', async () => {
		const r = await fileComplaint('email,sms;vi');
		const asked = await officer.rpc('request_complaint_info', {
			p_id: r.complaint_id,
			p_message: 'Đề nghị gửi bản chụp quyết định kê biên.'
		});
		expect(asked.error).toBeNull();
		const info = (await messagesFor(r.code)).filter(
			(m) => m.template === 'complaint_info_requested'
		);
		expect(info.map((m) => m.channel).sort()).toEqual(['email', 'sms']);
	});
});
