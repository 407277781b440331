/** Web push (issue 14): the sender posts to a local HTTP endpoint as a push service would receive
 * it; the test is the browser — it holds the subscription's private key and auth secret, checks
 * the VAPID authorisation (RFC 8292) and decrypts the aes128gcm payload (RFC 8291 / RFC 8188). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, Agent, type Server } from 'node:https';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import {
	createDecipheriv,
	createECDH,
	createHmac,
	createPublicKey,
	randomBytes,
	verify,
	type ECDH
} from 'node:crypto';
import webpush from 'web-push';
import {
	PermanentSendError,
	isAllowedPushEndpoint,
	PUSH_SERVICE_HOSTS,
	webPushSender,
	type OutboundMessage
} from '../../src/lib/server/messages/senders';
import { renderMessage } from '../../src/lib/server/messages/templates';
import { pushSubscriptionSchema } from '../../src/lib/messages/schema';

interface Received {
	url: string;
	headers: Record<string, string | string[] | undefined>;
	body: Buffer;
}

let server: Server;
let base: string;
const received: Received[] = [];
let answer = 201;

let agent: Agent;

beforeAll(async () => {
	// A push service speaks HTTPS: a throw-away self-signed certificate for 127.0.0.1.
	const dir = mkdtempSync(path.join(tmpdir(), 'push-'));
	execFileSync(
		'openssl',
		[
			'req',
			'-x509',
			'-newkey',
			'ec',
			'-pkeyopt',
			'ec_paramgen_curve:prime256v1',
			'-nodes',
			'-keyout',
			path.join(dir, 'key.pem'),
			'-out',
			path.join(dir, 'cert.pem'),
			'-days',
			'1',
			'-subj',
			'/CN=127.0.0.1',
			'-addext',
			'subjectAltName=IP:127.0.0.1'
		],
		{ stdio: 'ignore' }
	);
	const key = readFileSync(path.join(dir, 'key.pem'));
	const cert = readFileSync(path.join(dir, 'cert.pem'));
	rmSync(dir, { recursive: true, force: true });
	agent = new Agent({ ca: cert });
	server = createServer({ key, cert }, (req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', () => {
			received.push({ url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks) });
			res.writeHead(answer, { location: `${base}/m/${received.length}` });
			res.end();
		});
	});
	await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
	base = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
	agent.destroy();
	server.closeAllConnections();
	await new Promise<void>((r) => server.close(() => r()));
});

const hmac = (key: Buffer, data: Buffer) => createHmac('sha256', key).update(data).digest();

/** RFC 8291 §3.4 + RFC 8188: the user agent's decryption of an aes128gcm push message body. */
function decrypt(body: Buffer, ua: ECDH, authSecret: Buffer): string {
	const salt = body.subarray(0, 16);
	const rs = body.readUInt32BE(16);
	const idlen = body[20]!;
	const asPublic = body.subarray(21, 21 + idlen);
	const ciphertext = body.subarray(21 + idlen);
	expect(idlen).toBe(65);
	expect(ciphertext.length).toBeLessThanOrEqual(rs);
	const uaPublic = ua.getPublicKey();
	const ecdhSecret = ua.computeSecret(asPublic);
	const prkKey = hmac(authSecret, ecdhSecret);
	const keyInfo = Buffer.concat([Buffer.from('WebPush: info\0'), uaPublic, asPublic]);
	const ikm = hmac(prkKey, Buffer.concat([keyInfo, Buffer.from([1])]));
	const prk = hmac(salt, ikm);
	const cek = hmac(prk, Buffer.from('Content-Encoding: aes128gcm\0\x01', 'binary')).subarray(0, 16);
	const nonce = hmac(prk, Buffer.from('Content-Encoding: nonce\0\x01', 'binary')).subarray(0, 12);
	const decipher = createDecipheriv('aes-128-gcm', cek, nonce);
	decipher.setAuthTag(ciphertext.subarray(ciphertext.length - 16));
	const plain = Buffer.concat([
		decipher.update(ciphertext.subarray(0, ciphertext.length - 16)),
		decipher.final()
	]);
	// The last record ends with the delimiter 0x02, then zero padding.
	let end = plain.length - 1;
	while (end >= 0 && plain[end] === 0) end--;
	expect(plain[end]).toBe(2);
	return plain.subarray(0, end).toString('utf8');
}

/** RFC 8292: "vapid t=<JWT>, k=<application server public key>", ES256 over the JWT. */
function checkVapid(header: string, audience: string, publicKey: string) {
	const m = /^vapid t=([^,\s]+),\s*k=([A-Za-z0-9_-]+)$/.exec(header);
	expect(m, header).not.toBeNull();
	const [, jwt, k] = m!;
	expect(k).toBe(publicKey);
	const [h, p, sig] = jwt!.split('.');
	const claims = JSON.parse(Buffer.from(p!, 'base64url').toString());
	expect(JSON.parse(Buffer.from(h!, 'base64url').toString())).toMatchObject({ alg: 'ES256' });
	expect(claims.aud).toBe(audience);
	expect(claims.sub).toBe('mailto:thads@example.vn');
	expect(claims.exp).toBeGreaterThan(Date.now() / 1000);
	const raw = Buffer.from(k!, 'base64url');
	const key = createPublicKey({
		key: {
			kty: 'EC',
			crv: 'P-256',
			x: raw.subarray(1, 33).toString('base64url'),
			y: raw.subarray(33, 65).toString('base64url')
		},
		format: 'jwk'
	});
	const ok = verify(
		'sha256',
		Buffer.from(`${h}.${p}`),
		{ key, dsaEncoding: 'ieee-p1363' },
		Buffer.from(sig!, 'base64url')
	);
	expect(ok, 'VAPID JWT signature').toBe(true);
}

