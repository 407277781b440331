/** processOutbox: claims a batch on the channels that have a sender, sends each message, records
 * each attempt (sent / retry / dead); and the words of the messages (templates). */
import { describe, expect, it } from 'vitest';
import type { SupabaseClient } from '@supabase/supabase-js';
import {
	PermanentSendError,
	processOutbox,
	renderNotification,
	type ChannelSender,
	type Notification
} from '../../src/lib/server/notifications';
import { renderMessage, unaccent } from '../../src/lib/server/messages/templates';

function message(id: number, attempts = 1): Notification {
	return {
		id,
		channel: 'email',
		recipient: `r${id}@example.test`,
		template: 'complaint_received',
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

/** A stand-in for the service client that records rpc calls; the attempt answers like SQL. */
function fakeClient(batch: Notification[], maxAttempts = 5) {
	const calls: { fn: string; args: Record<string, unknown> }[] = [];
	let claimed = false;
	const client = {
		rpc: async (fn: string, args: Record<string, unknown>) => {
			calls.push({ fn, args });
			if (fn === 'claim_notifications') {
				const data = claimed ? [] : batch;
				claimed = true;
				return { data, error: null };
			}
			const n = batch.find((b) => b.id === args.p_id)!;
			const status = args.p_ok
				? 'sent'
				: args.p_permanent || n.attempts >= maxAttempts
					? 'dead'
					: 'queued';
			return { data: status, error: null };
		}
	} as unknown as SupabaseClient;
	return { client, calls };
}

describe('processOutbox', () => {
	it('records every message the sender accepted as sent, with the provider reference', async () => {
		const { client, calls } = fakeClient([message(1), message(2)]);
		const sent: number[] = [];
		const sender: ChannelSender = {
			name: 'test',
			send: async (n) => {
				sent.push(n.id);
				return { ref: `ref-${n.id}` };
			}
		};
		const r = await processOutbox(client, 10, { email: sender });
		expect(r).toEqual({ senders: ['test'], claimed: 2, sent: 2, retried: 0, dead: 0 });
		expect(sent.sort()).toEqual([1, 2]);
		expect(calls[0]).toMatchObject({
			fn: 'claim_notifications',
			args: { n: 10, p_channels: ['email'] }
		});
		const attempts = calls.filter((c) => c.fn === 'record_notification_attempt');
		expect(attempts.map((c) => [c.args.p_id, c.args.p_ok, c.args.p_provider_ref]).sort()).toEqual([
			[1, true, 'ref-1'],
			[2, true, 'ref-2']
		]);
	});

	it('retries a failed message, and gives up on permanent errors or after the last attempt', async () => {
		const { client } = fakeClient([message(1), message(2), message(3, 5)]);
		const sender: ChannelSender = {
			name: 'flaky',
			send: async (n) => {
				if (n.id === 2) throw new PermanentSendError('invalid address');
				throw new Error('gateway timeout');
			}
		};
		const r = await processOutbox(client, 10, { email: sender });
		expect(r).toMatchObject({ claimed: 3, sent: 0, retried: 1, dead: 2 });
	});

	it('claims nothing when no channel has a sender (never marks unsent messages as sent)', async () => {
		const { client, calls } = fakeClient([message(1)]);
		expect(await processOutbox(client, 10, {})).toMatchObject({ senders: [], claimed: 0 });
		expect(calls).toEqual([]);
	});
});

describe('message templates', () => {
	const origin = 'https://thads.example.vn';
	const booking = {
		booking_id: 'b1',
		code: 'LH-HNAA-3456',
		starts_at: '2026-12-08T02:30:00Z',
		unit_name: 'Phòng Thi hành án dân sự khu vực 1 - Hà Nội',
		unit_address: '1 Tràng Thi, Hoàn Kiếm, Hà Nội',
		when: 'day_before'
	};

	it('reminds in Vietnamese with the Vietnam time and the tracking link', () => {
		const r = renderMessage(
			{ template: 'reception_booking_reminder', channel: 'email', payload: booking },
			origin
		);
		expect(r.subject).toBe('Nhắc lịch hẹn ngày mai lúc 09:30 08/12/2026');
		expect(r.text).toContain('Phòng Thi hành án dân sự khu vực 1 - Hà Nội');
		expect(r.text).toContain(`${origin}/tra-cuu?ma=LH-HNAA-3456`);
		expect(r.link).toBe(`${origin}/tra-cuu?ma=LH-HNAA-3456`);
	});

	it('writes short unaccented SMS with the link, and never a secret', () => {
		const r = renderMessage(
			{
				template: 'complaint_received',
				channel: 'sms',
				payload: { code: 'KN-HNAA-2222', secret: 'THADS234', accept_due: '2026-12-10' }
			},
			origin
		);
		expect(r.short).toBe(
			`THADS: Da nhan don KN-HNAA-2222. Tra cuu: ${origin}/tra-cuu?ma=KN-HNAA-2222`
		);
		expect(r.short).toMatch(/^[\x20-\x7e]+$/);
		expect(r.short.length).toBeLessThanOrEqual(160);
		expect(`${r.subject}${r.text}${r.short}`).not.toContain('THADS234');
	});

	it('speaks English to a citizen who filed in English, with the /en link', () => {
		const r = renderMessage(
			{ template: 'reception_booking_reminder', channel: 'email', payload: booking, lang: 'en' },
			origin
		);
		expect(r.subject).toBe('Reminder: appointment tomorrow at 09:30 08/12/2026');
		expect(r.link).toBe(`${origin}/en/tra-cuu?ma=LH-HNAA-3456`);
	});

	it('adds the opt-out link to citizens’ e-mail', () => {
		const r = renderMessage(
			{ template: 'application_received', channel: 'email', payload: { code: 'HS-HNAA-2222' } },
			origin,
			`${origin}/api/messages/opt-out?t=abc`
		);
		expect(r.text).toContain(`Không muốn nhận tin: ${origin}/api/messages/opt-out?t=abc`);
	});

	it('lists an officer’s due and overdue files in the morning digest', () => {
		const r = renderMessage(
			{
				template: 'staff_daily_digest',
				channel: 'email',
				payload: {
					date: '2026-12-07',
					name: 'Nguyễn Văn A',
					overdue: 1,
					items: [
						{ code: 'KN-HNAA-2222', kind: 'complaint', due: '2026-12-01', overdue: true },
						{ code: 'HS-HNAB-2222', kind: 'application', due: '2026-12-07', overdue: false }
					]
				}
			},
			origin
		);
		expect(r.subject).toBe('Việc đến hạn ngày 07/12/2026: 2 hồ sơ, 1 quá hạn');
		expect(r.text).toContain('- KN-HNAA-2222 (khiếu nại): hạn 01/12/2026 — QUÁ HẠN');
		expect(r.text).toContain('- HS-HNAB-2222 (hồ sơ thủ tục): hạn 07/12/2026');
	});

	it('unaccents Vietnamese, đ included', () => {
		expect(unaccent('Đã đặt lịch tại Hà Nội')).toBe('Da dat lich tai Ha Noi');
	});

	it('the dev mailbox shows the SMS text for SMS and the e-mail text for e-mail', () => {
		const sms = renderNotification({
			template: 'complaint_accepted',
			channel: 'sms',
			payload: { code: 'KN-1' }
		});
		expect(sms.body).toMatch(/^THADS: Don KN-1 da duoc thu ly\./);
		const mail = renderNotification({
			template: 'complaint_accepted',
			channel: 'email',
			payload: { code: 'KN-1' }
		});
		expect(mail.subject).toBe('Đơn KN-1 đã được thụ lý');
	});
});
