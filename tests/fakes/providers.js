// Real parts for tests and the bench: an SMTP server the app sends to (smtp-server, on
// 127.0.0.1), and an HTTP server that speaks eSMS.vn's SMS API (request and answer formats,
// including its error answers) — see src/lib/server/messages/senders.ts.
import { createServer } from 'node:http';
import { SMTPServer } from 'smtp-server';
import { simpleParser } from 'mailparser';

/**
 * @typedef {{ from: string, to: string[], subject: string, text: string, headers: Record<string, string> }} ReceivedMail
 */

/**
 * An SMTP server that accepts every message and keeps it, parsed.
 * @param {{ port?: number, parse?: boolean }} [opts] port 0: any free port; parse: false keeps only counts (bench)
 */
export async function startSmtpSink(opts = {}) {
	/** @type {ReceivedMail[]} */
	const messages = [];
	let count = 0;
	/** @type {(() => void)[]} */
	let waiters = [];
	const server = new SMTPServer({
		authOptional: true,
		disabledCommands: ['STARTTLS'],
		logger: false,
		size: 1024 * 1024,
		onData(stream, session, callback) {
			const chunks = /** @type {Buffer[]} */ ([]);
			stream.on('data', (c) => chunks.push(c));
			stream.on('end', async () => {
				count++;
				if (opts.parse !== false) {
					const mail = await simpleParser(Buffer.concat(chunks));
					const headers = /** @type {Record<string, string>} */ ({});
					for (const [k, v] of mail.headers) headers[k] = String(v);
					messages.push({
						from: mail.from?.text ?? '',
						to: (session.envelope.rcptTo ?? []).map((r) => r.address),
						subject: mail.subject ?? '',
						text: mail.text ?? '',
						headers
					});
				}
				const w = waiters;
				waiters = [];
				w.forEach((f) => f());
				callback();
			});
		}
	});
	await new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(opts.port ?? 0, '127.0.0.1', () => resolve(undefined));
	});
	const address = /** @type {import('node:net').AddressInfo} */ (server.server.address());
	return {
		port: address.port,
		url: `smtp://127.0.0.1:${address.port}`,
		messages,
		count: () => count,
		/**
		 * Wait until a received message matches.
		 * @param {(m: ReceivedMail) => boolean} match
		 * @param {number} [timeoutMs]
		 */
		async waitFor(match, timeoutMs = 10_000) {
			const deadline = Date.now() + timeoutMs;
			for (;;) {
				const found = messages.find(match);
				if (found) return found;
				const left = deadline - Date.now();
				if (left <= 0) throw new Error(`no matching e-mail within ${timeoutMs} ms`);
				await new Promise((r) => {
					waiters.push(() => r(undefined));
					setTimeout(r, Math.min(left, 200));
				});
			}
		},
		close: () => new Promise((resolve) => server.close(() => resolve(undefined)))
	};
}

/**
 * @typedef {{ ApiKey: string, SecretKey: string, Phone: string, Content: string, Brandname: string, SmsType: string, IsUnicode: string, Sandbox: string, RequestId: string }} EsmsRequest
 * @typedef {{ status?: number, body: unknown }} EsmsAnswer
 */

/**
 * A fake eSMS.vn: POST /MainService.svc/json/SendMultipleMessage_V4_post_json/ with eSMS's JSON.
 * `answer(request, nth)` decides each answer (nth: 1 for the first request for this phone);
 * by default every well-formed request is accepted ({"CodeResult":"100","SMSID":…}), a wrong key
 * gets {"CodeResult":"101"} and a repeated RequestId {"CodeResult":"124"} — eSMS's own codes.
 * @param {{ apiKey?: string, answer?: (req: EsmsRequest, nth: number) => EsmsAnswer | undefined }} [opts]
 */
export async function startEsmsFake(opts = {}) {
	const apiKey = opts.apiKey ?? 'test-api-key';
	/** @type {EsmsRequest[]} */
	const requests = [];
	/** @type {Map<string, number>} */
	const perPhone = new Map();
	const seenRequestIds = new Set();
	let smsId = 0;
	const server = createServer((req, res) => {
		const chunks = /** @type {Buffer[]} */ ([]);
		req.on('data', (c) => chunks.push(c));
		req.on('end', () => {
			/** @param {number} status @param {unknown} body */
			const send = (status, body) => {
				res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
				res.end(typeof body === 'string' ? body : JSON.stringify(body));
			};
			if (
				req.method !== 'POST' ||
				!req.url?.startsWith('/MainService.svc/json/SendMultipleMessage_V4_post_json')
			) {
				return send(404, { Message: 'Endpoint not found.' });
			}
			/** @type {EsmsRequest} */
			let body;
			try {
				body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
			} catch {
				return send(400, { Message: 'The server encountered an error processing the request.' });
			}
			requests.push(body);
			const nth = (perPhone.get(body.Phone) ?? 0) + 1;
			perPhone.set(body.Phone, nth);
			const custom = opts.answer?.(body, nth);
			if (custom) return send(custom.status ?? 200, custom.body);
			if (body.ApiKey !== apiKey)
				return send(200, { CodeResult: '101', ErrorMessage: 'Authorize Failed' });
			if (!body.Phone || !body.Content)
				return send(200, { CodeResult: '99', ErrorMessage: 'Phone or content empty' });
			if (seenRequestIds.has(body.RequestId)) {
				return send(200, { CodeResult: '124', ErrorMessage: 'RequestId duplicated' });
			}
			seenRequestIds.add(body.RequestId);
			return send(200, { CodeResult: '100', CountRegenerate: 0, SMSID: `esms-${++smsId}` });
		});
	});
	await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
	const address = /** @type {import('node:net').AddressInfo} */ (server.address());
	return {
		url: `http://127.0.0.1:${address.port}/MainService.svc/json/SendMultipleMessage_V4_post_json/`,
		apiKey,
		requests,
		/** @param {string} phone */
		requestsFor: (phone) => requests.filter((r) => r.Phone === phone),
		close: () => new Promise((resolve) => server.close(() => resolve(undefined)))
	};
}
