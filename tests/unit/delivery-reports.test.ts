/** Providers' delivery reports (issue 14), contract tests on the requests the providers document:
 * eSMS's callback (HTTP GET, developers.esms.vn "Callback Url" samples) and Zalo's
 * `user_received_message` webhook with its X-ZEvent-Signature. */
import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import {
	deliveryToken,
	parseEsmsCallback,
	parseZaloEvent,
	readDeliveryToken,
	verifyZaloSignature
} from '../../src/lib/server/messages/delivery';
import { sendersFromEnv } from '../../src/lib/server/messages/senders';
import { startEsmsFake } from '../fakes/providers.js';
import { renderMessage } from '../../src/lib/server/messages/templates';

const KEY = 'k'.repeat(40);

describe('eSMS callback', () => {
	it('a customer-care SMS delivered (sample with SendSuccess=1)', () => {
		const q = new URLSearchParams(
			'SMSID=dc712784-9c5f-4c69-b9a8-ea69d56adc9a87&SendFailed=0&SendStatus=5&SendSuccess=1&TotalPrice=0.0000&TotalReceiver=1&TotalSent=1&RequestId=thads-7&TypeId=2&telcoid=1&phonenumber=0901888484&switchsmsid='
		);
		expect(parseEsmsCallback(q, 7)).toEqual({
			provider: 'esms',
			ref: 'dc712784-9c5f-4c69-b9a8-ea69d56adc9a87',
			id: 7,
			delivered: true,
			error: null,
			at: null
		});
	});

	it('failed at the telco, and a ZNS refused with its Zalo error (documented sample)', () => {
		const failed = parseEsmsCallback(
			new URLSearchParams(
				'SMSID=dc712784&SendFailed=2&SendStatus=5&SendSuccess=0&TotalPrice=0.0000&TotalReceiver=2&TotalSent=2&RequestId=&TypeId=2&telcoid=1&phonenumber=0901888484&switchsmsid='
			),
			8
		);
		expect(failed).toMatchObject({ delivered: false, error: 'eSMS: not delivered (SendFailed 2)' });
		const zns = parseEsmsCallback(
			new URLSearchParams(
				'SMSID=f66545d2-c7e2-4603-984e-d2238c363c8292&SendFailed=1&SendStatus=5&SendSuccess=0&TotalPrice=0.0000&TotalReceiver=1&TotalSent=0&RequestId=&TypeId=25&telcoid=2&phonenumber=0901888484&partnerids=&error_info=%22{%5C%22error%5C%22%3A-114%2C%5C%22message%5C%22%3A%5C%22User%20is%20inactive%2C%20or%20reject%20the%20message%2C%20or%20using%20an%20outdated%20Zalo%20version%2C%20or%20other%20internal%20errors%5C%22}%22&oaid=1397492183140006179&tempid=2056446'
			),
			9
		);
		expect(zns).toMatchObject({ delivered: false });
		expect(zns!.error).toMatch(/^-114 User is inactive/);
	});

	it('rejected (SendStatus 4) fails; pending statuses (1, 2, 7) are not final', () => {
		expect(
			parseEsmsCallback(new URLSearchParams('SMSID=x&SendStatus=4&SendSuccess=0&SendFailed=0'), 1)
		).toMatchObject({ delivered: false });
		for (const s of ['1', '2', '7'])
			expect(parseEsmsCallback(new URLSearchParams(`SMSID=x&SendStatus=${s}`), 1)).toBeNull();
	});

	it('the callback URL token names one message and cannot be forged or moved', () => {
		const t = deliveryToken(KEY, 'esms', 42);
		expect(readDeliveryToken(KEY, 'esms', t)).toBe(42);
		expect(readDeliveryToken('other'.repeat(8), 'esms', t)).toBeNull();
		expect(readDeliveryToken(KEY, 'esms', t.replace(/^42/, '43'))).toBeNull();
		expect(readDeliveryToken(KEY, 'zalo-zns', t)).toBeNull();
		expect(readDeliveryToken(KEY, 'esms', '42')).toBeNull();
	});

	it('the eSMS sender gives each message its own signed CallbackUrl', async () => {
		const esms = await startEsmsFake();
		try {
			const senders = sendersFromEnv(
				{
					THADS_ESMS_API_KEY: esms.apiKey,
					THADS_ESMS_SECRET_KEY: 's',
					THADS_ESMS_BRANDNAME: 'THADS',
					THADS_ESMS_URL: esms.url,
					THADS_ESMS_CALLBACK_URL: 'https://thads.example.vn/api/messages/delivery/esms/',
					THADS_DELIVERY_KEY: KEY
				},
				false
			);
			const payload = { code: 'KN-HNAA-2222' };
			await senders.sms!.send({
				id: 77,
				channel: 'sms',
				recipient: '0901888484',
				template: 'complaint_accepted',
				payload,
				lang: 'vi',
				rendered: renderMessage(
					{ template: 'complaint_accepted', channel: 'sms', payload },
					'https://thads.example.vn'
				)
			});
			const req = esms.requests.at(-1) as unknown as { CallbackUrl?: string };
			expect(req.CallbackUrl).toBe(
				`https://thads.example.vn/api/messages/delivery/esms/${deliveryToken(KEY, 'esms', 77)}`
			);
		} finally {
			await esms.close();
		}
	});
});

describe('Zalo webhook', () => {
	const appId = '1234567890123456789';
	const secret = 'OA-secret-key';
	const body = JSON.stringify({
		app_id: appId,
		event_name: 'user_received_message',
		sender: { id: '1397492183140006179' },
		recipient: { id: '84901888484' },
		message: {
			msg_id: 'a4fd3e5c91d0a8f0e1b2',
			delivery_time: '1733553600000',
			tracking_id: 'thads-55'
		},
		timestamp: '1733553601000'
	});
	const mac = createHash('sha256')
		.update(appId + body + '1733553601000' + secret)
		.digest('hex');

	it('accepts the documented signature and reads the delivery', () => {
		expect(verifyZaloSignature(body, `mac=${mac}`, appId, secret)).toBe(true);
		expect(parseZaloEvent(body)).toEqual({
			provider: 'zalo-zns',
			ref: 'a4fd3e5c91d0a8f0e1b2',
			id: 55,
			delivered: true,
			error: null,
			at: new Date(1733553600000)
		});
	});

	it('refuses a wrong or missing signature, another app, a changed body', () => {
		expect(verifyZaloSignature(body, null, appId, secret)).toBe(false);
		expect(verifyZaloSignature(body, 'mac=' + '0'.repeat(64), appId, secret)).toBe(false);
		expect(verifyZaloSignature(body, `mac=${mac}`, 'other-app', secret)).toBe(false);
		expect(
			verifyZaloSignature(body.replace('thads-55', 'thads-56'), `mac=${mac}`, appId, secret)
		).toBe(false);
		expect(verifyZaloSignature(body, `mac=${mac}`, appId, '')).toBe(false);
	});

	it('ignores other events (a citizen writing to the OA)', () => {
		expect(
			parseZaloEvent(
				JSON.stringify({ app_id: appId, event_name: 'user_send_text', message: { text: 'hi' } })
			)
		).toBeNull();
	});
});