function browserSubscription(path = '/push/abc') {
	const ua = createECDH('prime256v1');
	ua.generateKeys();
	const auth = randomBytes(16);
	const json = {
		endpoint: `${base}${path}`,
		keys: { p256dh: ua.getPublicKey().toString('base64url'), auth: auth.toString('base64url') }
	};
	return { ua, auth, json };
}

function message(recipient: string, lang = 'vi'): OutboundMessage {
	const payload = { code: 'KN-HNAA-2222', resolve_due: '2026-12-30', lang };
	return {
		id: 42,
		channel: 'push',
		recipient,
		template: 'complaint_accepted',
		payload,
		lang,
		rendered: renderMessage(
			{ template: 'complaint_accepted', channel: 'push', payload, lang },
			'https://thads.example.vn'
		)
	};
}

describe('web push sender', () => {
	const vapid = webpush.generateVAPIDKeys();
	const sender = () =>
		webPushSender({
			publicKey: vapid.publicKey,
			privateKey: vapid.privateKey,
			subject: 'mailto:thads@example.vn',
			allowedHosts: ['127.0.0.1'],
			agent
		});

	it('sends an encrypted payload only the subscription can read, with a VAPID signature', async () => {
		answer = 201;
		const sub = browserSubscription();
		const before = received.length;
		const r = await sender().send(message(JSON.stringify(sub.json)));
		expect(received.length).toBe(before + 1);
		const req = received.at(-1)!;
		expect(req.url).toBe('/push/abc');
		expect(req.headers['content-encoding']).toBe('aes128gcm');
		expect(Number(req.headers.ttl)).toBe(24 * 3600);
		checkVapid(String(req.headers.authorization), base, vapid.publicKey);
		expect(req.body.toString('latin1')).not.toContain('KN-HNAA-2222');

		const payload = JSON.parse(decrypt(req.body, sub.ua, sub.auth));
		expect(payload.title).toContain('KN-HNAA-2222');
		expect(payload.body).toMatch(/thụ lý/);
		expect(payload.url).toBe('https://thads.example.vn/tra-cuu?ma=KN-HNAA-2222');
		expect(r && r.ref).toBe(`${base}/m/${received.length}`);
	});

	it('another subscription cannot decrypt it', async () => {
		const sub = browserSubscription();
		const other = browserSubscription();
		await sender().send(message(JSON.stringify(sub.json)));
		expect(() => decrypt(received.at(-1)!.body, other.ua, other.auth)).toThrow();
	});

	it('English when the citizen chose English', async () => {
		const sub = browserSubscription();
		await sender().send(message(JSON.stringify(sub.json), 'en'));
		const payload = JSON.parse(decrypt(received.at(-1)!.body, sub.ua, sub.auth));
		expect(payload.url).toBe('https://thads.example.vn/en/tra-cuu?ma=KN-HNAA-2222');
		expect(payload.title).not.toMatch(/[ạảấầẩẫậắằẳẵặẹẻẽếềểễệịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹđ]/i);
	});

	it('410 Gone (subscription expired) gives up; 500 is retried', async () => {
		const sub = browserSubscription();
		answer = 410;
		await expect(sender().send(message(JSON.stringify(sub.json)))).rejects.toBeInstanceOf(
			PermanentSendError
		);
		answer = 500;
		const e = await sender()
			.send(message(JSON.stringify(sub.json)))
			.catch((x: unknown) => x);
		expect(e).toBeInstanceOf(Error);
		expect(e).not.toBeInstanceOf(PermanentSendError);
		answer = 201;
	});

	it('never posts to a host that is not a push service (SSRF)', async () => {
		const sub = browserSubscription();
		const before = received.length;
		const strict = webPushSender({
			publicKey: vapid.publicKey,
			privateKey: vapid.privateKey,
			subject: 'mailto:thads@example.vn',
			agent
		});
		await expect(strict.send(message(JSON.stringify(sub.json)))).rejects.toBeInstanceOf(
			PermanentSendError
		);
		expect(received.length).toBe(before);
		expect(isAllowedPushEndpoint('https://fcm.googleapis.com/fcm/send/x', PUSH_SERVICE_HOSTS)).toBe(
			true
		);
		expect(isAllowedPushEndpoint('https://web.push.apple.com/QO', PUSH_SERVICE_HOSTS)).toBe(true);
		expect(
			isAllowedPushEndpoint('https://fcm.googleapis.com.evil.test/x', PUSH_SERVICE_HOSTS)
		).toBe(false);
		expect(isAllowedPushEndpoint('https://169.254.169.254/latest', PUSH_SERVICE_HOSTS)).toBe(false);
	});

	it('the shared schema accepts a browser subscription and refuses http endpoints', () => {
		const sub = browserSubscription();
		expect(
			pushSubscriptionSchema.safeParse({ ...sub.json, endpoint: 'https://fcm.googleapis.com/x/y' })
				.success
		).toBe(true);
		expect(
			pushSubscriptionSchema.safeParse({ ...sub.json, endpoint: 'http://127.0.0.1/x' }).success
		).toBe(false);
	});
});
