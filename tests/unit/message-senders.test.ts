/** Senders against real local servers: SMTP (smtp-server) and eSMS's / Zalo ZNS's HTTP formats,
 * including their error answers (retry vs. give up). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
	PermanentSendError,
	esmsSender,
	smtpSender,
	zaloSender,
	type OutboundMessage
} from '../../src/lib/server/messages/senders';
import { renderMessage } from '../../src/lib/server/messages/templates';
import { startEsmsFake, startSmtpSink } from '../fakes/providers.js';

const origin = 'https://thads.example.vn';

function outbound(
	id: number,
	channel: OutboundMessage['channel'],
	recipient: string,
	template = 'reception_booking_reminder'
): OutboundMessage {
	const payload = {
		booking_id: 'b',
		code: 'LH-HNAA-3456',
		starts_at: '2026-12-08T02:30:00Z',
		local_time: '09:30 08/12/2026',
		unit_name: 'Phòng THADS khu vực 1 - Hà Nội'
	};
	return {
		id,
		channel,
		recipient,
		template,
		payload,
		lang: 'vi',
		rendered: renderMessage({ template, channel, payload }, origin)
	};
}

describe('SMTP sender', () => {
	let sink: Awaited<ReturnType<typeof startSmtpSink>>;
	beforeAll(async () => {
		sink = await startSmtpSink();
	});
	afterAll(async () => {
		await sink.close();
	});

	it('delivers a Vietnamese e-mail that the SMTP server receives intact', async () => {
		const sender = smtpSender({
			url: sink.url,
			from: 'THADS <no-reply@thads.example.vn>',
			pool: false
		});
		const r = await sender.send(outbound(41, 'email', 'cong.dan@example.test'));
		sender.close?.();
		expect(r?.ref).toBeTruthy();
		const mail = await sink.waitFor((m) => m.to.includes('cong.dan@example.test'));
		expect(mail.subject).toBe('Nhắc lịch hẹn ngày mai lúc 09:30 08/12/2026');
		expect(mail.text).toContain('Phòng THADS khu vực 1 - Hà Nội');
		expect(mail.text).toContain(`${origin}/tra-cuu?ma=LH-HNAA-3456`);
		expect(mail.from).toContain('no-reply@thads.example.vn');
		expect(mail.headers['x-thads-message']).toBe('41');
	});

	it('retries when no server answers', async () => {
		const sender = smtpSender({ url: 'smtp://127.0.0.1:9', from: 'x@example.test', pool: false });
		const e = await sender.send(outbound(1, 'email', 'a@example.test')).catch((x) => x);
		expect(e).toBeInstanceOf(Error);
		expect(e).not.toBeInstanceOf(PermanentSendError);
	});
});

describe('eSMS adapter (contract with eSMS’s request and answer formats)', () => {
	let esms: Awaited<ReturnType<typeof startEsmsFake>>;
	const answers = new Map<string, { status?: number; body: unknown }>();
	beforeAll(async () => {
		esms = await startEsmsFake({ answer: (req) => answers.get(req.Phone) });
	});
	afterAll(async () => {
		await esms.close();
	});
	const sender = () =>
		esmsSender({
			apiKey: esms.apiKey,
			secretKey: 'sk',
			brandname: 'THADS',
			url: esms.url,
			sandbox: true
		});

	it('sends a CSKH brandname SMS, unaccented, and returns the SMSID', async () => {
		const r = await sender().send(outbound(7, 'sms', '0912345678'));
		expect(r).toEqual({ ref: expect.stringMatching(/^esms-/) });
		expect(esms.requestsFor('0912345678')[0]).toEqual({
			ApiKey: esms.apiKey,
			SecretKey: 'sk',
			Phone: '0912345678',
			Content: `THADS: Nhac lich hen 09:30 08/12/2026 tai Phong THADS khu vuc 1 - Ha Noi. Tra cuu: ${origin}/tra-cuu?ma=LH-HNAA-3456`,
			Brandname: 'THADS',
			SmsType: '2',
			IsUnicode: '0',
			Sandbox: '1',
			RequestId: 'thads-7'
		});
	});

	it.each([
		['HTTP 500', { status: 500, body: { Message: 'error' } }, false],
		['HTTP 429', { status: 429, body: 'Too many requests' }, false],
		[
			'CodeResult 99 (unknown error)',
			{ body: { CodeResult: '99', ErrorMessage: 'Unknown error' } },
			false
		],
		[
			'CodeResult 103 (balance)',
			{ body: { CodeResult: '103', ErrorMessage: 'Balance not enough' } },
			false
		],
		[
			'CodeResult 101 (wrong key)',
			{ body: { CodeResult: '101', ErrorMessage: 'Authorize Failed' } },
			true
		],
		[
			'CodeResult 104 (brandname)',
			{ body: { CodeResult: '104', ErrorMessage: 'Brandname not exist' } },
			true
		],
		['HTTP 400', { status: 400, body: { Message: 'bad request' } }, true],
		['an answer that is not JSON', { body: '<html>proxy error</html>' }, false]
	])('%s → %s', async (_name, answer, permanent) => {
		const to = `09${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
		answers.set(to, answer);
		const e = await sender()
			.send(outbound(8, 'sms', to))
			.catch((x) => x);
		expect(e).toBeInstanceOf(Error);
		expect(e instanceof PermanentSendError).toBe(permanent);
	});

	it('refuses a malformed phone number without calling the provider', async () => {
		const before = esms.requests.length;
		await expect(sender().send(outbound(9, 'sms', '12345'))).rejects.toBeInstanceOf(
			PermanentSendError
		);
		expect(esms.requests.length).toBe(before);
	});
});

describe('Zalo ZNS adapter', () => {
	let server: Server;
	let url: string;
	const requests: { headers: Record<string, unknown>; body: Record<string, unknown> }[] = [];
	let next: { status?: number; body: unknown } = { body: {} };
	beforeAll(async () => {
		server = createServer((req, res) => {
			const chunks: Buffer[] = [];
			req.on('data', (c) => chunks.push(c));
			req.on('end', () => {
				requests.push({ headers: req.headers, body: JSON.parse(Buffer.concat(chunks).toString()) });
				res.writeHead(next.status ?? 200, { 'content-type': 'application/json' });
				res.end(JSON.stringify(next.body));
			});
		});
		await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
		url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/message/template`;
	});
	afterAll(() => new Promise<void>((r) => server.close(() => r())));
	const sender = () =>
		zaloSender({
			accessToken: 'zalo-token',
			templates: { reception_booking_reminder: '301234' },
			url
		});

	it('sends the registered template with the phone in 84… form and returns msg_id', async () => {
		next = {
			body: { error: 0, message: 'Success', data: { msg_id: 'z1', sent_time: '1', quota: {} } }
		};
		expect(await sender().send(outbound(5, 'zalo', '0912345678'))).toEqual({ ref: 'z1' });
		expect(requests.at(-1)).toMatchObject({
			headers: { access_token: 'zalo-token' },
			body: {
				phone: '84912345678',
				template_id: '301234',
				template_data: {
					code: 'LH-HNAA-3456',
					time: '09:30 08/12/2026',
					link: `${origin}/tra-cuu?ma=LH-HNAA-3456`
				},
				tracking_id: 'thads-5'
			}
		});
	});

	it('gives up on a phone without Zalo, retries a server error, refuses an unregistered template', async () => {
		next = { body: { error: -118, message: 'Zalo account not existed' } };
		await expect(sender().send(outbound(6, 'zalo', '0912345678'))).rejects.toBeInstanceOf(
			PermanentSendError
		);
		next = { status: 502, body: {} };
		const e = await sender()
			.send(outbound(6, 'zalo', '0912345678'))
			.catch((x) => x);
		expect(e).not.toBeInstanceOf(PermanentSendError);
		await expect(
			sender().send(outbound(6, 'zalo', '0912345678', 'complaint_received'))
		).rejects.toThrow('zalo template not registered');
	});
});
